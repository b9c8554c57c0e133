//! aws-sg-public-ingress-unknown-ports: world-open ingress whose ports are known only at apply time.

use crate::model::Element;
use crate::rules::engine::{CheckCx, Hit};

use super::network::{defined_at, maybe_unexpanded, sg_rules, world_cidrs};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] =
    &[("sg_public_ingress_unknown_ports", sg_public_ingress_unknown_ports)];

/// World-open ingress whose ports are only known at apply time: the protocol
/// or a port is Unknown (a variable without a value, another resource's
/// attribute). What it exposes cannot be judged from the code.
pub fn sg_public_ingress_unknown_ports(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for (rule, proto_key, keys) in sg_rules(el, "ingress") {
        // A `dynamic` block over an Unknown collection may make no rule at all.
        if maybe_unexpanded(cx, rule) {
            continue;
        }
        let unknown = |k: &str| rule.get(k).is_some_and(|v| v.is_unknown());
        let unknown_ports: Vec<&str> = match rule.get(proto_key) {
            Some(p) if p.is_unknown() => vec![proto_key],
            Some(p) => match p.as_str().map(|p| p.to_ascii_lowercase()).as_deref() {
                Some("tcp" | "udp" | "6" | "17") => {
                    ["from_port", "to_port"].into_iter().filter(|k| unknown(k)).collect()
                }
                _ => continue,
            },
            None => continue,
        };
        if unknown_ports.is_empty() {
            continue;
        }
        let verb = if unknown_ports.len() > 1 { "are" } else { "is" };
        let what = unknown_ports.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" and ");
        for (cidr, attr) in world_cidrs(rule, keys) {
            let c = crate::secrets::quote_cidr(&cidr.as_str().unwrap_or_default()).to_string();
            let msg = format!(
                "ingress from {c} whose {what} {verb} known only at apply time: which ports this opens to the whole internet cannot be checked",
            );
            hits.push(Hit::new(el.locate(cidr, attr), msg).origin(defined_at(el, cidr, attr)));
        }
    }
}
