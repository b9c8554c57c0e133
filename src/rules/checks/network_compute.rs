//! Checks for networking (security groups, NACLs, subnets), EC2, launch templates, autoscaling and load balancers (see the rule files that name them).

use crate::model::{Element, Kind, Val};
use crate::rules::engine::{CheckCx, Hit};

use super::network::{defined_at, describe, rule_ports, sg_rules, world_cidrs, Ports, ADMIN_PORTS};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[
    ("default_sg_allows_traffic", default_sg_allows_traffic),
    ("nacl_public_ingress", nacl_public_ingress),
    ("sg_public_ingress_unknown_ports", sg_public_ingress_unknown_ports),
    ("ec2_ebs_unencrypted", ec2_ebs_unencrypted),
    ("lb_http_not_redirected", lb_http_not_redirected),
];

// ---------------------------------------------------------------------------
// Security group rules
// ---------------------------------------------------------------------------

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

/// True when `block` comes from a `dynamic` block whose `for_each` is unknown
/// (its `content` evaluated once with an Unknown iterator): it may not exist.
fn maybe_unexpanded(cx: &CheckCx, block: &Val) -> bool {
    let f = cx.sources.get(block.span.file);
    let starts_content = f.text.get(block.span.start as usize..).is_some_and(|t| t.starts_with("content"));
    starts_content && block.as_map().is_some_and(|m| m.iter().any(|(_, v)| v.is_unknown()))
}

/// Rules on a VPC's default security group: inline in
/// `aws_default_security_group`, or separate rule resources attached to it.
pub fn default_sg_allows_traffic(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    if el.type_name == "aws_default_security_group" {
        for dir in ["ingress", "egress"] {
            let Some(list) = el.get(dir) else { continue };
            for block in list.items() {
                if block.as_map().is_none() || maybe_unexpanded(cx, block) {
                    continue;
                }
                let what = if dir == "ingress" { "accepts traffic" } else { "lets traffic out" };
                hits.push(Hit::new(
                    el.locate(block, list),
                    format!("the VPC's default security group has an `{dir}` rule: it {what} for every resource launched without an explicit security group"),
                ));
            }
        }
        return;
    }
    let Some(sg) = el.get("security_group_id") else { return };
    let Some(r) = sg.as_ref_path() else { return };
    if r.starts_with("aws_default_security_group.") || r.ends_with(".default_security_group_id") {
        let dir = match el.type_name.as_str() {
            "aws_vpc_security_group_ingress_rule" => "ingress",
            "aws_vpc_security_group_egress_rule" => "egress",
            _ => match el.get("type").and_then(|t| t.as_str()) {
                Some(t) => match &*t {
                    "ingress" => "ingress",
                    "egress" => "egress",
                    _ => return,
                },
                None => return,
            },
        };
        hits.push(Hit::new(
            el.locate(sg, sg),
            format!("this `{dir}` rule is attached to the VPC's default security group (`{r}`): every resource launched without an explicit security group gets it"),
        ));
    }
}

// ---------------------------------------------------------------------------
// Network ACLs
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// EC2 / EBS
// ---------------------------------------------------------------------------

/// True when the configuration turns on EBS encryption by default for the account/region.
fn ebs_default_encryption(cx: &CheckCx) -> bool {
    cx.elements.iter().any(|e| {
        e.kind == Kind::Resource
            && e.type_name == "aws_ebs_encryption_by_default"
            && e.get("enabled").and_then(|v| v.as_bool()) != Some(false)
    })
}

/// The block devices an instance, launch configuration or launch template
/// writes: each must say `encrypted = true`.
const DEVICES_CHECK: &str = r#"
attribute = ["root_block_device.encrypted", "ebs_block_device.encrypted", "block_device_mappings.ebs.encrypted"]
expect = true
when_absent = "fire"
when_block_absent = "quiet"
message = "block device `encrypted` is false: the volume and its snapshots are stored unencrypted"
absent_message = "block device does not set `encrypted = true`: the volume and its snapshots are stored unencrypted"
"#;

/// Known to be absent: not written, `null` or no block (an Unknown value,
/// a `dynamic` block over an Unknown collection, is not).
fn no_blocks(v: Option<&Val>) -> bool {
    match v {
        None => true,
        Some(v) if v.is_unknown() => false,
        Some(v) => v.items().is_empty(),
    }
}

const FROM_AMI: &str = "the root volume is created from the AMI's snapshot, so it is unencrypted unless that snapshot is, and this configuration does not turn on EBS encryption by default (`aws_ebs_encryption_by_default`)";

/// Block devices without `encrypted = true`, and a root volume no block
/// describes: it takes the AMI snapshot's encryption, unless the account
/// encrypts new volumes by default or the instance's launch template sets it.
pub fn ec2_ebs_unencrypted(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    static DEVICES: std::sync::OnceLock<crate::rules::declarative::Declarative> = std::sync::OnceLock::new();
    DEVICES
        .get_or_init(|| {
            let def = toml::from_str(DEVICES_CHECK).expect("the device check is valid");
            crate::rules::declarative::Declarative::new(&def)
        })
        .check(el, cx, hits);
    if let Some(msg) = root_volume_not_described(cx, el) {
        hits.push(Hit::new(el.span, msg));
    }
}

