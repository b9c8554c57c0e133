//! Rust checks named by rule files (`[check] function = "..."`), for what the
//! rule language cannot express: secret detection, NACL rule ordering, the
//! service wildcards and S3 read/write patterns of identity policies,
//! messages that say which of several settings is wrong. The helpers the
//! language's predicates share live here too (network.rs, policy.rs, iam.rs).
//!
//! To add one: write `fn(&CheckCx, &Element, &mut Vec<Hit>)` in the module
//! that fits and list it in that module's `CHECKS` table (a new module also
//! goes into [`TABLES`]).

mod data_services;
mod ec2_imds;
mod ecs;
mod eks;
mod files;
pub(crate) mod iam;
pub(crate) mod network;
mod network_compute;
mod opensearch;
pub(crate) mod policy;
mod s3;
mod secret_refs;
mod secrets;

use super::engine::CheckFn;

/// Every module's checks, by the name rule files use.
const TABLES: &[&[(&str, CheckFn)]] = &[
    data_services::CHECKS,
    ec2_imds::CHECKS,
    ecs::CHECKS,
    eks::CHECKS,
    files::CHECKS,
    iam::CHECKS,
    network_compute::CHECKS,
    opensearch::CHECKS,
    s3::CHECKS,
    secrets::CHECKS,
];

pub fn lookup(name: &str) -> Option<CheckFn> {
    TABLES.iter().flat_map(|t| t.iter()).find(|(n, _)| *n == name).map(|(_, f)| *f)
}
