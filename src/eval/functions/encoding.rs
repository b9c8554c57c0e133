//! Encodings: JSON, base64, CSV and URL encoding. `jsonencode(x)` and
//! `base64encode(x)` keep `x` (with its spans) inside the string they stand
//! for, so the rules can look inside a policy or user data; it is written
//! out, byte for byte as Terraform writes it, only where a string is needed.

use std::rc::Rc;

use super::super::budget::Budget;
use super::types::number_text;
use super::Call;
use crate::model::{Encoding, Val, V};
use crate::source::Span;

pub const NAMES: &[&str] = &[
    "base64decode",
    "base64encode",
    "csvdecode",
    "jsondecode",
    "jsonencode",
    "textdecodebase64",
    "textencodebase64",
    "urlencode",
];

pub fn call(c: &Call, name: &str) -> Option<Val> {
    let arity = if name.starts_with("text") { 2 } else { 1 };
    if c.args.len() != arity || (arity == 2 && c.str(1)? != "UTF-8") {
        return None;
    }
    let v = c.arg(0)?;
    match name {
        "jsonencode" => Some(c.val(V::Encoded(Encoding::Json, Box::new(v.clone())))),
        "jsondecode" => match &v.v {
            V::Encoded(Encoding::Json, inner) => Some((**inner).clone().rehome(c.span)),
            V::Str(t) => {
                // Text that is only partly known (a template rendered with an
                // Unknown value inside a JSON string) decodes into a document
                // whose structure is known and whose strings hold the Unknown
                // parts: the code determines the rest (`"Action": "*"` beside
                // `"Resource": "${bucket_arn}"`). Terraform leaves the whole
                // Unknown until apply; the rules judge what is written. A key
                // that is not fully known would make any attribute possibly
                // present, so the document is Unknown then.
                // Checked once per string (a `for` may decode the same text once per key).
                let checked = c.ctx.sources.memo(t, v.span, || {
                    // Strict JSON, as Go reads it (no trailing commas, no comments).
                    if serde_json::from_str::<serde::de::IgnoredAny>(&t.text).is_err() {
                        return Decoded(None);
                    }
                    let doc = crate::parse::json::document(v, c.ctx.sources);
                    Decoded(doc.filter(|d| keys_known(d, c.budget(), c.span)))
                });
                checked.0.map(|doc| doc.rehome(c.span))
            }
            _ => {
                let s = c.str(0)?;
                let doc: serde_json::Value = serde_json::from_str(&s).ok()?;
                from_json(c, &doc)
            }
        },
        "base64encode" | "base64gzip" | "textencodebase64" => {
            let inner = match &v.v {
                V::Str(_) | V::Encoded(..) => v.clone(),
                _ => Val::str(&*c.str(0)?, v.span),
            };
            let how = if name == "base64gzip" { Encoding::Base64Gzip } else { Encoding::Base64 };
            Some(c.val(V::Encoded(how, Box::new(inner))))
        }
        "base64decode" | "textdecodebase64" => match &v.v {
            V::Encoded(Encoding::Base64, inner) => Some((**inner).clone().rehome(c.span)),
            _ => {
                let s = c.str(0)?;
                let text = base64_decode_strict(&s)?;
                c.text(text.len()).then(|| Val::str(text, v.span).rehome(c.span))
            }
        },
        "urlencode" => {
            let s = c.str(0)?;
            let mut out = String::with_capacity(s.len());
            for b in s.bytes() {
                match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
                    b' ' => out.push('+'),
                    _ => out.push_str(&format!("%{b:02X}")),
                }
            }
            c.string(out)
        }
        "csvdecode" => csv_decode(c, &c.str(0)?),
        _ => None,
    }
}

/// A `jsondecode`d document whose keys are all known (see [`keys_known`]).
#[derive(Clone)]
struct Decoded(Option<Val>);

/// Whether every object key in `v` is fully known (a step per node).
fn keys_known(v: &Val, budget: &super::Budget, at: crate::source::Span) -> bool {
    if !budget.steps(1, at) {
        return false;
    }
    match &v.v {
        V::List(l) => l.iter().all(|x| keys_known(x, budget, at)),
        V::Map(m) => m.iter().all(|(k, x)| !k.contains(crate::model::UNKNOWN_MARK) && keys_known(x, budget, at)),
        _ => true,
    }
}

