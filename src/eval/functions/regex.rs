//! `regex` and `regexall` (and `replace` with a `/pattern/`): Terraform's
//! patterns are Go's RE2 syntax, which the `regex` crate reads the same way,
//! except that Go's `\d`, `\w`, `\s` and `\b` are ASCII-only: they are
//! rewritten as ASCII classes before compiling.

use std::rc::Rc;

use regex::Regex;

use super::Call;
use crate::model::value::key;
use crate::model::{Val, V};

pub const NAMES: &[&str] = &["regex", "regexall"];

/// Compiled patterns bigger than this are refused (the crate's own limit
/// is ten times larger).
const MAX_COMPILED: usize = 1 << 20;

pub fn call(c: &Call, name: &str) -> Option<Val> {
    if c.args.len() != 2 {
        return None;
    }
    let (pattern, s) = (c.str(0)?, c.str(1)?);
    let re = compile(&pattern)?;
    let names: Vec<Option<&str>> = re.capture_names().skip(1).collect();
    // Named and unnamed groups may not be mixed.
    let named = names.iter().filter(|n| n.is_some()).count();
    if named != 0 && named != names.len() {
        return None;
    }
    let one = |caps: regex::Captures| -> Option<Val> {
        if names.is_empty() {
            return c.string(caps.get(0)?.as_str());
        }
        let group = |i: usize| match caps.get(i + 1) {
            Some(m) => Val::str(m.as_str(), c.span),
            None => c.val(V::Null),
        };
        Some(if named > 0 {
            let entries = names.iter().enumerate().map(|(i, n)| (key(n.unwrap_or_default()), group(i))).collect();
            c.val(V::Map(Rc::new(entries)))
        } else {
            c.list((0..names.len()).map(group).collect())
        })
    };
    if name == "regex" {
        return one(re.captures(&s)?);
    }
    let mut out = Vec::new();
    let mut size = 0;
    for caps in re.captures_iter(&s) {
        let v = one(caps)?;
        size += v.size();
        if !c.items(1, size) {
            return None;
        }
        out.push(v);
    }
    Some(c.list(out))
}

/// A Go (RE2) pattern compiled with Go's meaning; `None` when it does not
/// compile (Terraform reports an error) or uses what Go reads differently.
pub fn compile(pattern: &str) -> Option<Regex> {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => {
                let e = chars.next()?;
                let ascii = match (e, in_class) {
                    ('d', false) => "[0-9]",
                    ('D', false) => "[^0-9]",
                    ('w', false) => "[0-9A-Za-z_]",
                    ('W', false) => "[^0-9A-Za-z_]",
                    ('s', false) => "[\\t\\n\\f\\r ]",
                    ('S', false) => "[^\\t\\n\\f\\r ]",
                    ('b', false) => "(?-u:\\b)",
                    ('B', false) => "(?-u:\\B)",
                    ('d', true) => "0-9",
                    ('w', true) => "0-9A-Za-z_",
                    ('s', true) => "\\t\\n\\f\\r ",
                    ('D' | 'W' | 'S' | 'C', _) => return None,
                    _ => "",
                };
                if ascii.is_empty() {
                    out.push('\\');
                    out.push(e);
                } else {
                    out.push_str(ascii);
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(ch);
                // `[]a]` and `[^]a]`: a leading `]` is a literal.
                let mut ahead = chars.clone();
                match ahead.next() {
                    Some('^') => {
                        out.push('^');
                        chars.next();
                        if ahead.next() == Some(']') {
                            out.push_str("\\]");
                            chars.next();
                        }
                    }
                    Some(']') => {
                        out.push_str("\\]");
                        chars.next();
                    }
                    _ => {}
                }
            }
            '[' if in_class && chars.clone().next() == Some(':') => {
                // `[:alpha:]` inside a class.
                out.push('[');
                for c2 in chars.by_ref() {
                    out.push(c2);
                    if c2 == ']' {
                        break;
                    }
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(ch);
            }
            // Literal inside a Go class, operators inside the crate's.
            '[' | '&' | '~' if in_class => {
                out.push('\\');
                out.push(ch);
            }
            '-' if in_class && chars.clone().next() == Some('-') => return None,
            _ => out.push(ch),
        }
    }
    regex::RegexBuilder::new(&out).size_limit(MAX_COMPILED).dfa_size_limit(MAX_COMPILED).build().ok()
}
