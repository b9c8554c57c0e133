//! String functions: `format`, `join`, `replace`, `substr`... Lengths and
//! positions count grapheme clusters (what a reader sees as one character),
//! as Terraform does; case mappings are Go's, one character to one.

use unicode_segmentation::UnicodeSegmentation;

use super::{types, Call};
use crate::model::{Val, V};

pub const NAMES: &[&str] = &[
    "chomp",
    "endswith",
    "format",
    "formatlist",
    "indent",
    "join",
    "lower",
    "replace",
    "split",
    "startswith",
    "strcontains",
    "strrev",
    "substr",
    "title",
    "trim",
    "trimprefix",
    "trimsuffix",
    "trimspace",
    "upper",
];

pub fn call(c: &Call, name: &str) -> Option<Val> {
    let arity = match name {
        "format" | "formatlist" | "join" => c.args.len().max(1),
        "replace" | "substr" => 3,
        "endswith" | "startswith" | "strcontains" | "trim" | "trimprefix" | "trimsuffix" | "split" | "indent" => 2,
        _ => 1,
    };
    if c.args.len() != arity {
        return None;
    }
    match name {
        "format" => c.string(format(c, &c.str(0)?, &c.args[1..])?),
        "formatlist" => formatlist(c),
        "join" => join(c),
        "replace" => replace(c),
        "split" => {
            let (sep, s) = (c.str(0)?, c.str(1)?);
            let parts: Vec<&str> = if sep.is_empty() {
                s.graphemes(false).flat_map(|g| g.char_indices().map(move |(i, ch)| &g[i..i + ch.len_utf8()])).collect()
            } else {
                s.split(&*sep).collect()
            };
            if !c.items(parts.len(), s.len() as u64 + parts.len() as u64 * crate::model::value::NODE_BYTES) {
                return None;
            }
            Some(c.list(parts.into_iter().map(|p| Val::str(p, c.span)).collect()))
        }
        "indent" => {
            let (n, s) = (c.int_arg(0)?, c.str(1)?);
            let n = usize::try_from(n).ok()?;
            let lines = s.matches('\n').count();
            // Charged before the padding is made.
            if lines > 0 && !c.text(lines.checked_mul(n).and_then(|p| p.checked_add(s.len())).unwrap_or(usize::MAX)) {
                return None;
            }
            let pad = if lines > 0 { " ".repeat(n) } else { String::new() };
            c.string(s.replace('\n', &format!("\n{pad}")))
        }
        "startswith" => Some(c.bool(c.str(0)?.starts_with(&*c.str(1)?))),
        "endswith" => Some(c.bool(c.str(0)?.ends_with(&*c.str(1)?))),
        "strcontains" => Some(c.bool(c.str(0)?.contains(&*c.str(1)?))),
        "trimprefix" => {
            let (s, p) = (c.str(0)?, c.str(1)?);
            c.string(s.strip_prefix(&*p).unwrap_or(&s))
        }
        "trimsuffix" => {
            let (s, p) = (c.str(0)?, c.str(1)?);
            c.string(s.strip_suffix(&*p).unwrap_or(&s))
        }
        "trim" => {
            let (s, cut) = (c.str(0)?, c.str(1)?);
            c.string(s.trim_matches(|ch| cut.contains(ch)))
        }
        "trimspace" => c.string(c.str(0)?.trim()),
        "chomp" => c.string(c.str(0)?.trim_end_matches(['\r', '\n'])),
        "lower" => c.string(c.str(0)?.chars().map(lower).collect::<String>()),
        "upper" => c.string(c.str(0)?.chars().map(upper).collect::<String>()),
        "title" => c.string(title(&c.str(0)?)),
        "strrev" => {
            let s = c.str(0)?;
            if !c.text(s.len()) {
                return None;
            }
            c.string(s.graphemes(true).rev().collect::<String>())
        }
        "substr" => {
            let s = c.str(0)?;
            let (offset, length) = (c.int_arg(1)?, c.int_arg(2)?);
            let g: Vec<&str> = s.graphemes(true).collect();
            if !c.budget().steps(g.len() as u64, c.span) {
                return None;
            }
            let start = if offset < 0 { (offset + g.len() as i64).max(0) } else { offset } as usize;
            let rest = g.get(start..).unwrap_or_default();
            let take = if length < 0 { rest.len() } else { (length as usize).min(rest.len()) };
            c.string(rest[..take].concat())
        }
        _ => None,
    }
}

