//! The Terraform functions the rules need to see through. Any other function
//! returns Unknown: never a guess, so never a false alarm.

use std::rc::Rc;

use super::budget::{Budget, MAX_VALUE_BYTES};
use super::Ctx;
use crate::model::{Encoding, Text, Val, V};
use crate::source::Span;

impl<'a> Ctx<'a> {
    pub fn call(&self, name: &str, args: Vec<Val>, span: Span) -> Val {
        let unknown = Val::unknown(span);
        let known = |v: V| Val::new(v, span);
        let s = |i: usize| args.get(i).and_then(|a| a.as_str()).map(|c| c.into_owned());
        let budget = &self.sources.budget;
        // What a function builds is charged before it is built: elements
        // copied as steps, text as bytes, and neither larger than a value may be.
        let items = |n: usize, size: u64| budget.steps(n as u64, span) && budget.fits(size, span);
        let text = |len: usize| budget.fits(len as u64, span) && budget.bytes(len as u64, span);
        match name {
            "jsonencode" => match args.into_iter().next() {
                Some(v) => known(V::Encoded(Encoding::Json, Box::new(v))),
                None => unknown,
            },
            "jsondecode" => match args.first().and_then(|a| a.json_doc(self.sources)) {
                Some(v) => v.rehome(span),
                None => unknown,
            },
            "base64encode" | "base64gzip" | "textencodebase64" => match args.into_iter().next() {
                Some(v) => known(V::Encoded(Encoding::Base64, Box::new(v))),
                None => unknown,
            },
            "base64decode" => match args.into_iter().next() {
                Some(Val { v: V::Encoded(Encoding::Base64, inner), .. }) => inner.rehome(span),
                Some(v) => match v.as_str().and_then(|t| base64_decode(&t)) {
                    Some(d) => Val::str(d, v.span).rehome(span),
                    None => unknown,
                },
                None => unknown,
            },
            "file" => match s(0) {
                Some(p) => self.read_file(&p, span).unwrap_or(unknown),
                None => unknown,
            },
            "templatefile" => match (s(0), args.get(1)) {
                (Some(p), Some(vars)) => self.template_file(&p, vars, span).unwrap_or(unknown),
                _ => unknown,
            },
            "format" => match (s(0), args.len()) {
                (Some(fmt), _) => match format_fn(&fmt, &args[1..], MAX_VALUE_BYTES as usize) {
                    Ok(r) if text(r.len()) => known(V::Str(Rc::new(Text::plain(r)))),
                    Err(FormatError::TooLong) => {
                        budget.fits(u64::MAX, span);
                        unknown
                    }
                    _ => unknown,
                },
                _ => unknown,
            },
            "join" => {
                let (Some(sep), true) = (s(0), args.len() >= 2) else { return unknown };
                let mut parts = Vec::new();
                let mut len = 0;
                for l in &args[1..] {
                    let Some(list) = l.as_list() else { return unknown };
                    for it in list {
                        let Some(t) = it.as_str() else { return unknown };
                        len += t.len() + sep.len();
                        if !budget.fits(len as u64, span) {
                            return unknown;
                        }
                        parts.push(t);
                    }
                }
                if !items(parts.len(), 0) || !text(len) {
                    return unknown;
                }
                known(V::Str(Rc::new(Text::plain(parts.join(&sep)))))
            }
            "concat" => {
                let (mut n, mut size) = (0, 0);
                for l in &args {
                    let Some(list) = l.as_list() else { return unknown };
                    n += list.len();
                    size += l.size();
                }
                if !items(n, size) {
                    return unknown;
                }
                let mut out = Vec::with_capacity(n);
                for l in &args {
                    out.extend(l.as_list().unwrap_or_default().iter().cloned());
                }
                known(V::List(Rc::new(out)))
            }
            "merge" => {
                let mut out = crate::model::value::MapBuilder::default();
                let (n, size) =
                    args.iter().fold((0, 0), |(n, s), m| (n + m.as_map().map_or(0, |e| e.len()), s + m.size()));
                if !items(n, size) {
                    return unknown;
                }
                for m in &args {
                    if m.is_null() {
                        continue;
                    }
                    let Some(entries) = m.as_map() else { return unknown };
                    for (k, v) in entries {
                        out.insert(k.clone(), v.clone());
                    }
                }
                known(V::Map(Rc::new(out.finish())))
            }
            "lookup" => {
                let (Some(m), Some(k)) = (args.first(), s(1)) else { return unknown };
                if m.as_map().is_none() {
                    return unknown;
                }
                match m.get(&k) {
                    Some(v) => v.clone(),
                    None => args.get(2).cloned().unwrap_or(unknown),
                }
            }
            "lower" | "upper" | "trimspace" | "title" => match s(0) {
                Some(t) if text(t.len()) => known(V::Str(Rc::new(Text::plain(match name {
                    "lower" => t.to_lowercase(),
                    "upper" => t.to_uppercase(),
                    "trimspace" => t.trim().to_string(),
                    _ => t,
                })))),
                _ => unknown,
            },
            "tostring" | "tonumber" | "tobool" | "sensitive" | "nonsensitive" | "tomap" => {
                args.into_iter().next().map_or(unknown, |v| v.rehome(span))
            }
            "tolist" | "toset" => match args.into_iter().next() {
                Some(v) if v.as_list().is_some() => {
                    if name == "toset" {
                        let list = v.as_list().unwrap_or_default();
                        if !items(list.len(), 0) {
                            return unknown;
                        }
                        let mut seen: Vec<Val> = Vec::new();
                        let mut strings = foldhash::HashSet::default();
                        for it in list {
                            let dup = it.as_str().is_some_and(|s| !strings.insert(s));
                            if !dup {
                                seen.push(it.clone());
                            }
                        }
                        known(V::List(Rc::new(seen)))
                    } else {
                        v.rehome(span)
                    }
                }
                _ => unknown,
            },
            "coalesce" => {
                for a in args {
                    match &a.v {
                        V::Unknown | V::Ref(_) => return unknown,
                        V::Null => continue,
                        V::Str(t) if t.text.is_empty() => continue,
                        _ => return a,
                    }
                }
                unknown
            }
            "coalescelist" => {
                for a in args {
                    match a.as_list() {
                        None => return unknown,
                        Some([]) => continue,
                        Some(_) => return a,
                    }
                }
                unknown
            }
            "element" => match (args.first().and_then(|l| l.as_list()), args.get(1).and_then(|i| i.as_num())) {
                (Some(l), Some(i)) if !l.is_empty() => l[(i as usize) % l.len()].clone(),
                _ => unknown,
            },
            "length" => match args.first().map(|a| &a.v) {
                Some(V::List(l)) => known(V::Num(l.len() as f64)),
                Some(V::Map(m)) => known(V::Num(m.len() as f64)),
                Some(V::Str(t)) if t.is_fully_known() => known(V::Num(t.text.chars().count() as f64)),
                _ => unknown,
            },
            "replace" => match (s(0), s(1), s(2)) {
                (Some(a), Some(b), Some(c)) if !(b.starts_with('/') && b.ends_with('/') && b.len() > 1) => {
                    // An empty pattern matches between every two characters.
                    let n = a.matches(&*b).count();
                    if !text(a.len() - n * b.len() + n * c.len()) {
                        return unknown;
                    }
                    known(V::Str(Rc::new(Text::plain(a.replace(&b, &c)))))
                }
                _ => unknown,
            },
            "split" => match (s(0), s(1)) {
                (Some(sep), Some(t)) if !sep.is_empty() => {
                    if !items(t.matches(&*sep).count() + 1, 0) {
                        return unknown;
                    }
                    known(V::List(Rc::new(t.split(&*sep).map(|p| Val::str(p, span)).collect())))
                }
                _ => unknown,
            },
            "flatten" => {
                // Visits every node of the input: its size is bounded, and
                // each visit is a step (a shared list is visited each time).
                fn flat(v: &Val, out: &mut Vec<Val>, budget: &Budget, span: Span) -> bool {
                    if !budget.steps(1, span) {
                        return false;
                    }
                    match v.as_list() {
                        Some(l) => l.iter().all(|x| flat(x, out, budget, span)),
                        None if v.is_unknown() => false,
                        None => {
                            out.push(v.clone());
                            true
                        }
                    }
                }
                let mut out = Vec::new();
                match args.first() {
                    Some(v) if v.as_list().is_some() && flat(v, &mut out, budget, span) => known(V::List(Rc::new(out))),
                    _ => unknown,
                }
            }
            "compact" => match args.first().and_then(|l| l.as_list()) {
                Some(l) => {
                    let mut out = Vec::new();
                    for it in l {
                        match &it.v {
                            V::Unknown | V::Ref(_) => return unknown,
                            V::Null => {}
                            V::Str(t) if t.text.is_empty() => {}
                            _ => out.push(it.clone()),
                        }
                    }
                    known(V::List(Rc::new(out)))
                }
                None => unknown,
            },
            "contains" => match (args.first().and_then(|l| l.as_list()), args.get(1).and_then(|x| x.as_str())) {
                (Some(l), Some(x)) if l.iter().all(|i| !i.is_unknown()) => {
                    known(V::Bool(l.iter().any(|i| i.as_str().as_deref() == Some(&*x))))
                }
                _ => unknown,
            },
            "keys" | "values" => match args.first().and_then(|m| m.as_map()) {
                Some(m) if items(m.len(), 0) => known(V::List(Rc::new(
                    m.iter().map(|(k, v)| if name == "keys" { Val::str(&**k, v.span) } else { v.clone() }).collect(),
                ))),
                _ => unknown,
            },
            _ => unknown,
        }
    }
}

