//! `rsadecrypt(ciphertext, privatekey)`: PKCS #1 v1.5 decryption with an RSA
//! private key in PEM, as Terraform does it (Go's `rsa.DecryptPKCS1v15`).
//!
//! The key is read and the RSA operation done by RustCrypto's `rsa`; the
//! padding is checked here, because `rsa` answers a ciphertext with bad
//! padding with a pseudo-random message (implicit rejection, against
//! Bleichenbacher's attack) where Go, and so Terraform, gives an error. A
//! linter only ever decrypts what is written in the configuration, so the
//! timing of that check protects nothing.
//!
//! Unknown where Go would read what is read here differently: a key in
//! another format (OpenSSH's, an encrypted PEM, text around the PEM block),
//! a key under 1,024 bits or over 4,096, a ciphertext shorter than the key,
//! a message that is not UTF-8.

use rsa::hazmat::rsa_decrypt_and_check;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::traits::PublicKeyParts;
use rsa::{BoxedUint, PrivateKey};

use super::encoding::base64_bytes_strict;
use super::Call;
use crate::model::Val;

pub const NAMES: &[&str] = &["rsadecrypt"];

pub fn call(c: &Call, _name: &str) -> Option<Val> {
    if c.args.len() != 2 {
        return None;
    }
    let ciphertext = base64_bytes_strict(&c.str(0)?)?;
    // Reading the key and the decryption are the cost (see the budget).
    if !c.budget().key_operation(c.span) {
        return None;
    }
    let key = private_key(&c.str(1)?)?;
    let k = key.size();
    if !(128..=512).contains(&k) || ciphertext.len() != k {
        return None;
    }
    // One modular exponentiation: charged as reading the key a few times.
    if !c.budget().steps(k as u64 * 64, c.span) {
        return None;
    }
    let m = BoxedUint::from_be_slice(&ciphertext, key.n_bits_precision()).ok()?;
    let em = rsa_decrypt_and_check(&key, None::<&mut NoRng>, &m).ok()?.to_be_bytes();
    // The big-endian bytes, left-padded to the key's size.
    let em: Vec<u8> = std::iter::repeat_n(0, k.saturating_sub(em.len())).chain(em.iter().copied()).collect();
    let message = unpad(em.get(em.len() - k..)?)?;
    c.string(String::from_utf8(message.to_vec()).ok()?)
}

/// An RSA private key as PEM: PKCS #1 (`RSA PRIVATE KEY`) or PKCS #8
/// (`PRIVATE KEY`), the PEM block alone (surrounding blank space aside).
fn private_key(pem: &str) -> Option<PrivateKey> {
    let pem = pem.trim();
    if pem.starts_with("-----BEGIN RSA PRIVATE KEY-----") {
        PrivateKey::from_pkcs1_pem(pem).ok()
    } else if pem.starts_with("-----BEGIN PRIVATE KEY-----") {
        PrivateKey::from_pkcs8_pem(pem).ok()
    } else {
        None
    }
}

/// EME-PKCS1-v1_5 decoding: `00 02`, at least eight non-zero bytes, `00`,
/// the message; anything else is an error.
fn unpad(em: &[u8]) -> Option<&[u8]> {
    if em.len() < 11 || em[0] != 0 || em[1] != 2 {
        return None;
    }
    let zero = 2 + em[2..].iter().position(|b| *b == 0)?;
    (zero >= 10).then(|| &em[zero + 1..])
}

/// The RSA operation is unblinded (no randomness): this type is never used.
struct NoRng;

impl rsa::rand_core::TryRng for NoRng {
    type Error = std::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(0)
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        Ok(0)
    }
    fn try_fill_bytes(&mut self, _: &mut [u8]) -> Result<(), Self::Error> {
        Ok(())
    }
}

impl rsa::rand_core::TryCryptoRng for NoRng {}

#[cfg(test)]
mod tests {
    use super::unpad;

    #[test]
    fn padding_is_checked_as_go_checks_it() {
        let mut em = vec![0, 2, 1, 1, 1, 1, 1, 1, 1, 1, 0];
        em.extend_from_slice(b"hi");
        assert_eq!(unpad(&em), Some(&b"hi"[..]));
        let short = [0, 2, 1, 1, 1, 1, 1, 1, 1, 0, b'h', b'i'];
        assert_eq!(unpad(&short), None, "seven bytes of padding");
        let mut bad = em.clone();
        bad[1] = 1;
        assert_eq!(unpad(&bad), None, "not `00 02`");
        assert_eq!(unpad(&[0, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]), None, "no zero");
        assert_eq!(unpad(&[0, 2, 1, 1, 1, 1, 1, 1, 1, 1, 0]), Some(&[][..]), "an empty message");
    }
}
