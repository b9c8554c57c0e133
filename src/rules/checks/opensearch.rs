//! Checks for OpenSearch / Elasticsearch domains (see the rule files that name them).

use crate::model::Element;
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[("opensearch_audit_logs", opensearch_audit_logs)];

/// No enabled `log_publishing_options` block with `log_type = "AUDIT_LOGS"`.
pub fn opensearch_audit_logs(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let Some(options) = el.get("log_publishing_options").filter(|v| !v.is_null()) else {
        hits.push(Hit::new(el.span, "no `log_publishing_options` block publishes `AUDIT_LOGS`: who read, changed or was refused which index is not recorded"));
        return;
    };
    // A dynamic block over an unknown collection: nothing can be said.
    let Some(blocks) = options.as_list() else { return };
    let mut disabled = None;
    for block in blocks {
        let Some(kind) = block.get("log_type") else { continue };
        let Some(kind) = kind.as_str() else { return };
        if !kind.eq_ignore_ascii_case("AUDIT_LOGS") {
            continue;
        }
        match block.get("enabled").filter(|v| !v.is_null()) {
            Some(enabled) if enabled.as_bool() == Some(false) => disabled = Some(enabled),
            // Absent is true (the provider's default); Unknown may be true.
            _ => return,
        }
    }
    match disabled {
        Some(v) => hits.push(
            Hit::new(el.locate(v, options), "the `AUDIT_LOGS` block of `log_publishing_options` has `enabled = false`: who read, changed or was refused which index is not recorded")
                .origin(el.written_at(v)),
        ),
        None => hits.push(Hit::new(
            el.locate(options, options),
            "`log_publishing_options` does not publish `AUDIT_LOGS`: who read, changed or was refused which index is not recorded",
        )),
    }
}