/// A JSON document as a value (numbers as `f64`: an integer too large to be
/// exact is Unknown).
fn from_json(c: &Call, doc: &serde_json::Value) -> Option<Val> {
    if !c.budget().steps(1, c.span) {
        return None;
    }
    Some(match doc {
        serde_json::Value::Null => c.val(V::Null),
        serde_json::Value::Bool(b) => c.bool(*b),
        serde_json::Value::Number(n) => {
            let f = n.as_f64()?;
            if n.is_u64() || n.is_i64() {
                (f.abs() <= 9_007_199_254_740_992.0).then_some(())?;
            }
            c.num(f)?
        }
        serde_json::Value::String(s) => c.string(s.as_str())?,
        serde_json::Value::Array(a) => c.list(a.iter().map(|x| from_json(c, x)).collect::<Option<_>>()?),
        serde_json::Value::Object(m) => {
            let entries: Option<Vec<(Rc<str>, Val)>> =
                m.iter().map(|(k, x)| Some((crate::model::value::key(k), from_json(c, x)?))).collect();
            c.val(V::Map(Rc::new(entries?)))
        }
    })
}

/// Go's `encoding/csv` reading a header line and records of as many fields:
/// a list of objects of strings.
fn csv_decode(c: &Call, s: &str) -> Option<Val> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut field = String::new();
    let mut row: Vec<String> = Vec::new();
    let mut chars = s.chars().peekable();
    let mut at_start = true;
    loop {
        // One field.
        if at_start && chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next()? {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => break,
                    '\r' if chars.peek() == Some(&'\n') => {}
                    ch => field.push(ch),
                }
            }
            if !matches!(chars.peek(), None | Some(',' | '\n' | '\r')) {
                return None;
            }
        } else {
            while let Some(&ch) = chars.peek() {
                match ch {
                    ',' | '\n' => break,
                    '\r' if matches!(chars.clone().nth(1), Some('\n') | None) => break,
                    '"' => return None,
                    _ => {
                        field.push(ch);
                        chars.next();
                    }
                }
            }
        }
        row.push(std::mem::take(&mut field));
        if !c.budget().steps(1, c.span) {
            return None;
        }
        match chars.next() {
            Some(',') => at_start = true,
            Some('\r') => {
                chars.next();
                rows.push(std::mem::take(&mut row));
            }
            Some('\n') | None => {
                rows.push(std::mem::take(&mut row));
                if chars.peek().is_none() {
                    break;
                }
            }
            Some(_) => return None,
        }
        // Empty lines are skipped.
        while matches!(chars.peek(), Some('\n')) || (chars.peek() == Some(&'\r') && chars.clone().nth(1) == Some('\n'))
        {
            if chars.next() == Some('\r') {
                chars.next();
            }
        }
        if chars.peek().is_none() {
            break;
        }
    }
    let mut rows = rows.into_iter().filter(|r| !(r.len() == 1 && r[0].is_empty()));
    let header = rows.next()?;
    let mut names: Vec<&str> = header.iter().map(String::as_str).collect();
    names.sort_unstable();
    if names.windows(2).any(|w| w[0] == w[1]) {
        return None;
    }
    let mut out = Vec::new();
    for r in rows {
        if r.len() != header.len() || !c.items(r.len(), 0) {
            return None;
        }
        let entries = header.iter().zip(r).map(|(k, v)| (crate::model::value::key(k), Val::str(v, c.span))).collect();
        out.push(c.val(V::Map(Rc::new(entries))));
    }
    Some(c.list(out))
}

/// Go's `base64.StdEncoding.DecodeString` (padding required, line breaks
/// ignored) into UTF-8 text; `None` when it is not both.
fn base64_decode_strict(s: &str) -> Option<String> {
    String::from_utf8(base64_bytes_strict(s)?).ok()
}

