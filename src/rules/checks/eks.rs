//! Checks for EKS clusters (see the rule files that name them).

use crate::model::Element;
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] =
    &[("eks_control_plane_logging", eks_control_plane_logging)];

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
