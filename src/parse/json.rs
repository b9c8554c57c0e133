//! A small JSON parser that keeps the span of every value.
//!
//! serde_json drops positions; findings inside a task definition must point at
//! the exact line. The parser also accepts [`UNKNOWN_MARK`] where a value is
//! expected: a heredoc like `"cpu": ${var.cpu}` whose interpolation is unknown
//! still parses, with that one value Unknown.

use std::rc::Rc;

use crate::model::value::Seg;
use crate::model::{Text, Val, UNKNOWN_MARK, V};
use crate::source::{FileId, Sources, Span};

const MAX_DEPTH: usize = 200;

#[derive(Debug, Clone)]
pub struct JsonError {
    /// Byte offset in the parsed text.
    pub offset: usize,
    pub message: String,
}

/// Parses a whole JSON file; spans are offsets in that file.
pub fn parse_file(text: &str, file: FileId) -> Result<Val, JsonError> {
    let map = |s: usize, e: usize| Span::new(file, s..e);
    Parser { s: text.as_bytes(), text, i: 0, map: &map, depth: 0, segs: &[] }.document()
}

/// Parses the JSON held by a string value (a heredoc, a `file()` result),
/// mapping each value back to where its text was written.
pub fn parse_text(t: &Text, whole: Span, sources: &Sources) -> Result<Val, JsonError> {
    let offsets = OffsetMap::new(t, whole);
    let map = |s: usize, e: usize| offsets.range(sources, s, e);
    Parser { s: t.text.as_bytes(), text: &t.text, i: 0, map: &map, depth: 0, segs: &t.segs }.document()
}

/// The newline positions of a [`Text`]: every value of a large heredoc is
/// mapped back in O(log n), not by rescanning the text from its start.
pub struct LineMap {
    newlines: Vec<u32>,
}

impl LineMap {
    pub fn new(text: &str) -> LineMap {
        LineMap { newlines: memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32).collect() }
    }
}

/// Maps byte offsets of one [`Text`] to the source, with its line map and
/// step tables built once for all of them (a `user_data` heredoc with
/// thousands of secrets rebuilt its line map for each).
pub struct OffsetMap<'t> {
    t: &'t Text,
    whole: Span,
    lines: LineMap,
    quoted: QuotedPieces,
}

impl<'t> OffsetMap<'t> {
    pub fn new(t: &'t Text, whole: Span) -> OffsetMap<'t> {
        OffsetMap { t, whole, lines: LineMap::new(&t.text), quoted: QuotedPieces::default() }
    }

    pub fn map(&self, sources: &Sources, off: usize) -> Span {
        map_with(self.t, &self.lines, &self.quoted, self.whole, sources, off)
    }

    /// A byte range `s..e` of the text, back in the source.
    fn range(&self, sources: &Sources, s: usize, e: usize) -> Span {
        let (start, end) = (self.map(sources, s), self.map(sources, e.max(s + 1) - 1));
        if start.file == end.file && end.start >= start.start {
            Span { file: start.file, start: start.start, end: end.end.max(end.start + 1) }
        } else {
            start
        }
    }
}

/// The steps of the one-line quoted pieces of a [`Text`] (by segment; the
/// whole string when it has none), computed once each: mapping every value
/// of a JSON document written in a quoted string back to its source used to
/// rescan the string from its start (a 187 KB policy took 21 s).
#[derive(Default)]
struct QuotedPieces(
    std::cell::RefCell<foldhash::HashMap<usize, Option<Rc<Steps>>>>,
    std::cell::RefCell<foldhash::HashMap<(u32, u32), Rc<Steps>>>,
);

/// Where each character (or escape) of a quoted string's source starts, and
/// the output offset it produces: output byte `want` maps back by binary
/// search.
struct Steps {
    out: Vec<u32>,
    src: Vec<u32>,
    src_len: u32,
    out_len: u32,
}

impl Steps {
    /// `src` as a quoted string's source when it decodes to exactly
    /// `out_len` bytes on one line; otherwise `None`.
    fn of(src: &str, out_len: usize) -> Option<Steps> {
        if src.contains('\n') {
            return None;
        }
        Some(Steps::build(src, true)).filter(|s| s.out_len as usize == out_len)
    }

