//! Rust checks named by rule files (`[check] function = "..."`), for what a
//! declarative attribute check cannot express: secret detection, CIDR and
//! port-range reasoning, IAM policy analysis.
//!
//! To add one: write `fn(&CheckCx, &Element, &mut Vec<Hit>)` in the module
//! that fits and list it in that module's `CHECKS` table (a new module also
//! goes into [`TABLES`]).

mod apigateway;
mod cloudfront;
mod data_services;
mod ecr;
mod ecs;
mod eks;
mod files;
mod iam;
mod network;
mod network_compute;
mod opensearch;
mod policy;
mod s3;
mod secrets;

use super::engine::{CheckCx, CheckFn, Hit};
use crate::model::Element;

/// Checks that belong to no service.
const GENERAL: &[(&str, CheckFn)] = &[("always", always)];

/// Every module's checks, by the name rule files use.
const TABLES: &[&[(&str, CheckFn)]] = &[
    GENERAL,
    apigateway::CHECKS,
    cloudfront::CHECKS,
    data_services::CHECKS,
    ecr::CHECKS,
    ecs::CHECKS,
    eks::CHECKS,
    files::CHECKS,
    iam::CHECKS,
    network::CHECKS,
    network_compute::CHECKS,
    opensearch::CHECKS,
    policy::CHECKS,
    s3::CHECKS,
    secrets::CHECKS,
];

pub fn lookup(name: &str) -> Option<CheckFn> {
    TABLES.iter().flat_map(|t| t.iter()).find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// Always fires, with `params.message`: the resource itself is the finding.
pub fn always(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let msg = cx.param_str("message").unwrap_or("this resource is discouraged");
    hits.push(Hit::new(el.span, msg));
}
