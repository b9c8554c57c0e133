//! `uuidv5(namespace, name)`: a name-based UUID (RFC 4122, SHA-1), as
//! Terraform computes it with Go's `github.com/google/uuid`.
//!
//! Written here on the SHA-1 already used for `sha1()` rather than with the
//! `uuid` crate: the namespace must be read as Go's `uuid.Parse` reads it
//! (the 38-character form's braces are not checked, `urn:uuid:` in any
//! case), which no crate does.

use sha1::{Digest, Sha1};

use super::Call;
use crate::model::Val;

pub const NAMES: &[&str] = &["uuidv5"];

pub fn call(c: &Call, _name: &str) -> Option<Val> {
    if c.args.len() != 2 {
        return None;
    }
    let namespace = match &*c.str(0)? {
        "dns" => 0x6ba7b810_9dad_11d1_80b4_00c04fd430c8u128.to_be_bytes(),
        "url" => 0x6ba7b811_9dad_11d1_80b4_00c04fd430c8u128.to_be_bytes(),
        "oid" => 0x6ba7b812_9dad_11d1_80b4_00c04fd430c8u128.to_be_bytes(),
        "x500" => 0x6ba7b814_9dad_11d1_80b4_00c04fd430c8u128.to_be_bytes(),
        other => parse(other)?,
    };
    let name = c.str(1)?;
    if !c.budget().steps(name.len() as u64 / 64 + 1, c.span) {
        return None;
    }
    let digest = Sha1::new().chain_update(namespace).chain_update(name.as_bytes()).finalize();
    let mut u = [0u8; 16];
    u.copy_from_slice(&digest[..16]);
    u[6] = (u[6] & 0x0f) | 0x50;
    u[8] = (u[8] & 0x3f) | 0x80;
    c.string(hyphenated(&u))
}

/// Go's `uuid.Parse`: `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, that inside any
/// two characters (meant as braces), after `urn:uuid:`, or 32 hex digits.
fn parse(s: &str) -> Option<[u8; 16]> {
    let b = s.as_bytes();
    let body = match b.len() {
        32 => return hex_bytes(b),
        36 => b,
        38 => &b[1..37],
        45 if b[..9].eq_ignore_ascii_case(b"urn:uuid:") => &b[9..],
        _ => return None,
    };
    if [8, 13, 18, 23].iter().any(|&i| body[i] != b'-') {
        return None;
    }
    let hex: Vec<u8> = body.iter().copied().filter(|&c| c != b'-').collect();
    (hex.len() == 32).then(|| hex_bytes(&hex)).flatten()
}

fn hex_bytes(b: &[u8]) -> Option<[u8; 16]> {
    let mut out = [0u8; 16];
    for (o, pair) in out.iter_mut().zip(b.chunks_exact(2)) {
        let digit = |c: u8| (c as char).to_digit(16);
        *o = (digit(pair[0])? * 16 + digit(pair[1])?) as u8;
    }
    Some(out)
}

fn hyphenated(u: &[u8; 16]) -> String {
    let hex: String = u.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}
