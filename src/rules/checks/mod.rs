//! Rust checks named by rule files (`[check] function = "..."`), for what a
//! declarative attribute check cannot express: secret detection, CIDR and
//! port-range reasoning, IAM policy analysis.
//!
//! To add one: write `fn(&CheckCx, &Element, &mut Vec<Hit>)` in the module
//! that fits and list it in that module's `CHECKS` table (a new module also
//! goes into [`TABLES`]).

mod data_services;
mod ecs;
mod files;
mod iam;
mod network;
mod network_compute;
mod platform;
mod secrets;

use super::engine::CheckFn;

/// Every module's checks, by the name rule files use.
const TABLES: &[&[(&str, CheckFn)]] = &[
    data_services::CHECKS,
    ecs::CHECKS,
    files::CHECKS,
    iam::CHECKS,
    network::CHECKS,
    network_compute::CHECKS,
    platform::CHECKS,
    secrets::CHECKS,
];

pub fn lookup(name: &str) -> Option<CheckFn> {
    TABLES.iter().flat_map(|t| t.iter()).find(|(n, _)| *n == name).map(|(_, f)| *f)
}
