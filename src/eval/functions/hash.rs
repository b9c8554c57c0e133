//! Hashes of strings (`md5`, `sha256`, `base64sha256`...), with RustCrypto's
//! implementations: pure functions, so a known string has a known hash.

use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};

use super::{base64_encode, Call};
use crate::model::Val;

pub const NAMES: &[&str] = &["md5", "sha1", "sha256", "sha512", "base64sha256", "base64sha512"];

pub fn call(c: &Call, name: &str) -> Option<Val> {
    if c.args.len() != 1 {
        return None;
    }
    let s = c.str(0)?;
    // Hashing reads the text once: a step per 64 bytes.
    if !c.budget().steps(s.len() as u64 / 64 + 1, c.span) {
        return None;
    }
    let bytes = s.as_bytes();
    let digest: Vec<u8> = match name {
        "md5" => Md5::digest(bytes).to_vec(),
        "sha1" => Sha1::digest(bytes).to_vec(),
        "sha256" | "base64sha256" => Sha256::digest(bytes).to_vec(),
        _ => Sha512::digest(bytes).to_vec(),
    };
    if name.starts_with("base64") {
        c.string(base64_encode(&digest))
    } else {
        c.string(digest.iter().map(|b| format!("{b:02x}")).collect::<String>())
    }
}
