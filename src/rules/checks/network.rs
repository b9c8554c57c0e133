//! Security group ingress open to the whole internet, by port class.
//!
//! Also the reading every network check shares (network_compute.rs too): which
//! CIDRs are the whole internet, which ports a rule opens, the port classes
//! these rules report (so that `sg_public_ingress_other` stays quiet on them).

use crate::model::{Element, Val};
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[("sg_public_ingress", public_ingress)];

/// Remote administration: the `ssh` and `rdp` classes.
pub const SSH: u32 = 22;
pub const RDP: u32 = 3389;
pub const ADMIN_PORTS: &[(u32, &str)] = &[(SSH, "SSH"), (RDP, "RDP")];

/// Database and cache ports that should never face the internet.
pub const DATABASE_PORTS: &[(u32, &str)] = &[
    (1433, "SQL Server"),
    (1521, "Oracle"),
    (2379, "etcd"),
    (3306, "MySQL"),
    (5432, "PostgreSQL"),
    (5439, "Redshift"),
    (5984, "CouchDB"),
    (6379, "Redis"),
    (7000, "Cassandra"),
    (8086, "InfluxDB"),
    (9042, "Cassandra"),
    (9200, "Elasticsearch"),
    (9300, "Elasticsearch"),
    (11211, "Memcached"),
    (26257, "CockroachDB"),
    (27017, "MongoDB"),
    (50000, "DB2"),
];

/// The ports a security group (or NACL) rule opens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ports {
    All,
    Range(u32, u32),
}

impl Ports {
    pub fn contains(&self, p: u32) -> bool {
        match self {
            Ports::All => true,
            Ports::Range(a, b) => (*a..=*b).contains(&p),
        }
    }
}

/// "every port", "port 22", "ports 20-23".
pub fn describe(p: Ports) -> String {
    match p {
        Ports::All => "every port".into(),
        Ports::Range(a, b) if a == b => format!("port {a}"),
        Ports::Range(a, b) => format!("ports {a}-{b}"),
    }
}

/// True for `0.0.0.0/0`, `::/0` and any other network whose prefix length is
/// 0, whatever its host bits (`10.0.0.0/0`, `::1/0`, `0.0.0.0/00`): AWS
/// reads each of them as the whole address space.
pub fn is_world(cidr: &str) -> bool {
    let c = cidr.trim();
    match c.rsplit_once('/') {
        Some((_, prefix)) => !prefix.is_empty() && prefix.bytes().all(|b| b == b'0'),
        None => c == "0.0.0.0" || c == "::",
    }
}

/// The ports a rule opens; `None` when unknown or for a protocol without
/// ports (ICMP...).
pub fn rule_ports(rule: &Val, proto_key: &str) -> Option<Ports> {
    let proto = rule.get(proto_key)?.as_str()?.to_ascii_lowercase();
    match proto.as_str() {
        "-1" | "all" => return Some(Ports::All),
        "tcp" | "udp" | "6" | "17" => {}
        _ => return None, // icmp and others: no ports
    }
    let from = rule.get("from_port")?.as_num()? as i64;
    let to = rule.get("to_port")?.as_num()? as i64;
    // For TCP/UDP, 0-0 is port 0, not "all"; a full range is everything, and
    // so is -1 to -1 (which the API reads as every port).
    if from <= 1 && to >= 65535 || from == -1 && to == -1 {
        return Some(Ports::All);
    }
    Some(Ports::Range(from.max(0) as u32, to.max(from).max(0) as u32))
}

/// Every world-open CIDR value of a rule, with the attribute holding it.
pub fn world_cidrs<'v>(rule: &'v Val, keys: &[&str]) -> Vec<(&'v Val, &'v Val)> {
    let mut out = Vec::new();
    for k in keys {
        let Some(attr) = rule.get(k) else { continue };
        for item in attr.items() {
            if item.as_str().is_some_and(|c| is_world(&c)) {
                out.push((item, attr));
            }
        }
    }
    out
}

