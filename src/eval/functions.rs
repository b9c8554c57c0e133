//! The Terraform functions the rules need to see through. Any other function
//! returns Unknown: never a guess, so never a false alarm.

use std::rc::Rc;

use super::Ctx;
use crate::model::{Encoding, Text, Val, V};
use crate::source::Span;

impl<'a> Ctx<'a> {
    pub fn call(&self, name: &str, args: Vec<Val>, span: Span) -> Val {
        let unknown = Val::unknown(span);
        let known = |v: V| Val::new(v, span);
        let s = |i: usize| args.get(i).and_then(|a| a.as_str()).map(|c| c.into_owned());
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
                (Some(fmt), _) => {
                    format_fn(&fmt, &args[1..]).map_or(unknown, |r| known(V::Str(Rc::new(Text::plain(r)))))
                }
                _ => unknown,
            },
            "join" => {
                let (Some(sep), true) = (s(0), args.len() >= 2) else { return unknown };
                let mut parts = Vec::new();
                for l in &args[1..] {
                    let Some(items) = l.as_list() else { return unknown };
                    for it in items {
                        let Some(t) = it.as_str() else { return unknown };
                        parts.push(t.into_owned());
                    }
                }
                known(V::Str(Rc::new(Text::plain(parts.join(&sep)))))
            }
            "concat" => {
                let mut out = Vec::new();
                for l in &args {
                    let Some(items) = l.as_list() else { return unknown };
                    out.extend(items.iter().cloned());
                }
                known(V::List(Rc::new(out)))
            }
            "merge" => {
                let mut out = crate::model::value::MapBuilder::default();
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
                Some(t) => known(V::Str(Rc::new(Text::plain(match name {
                    "lower" => t.to_lowercase(),
                    "upper" => t.to_uppercase(),
                    "trimspace" => t.trim().to_string(),
                    _ => t,
                })))),
                None => unknown,
            },
            "tostring" | "tonumber" | "tobool" | "sensitive" | "nonsensitive" | "tomap" => {
                args.into_iter().next().map_or(unknown, |v| v.rehome(span))
            }
            "tolist" | "toset" => match args.into_iter().next() {
                Some(v) if v.as_list().is_some() => {
                    if name == "toset" {
                        let mut seen: Vec<Val> = Vec::new();
                        for it in v.as_list().unwrap_or_default() {
                            let dup = it.as_str().is_some() && seen.iter().any(|s| s.as_str() == it.as_str());
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
                    known(V::Str(Rc::new(Text::plain(a.replace(&b, &c)))))
                }
                _ => unknown,
            },
            "split" => match (s(0), s(1)) {
                (Some(sep), Some(t)) if !sep.is_empty() => {
                    known(V::List(Rc::new(t.split(&*sep).map(|p| Val::str(p, span)).collect())))
                }
                _ => unknown,
            },
            "flatten" => {
                fn flat(v: &Val, out: &mut Vec<Val>) -> bool {
                    match v.as_list() {
                        Some(l) => l.iter().all(|x| flat(x, out)),
                        None if v.is_unknown() => false,
                        None => {
                            out.push(v.clone());
                            true
                        }
                    }
                }
                let mut out = Vec::new();
                match args.first() {
                    Some(v) if v.as_list().is_some() && flat(v, &mut out) => known(V::List(Rc::new(out))),
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
                Some(m) => known(V::List(Rc::new(
                    m.iter().map(|(k, v)| if name == "keys" { Val::str(&**k, v.span) } else { v.clone() }).collect(),
                ))),
                None => unknown,
            },
            _ => unknown,
        }
    }
}

/// Terraform's `format` for the verbs people use (`%s`, `%d`, `%v`, `%%`).
fn format_fn(fmt: &str, args: &[Val]) -> Option<String> {
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
    }
    Some(out)
}

/// Renders a known value as Terraform's `jsonencode` would; `None` if any part is unknown.
pub fn to_json(v: &Val) -> Option<String> {
    fn conv(v: &Val) -> Option<serde_json::Value> {
        Some(match &v.v {
            V::Null => serde_json::Value::Null,
            V::Bool(b) => serde_json::Value::Bool(*b),
            V::Num(n) => serde_json::Number::from_f64(*n).map_or(serde_json::Value::Null, |n| {
                if n.as_f64().is_some_and(|f| f.fract() == 0.0 && f.abs() < 1e15) {
                    serde_json::Value::from(n.as_f64().unwrap_or(0.0) as i64)
                } else {
                    serde_json::Value::Number(n)
                }
            }),
            V::Str(t) if t.is_fully_known() => serde_json::Value::String(t.text.to_string()),
            V::List(l) => serde_json::Value::Array(l.iter().map(conv).collect::<Option<_>>()?),
            V::Map(m) => serde_json::Value::Object(
                m.iter().map(|(k, v)| Some((k.to_string(), conv(v)?))).collect::<Option<_>>()?,
            ),
            V::Encoded(Encoding::Json, inner) => serde_json::Value::String(to_json(inner)?),
            V::Encoded(Encoding::Base64, inner) => serde_json::Value::String(base64_encode(inner.as_str()?.as_bytes())),
            _ => return None,
        })
    }
    Some(conv(v)?.to_string())
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
        assert_eq!(format_fn("%s:%d 100%%", &args).as_deref(), Some("db:5432 100%"));
        assert_eq!(format_fn("%s", &[Val::unknown(span)]), None);
    }
}