    /// The steps of decoding `src` (see [`step`]).
    fn build(src: &str, escapes: bool) -> Steps {
        let mut steps = Steps { out: Vec::new(), src: Vec::new(), src_len: src.len() as u32, out_len: 0 };
        let (mut i, mut out) = (0, 0);
        while i < src.len() {
            let (s, o) = step(&src[i..], escapes);
            steps.out.push(out as u32);
            steps.src.push(i as u32);
            i += s;
            out += o;
        }
        steps.out_len = out as u32;
        steps
    }

    /// As [`walk`]: the source offset and length of what makes output byte `want`.
    fn find(&self, want: u32) -> (u32, u32) {
        let k = self.out.partition_point(|&o| o <= want);
        if k == 0 || want >= self.out_len {
            return (self.src_len, 1);
        }
        let at = self.src[k - 1];
        (at, self.src.get(k).copied().unwrap_or(self.src_len) - at)
    }
}

impl QuotedPieces {
    fn get(&self, key: usize, make: impl FnOnce() -> Option<Steps>) -> Option<Rc<Steps>> {
        self.0.borrow_mut().entry(key).or_insert_with(|| make().map(Rc::new)).clone()
    }

    /// The steps of a long heredoc line (by file and source offset),
    /// computed once: a JSON document written on one line of a heredoc
    /// mapped every value back by decoding the line from its start (1,000
    /// minified container definitions took 11 s).
    fn heredoc_line(&self, file: u32, at: u32, line: &str) -> Rc<Steps> {
        let mut lines = self.1.borrow_mut();
        lines.entry((file, at)).or_insert_with(|| Rc::new(Steps::build(line, false))).clone()
    }
}

/// Lines of heredocs this long or longer get a step table; shorter ones are
/// decoded directly.
const LONG_HEREDOC_LINE: usize = 256;

fn map_with(t: &Text, lines: &LineMap, quoted: &QuotedPieces, whole: Span, sources: &Sources, off: usize) -> Span {
    let off = off as u32;
    // Segments are ordered and contiguous: the last one starting at or before `off`.
    let i = t.segs.partition_point(|g| g.out.0 <= off);
    let Some(seg) = t.segs.get(i.saturating_sub(1)) else {
        // A plain quoted string (no segments): its text is the source between the quotes.
        let steps = quoted.get(usize::MAX, || {
            let file = sources.get(whole.file);
            let src = file.text.get(whole.start as usize..whole.end as usize).unwrap_or("");
            let quoted = src.len() >= 2 && src.starts_with('"') && src.ends_with('"');
            quoted.then(|| Steps::of(&src[1..src.len() - 1], t.text.len())).flatten()
        });
        if let Some(steps) = steps {
            let (at, n) = steps.find(off);
            let pos = whole.start + 1 + at;
            return Span { file: whole.file, start: pos, end: pos + n };
        }
        return Span { file: whole.file, start: whole.start, end: whole.start };
    };
    if !seg.literal {
        return seg.src;
    }
    let file = sources.get(seg.src.file);
    let len = file.text.len() as u32;
    let (src_start, src_end) = (seg.src.start.min(len), seg.src.end.min(len));
    let src_text = file.text.get(src_start as usize..src_end as usize).unwrap_or("");
    let seg_end = seg.out.1.min(t.text.len() as u32);
    let off = off.clamp(seg.out.0, seg_end.max(seg.out.0));
    // A quoted string's literal: one line, with escapes (`\"`, `\u00e9`).
    if let Some(steps) = quoted.get(i.saturating_sub(1), || Steps::of(src_text, (seg_end - seg.out.0) as usize)) {
        let (at, n) = steps.find(off - seg.out.0);
        let pos = src_start + at;
        return Span { file: seg.src.file, start: pos, end: pos + n };
    }
    // As many bytes out as in (a file's contents, a heredoc nothing was
    // removed from): every decoding step that is not a plain character
    // shortens the text, so there was none, and byte maps to byte. A
    // document read with `file()` has every value mapped here.
    if seg_end - seg.out.0 == src_end - src_start {
        // The character holding byte `off` (as `walk` finds it).
        let mut at = (off - seg.out.0) as usize;
        while at < src_text.len() && !src_text.is_char_boundary(at) {
            at -= 1;
        }
        let n = src_text[at.min(src_text.len())..].chars().next().map_or(1, char::len_utf8) as u32;
        let at = at as u32;
        let pos = src_start + at;
        return Span { file: seg.src.file, start: pos, end: (pos + n).min(src_end).max(pos) };
    }
    // Heredoc text may be dedented (`<<-EOT`): map line by line, skipping the
    // leading indentation that was removed from each line.
    let nl = &lines.newlines;
    let (first, upto) = (nl.partition_point(|&p| p < seg.out.0), nl.partition_point(|&p| p < off));
    let line_no = upto - first;
    let out_line_start = if line_no == 0 { seg.out.0 } else { nl[upto - 1] + 1 };
    let out_line_end = nl.get(upto).copied().filter(|&p| p < seg_end).unwrap_or(seg_end);
    let col = off - out_line_start;
    let src_line_start = if line_no == 0 {
        src_start
    } else {
        file.line_start(file.line_index(src_start) + line_no).unwrap_or(src_end).min(src_end)
    };
    let src_line_end = file
        .line_start(file.line_index(src_line_start) + 1)
        .map_or(len, |next| next - 1)
        .clamp(src_line_start, src_end);
    let line = file.text.get(src_line_start as usize..src_line_end as usize).unwrap_or("");
    let out_line_len = (out_line_end - out_line_start) as usize;
    let (at, n) = if line.len() >= LONG_HEREDOC_LINE {
        let steps = quoted.heredoc_line(seg.src.file, src_line_start, line);
        // The removed indentation is whitespace: one byte (and one step) a character.
        let indent = (steps.out_len as usize).saturating_sub(out_line_len).min(line.len()) as u32;
        steps.find(indent + col)
    } else {
        let removed = decoded_len(line, false).saturating_sub(out_line_len);
        let indent = removed.min(line.len()) as u32;
        let (at, n) = walk(line.get(indent as usize..).unwrap_or(""), false, col);
        (indent + at, n)
    };
    let pos = (src_line_start + at).min(src_end);
    Span { file: seg.src.file, start: pos, end: (pos + n).min(src_end).max(pos) }
}

/// One step of decoding template source: (source bytes, output bytes).
/// `escapes`: a quoted string's backslash escapes apply (not in heredocs).
/// `$${` and `%%{` are literal `${` and `%{` in both.
fn step(src: &str, escapes: bool) -> (usize, usize) {
    let b = src.as_bytes();
    if escapes && b[0] == b'\\' && b.len() >= 2 {
        let hex = |n: usize| {
            src.get(2..2 + n).and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32).map(char::len_utf8)
        };
        return match b[1] {
            b'u' => hex(4).map_or((2, 1), |l| (6, l)),
            b'U' => hex(8).map_or((2, 1), |l| (10, l)),
            _ => (2, 1),
        };
    }
    if b.len() >= 3 && (b.starts_with(b"$${") || b.starts_with(b"%%{")) {
        return (3, 2);
    }
    let c = src.chars().next().map_or(1, char::len_utf8);
    (c, c)
}