/// The rules of one direction of a security group resource: (rule body,
/// protocol key, CIDR keys).
pub fn sg_rules<'e>(el: &'e Element, direction: &str) -> Vec<(&'e Val, &'static str, &'static [&'static str])> {
    const CLASSIC: &[&str] = &["cidr_blocks", "ipv6_cidr_blocks"];
    const VPC: &[&str] = &["cidr_ipv4", "cidr_ipv6"];
    let mut rules = Vec::new();
    match el.type_name.as_str() {
        "aws_security_group" | "aws_default_security_group" => {
            for r in el.get(direction).map(|i| i.items()).unwrap_or_default() {
                rules.push((r, "protocol", CLASSIC));
            }
        }
        "aws_security_group_rule" if el.get("type").and_then(|t| t.as_str()).as_deref() == Some(direction) => {
            rules.push((&el.body, "protocol", CLASSIC))
        }
        "aws_vpc_security_group_ingress_rule" if direction == "ingress" => rules.push((&el.body, "ip_protocol", VPC)),
        "aws_vpc_security_group_egress_rule" if direction == "egress" => rules.push((&el.body, "ip_protocol", VPC)),
        _ => {}
    }
    rules
}

/// Where `v` was written, when that is outside this element (a variable's
/// default, a local, a module caller's input): findings name it as `written at`.
pub fn defined_at(el: &Element, v: &Val, attr: &Val) -> Option<crate::source::Span> {
    el.written_at(v).or(attr.origin)
}

/// `[check.params] class = "ssh" | "rdp" | "database" | "all"`.
pub fn public_ingress(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let class = cx.param_str("class").unwrap_or("all");
    for (rule, proto_key, cidr_keys) in sg_rules(el, "ingress") {
        // The first world-open CIDR of the rule.
        let Some((cidr, attr)) = world_cidrs(rule, cidr_keys).into_iter().next() else { continue };
        let Some(ports) = rule_ports(rule, proto_key) else { continue };
        let c = crate::secrets::quote_cidr(&cidr.as_str().unwrap_or_default()).to_string();
        let message = match (class, ports) {
            ("all", Ports::All) => {
                // A full TCP or UDP range is every port of that protocol, not every protocol.
                let what = match rule.get(proto_key).and_then(|p| p.as_str()).map(|p| p.to_ascii_lowercase()) {
                    Some(p) if p == "tcp" || p == "6" => "every TCP port",
                    Some(p) if p == "udp" || p == "17" => "every UDP port",
                    _ => "every port and protocol",
                };
                Some(format!("ingress from {c} allows {what}: the whole host is exposed to the internet"))
            }
            ("ssh", Ports::Range(..)) if ports.contains(SSH) => Some(format!(
                "ingress from {c} to {} includes SSH ({SSH}): administrative access is open to the internet",
                describe(ports)
            )),
            ("rdp", Ports::Range(..)) if ports.contains(RDP) => Some(format!(
                "ingress from {c} to {} includes RDP ({RDP}): remote desktop is open to the internet",
                describe(ports)
            )),
            ("database", Ports::Range(..)) => {
                let dbs: Vec<String> = DATABASE_PORTS
                    .iter()
                    .filter(|(p, _)| ports.contains(*p))
                    .map(|(p, n)| format!("{n} ({p})"))
                    .collect();
                (!dbs.is_empty()).then(|| {
                    format!(
                        "ingress from {c} to {} includes {}: databases must not be reachable from the internet",
                        describe(ports),
                        dbs.join(", ")
                    )
                })
            }
            _ => None,
        };
        if let Some(m) = message {
            hits.push(Hit::new(el.locate(cidr, attr), m).origin(defined_at(el, cidr, attr)));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn world() {
        assert!(super::is_world("0.0.0.0/0"));
        assert!(super::is_world("::/0"));
        assert!(super::is_world(" 0::0/0"));
        assert!(super::is_world("10.0.0.0/0"));
        assert!(super::is_world("::1/0"));
        assert!(super::is_world("192.168.1.1/00"));
        assert!(!super::is_world("10.0.0.0/16"));
        assert!(!super::is_world("10.0.0.0/10"));
        assert!(!super::is_world("10.0.0.0/"));
    }
}