/// Go's `unicode.ToLower`: one character to one (no final sigma, no `İ` → `i̇`).
fn lower(ch: char) -> char {
    if ch == '\u{130}' {
        return 'i';
    }
    let mut m = ch.to_lowercase();
    match (m.next(), m.next()) {
        (Some(l), None) => l,
        _ => ch,
    }
}

/// Go's `unicode.ToUpper`: one character to one (`ß` stays `ß`).
fn upper(ch: char) -> char {
    let mut m = ch.to_uppercase();
    match (m.next(), m.next()) {
        (Some(u), None) => u,
        _ => ch,
    }
}

/// Go's `strings.Title`: the first letter of each word in title case.
fn title(s: &str) -> String {
    let separator = |ch: char| {
        if ch.is_ascii() {
            !(ch.is_ascii_alphanumeric() || ch == '_')
        } else if ch.is_alphanumeric() {
            false
        } else {
            ch.is_whitespace()
        }
    };
    let mut prev = ' ';
    s.chars()
        .map(|ch| {
            let out = if separator(prev) {
                match ch {
                    '\u{1C4}'..='\u{1C6}' => '\u{1C5}',
                    '\u{1C7}'..='\u{1C9}' => '\u{1C8}',
                    '\u{1CA}'..='\u{1CC}' => '\u{1CB}',
                    '\u{1F1}'..='\u{1F3}' => '\u{1F2}',
                    _ => upper(ch),
                }
            } else {
                ch
            };
            prev = ch;
            out
        })
        .collect()
}

fn join(c: &Call) -> Option<Val> {
    let sep = c.str(0)?;
    if c.args.len() < 2 {
        return None;
    }
    let mut parts = Vec::new();
    let mut len = 0;
    for l in &c.args[1..] {
        for it in l.as_list()? {
            let t = c.str_of(it)?;
            len += t.len() + sep.len();
            if !c.budget().fits(len as u64, c.span) {
                return None;
            }
            parts.push(t);
        }
    }
    if !c.items(parts.len(), 0) || !c.text(len) {
        return None;
    }
    c.string(parts.join(&*sep))
}

fn replace(c: &Call) -> Option<Val> {
    let (s, from, to) = (c.str(0)?, c.str(1)?, c.str(2)?);
    if from.len() > 1 && from.starts_with('/') && from.ends_with('/') {
        let re = super::regex::compile(&from[1..from.len() - 1])?;
        // Each match may expand to the replacement with the whole text in it.
        let n = re.find_iter(&s).count();
        if !c.budget().steps(n as u64, c.span) || !c.text(s.len() + n * (to.len() + 1) * 2) {
            return None;
        }
        let mut out = String::new();
        let mut last = 0;
        for caps in re.captures_iter(&s) {
            let m = caps.get(0)?;
            out.push_str(&s[last..m.start()]);
            caps.expand(&to, &mut out);
            if !c.budget().fits(out.len() as u64, c.span) {
                return None;
            }
            last = m.end();
        }
        out.push_str(&s[last..]);
        return c.string(out);
    }
    // An empty pattern matches between every two characters.
    let n = if from.is_empty() { s.chars().count() + 1 } else { s.matches(&*from).count() };
    if !c.text(s.len() - n.min(s.len()) * from.len() + n * to.len()) {
        return None;
    }
    c.string(s.replace(&*from, &to))
}

fn formatlist(c: &Call) -> Option<Val> {
    let fmt = c.str(0)?;
    let args = &c.args[1..];
    // Lists go element by element (all of one length); other values repeat.
    let mut n: Option<usize> = None;
    for a in args {
        if let Some(l) = a.as_list() {
            match n {
                Some(m) if m != l.len() => return None,
                _ => n = Some(l.len()),
            }
        }
    }
    let n = n.unwrap_or(1);
    if !c.items(n, 0) {
        return None;
    }
    let mut out = Vec::with_capacity(n);
    let mut size = 0;
    for i in 0..n {
        let row: Vec<Val> = args.iter().map(|a| a.as_list().map_or(a, |l| &l[i]).clone()).collect();
        let s = format(c, &fmt, &row)?;
        size += s.len() as u64 + crate::model::value::NODE_BYTES;
        if !c.budget().fits(size, c.span) {
            return None;
        }
        out.push(c.string(s)?);
    }
    Some(c.list(out))
}