fn root_volume_not_described(cx: &CheckCx, el: &Element) -> Option<String> {
    match el.type_name.as_str() {
        "aws_instance" | "aws_launch_configuration" => {
            if !no_blocks(el.get("root_block_device")) || ebs_default_encryption(cx) {
                return None;
            }
            if el.type_name == "aws_instance" && !no_blocks(el.get("launch_template")) {
                // The template's settings apply: judge with them when it is
                // in this configuration, and stay quiet when it is not.
                let lt = el.get("launch_template")?;
                let block = lt.items().into_iter().next()?;
                let template = ["id", "name"].iter().filter_map(|k| block.get(k)).find_map(|v| {
                    cx.elements.iter().copied().find(|t| {
                        t.type_name == "aws_launch_template"
                            && (el.refers_to(v, t)
                                || (t.module_prefix() == el.module_prefix()
                                    && v.as_str().is_some_and(|n| {
                                        t.get("name").and_then(|tn| tn.as_str()).is_some_and(|tn| tn == n)
                                    })))
                    })
                })?;
                if !no_blocks(template.get("block_device_mappings")) {
                    return None;
                }
                let name = crate::secrets::quote_name(template.block_address());
                return Some(format!("no `root_block_device` block, and its launch template `{name}` has no `block_device_mappings`: {FROM_AMI}"));
            }
            Some(format!("no `root_block_device` block: {FROM_AMI}"))
        }
        "aws_launch_template" => {
            if !no_blocks(el.get("block_device_mappings")) || ebs_default_encryption(cx) {
                return None;
            }
            Some(format!("no `block_device_mappings`: for instances launched from this template, {FROM_AMI}"))
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Load balancers
// ---------------------------------------------------------------------------

/// The load balancer a listener belongs to, when it is in this configuration.
fn listener_lb<'e>(cx: &'e CheckCx, listener: &Element) -> Option<&'e Element> {
    let arn = listener.get("load_balancer_arn")?;
    cx.elements
        .iter()
        .copied()
        .find(|e| matches!(e.type_name.as_str(), "aws_lb" | "aws_alb") && listener.refers_to(arn, e))
}

/// `load_balancer_type` (default `application`); `None` when unknown.
fn lb_type(el: &Element) -> Option<String> {
    match el.get("load_balancer_type") {
        None => Some("application".into()),
        Some(v) if v.is_null() => Some("application".into()),
        Some(v) => v.as_str().map(|s| s.to_ascii_lowercase()),
    }
}

fn str_of(v: Option<&Val>) -> Option<String> {
    v.and_then(|v| v.as_str()).map(|s| s.into_owned())
}

/// HTTP listeners that forward to targets instead of redirecting to HTTPS.
pub fn lb_http_not_redirected(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let lb = listener_lb(cx, el);
    let protocol = match el.get("protocol") {
        Some(v) if !v.is_null() => match v.as_str() {
            Some(p) => p.to_ascii_uppercase(),
            None => return,
        },
        // The default is HTTP on an application load balancer.
        _ => match lb.map(lb_type) {
            Some(Some(t)) if t == "application" => "HTTP".into(),
            _ => return,
        },
    };
    if protocol != "HTTP" {
        return;
    }
    // Plain HTTP between services inside the VPC is out of scope.
    if let Some(lb) = lb {
        match lb.get("internal") {
            Some(v) if v.as_bool() == Some(true) => return,
            Some(v) if !v.is_null() && v.as_bool().is_none() => return,
            _ => {}
        }
    }
    let Some(actions) = el.get("default_action") else { return };
    let actions = actions.items();
    let mut forward = None;
    for a in &actions {
        let Some(t) = str_of(a.get("type")) else { return };
        match t.as_str() {
            "redirect" => {
                let to = a.get("redirect").map(|r| r.items()).unwrap_or_default();
                match to.first().and_then(|r| r.get("protocol")) {
                    Some(p) if p.as_str().is_some_and(|p| p.eq_ignore_ascii_case("HTTPS")) => return,
                    Some(p) if p.is_unknown() => return,
                    _ => {}
                }
            }
            "forward" => forward = forward.or(Some(*a)),
            _ => {}
        }
    }
    if let Some(a) = forward {
        let port = str_of(el.get("port"))
            .filter(|p| p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
            .map(|p| format!(" on port {p}"))
            .unwrap_or_default();
        let span = a.get("type").map_or(el.span, |t| el.locate(t, a));
        hits.push(Hit::new(span, format!("HTTP listener{port} forwards requests to its targets instead of redirecting to HTTPS: requests, cookies and credentials cross the network in plain text")));
    }
}