/// The length of `src` once decoded.
fn decoded_len(src: &str, escapes: bool) -> usize {
    let (mut i, mut out) = (0, 0);
    while i < src.len() {
        let (s, o) = step(&src[i..], escapes);
        i += s;
        out += o;
    }
    out
}

/// Where output byte `want` comes from in `src`: the offset of the source
/// character (or escape) that produces it, always a character boundary, and
/// that character's (or escape's) length in the source.
fn walk(src: &str, escapes: bool, want: u32) -> (u32, u32) {
    let (mut i, mut out) = (0usize, 0u32);
    while i < src.len() {
        let (s, o) = step(&src[i..], escapes);
        if out + o as u32 > want {
            return (i as u32, s as u32);
        }
        i += s;
        out += o as u32;
    }
    (i as u32, 1)
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    map: &'a dyn Fn(usize, usize) -> Span,
    depth: usize,
    /// The pieces of the text parsed, when it is a rendered template: the
    /// references its Unknown parts came from are kept in the strings.
    segs: &'a [Seg],
}

impl Parser<'_> {
    fn err<T>(&self, message: impl Into<String>) -> Result<T, JsonError> {
        Err(JsonError { offset: self.i.min(self.s.len()), message: message.into() })
    }

    fn ws(&mut self) {
        while let Some(c) = self.s.get(self.i) {
            if matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    fn document(mut self) -> Result<Val, JsonError> {
        // A UTF-8 byte order mark is tolerated, as AWS tooling does.
        if self.text.starts_with('\u{feff}') {
            self.i = 3;
        }
        let v = self.value()?;
        self.ws();
        if self.i < self.s.len() {
            return self.err("unexpected text after the JSON value");
        }
        Ok(v)
    }

    fn value(&mut self) -> Result<Val, JsonError> {
        self.ws();
        let start = self.i;
        let Some(&c) = self.s.get(self.i) else { return self.err("unexpected end of JSON") };
        let v = match c {
            b'{' => return self.object(),
            b'[' => return self.array(),
            b'"' => {
                let s = self.string()?;
                if s.contains(UNKNOWN_MARK) {
                    return Ok(self.with_references(s, start));
                }
                V::Str(Rc::new(Text::plain(s)))
            }
            b't' => self.word("true", V::Bool(true))?,
            b'f' => self.word("false", V::Bool(false))?,
            b'n' => self.word("null", V::Null)?,
            b'-' | b'0'..=b'9' => self.number()?,
            _ if self.text[self.i..].starts_with(UNKNOWN_MARK) => {
                self.i += UNKNOWN_MARK.len_utf8();
                // `${jsonencode(pw)}` in a template: the reference it came from.
                match self.reference_at(start) {
                    Some(r) => V::Ref(r),
                    None => V::Unknown,
                }
            }
            _ => {
                return self
                    .err(format!("unexpected character `{}`", self.text[self.i..].chars().next().unwrap_or('?')))
            }
        };
        Ok(Val::new(v, (self.map)(start, self.i)))
    }

    /// The reference the Unknown part at byte `p` of the text came from.
    fn reference_at(&self, p: usize) -> Option<Rc<String>> {
        let p = p as u32;
        let i = self.segs.partition_point(|g| g.out.0 <= p);
        self.segs.get(i.wrapping_sub(1)).filter(|g| p < g.out.1).and_then(|g| g.reference.clone())
    }

    /// A string with Unknown parts, written between `start` and here, that
    /// keeps the references those parts came from: the reference itself
    /// when it is the whole string, else pieces that carry them.
    fn with_references(&self, s: compact_str::CompactString, start: usize) -> Val {
        let span = (self.map)(start, self.i);
        let refs: Vec<Option<Rc<String>>> =
            self.text[start..self.i].match_indices(UNKNOWN_MARK).map(|(p, _)| self.reference_at(start + p)).collect();
        if refs.iter().all(Option::is_none) {
            return Val::new(V::Str(Rc::new(Text::plain(s))), span);
        }
        if s.len() == UNKNOWN_MARK.len_utf8() {
            if let Some(Some(r)) = refs.first() {
                return Val::new(V::Ref(r.clone()), span);
            }
        }
        // Contiguous pieces, all mapped to the string as written.
        let mut segs = Vec::new();
        let mut at = 0;
        for ((p, mark), r) in s.match_indices(UNKNOWN_MARK).zip(refs) {
            if p > at {
                segs.push(Seg { out: (at as u32, p as u32), src: span, literal: false, reference: None });
            }
            let end = p + mark.len();
            segs.push(Seg { out: (p as u32, end as u32), src: span, literal: false, reference: r });
            at = end;
        }
        if at < s.len() {
            segs.push(Seg { out: (at as u32, s.len() as u32), src: span, literal: false, reference: None });
        }
        Val::new(V::Str(Rc::new(Text { text: s, segs })), span)
    }

    fn word(&mut self, w: &str, v: V) -> Result<V, JsonError> {
        if self.s[self.i..].starts_with(w.as_bytes()) {
            self.i += w.len();
            Ok(v)
        } else {
            self.err("invalid literal")
        }
    }

    fn number(&mut self) -> Result<V, JsonError> {
        let start = self.i;
        while let Some(c) = self.s.get(self.i) {
            if c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E') {
                self.i += 1;
            } else {
                break;
            }
        }
        match self.text[start..self.i].parse::<f64>() {
            Ok(n) => Ok(V::Num(n)),
            Err(_) => {
                self.i = start;
                self.err("invalid number")
            }
        }
    }

    fn string(&mut self) -> Result<compact_str::CompactString, JsonError> {
        self.i += 1; // opening quote
        let mut out = compact_str::CompactString::default();
        loop {
            let rest = &self.s[self.i..];
            let Some(p) = rest.iter().position(|c| *c == b'"' || *c == b'\\' || *c < 0x20) else {
                return self.err("unterminated string");
            };
            out.push_str(&self.text[self.i..self.i + p]);
            self.i += p;
            match self.s[self.i] {
                b'"' => {
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    let Some(&e) = self.s.get(self.i + 1) else { return self.err("unterminated string") };
                    self.i += 2;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hex = self.text.get(self.i..self.i + 4).and_then(|h| u32::from_str_radix(h, 16).ok());
                            let Some(mut cp) = hex else { return self.err("invalid \\u escape") };
                            self.i += 4;
                            if (0xD800..0xDC00).contains(&cp) && self.s[self.i..].starts_with(b"\\u") {
                                if let Some(lo) =
                                    self.text.get(self.i + 2..self.i + 6).and_then(|h| u32::from_str_radix(h, 16).ok())
                                {
                                    if (0xDC00..0xE000).contains(&lo) {
                                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                                        self.i += 6;
                                    }
                                }
                            }
                            out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                        }
                        _ => {
                            self.i -= 1;
                            return self.err("invalid escape in string");
                        }
                    }
                }
                // A raw newline inside a string: invalid JSON, but heredocs
                // with multi-line interpolated values produce it; keep going.
                b'\n' | b'\r' | b'\t' => {
                    out.push(self.s[self.i] as char);
                    self.i += 1;
                }
                _ => return self.err("control character in string"),
            }
        }
    }

    fn enter(&mut self) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err("JSON nested too deeply");
        }
        Ok(())
    }

    fn array(&mut self) -> Result<Val, JsonError> {
        self.enter()?;
        let start = self.i;
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.s.get(self.i) == Some(&b']') {
            self.i += 1;
        } else {
            loop {
                items.push(self.value()?);
                self.ws();
                match self.s.get(self.i) {
                    Some(b',') => {
                        self.i += 1;
                        // Trailing commas are common in heredocs; tolerate them.
                        self.ws();
                        if self.s.get(self.i) == Some(&b']') {
                            self.i += 1;
                            break;
                        }
                    }
                    Some(b']') => {
                        self.i += 1;
                        break;
                    }
                    _ => return self.err("expected `,` or `]` in array"),
                }
            }
        }
        self.depth -= 1;
        Ok(Val::new(V::List(Rc::new(items)), (self.map)(start, self.i)))
    }

    fn object(&mut self) -> Result<Val, JsonError> {
        self.enter()?;
        let start = self.i;
        self.i += 1;
        let mut entries: Vec<(Rc<str>, Val)> = Vec::new();
        loop {
            self.ws();
            match self.s.get(self.i) {
                Some(b'}') => {
                    self.i += 1;
                    break;
                }
                Some(b'"') => {}
                _ => return self.err("expected a string key or `}` in object"),
            }
            let key = self.string()?;
            self.ws();
            if self.s.get(self.i) != Some(&b':') {
                return self.err("expected `:` after object key");
            }
            self.i += 1;
            let v = self.value()?;
            entries.push((crate::model::value::key(&key), v));
            self.ws();
            match self.s.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    break;
                }
                _ => return self.err("expected `,` or `}` in object"),
            }
        }
        self.depth -= 1;
        Ok(Val::new(V::Map(Rc::new(entries)), (self.map)(start, self.i)))
    }
}