/// Terraform's `format`: Go's verbs with flags, width, precision and
/// `%[n]` argument indexes. `%e`, `%g` and `%c` are Unknown.
pub fn format(c: &Call, fmt: &str, args: &[Val]) -> Option<String> {
    let max = super::super::budget::MAX_VALUE_BYTES as usize;
    let mut out = String::new();
    let mut next = 0;
    let mut used = vec![false; args.len()];
    let mut chars = fmt.chars().peekable();
    while let Some(ch) = chars.next() {
        if out.len() > max {
            c.budget().fits(u64::MAX, c.span);
            return None;
        }
        if ch != '%' {
            out.push(ch);
            continue;
        }
        let mut flags = String::new();
        while let Some(&f) = chars.peek().filter(|f| "+- #0".contains(**f)) {
            flags.push(f);
            chars.next();
        }
        let number = |chars: &mut std::iter::Peekable<std::str::Chars>| {
            let mut n: Option<usize> = None;
            while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                n = Some(n.unwrap_or(0).checked_mul(10)?.checked_add(d as usize)?);
                chars.next();
            }
            Some(n)
        };
        if chars.peek() == Some(&'[') {
            chars.next();
            next = number(&mut chars)??.checked_sub(1)?;
            if chars.next() != Some(']') {
                return None;
            }
        }
        // Widths and precisions past this are Unknown (not truncated).
        let most = 1 << 16;
        let width = number(&mut chars)?;
        let precision = if chars.peek() == Some(&'.') {
            chars.next();
            Some(number(&mut chars)?.unwrap_or(0))
        } else {
            None
        };
        if width.is_some_and(|w| w > most) || precision.is_some_and(|p| p > most) {
            return None;
        }
        let verb = chars.next()?;
        if verb == '%' {
            out.push('%');
            continue;
        }
        let arg = args.get(next)?;
        used[next] = true;
        next += 1;
        let minus = flags.contains('-');
        let text = match verb {
            'v' if flags.contains('#') => json(c, arg)?,
            'v' => match &arg.v {
                V::List(_) | V::Map(_) => json(c, arg)?,
                V::Null => return None,
                _ => c.str_of(arg)?.into_owned(),
            },
            's' => {
                let s = c.str_of(arg)?;
                match precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s.into_owned(),
                }
            }
            'q' => super::encoding::json_string(&c.str_of(arg)?),
            't' => {
                out.push_str(if types::to_bool(arg)? { "true" } else { "false" });
                continue;
            }
            'd' | 'b' | 'o' | 'x' | 'X' => {
                let n = types::to_number(arg)?;
                if n.fract() != 0.0 || n.abs() >= 9.007_199_254_740_992e15 || flags.contains('#') || precision.is_some()
                {
                    return None;
                }
                let m = n.unsigned_abs_i64();
                let digits = match verb {
                    'd' => m.to_string(),
                    'b' => format!("{m:b}"),
                    'o' => format!("{m:o}"),
                    'x' => format!("{m:x}"),
                    _ => format!("{m:X}"),
                };
                signed(n < 0.0, digits, &flags, width, minus)
            }
            'f' => {
                let n = types::to_number(arg)?;
                if flags.contains('#') {
                    return None;
                }
                let digits = format!("{:.*}", precision.unwrap_or(6), n.abs());
                signed(n.is_sign_negative() && n != 0.0, digits, &flags, width, minus)
            }
            _ => return None,
        };
        let len = text.chars().count();
        let pad = width.unwrap_or(0).saturating_sub(len);
        if minus {
            out.push_str(&text);
            out.extend(std::iter::repeat_n(' ', pad));
        } else {
            out.extend(std::iter::repeat_n(' ', pad));
            out.push_str(&text);
        }
    }
    // Every argument must be used.
    used.iter().all(|u| *u).then_some(out)
}

trait AbsI64 {
    fn unsigned_abs_i64(self) -> u64;
}

impl AbsI64 for f64 {
    fn unsigned_abs_i64(self) -> u64 {
        (self as i64).unsigned_abs()
    }
}

/// A number's digits with its sign and zero padding (`%+05d`).
fn signed(negative: bool, digits: String, flags: &str, width: Option<usize>, minus: bool) -> String {
    let sign = if negative {
        "-"
    } else if flags.contains('+') {
        "+"
    } else if flags.contains(' ') {
        " "
    } else {
        ""
    };
    let zeros = match width {
        Some(w) if flags.contains('0') && !minus => w.saturating_sub(sign.len() + digits.len()),
        _ => 0,
    };
    format!("{sign}{}{digits}", "0".repeat(zeros))
}

fn json(c: &Call, v: &Val) -> Option<String> {
    super::to_json(v, c.budget(), c.span).ok()?
}
