//! Checks for EKS clusters (see the rule files that name them).

use crate::model::{Element, V};
use crate::rules::engine::{CheckCx, Hit};
use crate::secrets::quote_cidr;

use super::network::world_cidrs;

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] =
    &[("eks_control_plane_logging", eks_control_plane_logging), ("eks_public_endpoint_open", eks_public_endpoint_open)];

/// The control plane log types, as `enabled_cluster_log_types` spells them.
const LOG_TYPES: &[&str] = &["api", "audit", "authenticator", "controllerManager", "scheduler"];

/// `enabled_cluster_log_types` missing some (or all) of the control plane logs.
pub fn eks_control_plane_logging(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let Some(types) = el.get("enabled_cluster_log_types").filter(|v| !v.is_null()) else {
        hits.push(Hit::new(el.span, "`enabled_cluster_log_types` is not set: no control plane log (API server, audit, authenticator, controller manager, scheduler) is sent to CloudWatch Logs"));
        return;
    };
    let Some(items) = types.as_list() else { return };
    let mut present = Vec::new();
    for item in items {
        // One unknown element could be any type.
        let Some(s) = item.as_str() else { return };
        present.push(s.into_owned());
    }
    let missing: Vec<&str> =
        LOG_TYPES.iter().copied().filter(|t| !present.iter().any(|p| p.eq_ignore_ascii_case(t))).collect();
    if missing.is_empty() {
        return;
    }
    let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
    let why = if missing.contains(&"audit") {
        "who did what through the Kubernetes API is not recorded"
    } else {
        "those control plane logs are not kept"
    };
    hits.push(
        Hit::new(el.locate(types, types), format!("`enabled_cluster_log_types` leaves out {list}: {why}"))
            .origin(el.written_at(types)),
    );
}

/// A public API endpoint (`endpoint_public_access` not known to be false)
/// whose `public_access_cidrs` is the whole internet, or not set (its default).
pub fn eks_public_endpoint_open(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for vpc in el.get("vpc_config").map(|v| v.items()).unwrap_or_default() {
        // Private only, or maybe (Unknown): nothing to say.
        if vpc.get("endpoint_public_access").filter(|v| !v.is_null()).is_some_and(|v| v.as_bool() != Some(true)) {
            continue;
        }
        let cidrs = vpc.get("public_access_cidrs").filter(|v| !v.is_null());
        if cidrs.is_none() {
            hits.push(Hit::new(el.locate(vpc, vpc), "`vpc_config.public_access_cidrs` is not set, so it defaults to `0.0.0.0/0`: the public Kubernetes API endpoint is reachable from the whole internet"));
            continue;
        }
        // The provider sends no list when it is empty, and EKS applies its default.
        if let Some(empty) = cidrs.filter(|v| matches!(&v.v, V::List(l) if l.is_empty())) {
            hits.push(Hit::new(el.locate(empty, vpc), "`vpc_config.public_access_cidrs` is empty, so it defaults to `0.0.0.0/0`: the public Kubernetes API endpoint is reachable from the whole internet").origin(el.written_at(empty)));
            continue;
        }
        for (cidr, attr) in world_cidrs(vpc, &["public_access_cidrs"]) {
            let shown = cidr.as_str().map(|c| quote_cidr(&c).to_string()).unwrap_or_default();
            hits.push(
                Hit::new(el.locate(cidr, attr), format!("`public_access_cidrs` includes `{shown}`: the Kubernetes API endpoint is reachable from the whole internet"))
                    .origin(el.written_at(cidr)),
            );
        }
    }
}
