//! The reading every network check shares (the rule language's
//! `open_to_internet`, nacl.rs, default_sg.rs, sg_unknown_ports.rs, eks.rs): which CIDRs are the whole
//! internet, which ports a rule opens, the port classes rules report (so that
//! `sg_public_ingress_other` stays quiet on them).

use crate::model::{Element, Val};

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

/// Services that must never face the internet: clear-text or unauthenticated
/// remote administration, file sharing and container / cluster control planes.
pub const SENSITIVE_PORTS: &[(u32, &str)] = &[
    (20, "FTP data"),
    (21, "FTP"),
    (23, "Telnet"),
    (69, "TFTP"),
    (111, "RPC portmapper"),
    (135, "Microsoft RPC"),
    (137, "NetBIOS"),
    (138, "NetBIOS"),
    (139, "NetBIOS"),
    (161, "SNMP"),
    (389, "LDAP"),
    (445, "SMB"),
    (873, "rsync"),
    (2049, "NFS"),
    (2375, "Docker API"),
    (2376, "Docker API"),
    (5900, "VNC"),
    (5985, "WinRM"),
    (5986, "WinRM"),
    (6000, "X11"),
    (6443, "Kubernetes API"),
    (10250, "kubelet"),
];

/// Web ports: a world-open 80/443 is what a public load balancer is for.
const WEB_PORTS: &[u32] = &[80, 443];

/// A port range none of the lists above covers (the ssh, rdp, database and
/// sensitive rules report those), other than web ports only.
pub fn unlisted(ports: Ports) -> bool {
    let Ports::Range(a, b) = ports else { return false };
    !ADMIN_PORTS.iter().chain(DATABASE_PORTS).chain(SENSITIVE_PORTS).any(|(p, _)| ports.contains(*p))
        && !(a..=b).all(|p| WEB_PORTS.contains(&p))
}

/// The port lists rule files name (`covers = "database"`).
pub fn port_class(name: &str) -> Option<&'static [(u32, &'static str)]> {
    Some(match name {
        "ssh" => &ADMIN_PORTS[..1],
        "rdp" => &ADMIN_PORTS[1..],
        "admin" => ADMIN_PORTS,
        "database" => DATABASE_PORTS,
        "sensitive" => SENSITIVE_PORTS,
        _ => return None,
    })
}

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

/// One opening to (or from) the whole internet: a world-open CIDR of a
/// security group rule whose ports are known. What the rule language's
/// `open_to_internet` and the Rust network checks read.
pub struct Opening<'v> {
    pub rule: &'v Val,
    pub proto_key: &'static str,
    pub cidr: &'v Val,
    /// The attribute holding the CIDR.
    pub attr: &'v Val,
    pub ports: Ports,
}

/// Every world-open CIDR of the `direction` rules of a security group
/// resource whose ports are known.
pub fn world_openings<'e>(el: &'e Element, direction: &str) -> Vec<Opening<'e>> {
    let mut out = Vec::new();
    for (rule, proto_key, keys) in sg_rules(el, direction) {
        let Some(ports) = rule_ports(rule, proto_key) else { continue };
        for (cidr, attr) in world_cidrs(rule, keys) {
            out.push(Opening { rule, proto_key, cidr, attr, ports });
        }
    }
    out
}

/// The services of `list` whose ports `ports` covers, a name once:
/// "SSH (22)", "Docker API (2375, 2376)".
pub fn services(ports: Ports, list: &[(u32, &str)]) -> Vec<String> {
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    for (p, n) in list.iter().filter(|(p, _)| ports.contains(*p)) {
        match groups.iter_mut().find(|(g, _)| g == n) {
            Some((_, ps)) => ps.push(p.to_string()),
            None => groups.push((n, vec![p.to_string()])),
        }
    }
    groups.iter().map(|(n, ps)| format!("{n} ({})", ps.join(", "))).collect()
}

/// What a rule that opens every port opens: a full TCP or UDP range is
/// every port of that protocol, not every protocol.
pub fn every(rule: &Val, proto_key: &str) -> &'static str {
    match rule.get(proto_key).and_then(|p| p.as_str()).map(|p| p.to_ascii_lowercase()).as_deref() {
        Some("tcp" | "6") => "every TCP port",
        Some("udp" | "17") => "every UDP port",
        _ => "every port and protocol",
    }
}

/// True when `block` comes from a `dynamic` block whose `for_each` is unknown
/// (its `content` evaluated once with an Unknown iterator): it may not exist.
pub(crate) fn maybe_unexpanded(cx: &crate::rules::engine::CheckCx, block: &Val) -> bool {
    let f = cx.sources.get(block.span.file);
    let starts_content = f.text.get(block.span.start as usize..).is_some_and(|t| t.starts_with("content"));
    starts_content && block.as_map().is_some_and(|m| m.iter().any(|(_, v)| v.is_unknown()))
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
