//! Security group ingress open to the whole internet, by port class.

use crate::model::{Element, Val};
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[
    ("sg_public_ingress", public_ingress),
];

/// Database and cache ports that should never face the internet.
const DATABASE_PORTS: &[(u32, &str)] = &[
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

#[derive(Debug, PartialEq)]
enum Ports {
    All,
    Range(u32, u32),
}

/// True for `0.0.0.0/0`, `::/0` and any other spelling of a /0 network.
pub fn is_world(cidr: &str) -> bool {
    let c = cidr.trim();
    c.ends_with("/0") || c == "0.0.0.0" || c == "::"
}

fn ports(rule: &Val, proto_key: &str) -> Option<Ports> {
    let proto = rule.get(proto_key)?.as_str()?.to_ascii_lowercase();
    match proto.as_str() {
        "-1" | "all" => return Some(Ports::All),
        "tcp" | "udp" | "6" | "17" => {}
        _ => return None, // icmp and others: no ports
    }
    let from = rule.get("from_port")?.as_num()? as i64;
    let to = rule.get("to_port")?.as_num()? as i64;
    // For TCP/UDP, 0-0 is port 0, not "all"; only a full range is everything.
    if from <= 1 && to >= 65535 {
        return Some(Ports::All);
    }
    Some(Ports::Range(from.max(0) as u32, to.max(from).max(0) as u32))
}

/// The world-open CIDR value of a rule, if any.
fn world_cidr<'v>(rule: &'v Val, keys: &[&str]) -> Option<(&'v Val, &'v Val)> {
    for k in keys {
        let Some(attr) = rule.get(k) else { continue };
        for item in attr.items() {
            if item.as_str().is_some_and(|c| is_world(&c)) {
                return Some((item, attr));
            }
        }
    }
    None
}

/// `[check.params] class = "ssh" | "rdp" | "database" | "all"`.
pub fn public_ingress(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let class = cx.param_str("class").unwrap_or("all");
    let mut rules: Vec<(&Val, &str, &[&str])> = Vec::new();
    match el.type_name.as_str() {
        "aws_security_group" | "aws_default_security_group" => {
            for r in el.get("ingress").map(|i| i.items()).unwrap_or_default() {
                rules.push((r, "protocol", &["cidr_blocks", "ipv6_cidr_blocks"]));
            }
        }
        "aws_security_group_rule" => {
            if el.get("type").and_then(|t| t.as_str()).as_deref() == Some("ingress") {
                rules.push((&el.body, "protocol", &["cidr_blocks", "ipv6_cidr_blocks"]));
            }
        }
        "aws_vpc_security_group_ingress_rule" => rules.push((&el.body, "ip_protocol", &["cidr_ipv4", "cidr_ipv6"])),
        _ => {}
    }
    for (rule, proto_key, cidr_keys) in rules {
        let Some((cidr, attr)) = world_cidr(rule, cidr_keys) else { continue };
        let Some(ports) = ports(rule, proto_key) else { continue };
        let c = cidr.as_str().unwrap_or_default().into_owned();
        let message = match (class, &ports) {
            ("all", Ports::All) => Some(format!("ingress from {c} allows every port and protocol: the whole host is exposed to the internet")),
            ("ssh", Ports::Range(a, b)) if (*a..=*b).contains(&22) => Some(format!("ingress from {c} to {} includes SSH (22): administrative access is open to the internet", range(*a, *b))),
            ("rdp", Ports::Range(a, b)) if (*a..=*b).contains(&3389) => Some(format!("ingress from {c} to {} includes RDP (3389): remote desktop is open to the internet", range(*a, *b))),
            ("database", Ports::Range(a, b)) => {
                let dbs: Vec<String> = DATABASE_PORTS.iter().filter(|(p, _)| (*a..=*b).contains(p)).map(|(p, n)| format!("{n} ({p})")).collect();
                (!dbs.is_empty()).then(|| format!("ingress from {c} to {} includes {}: databases must not be reachable from the internet", range(*a, *b), dbs.join(", ")))
            }
            _ => None,
        };
        if let Some(m) = message {
            // Where the CIDR was written, when not in this resource.
            let defined = cidr.origin.or((!el.span.contains(&cidr.span)).then_some(cidr.span)).or(attr.origin);
            let note = defined.map(|o| {
                let f = cx.sources.get(o.file);
                format!(" (the CIDR is set at {}:{})", f.display, f.line_col(o.start).0)
            });
            hits.push(Hit::new(el.locate(cidr, attr), m + &note.unwrap_or_default()).origin(cidr.origin));
        }
    }
}

fn range(a: u32, b: u32) -> String {
    if a == b {
        format!("port {a}")
    } else {
        format!("ports {a}-{b}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn world() {
        assert!(super::is_world("0.0.0.0/0"));
        assert!(super::is_world("::/0"));
        assert!(super::is_world(" 0::0/0"));
        assert!(!super::is_world("10.0.0.0/16"));
    }
}