/// Why `format` gives no value.
#[derive(Debug, PartialEq)]
enum FormatError {
    /// An argument is not known, or a verb is not one we render.
    Unknown,
    /// The result would be longer than `max` bytes.
    TooLong,
}

/// Terraform's `format` for the verbs people use (`%s`, `%d`, `%v`, `%%`),
/// up to `max` bytes.
fn format_fn(fmt: &str, args: &[Val], max: usize) -> Result<String, FormatError> {
    let result = format_unchecked(fmt, args, max);
    match result {
        Some(out) if out.len() > max => Err(FormatError::TooLong),
        Some(out) => Ok(out),
        None => Err(FormatError::Unknown),
    }
}

fn format_unchecked(fmt: &str, args: &[Val], max: usize) -> Option<String> {
    let mut out = String::new();
    let mut it = args.iter();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        // Skip flags, width and precision.
        while matches!(chars.peek(), Some('0'..='9' | '.' | '-' | '+' | '#' | ' ')) {
            chars.next();
        }
        match chars.next()? {
            '%' => out.push('%'),
            's' | 'd' | 'v' | 'q' | 'f' | 'g' | 't' => out.push_str(&it.next()?.as_str()?),
            _ => return None,
        }
        if out.len() > max {
            break;
        }
    }
    Some(out)
}

