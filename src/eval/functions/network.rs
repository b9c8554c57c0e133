//! `cidrhost`, `cidrnetmask`, `cidrsubnet` and `cidrsubnets`, as Terraform
//! computes them (its `go-cidr`): IPv4 and IPv6, addresses as 128-bit numbers.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::Call;
use crate::model::Val;

pub const NAMES: &[&str] = &["cidrhost", "cidrnetmask", "cidrsubnet", "cidrsubnets"];

/// A network: its address (host bits kept), prefix length, and address size.
#[derive(Clone, Copy)]
struct Net {
    addr: u128,
    prefix: u32,
    bits: u32,
}

impl Net {
    /// The mask of `prefix` bits.
    fn mask(&self, prefix: u32) -> u128 {
        let host = self.bits - prefix;
        all(self.bits) & !(if host >= 128 { u128::MAX } else { (1u128 << host) - 1 })
    }

    fn base(&self) -> u128 {
        self.addr & self.mask(self.prefix)
    }

    fn host_bits(&self) -> u32 {
        self.bits - self.prefix
    }

    fn show(&self, addr: u128) -> Option<String> {
        if self.bits == 32 {
            return Some(Ipv4Addr::from(addr as u32).to_string());
        }
        let a = Ipv6Addr::from(addr);
        // Go writes an IPv4-mapped address as IPv4.
        (a.to_ipv4_mapped().is_none()).then(|| a.to_string())
    }
}

/// Go's (before 1.17) `net.ParseCIDR`: IPv4 octets may have leading zeros.
fn parse(s: &str) -> Option<Net> {
    let (ip, len) = s.split_once('/')?;
    if len.is_empty() || !len.bytes().all(|b| b.is_ascii_digit()) || len.len() > 3 {
        return None;
    }
    let prefix: u32 = len.parse().ok()?;
    let (addr, bits) = if ip.contains(':') {
        let a: Ipv6Addr = ip.parse().ok()?;
        if a.to_ipv4_mapped().is_some() || ip.contains('.') {
            return None;
        }
        (u128::from(a), 128)
    } else {
        let mut octets = [0u8; 4];
        let mut parts = ip.split('.');
        for o in &mut octets {
            let p = parts.next()?;
            if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            *o = p.parse().ok()?;
        }
        if parts.next().is_some() {
            return None;
        }
        (u32::from(Ipv4Addr::from(octets)) as u128, 32)
    };
    (prefix <= bits).then_some(Net { addr, prefix, bits })
}

pub fn call(c: &Call, name: &str) -> Option<Val> {
    let n = c.args.len();
    let ok = match name {
        "cidrhost" => n == 2,
        "cidrnetmask" => n == 1,
        "cidrsubnet" => n == 3,
        _ => n >= 2,
    };
    if !ok {
        return None;
    }
    let net = parse(&c.str(0)?)?;
    match name {
        "cidrhost" => {
            let h = net.host_bits();
            let size = if h >= 127 { None } else { Some(1i128 << h) };
            let mut num = c.int_arg(1)? as i128;
            if num < 0 {
                num += size.unwrap_or(i128::MAX);
            }
            if num < 0 || size.is_some_and(|s| num >= s) {
                return None;
            }
            c.string(net.show(net.base() | num as u128)?)
        }
        "cidrnetmask" => {
            (net.bits == 32).then_some(())?;
            c.string(net.show(net.mask(net.prefix))?)
        }
        "cidrsubnet" => {
            let (newbits, num) = (c.int_arg(1)?, c.int_arg(2)?);
            let sub = subnet(net, newbits, num)?;
            c.string(format!("{}/{}", net.show(sub.addr)?, sub.prefix))
        }
        _ => {
            let lengths: Vec<i64> = (1..n).map(|i| c.int_arg(i)).collect::<Option<_>>()?;
            if lengths.iter().any(|l| *l < 1) || !c.items(lengths.len(), 0) {
                return None;
            }
            let mut current = subnet(net, lengths[0], 0)?;
            let mut out = vec![current];
            for &l in &lengths[1..] {
                let prefix = net.prefix.checked_add(u32::try_from(l).ok()?).filter(|p| *p <= net.bits)?;
                current = next_subnet(current, prefix)?;
                // Still inside the network.
                if current.addr & net.mask(net.prefix) != net.base() {
                    return None;
                }
                out.push(current);
            }
            let items: Option<Vec<Val>> =
                out.iter().map(|s| c.string(format!("{}/{}", net.show(s.addr)?, s.prefix))).collect();
            Some(c.list(items?))
        }
    }
}

/// Subnet `num` of `newbits` more bits.
fn subnet(net: Net, newbits: i64, num: i64) -> Option<Net> {
    let newbits = u32::try_from(newbits).ok()?;
    let prefix = net.prefix.checked_add(newbits).filter(|p| *p <= net.bits)?;
    if num < 0 || (newbits < 64 && num as u128 >= 1u128 << newbits) {
        return None;
    }
    let shift = net.bits - prefix;
    let offset = if shift >= 128 { 0 } else { (num as u128) << shift };
    Some(Net { addr: net.base() | offset, prefix, bits: net.bits })
}

/// go-cidr's `NextSubnet`: the first network of `prefix` after `current`.
fn next_subnet(current: Net, prefix: u32) -> Option<Net> {
    let every = all(current.bits);
    let last = current.base() | (every & !current.mask(current.prefix));
    let probe = Net { addr: last, prefix, bits: current.bits };
    let sub_last = probe.base() | (every & !probe.mask(prefix));
    let next = sub_last.wrapping_add(1) & every;
    // Wrapped around the address space.
    (next != 0).then_some(Net { addr: next, prefix, bits: current.bits })
}

fn all(bits: u32) -> u128 {
    if bits == 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    }
}
