//! aws-nacl-public-ingress: network ACL rules, judged in rule-number order.

use crate::model::{Element, Val};
use crate::rules::engine::{CheckCx, Hit};

use super::network::{defined_at, describe, rule_ports, world_cidrs, Ports, ADMIN_PORTS};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[("nacl_public_ingress", nacl_public_ingress)];

struct NaclRule<'v> {
    body: &'v Val,
    number: Option<f64>,
    allow: Option<bool>,
}

fn nacl_rules<'e>(cx: &'e CheckCx, el: &'e Element) -> Vec<NaclRule<'e>> {
    let action = |v: &Val, key: &str| v.get(key).and_then(|a| a.as_str()).map(|a| a.eq_ignore_ascii_case("allow"));
    let mut out = Vec::new();
    match el.type_name.as_str() {
        "aws_network_acl" | "aws_default_network_acl" => {
            for b in el.get("ingress").map(|i| i.items()).unwrap_or_default() {
                if b.as_map().is_some() {
                    out.push(NaclRule {
                        body: b,
                        number: b.get("rule_no").and_then(|n| n.as_num()),
                        allow: action(b, "action"),
                    });
                }
            }
        }
        "aws_network_acl_rule" => {
            // The sibling rules of the same ACL (for earlier deny rules).
            let acl = el.get("network_acl_id").and_then(|v| v.as_ref_path());
            for e in cx
                .elements
                .iter()
                .filter(|e| e.type_name == "aws_network_acl_rule" && e.module_prefix() == el.module_prefix())
            {
                let same = std::ptr::eq(*e, el)
                    || (acl.is_some() && e.get("network_acl_id").and_then(|v| v.as_ref_path()) == acl);
                let ingress = e.get("egress").map_or(Some(true), |v| v.as_bool().map(|b| !b));
                if same && ingress == Some(true) {
                    out.push(NaclRule {
                        body: &e.body,
                        number: e.get("rule_number").and_then(|n| n.as_num()),
                        allow: action(&e.body, "rule_action"),
                    });
                }
            }
        }
        _ => {}
    }
    out
}

/// Ingress allowed from the internet on every port, SSH or RDP.
pub fn nacl_public_ingress(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let rules = nacl_rules(cx, el);
    let own: Vec<&NaclRule> = match el.type_name.as_str() {
        "aws_network_acl_rule" => rules.iter().filter(|r| std::ptr::eq(r.body, &el.body)).collect(),
        _ => rules.iter().collect(),
    };
    for rule in own {
        if rule.allow != Some(true) {
            continue;
        }
        let Some(ports) = rule_ports(rule.body, "protocol") else { continue };
        for (cidr, attr) in world_cidrs(rule.body, &["cidr_block", "ipv6_cidr_block"]) {
            let c = cidr.as_str().unwrap_or_default().into_owned();
            let origin = defined_at(el, cidr, attr);
            let msg = match ports {
                Ports::All => format!("network ACL allows inbound traffic from {c} on every port and protocol: the subnet's only defence is each security group"),
                Ports::Range(a, b) => {
                    // The return-traffic range (1024-65535) every public subnet needs is not a finding.
                    if a >= 1024 && b >= 65535 {
                        continue;
                    }
                    // Ports an earlier-numbered deny rule already closes.
                    let denied = |p: u32| {
                        rules.iter().any(|d| {
                            d.allow == Some(false)
                                && matches!((d.number, rule.number), (Some(dn), Some(rn)) if dn < rn)
                                && rule_ports(d.body, "protocol").is_some_and(|dp| dp.contains(p))
                                && !world_cidrs(d.body, &["cidr_block", "ipv6_cidr_block"]).is_empty()
                        })
                    };
                    let open: Vec<String> = ADMIN_PORTS.iter().filter(|(p, _)| ports.contains(*p) && !denied(*p)).map(|(p, n)| format!("{n} ({p})")).collect();
                    if open.is_empty() {
                        continue;
                    }
                    format!("network ACL allows inbound traffic from {c} to {} including {}: remote administration is open at the subnet level", describe(ports), open.join(", "))
                }
            };
            hits.push(Hit::new(el.locate(cidr, attr), msg).origin(origin));
        }
    }
}