/// Renders a known value as Terraform's `jsonencode` would (keys sorted,
/// the last of repeated keys kept): `Ok(None)` if any part is unknown,
/// `Err` when the text would be larger than a value may be, or the steps run
/// out (recorded in the budget at `at`). Written straight to text, one step per node, so a value
/// that shares its parts costs what its size says and no more.
pub fn to_json(v: &Val, budget: &Budget, at: Span) -> Result<Option<String>, TooLarge> {
    let mut out = Vec::new();
    match write_json(v, &mut out, budget, at) {
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
    let string = |out: &mut Vec<u8>, s: &str| serde_json::to_writer(out, s).is_ok();
    let ok = match &v.v {
        V::Null => {
            out.extend_from_slice(b"null");
            true
        }
        V::Bool(b) => {
            out.extend_from_slice(if *b { b"true" } else { b"false" });
            true
        }
        V::Num(n) => {
            let value = serde_json::Number::from_f64(*n).map_or(serde_json::Value::Null, |n| {
                if n.as_f64().is_some_and(|f| f.fract() == 0.0 && f.abs() < 1e15) {
                    serde_json::Value::from(n.as_f64().unwrap_or(0.0) as i64)
                } else {
                    serde_json::Value::Number(n)
                }
            });
            serde_json::to_writer(out, &value).is_ok()
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
        V::Encoded(Encoding::Base64, inner) => match inner.as_str() {
            Some(s) => string(out, &base64_encode(s.as_bytes())),
            None => false,
        },
        _ => false,
    };
    Ok(ok)
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
    String::from_utf8(out).ok()
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
    fn format_verbs() {
        let span = Span::default();
        let args = [Val::str("db", span), Val::new(V::Num(5432.0), span)];
        assert_eq!(format_fn("%s:%d 100%%", &args, 100).as_deref(), Ok("db:5432 100%"));
        assert_eq!(format_fn("%s", &[Val::unknown(span)], 100), Err(FormatError::Unknown));
        assert_eq!(format_fn("%s%s", &[Val::str("abc", span), Val::str("abc", span)], 5), Err(FormatError::TooLong));
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
}