/// Bytes of standard base64 as Go's `base64.StdEncoding` reads it: padded,
/// line breaks ignored, nothing else outside the alphabet.
pub(super) fn base64_bytes_strict(s: &str) -> Option<Vec<u8>> {
    let clean: Vec<u8> = s.bytes().filter(|b| *b != b'\n' && *b != b'\r').collect();
    if !clean.len().is_multiple_of(4) || !clean.iter().all(|b| *b == b'=' || B64.contains(b)) {
        return None;
    }
    let pad = clean.iter().rev().take_while(|b| **b == b'=').count();
    if pad > 2 || clean[..clean.len() - pad].contains(&b'=') {
        return None;
    }
    base64_bytes(std::str::from_utf8(&clean).ok()?)
}

/// Renders a known value as Terraform's `jsonencode` would (keys sorted,
/// the last of repeated keys kept): `Ok(None)` if any part is unknown,
/// `Err` when the text would be larger than a value may be, or the steps run
/// out (recorded in the budget at `at`). Written straight to text, one step per node, so a value
/// that shares its parts costs what its size says and no more.
///
/// The text is charged to the bytes budget: a `jsonencode` result is kept
/// as the value it encodes and written out wherever its text is read, so a
/// document read in many places (or encoded inside another, again and
/// again) costs its size each time.
pub fn to_json(v: &Val, budget: &Budget, at: Span) -> Result<Option<String>, TooLarge> {
    let mut out = Vec::new();
    match write_json(v, &mut out, budget, at) {
        Ok(true) if !budget.bytes(out.len() as u64, at) => Err(TooLarge),
        Ok(true) => Ok(String::from_utf8(out).ok()),
        Ok(false) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A JSON encoding larger than a value may be, or beyond the step budget.
#[derive(Debug, PartialEq)]
pub struct TooLarge;

/// `Ok(false)`: a part is unknown.
fn write_json(v: &Val, out: &mut Vec<u8>, budget: &Budget, at: Span) -> Result<bool, TooLarge> {
    if !budget.steps(1, at) || !budget.fits(out.len() as u64, at) {
        return Err(TooLarge);
    }
    let string = |out: &mut Vec<u8>, s: &str| {
        write_json_string(out, s);
        true
    };
    let ok = match &v.v {
        V::Null => {
            out.extend_from_slice(b"null");
            true
        }
        V::Bool(b) => {
            out.extend_from_slice(if *b { b"true" } else { b"false" });
            true
        }
        // JSON has no infinities (Terraform refuses them too).
        V::Num(n) if n.is_finite() => {
            if *n == 0.0 && n.is_sign_negative() {
                out.push(b'-');
            }
            out.extend_from_slice(number_text(*n).as_bytes());
            true
        }
        V::Str(t) if t.is_fully_known() => string(out, &t.text),
        V::List(l) => {
            out.push(b'[');
            for (i, x) in l.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                if !write_json(x, out, budget, at)? {
                    return Ok(false);
                }
            }
            out.push(b']');
            true
        }
        V::Map(m) => {
            // Sorted by key; of repeated keys, the last.
            let mut entries: Vec<(usize, &(Rc<str>, Val))> = m.iter().enumerate().collect();
            entries.sort_by(|(i, a), (j, b)| a.0.cmp(&b.0).then(j.cmp(i)));
            entries.dedup_by(|later, first| later.1 .0 == first.1 .0);
            out.push(b'{');
            for (i, (_, (k, x))) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                string(out, k);
                out.push(b':');
                if !write_json(x, out, budget, at)? {
                    return Ok(false);
                }
            }
            out.push(b'}');
            true
        }
        V::Encoded(Encoding::Json, inner) => match to_json(inner, budget, at)? {
            Some(text) => string(out, &text),
            None => false,
        },
        V::Encoded(..) => match encoded_text(v, budget, at)? {
            Some(text) => string(out, &text),
            None => false,
        },
        _ => false,
    };
    Ok(ok)
}

/// The string an encoded value stands for (`Ok(None)`: not known; a gzip
/// stream is Terraform's own bytes, so never known here).
pub fn encoded_text(v: &Val, budget: &Budget, at: Span) -> Result<Option<String>, TooLarge> {
    Ok(match &v.v {
        V::Encoded(Encoding::Json, inner) => to_json(inner, budget, at)?,
        V::Encoded(Encoding::Base64, inner) => encoded_text(inner, budget, at)?
            .map(|s| {
                let out = base64_encode(s.as_bytes());
                if budget.fits(out.len() as u64, at) && budget.bytes(out.len() as u64, at) {
                    Ok(out)
                } else {
                    Err(TooLarge)
                }
            })
            .transpose()?,
        V::Encoded(Encoding::Base64Gzip, _) => None,
        _ => v.as_str().map(|s| s.into_owned()),
    })
}

