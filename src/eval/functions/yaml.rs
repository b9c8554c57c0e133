//! `yamldecode` and `yamlencode` as Terraform's `go-cty-yaml` does them:
//! YAML 1.1 scalars (`yes` is true, `0x10` is 16), one document, anchors
//! and aliases; written out in its block style. What that library would
//! write in a form not reproduced here (folded long lines, `|+` blocks,
//! timestamps) is Unknown.

use std::rc::Rc;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

use super::types::{number_text, parse_number, sorted_entries};
use super::Call;
use crate::model::value::{key, MapBuilder};
use crate::model::{Val, V};

pub const NAMES: &[&str] = &["yamldecode", "yamlencode"];

pub fn call(c: &Call, name: &str) -> Option<Val> {
    if c.args.len() != 1 {
        return None;
    }
    if name == "yamlencode" {
        let v = c.arg(0)?;
        let mut out = String::new();
        match &v.v {
            V::List(l) if !l.is_empty() => block(c, v, 0, &mut out)?,
            V::Map(m) if !m.is_empty() => block(c, v, 0, &mut out)?,
            V::Str(_) | V::Encoded(..) => {
                let s = c.str(0)?;
                if s.contains('\n') {
                    out.push_str(&literal(&s, 2)?);
                } else {
                    out.push_str(&quoted(&s, 0)?);
                    out.push('\n');
                }
            }
            _ => {
                out.push_str(&inline(c, v, 0)?);
                out.push('\n');
                if !matches!(v.v, V::List(_) | V::Map(_)) {
                    out.push_str("...\n");
                }
            }
        }
        return c.string(out);
    }
    let src = c.str(0)?;
    let mut p = Parser::new_from_str(&src);
    let mut next = || p.next_token().ok().map(|(e, _)| e);
    if !matches!(next()?, Event::StreamStart) || !matches!(next()?, Event::DocumentStart) {
        return None;
    }
    let mut anchors: foldhash::HashMap<usize, Val> = Default::default();
    let first = next()?;
    let v = value(c, first, &mut next, &mut anchors)?;
    if !matches!(next()?, Event::DocumentEnd) || !matches!(next()?, Event::StreamEnd) {
        return None;
    }
    Some(v)
}

fn value(
    c: &Call,
    ev: Event,
    next: &mut impl FnMut() -> Option<Event>,
    anchors: &mut foldhash::HashMap<usize, Val>,
) -> Option<Val> {
    if !c.budget().steps(1, c.span) {
        return None;
    }
    let (v, anchor) = match ev {
        Event::Scalar(s, style, anchor, tag) => (scalar(c, &s, style, tag.as_ref())?, anchor),
        Event::Alias(id) => return anchors.get(&id).cloned(),
        Event::SequenceStart(anchor, tag) => {
            if tag.is_some_and(|t| t.suffix != "seq") {
                return None;
            }
            let mut items = Vec::new();
            let mut size = 0;
            loop {
                match next()? {
                    Event::SequenceEnd => break,
                    e => {
                        let x = value(c, e, next, anchors)?;
                        size += x.size();
                        if !c.budget().fits(size, c.span) {
                            return None;
                        }
                        items.push(x);
                    }
                }
            }
            (c.list(items), anchor)
        }
        Event::MappingStart(anchor, tag) => {
            if tag.is_some_and(|t| t.suffix != "map") {
                return None;
            }
            let mut m = MapBuilder::default();
            let mut size = 0;
            loop {
                let k = match next()? {
                    Event::MappingEnd => break,
                    Event::Scalar(s, style, _, tag) => scalar(c, &s, style, tag.as_ref())?,
                    _ => return None,
                };
                let k = match &k.v {
                    V::Null => return None,
                    _ => key(&k.as_str()?),
                };
                let e = next()?;
                let x = value(c, e, next, anchors)?;
                size += x.size() + k.len() as u64;
                if !c.budget().fits(size, c.span) {
                    return None;
                }
                m.insert(k, x);
            }
            (c.val(V::Map(Rc::new(m.finish()))), anchor)
        }
        _ => return None,
    };
    if anchor != 0 {
        anchors.insert(anchor, v.clone());
    }
    Some(v)
}

/// A scalar resolved as YAML 1.1 (go-cty-yaml's `resolve.go`).
fn scalar(c: &Call, s: &str, style: TScalarStyle, tag: Option<&yaml_rust2::parser::Tag>) -> Option<Val> {
    match tag {
        Some(t) if t.suffix == "str" => return c.string(s),
        Some(_) => return None,
        None => {}
    }
    if style != TScalarStyle::Plain {
        return c.string(s);
    }
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Some(c.val(V::Null)),
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => return Some(c.bool(true)),
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Some(c.bool(false))
        }
        _ => {}
    }
    let b = s.as_bytes();
    match b[0] {
        b'.' => match parse_number(s) {
            Some(n) => c.num(n),
            // `.inf` and `.nan` (no JSON for them), or text.
            None if s.to_ascii_lowercase().ends_with("inf") || s.eq_ignore_ascii_case(".nan") => None,
            None => c.string(s),
        },
        b'0'..=b'9' | b'+' | b'-' => {
            // A date or time: written by Terraform in its own form.
            if b.len() > 4 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' {
                return None;
            }
            if let Some(n) = parse_number(s) {
                return c.num(n);
            }
            if s.contains("inf") || s.contains("Inf") || s.contains("INF") {
                return None;
            }
            let radix = |p: &str, r| s.strip_prefix(p).and_then(|d| u64::from_str_radix(d, r).ok());
            match radix("0x", 16).or_else(|| radix("0o", 8)) {
                Some(n) if n < 1 << 53 && !s[2..].starts_with(['+', '-']) => c.num(n as f64),
                Some(_) => None,
                None => c.string(s),
            }
        }
        _ => c.string(s),
    }
}

