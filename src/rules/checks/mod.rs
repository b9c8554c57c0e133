//! Rust checks named by rule files (`[check] function = "..."`), for what a
//! declarative attribute check cannot express: secret detection, CIDR and
//! port-range reasoning, IAM policy analysis.
//!
//! To add one: write `fn(&CheckCx, &Element, &mut Vec<Hit>)` in the module
//! that fits and add its name to [`lookup`].

mod ecs;
mod files;
mod iam;
mod network;
mod secrets;

use super::engine::CheckFn;

pub fn lookup(name: &str) -> Option<CheckFn> {
    Some(match name {
        "secret_attributes" => secrets::secret_attributes,
        "provider_credentials" => secrets::provider_credentials,
        "tfvars_secrets" => secrets::tfvars_secrets,
        "user_data_secrets" => secrets::user_data_secrets,
        "ecs_environment_secrets" => ecs::environment_secrets,
        "sg_public_ingress" => network::public_ingress,
        "iam_policy_admin" => iam::policy_admin,
        "credentials_file" => files::credentials_file,
        "private_key_file" => files::private_key_file,
        "state_file" => files::state_file,
        _ => return None,
    })
}