/// A string quoted as Terraform's `jsonencode` quotes it.
pub fn json_string(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len() + 2);
    write_json_string(&mut out, s);
    String::from_utf8(out).unwrap_or_default()
}

/// A JSON string as Go's `encoding/json` writes it (Terraform's
/// `jsonencode`): `<`, `>`, `&`, U+2028 and U+2029 escaped too. Runs of
/// bytes that need no escape are copied whole: strings can be megabytes
/// (a document encoded inside another), and a character at a time was most
/// of the time a hostile input spent within its budget.
fn write_json_string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let escape: Option<&[u8]> = match b {
            b'"' => Some(b"\\\""),
            b'\\' => Some(b"\\\\"),
            b'\n' => Some(b"\\n"),
            b'\r' => Some(b"\\r"),
            b'\t' => Some(b"\\t"),
            0x08 => Some(b"\\b"),
            0x0c => Some(b"\\f"),
            b'<' | b'>' | b'&' | 0..=0x1f => None,
            // U+2028 and U+2029: E2 80 A8 and E2 80 A9.
            0xe2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9)) => None,
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[run..i]);
        match escape {
            Some(e) => {
                out.extend_from_slice(e);
                i += 1;
            }
            None if b == 0xe2 => {
                out.extend_from_slice(if bytes[i + 2] == 0xa8 { b"\\u2028" } else { b"\\u2029" });
                i += 3;
            }
            None => {
                out.extend_from_slice(format!("\\u{:04x}", b).as_bytes());
                i += 1;
            }
        }
        run = i;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn base64_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64 into UTF-8 text; `None` when it is not both.
pub fn base64_decode(s: &str) -> Option<String> {
    String::from_utf8(base64_bytes(s)?).ok()
}

fn base64_bytes(s: &str) -> Option<Vec<u8>> {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for c in s.bytes().filter(|c| !c.is_ascii_whitespace()) {
        if c == b'=' {
            break;
        }
        let v = B64.iter().position(|x| *x == c)? as u32;
        bits = bits << 6 | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n & 0xff) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip() {
        for s in ["", "a", "ab", "abc", "#!/bin/bash\nexport X=1\n"] {
            assert_eq!(base64_decode(&base64_encode(s.as_bytes())).as_deref(), Some(s));
        }
        assert_eq!(base64_encode(b"hello"), "aGVsbG8=");
    }

    #[test]
    fn json_encoding_sorts_keys_keeps_the_last_of_repeated_ones_and_escapes() {
        let span = Span::default();
        let map = Val::new(
            V::Map(Rc::new(vec![
                (Rc::from("b"), Val::str("x\"\n", span)),
                (
                    Rc::from("a"),
                    Val::new(V::List(Rc::new(vec![Val::new(V::Num(1.5), span), Val::new(V::Null, span)])), span),
                ),
                (Rc::from("b"), Val::new(V::Num(2.0), span)),
            ])),
            span,
        );
        let budget = Budget::default();
        assert_eq!(to_json(&map, &budget, span), Ok(Some(r#"{"a":[1.5,null],"b":2}"#.to_string())));
        let unknown = Val::new(V::List(Rc::new(vec![Val::unknown(span)])), span);
        assert_eq!(to_json(&unknown, &budget, span), Ok(None));
    }

    #[test]
    fn every_encoding_of_a_document_is_charged_to_the_text_budget() {
        // A `jsonencode` result is written out wherever its text is read: a
        // document of 1/64 of the budget can be read 64 times, not more (the
        // structured fuzzer's input read encodings of nested documents until
        // a run took 24 s within every other budget).
        let span = Span::default();
        let part = (crate::source::budget::MAX_BUILT_BYTES / 64) as usize - 2;
        let doc = Val::new(V::Str(Rc::new(crate::model::Text::plain("x".repeat(part)))), span);
        let budget = Budget::default();
        for _ in 0..64 {
            assert!(matches!(to_json(&doc, &budget, span), Ok(Some(_))));
        }
        assert_eq!(to_json(&doc, &budget, span), Err(TooLarge));
    }
}