/// A collection in block style at `indent` (each line ends with a newline).
fn block(c: &Call, v: &Val, indent: usize, out: &mut String) -> Option<()> {
    if !c.budget().steps(1, c.span) || !c.budget().fits(out.len() as u64, c.span) {
        return None;
    }
    let pad = " ".repeat(indent);
    match &v.v {
        V::Map(_) => {
            for (i, (k, x)) in sorted_entries(v).into_iter().enumerate() {
                if i > 0 || !out.ends_with("- ") {
                    out.push_str(&pad);
                }
                if k.chars().count() > 60 {
                    return None;
                }
                out.push_str(&quoted(k, indent)?);
                out.push(':');
                match &x.v {
                    V::Map(m) if !m.is_empty() => {
                        out.push('\n');
                        block(c, x, indent + 2, out)?;
                    }
                    V::List(l) if !l.is_empty() => {
                        out.push('\n');
                        block(c, x, indent, out)?;
                    }
                    _ => {
                        out.push(' ');
                        scalar_after(c, x, indent + 2, k.chars().count() + 4, out)?;
                    }
                }
            }
        }
        V::List(l) => {
            for (i, x) in l.iter().enumerate() {
                if i > 0 || !out.ends_with("- ") {
                    out.push_str(&pad);
                }
                out.push_str("- ");
                match &x.v {
                    V::Map(m) if !m.is_empty() => block(c, x, indent + 2, out)?,
                    V::List(l) if !l.is_empty() => block(c, x, indent + 2, out)?,
                    _ => scalar_after(c, x, indent + 2, 2, out)?,
                }
            }
        }
        _ => return None,
    }
    Some(())
}

/// A scalar or empty collection after `"key": ` or `- `, then a newline.
fn scalar_after(c: &Call, x: &Val, indent: usize, column: usize, out: &mut String) -> Option<()> {
    match &x.v {
        V::Str(_) | V::Encoded(..) => {
            let s = c.str_of(x)?;
            if s.contains('\n') {
                out.push_str(&literal(&s, indent)?);
                return Some(());
            }
            out.push_str(&quoted(&s, indent + column)?);
        }
        _ => out.push_str(&inline(c, x, indent)?),
    }
    out.push('\n');
    Some(())
}

/// A number, bool, null or empty collection.
fn inline(_c: &Call, v: &Val, _indent: usize) -> Option<String> {
    Some(match &v.v {
        V::Null => "null".into(),
        V::Bool(b) => b.to_string(),
        V::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 => number_text(*n),
        V::Num(n) if n.abs() >= 1e-4 && n.abs() < 1e15 => number_text(*n),
        V::List(l) if l.is_empty() => "[]".into(),
        V::Map(m) if m.is_empty() => "{}".into(),
        _ => return None,
    })
}

/// A double-quoted scalar as libyaml writes it (`None` where it would fold
/// a long line).
fn quoted(s: &str, column: usize) -> Option<String> {
    if column + s.chars().count() > 72 && s.contains(' ') {
        return None;
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{a0}' => out.push_str("\\_"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            '\u{feff}' => return None,
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\x{:02X}", c as u32)),
            c if ('\u{80}'..'\u{a0}').contains(&c) => return None,
            c => out.push(c),
        }
    }
    out.push('"');
    Some(out)
}

/// A literal block (`|` or `|-`) with its lines at `indent`, for text that
/// libyaml writes so; `None` for other text.
fn literal(s: &str, indent: usize) -> Option<String> {
    let body = s.strip_suffix('\n');
    let text = body.unwrap_or(s);
    let plain = text.chars().all(|c| c == '\n' || (c >= ' ' && c != '\u{7f}' && !('\u{80}'..'\u{a0}').contains(&c)));
    if !plain
        || text.is_empty()
        || text.starts_with([' ', '\n'])
        || text.ends_with([' ', '\n'])
        || text.contains(" \n")
        || text.contains("\n ")
        || text.lines().any(|l| l.chars().count() + indent > 80)
    {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut out = String::from(if body.is_some() { "|\n" } else { "|-\n" });
    for line in text.split('\n') {
        if !line.is_empty() {
            out.push_str(&pad);
        }
        out.push_str(line);
        out.push('\n');
    }
    Some(out)
}