/// The structured document behind a JSON string or `jsonencode(...)`.
/// Returns `None` when the value is not (known to be) a JSON document. A
/// string is parsed once per task (see [`Sources::memo`]).
pub fn document(v: &Val, sources: &Sources) -> Option<Val> {
    match &v.v {
        V::Encoded(crate::model::value::Encoding::Json, inner) => Some((**inner).clone()),
        V::Map(_) | V::List(_) => Some(v.clone()),
        V::Str(t) => {
            let doc = sources.memo(t, v.span, || parse_text(t, v.span, sources).ok())?;
            // A text with no source map of its own (built by `format`, say)
            // places every value at the string; where the string was written,
            // if elsewhere, is where each of them was.
            Some(match v.origin {
                Some(origin) if t.segs.is_empty() => written_at(doc, origin),
                _ => doc,
            })
        }
        _ => None,
    }
}

/// `v` with `origin` as where each of its values (without one) was written.
fn written_at(v: Val, origin: crate::source::Span) -> Val {
    let mut out = match &v.v {
        V::List(l) => {
            let items = l.iter().map(|x| written_at(x.clone(), origin)).collect();
            Val::new(V::List(Rc::new(items)), v.span)
        }
        V::Map(m) => {
            let entries = m.iter().map(|(k, x)| (k.clone(), written_at(x.clone(), origin))).collect();
            Val::new(V::Map(Rc::new(entries)), v.span)
        }
        _ => v,
    };
    if out.origin.is_none() && out.span != origin {
        out.origin = Some(origin);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_values() {
        let v = parse_file("{\n  \"a\": [1, \"x\"],\n  \"b\": null\n}", 0).unwrap();
        let a = v.get("a").unwrap();
        assert_eq!((a.span.start, a.span.end), (9, 17));
        assert_eq!(a.as_list().unwrap()[1].as_str().unwrap(), "x");
        assert!(v.get("b").unwrap().is_null());
    }

    /// A document read with `file()`: one literal segment as long as the
    /// file, mapped byte for byte (multi-byte characters, `$${` kept as written).
    #[test]
    fn values_of_a_file_map_byte_for_byte() {
        let src = "{\n  \"é\": \"$${x}\",\n  \"b\": [1, \"ü\"]}";
        let sources = Sources::default();
        let id = sources.add(crate::source::SourceFile::new("doc.json".into(), "doc.json".into(), src.into()));
        let whole = Span::new(id, 0..src.len());
        let text = Text {
            text: src.into(),
            segs: vec![Seg { out: (0, src.len() as u32), src: whole, literal: true, reference: None }],
        };
        let v = parse_text(&text, whole, &sources).unwrap();
        let at = |v: &Val| &src[v.span.start as usize..v.span.end as usize];
        assert_eq!(at(v.get("é").unwrap()), "\"$${x}\"");
        let b = v.get("b").unwrap();
        assert_eq!(at(b), "[1, \"ü\"]");
        assert_eq!(at(&b.as_list().unwrap()[1]), "\"ü\"");
        // Offsets inside a character are that character.
        let offsets = OffsetMap::new(&text, whole);
        let e = src.find('é').unwrap();
        assert_eq!(offsets.map(&sources, e + 1), Span::new(id, e..e + 2));
    }

    #[test]
    fn errors_have_offsets() {
        let e = parse_file("{\"a\": }", 0).unwrap_err();
        assert_eq!(e.offset, 6);
        assert!(parse_file(&"[".repeat(10_000), 0).is_err());
        assert!(parse_file("\"\\u12", 0).is_err());
    }

    #[test]
    fn unknown_mark_is_a_value() {
        let s = format!("{{\"cpu\": {UNKNOWN_MARK}}}");
        let v = parse_file(&s, 0).unwrap();
        assert!(v.get("cpu").unwrap().is_unknown());
    }
}
