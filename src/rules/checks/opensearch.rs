//! Checks for OpenSearch / Elasticsearch domains (see the rule files that name them).

use crate::model::Element;
use crate::rules::engine::{CheckCx, Hit};

use super::policy::public_grants;

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] =
    &[("opensearch_audit_logs", opensearch_audit_logs), ("opensearch_domain_public", opensearch_domain_public)];

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
        // A block of a dynamic whose `for_each` is Unknown may be the audit one.
        if block.is_unknown() {
            return;
        }
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

const DOMAINS: &[&str] = &["aws_opensearch_domain", "aws_elasticsearch_domain"];

/// Known to be reachable from the internet without fine-grained access
/// control: no `vpc_options`, and `advanced_security_options.enabled` not
/// true (an Unknown value of either keeps the check quiet).
fn open_to_internet(domain: &Element) -> bool {
    let absent =
        |v: Option<&crate::model::Val>| v.is_none_or(|v| v.is_null() || v.as_list().is_some_and(|l| l.is_empty()));
    if !absent(domain.get("vpc_options")) {
        return false;
    }
    let Some(security) = domain.get("advanced_security_options").filter(|v| !v.is_null()) else { return true };
    let Some(blocks) = security.as_list() else { return false };
    blocks.iter().all(|b| b.get("enabled").is_some_and(|e| e.as_bool() == Some(false)))
}

/// A domain outside any VPC, without fine-grained access control, whose access
/// policy (inline `access_policies` or an `aws_opensearch_domain_policy` /
/// `aws_elasticsearch_domain_policy`) allows everyone with no condition.
pub fn opensearch_domain_public(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let domain = if DOMAINS.contains(&el.type_name.as_str()) {
        Some(el)
    } else {
        // A separate policy resource: the domain it names, when it is in view.
        let Some(name) = el.get("domain_name") else { return };
        let literal = name.as_str();
        cx.elements.iter().copied().find(|d| {
            DOMAINS.contains(&d.type_name.as_str())
                && (el.refers_to(name, d)
                    || (literal.is_some()
                        && d.module_prefix() == el.module_prefix()
                        && d.get("domain_name").and_then(|n| n.as_str()) == literal))
        })
    };
    if !domain.is_some_and(open_to_internet) {
        return;
    }
    for g in public_grants(cx, el, &["access_policies"], &[]) {
        hits.push(
            Hit::new(g.span, format!("the access policy allows{} to any principal (`*`){}, and the domain is outside any VPC without fine-grained access control: anyone on the internet can query and change its indices", g.actions, g.unless))
                .origin(g.origin),
        );
    }
}
