//! Rust checks named by rule files (`[check] function = "..."`), for what the
//! rule language cannot express: secret detection, NACL rule ordering, the
//! service wildcards and S3 read/write patterns of identity policies,
//! messages that say which of several settings is wrong. The helpers the
//! language's predicates share live here too (network.rs, policy.rs, iam.rs).
//!
//! To add one: write `fn(&CheckCx, &Element, &mut Vec<Hit>)` in a file named
//! after its rule (or its small family: `s3.rs`, `iam.rs`, `lambda.rs`), list
//! it in that file's `CHECKS` table, and add the table to [`TABLES`].

mod default_sg;
mod ec2_ebs;
mod ec2_imds;
mod ecs;
mod eks;
mod files;
pub(crate) mod iam;
mod lambda;
mod lb_redirect;
mod log_retention;
mod nacl;
pub(crate) mod network;
mod oidc;
mod opensearch;
pub(crate) mod policy;
mod s3;
mod secret_refs;
mod secrets;
mod sg_unknown_ports;

use super::engine::CheckFn;

/// Every module's checks, by the name rule files use.
const TABLES: &[&[(&str, CheckFn)]] = &[
    default_sg::CHECKS,
    ec2_ebs::CHECKS,
    ec2_imds::CHECKS,
    ecs::CHECKS,
    eks::CHECKS,
    files::CHECKS,
    iam::CHECKS,
    lambda::CHECKS,
    lb_redirect::CHECKS,
    log_retention::CHECKS,
    nacl::CHECKS,
    oidc::CHECKS,
    opensearch::CHECKS,
    s3::CHECKS,
    secrets::CHECKS,
    sg_unknown_ports::CHECKS,
];

/// A known string attribute of an element.
pub(super) fn known_str(el: &crate::model::Element, key: &str) -> Option<String> {
    el.get(key).and_then(|v| v.as_str()).map(|s| s.into_owned())
}

pub fn lookup(name: &str) -> Option<CheckFn> {
    TABLES.iter().flat_map(|t| t.iter()).find(|(n, _)| *n == name).map(|(_, f)| *f)
}
