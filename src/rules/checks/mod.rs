//! Rust checks named by rule files (`[check] function = "..."`), for what a
//! declarative attribute check cannot express: secret detection, CIDR and
//! port-range reasoning, IAM policy analysis.
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
mod secrets;

use super::declarative::{resolve, Found};
use super::engine::{CheckCx, CheckFn, Hit};
use crate::model::Element;

/// Checks that belong to no service.
const GENERAL: &[(&str, CheckFn)] = &[("none_enabled", none_enabled)];

/// Every module's checks, by the name rule files use.
const TABLES: &[&[(&str, CheckFn)]] = &[
    GENERAL,
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

/// Fires unless one of the dotted paths in `params.any_of` is true: one thing
/// that can be switched on in several places (MSK broker logs to S3, Firehose
/// or CloudWatch Logs). A value that is not known to be false (Unknown, or
/// not a boolean), or an Unknown block on the way, keeps it quiet.
/// `params.message` is the finding.
pub fn none_enabled(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let paths = cx.params.get("any_of").and_then(|v| v.as_array()).map(Vec::as_slice).unwrap_or_default();
    let mut off = None;
    for path in paths.iter().filter_map(|p| p.as_str()) {
        let found = resolve(&el.body, path);
        // Nothing at all: a block on the way is Unknown (a `dynamic` block).
        if found.is_empty() {
            return;
        }
        for found in found {
            if let Found::Value(v) = found {
                if v.as_bool() != Some(false) {
                    return;
                }
                off = off.or(Some(v));
            }
        }
    }
    let msg = cx.param_str("message").unwrap_or("none of the settings is enabled");
    hits.push(match off {
        Some(v) => Hit::new(el.locate(v, &el.body), msg).origin(el.written_at(v)),
        None => Hit::new(el.span, msg),
    });
}
