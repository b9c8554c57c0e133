//! `--format text`: graphical diagnostics at a terminal (miette: source
//! excerpt, label, help), one concise line per finding otherwise.
//! Secrets are masked in excerpts as in messages.

use std::fmt::Write as _;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

use super::{printable, Finding, Report};
use crate::rules::Severity;

pub fn render_concise(r: &Report) -> String {
    let mut out = String::new();
    for e in r.errors {
        let _ = writeln!(out, "{}:{}:{}: error: {}", printable(&e.file), e.line, e.column, printable(&e.message));
    }
    for f in r.findings {
        // The resource address as in the graphical report (not for file findings,
        // whose address is the file itself).
        let resource = if f.resource.is_empty() || f.resource == f.file {
            String::new()
        } else {
            format!("{}: ", printable(&f.resource))
        };
        let _ = writeln!(
            out,
            "{}:{}:{}: {} {} {resource}{}",
            printable(&f.file),
            f.line,
            f.column,
            f.severity.as_str(),
            f.rule_id,
            printable(&format!("{}{}", f.message, super::provenance(f)))
        );
    }
    out.push_str(&docs_lines(r));
    out.push_str(&notices(r));
    out.push_str(&summary(r));
    out
}

/// One `docs: URL` line per rule with findings, in the order they first
/// appear: the link of every finding, without repeating it on each (piped
/// output stays one line per finding).
fn docs_lines(r: &Report) -> String {
    let mut seen = std::collections::HashSet::new();
    r.findings
        .iter()
        .filter(|f| seen.insert(f.rule_id.as_str()))
        .map(|f| format!("docs: {}\n", printable(&crate::docs::url(r.docs_url, &f.rule_id))))
        .collect()
}

fn notices(r: &Report) -> String {
    super::notices_for_people(r.notices)
        .iter()
        .map(|n| format!("{}:{}:{}: note: {}\n", printable(&n.file), n.line, n.column, printable(&n.message)))
        .collect()
}

pub fn summary(r: &Report) -> String {
    let mut counts = Vec::new();
    for s in [Severity::Critical, Severity::High, Severity::Medium, Severity::Low] {
        let n = r.findings.iter().filter(|f| f.severity == s).count();
        if n > 0 {
            counts.push(format!("{n} {}", s.as_str()));
        }
    }
    let files = r.files;
    let mut line = match r.findings.len() {
        0 => format!("No findings in {files} files"),
        n => format!(
            "{n} finding{} ({}) in {files} file{}",
            if n == 1 { "" } else { "s" },
            counts.join(", "),
            if files == 1 { "" } else { "s" }
        ),
    };
    if !r.suppressed.is_empty() {
        let _ = write!(line, "; {} suppressed", r.suppressed.len());
    }
    if !r.errors.is_empty() {
        let _ = write!(
            line,
            "; {} file{} could not be checked",
            r.errors.len(),
            if r.errors.len() == 1 { "" } else { "s" }
        );
    }
    line.push('\n');
    line
}

/// A few lines of one file, with secrets masked; offsets stay those of the file.
struct Excerpt {
    name: String,
    text: String,
    /// Byte offset of `text` in the file, and its first line (0-based).
    offset: usize,
    first_line: usize,
    /// The finding's 1-based line and column (the header names them).
    at: (usize, usize),
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, miette::MietteError> {
        // Asked for the span alone: that is the header's `file:line:column`,
        // which must name the finding's own line, not the first line shown.
        // (The finding's own line and column, as every other format gives them:
        // the excerpt's masks may have moved columns after them.)
        if before == 0 && after == 0 {
            let _ = span;
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                self.text.as_bytes(),
                SourceSpan::new(self.offset.into(), self.text.len()),
                self.at.0.saturating_sub(1),
                self.at.1.saturating_sub(1),
                1,
            )));
        }
        let lines = self.text.lines().count().max(1);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            SourceSpan::new(self.offset.into(), self.text.len()),
            self.first_line,
            0,
            lines,
        )))
    }
}

#[derive(Debug)]
struct Shown {
    message: String,
    code: String,
    help: String,
    url: String,
    severity: miette::Severity,
    label: LabeledSpan,
}

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for Shown {}

struct WithSource<'a>(&'a Shown, &'a Excerpt);

impl std::fmt::Debug for WithSource<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}
impl std::fmt::Display for WithSource<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}
impl std::error::Error for WithSource<'_> {}
impl Diagnostic for WithSource<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(&self.0.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.0.severity)
    }
    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(&self.0.help))
    }
    fn url<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(&self.0.url))
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.1)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.0.label.clone())))
    }
}

/// An excerpt's text with every secret replaced by a fixed `****` (so a mask
/// shows neither part of a secret nor its length), and where each offset of
/// the original text went.
struct Masked {
    text: String,
    /// Replaced ranges: (start, end) in the original, (start, end) in `text`.
    edits: Vec<((usize, usize), (usize, usize))>,
    /// Bytes cut from the start of `text` (see [`Masked::window`]).
    cut: usize,
}

impl Masked {
    /// `text` with `ranges` (in any order, may overlap) masked. A range over
    /// several lines keeps its line breaks, so line numbers stay right.
    fn new(text: &str, mut ranges: Vec<std::ops::Range<usize>>) -> Masked {
        ranges.sort_by_key(|r| r.start);
        let mut out = String::with_capacity(text.len());
        let mut edits = Vec::new();
        let mut at = 0;
        for r in ranges {
            let start = floor_char(text, r.start.max(at));
            let end = floor_char(text, r.end.min(text.len()));
            if start >= end {
                continue;
            }
            out.push_str(&text[at..start]);
            let new_start = out.len();
            for (i, line) in text[start..end].split('\n').enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                if !line.is_empty() {
                    out.push_str("****");
                }
            }
            edits.push(((start, end), (new_start, out.len())));
            at = end;
        }
        out.push_str(&text[at..]);
        Masked { text: out, edits, cut: 0 }
    }

    /// A line too long to show (a plan or task definition written on one
    /// line) is cut to a window around `[start, end)` (masked offsets): the
    /// finding's own line only, some context on each side.
    fn window(&mut self, start: usize, end: usize) -> bool {
        const LONG_LINE: usize = 240;
        if self.text.lines().all(|l| l.len() <= LONG_LINE) {
            return false;
        }
        self.cut_to(start, end);
        true
    }

    /// Cuts the text to the window around `[start, end)` (see [`Masked::window`]).
    fn cut_to(&mut self, start: usize, end: usize) {
        let start = floor_char(&self.text, start);
        let line_start = self.text[..start].rfind('\n').map_or(0, |p| p + 1);
        let line_end = self.text[start..].find('\n').map_or(self.text.len(), |p| start + p);
        let from = floor_char(&self.text, start.saturating_sub(80).max(line_start));
        let to = floor_char(&self.text, (end.max(start) + 120).min(line_end)).max(from);
        self.text = self.text[from..to].to_string();
        self.cut = from;
    }

    /// Where offset `o` of the original text is in the masked text (the
    /// start of the mask for an offset inside a masked range).
    fn map(&self, o: usize) -> usize {
        let mut shift: isize = 0;
        for &((start, end), (new_start, new_end)) in &self.edits {
            if o < start {
                break;
            }
            if o < end {
                return new_start.saturating_sub(self.cut);
            }
            shift = new_end as isize - end as isize;
        }
        ((o as isize + shift).max(0) as usize).saturating_sub(self.cut)
    }
}

/// The largest char boundary at or before `i`.
fn floor_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Byte ranges of private-key bodies in `text`: from the end of each
/// `-----BEGIN ... PRIVATE KEY-----` line to its `-----END` line (or the end
/// of the text). For EC and ed25519 keys the first line after the header is
/// the whole key.
fn key_bodies(text: &str) -> Vec<std::ops::Range<usize>> {
    static BEGIN: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----").expect("valid"));
    let mut out = Vec::new();
    if !text.contains("PRIVATE KEY") {
        return out;
    }
    for m in BEGIN.find_iter(text) {
        let body = m.end();
        let end = text[body..].find("-----END").map_or(text.len(), |p| body + p);
        out.push(body..end);
    }
    out
}

/// A finding's file, read once for all its findings: the text with its
/// line index, and what every excerpt of it masks (the secrets the scan knows
/// of in that file and private key bodies), sorted by start, with the largest
/// end up to each one (so the masks that meet an excerpt are found by binary
/// search, not by a pass over all of them per finding).
struct FileMasks {
    file: crate::source::SourceFile,
    masks: Vec<(usize, usize)>,
    max_end: Vec<usize>,
}

impl FileMasks {
    fn new(file: crate::source::SourceFile, mut masks: Vec<(usize, usize)>) -> FileMasks {
        masks.extend(key_bodies(&file.text).into_iter().map(|r| (r.start, r.end)));
        masks.sort_unstable();
        let mut max_end = Vec::with_capacity(masks.len());
        let mut m = 0;
        for &(_, e) in &masks {
            m = m.max(e);
            max_end.push(m);
        }
        FileMasks { file, masks, max_end }
    }

    /// The masks that meet `[lo, hi)`.
    fn meeting(&self, lo: usize, hi: usize) -> impl Iterator<Item = &(usize, usize)> {
        let upto = self.masks.partition_point(|&(s, _)| s < hi);
        let from = self.max_end[..upto].partition_point(|&e| e <= lo);
        self.masks[from..upto].iter().filter(move |&&(_, e)| e > lo)
    }

    /// Byte offset of the end of 0-based line `idx` (before its line break).
    fn line_end(&self, idx: usize) -> usize {
        self.file.line_start(idx + 1).map_or(self.file.text.len(), |next| next as usize - 1)
    }
}

/// Context kept on each side of a finding on a long line before the line is
/// masked and cut to its window: the secret scan of the excerpt sees this
/// much around what is shown (a secret the scan of the file found is masked
/// wherever it is).
const LONG_LINE_CONTEXT: usize = 4096;

/// A few lines of a finding's file, with every secret the scan knows of in
/// that file, key bodies, key formats and values assigned to secret-named
/// keys masked, and control characters made visible. Its cost does not grow
/// with the file or the line: lines are found with the line index, and a
/// long line is cut around the finding before it is scanned and masked (a
/// minified file with thousands of findings on one line was rescanned whole
/// for each).
fn excerpt(f: &Finding, fm: &FileMasks) -> (Excerpt, Masked) {
    let file = &fm.file;
    let file_text: &str = &file.text;
    let start = floor_char(file_text, f.offsets.0);
    let end = floor_char(file_text, f.offsets.1.max(start));
    // The finding's lines plus one line of context on each side, at most 12
    // lines (with their line breaks when cut there).
    let (first, last) = (file.line_index(start as u32), file.line_index(end as u32));
    let (lo_idx, hi_idx) = (first.saturating_sub(1), last + 1);
    let lo = file.line_start(lo_idx).unwrap_or(0) as usize;
    let hi = if hi_idx - lo_idx >= 12 {
        file.line_start(lo_idx + 12).map_or_else(|| fm.line_end(hi_idx), |s| s as usize)
    } else {
        fm.line_end(hi_idx)
    };
    // A line longer than the context kept around a finding (a minified file):
    // only the finding's own line around the finding is read.
    let long = (lo_idx..=hi_idx.min(lo_idx + 11)).any(|i| {
        let from = file.line_start(i).map_or(file_text.len(), |s| s as usize);
        fm.line_end(i).saturating_sub(from) > LONG_LINE_CONTEXT
    });
    let (lo, hi) = if long {
        let line = file.line_start(first).unwrap_or(0) as usize..fm.line_end(first);
        let from = floor_char(file_text, start.saturating_sub(LONG_LINE_CONTEXT).max(line.start));
        let to = floor_char(file_text, (end.max(start) + LONG_LINE_CONTEXT).min(line.end.max(start))).max(from);
        (from, to)
    } else {
        (lo, hi.max(lo))
    };
    let raw = &file_text[lo..hi];
    let len = raw.len();
    let mut ranges: Vec<std::ops::Range<usize>> =
        fm.meeting(lo, hi).map(|&(s, e)| s.saturating_sub(lo)..(e - lo).min(len)).collect();
    ranges.extend(crate::secrets::scan_text(raw).into_iter().map(|s| s.range));
    let mut masked = Masked::new(raw, ranges);
    let (s, e) = (masked.map(start - lo), masked.map(end - lo));
    let windowed = if long {
        masked.cut_to(s, e);
        true
    } else {
        masked.window(s, e)
    };
    // Control characters in the source (ESC, a bidi override) must not reach
    // the terminal: replaced by visible characters of the same byte length.
    let text: String = masked
        .text
        .chars()
        .map(|c| match c {
            '\n' | '\t' => c.to_string(),
            c if super::needs_escape(c) => "?".repeat(c.len_utf8()),
            c => c.to_string(),
        })
        .collect();
    // A window is the finding's own line.
    let first_line = if windowed { f.line - 1 } else { first.saturating_sub(1) };
    let at = (f.line, f.column);
    (Excerpt { name: super::printable(&f.file).into_owned(), text, offset: lo, first_line, at }, masked)
}

pub fn render_graphical(r: &Report, color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1).with_width(110).with_links(false);
    let mut out = String::new();
    for e in r.errors {
        let _ = writeln!(out, "  × {}:{}:{}: {}\n", printable(&e.file), e.line, e.column, printable(&e.message));
    }
    // Findings are sorted by file: read each file once, with its secrets.
    // The secrets of every file, gathered in one pass (not one pass per file).
    let mut secrets: std::collections::HashMap<&str, Vec<(usize, usize)>> = std::collections::HashMap::new();
    for (file, s) in r.secrets.iter() {
        secrets.entry(file.as_str()).or_default().push(*s);
    }
    for g in r.findings.iter() {
        if let Some(s) = g.secret {
            secrets.entry(g.file.as_str()).or_default().push(s);
        }
    }
    let mut cache: Option<(String, FileMasks)> = None;
    for f in r.findings.iter() {
        if cache.as_ref().is_none_or(|(name, _)| *name != f.file) {
            let text = std::fs::read_to_string(&f.file).unwrap_or_default();
            let file = crate::source::SourceFile::new(f.file.clone(), f.file.clone().into(), text.into());
            let known = secrets.remove(f.file.as_str()).unwrap_or_default();
            cache = Some((f.file.clone(), FileMasks::new(file, known)));
        }
        let (_, fm) = cache.as_ref().expect("filled above");
        let (ex, masked) = excerpt(f, fm);
        // The finding's range in the masked excerpt, as file offsets (what miette reads).
        let at = |o: usize| ex.offset + floor_char(&ex.text, masked.map(o.saturating_sub(ex.offset)));
        let start = at(f.offsets.0);
        let end = at(f.offsets.1.max(f.offsets.0)).max(start);
        // Label the first line only: a resource-wide span would box the whole block.
        let first_line_end = ex.text[start - ex.offset..].find('\n').map_or(end, |p| (start + p).min(end));
        let label_end = first_line_end.max(start + 1).min(ex.offset + ex.text.len());
        let label =
            LabeledSpan::new(Some(super::printable(&f.title).into_owned()), start, label_end.saturating_sub(start));
        let severity = match f.severity {
            Severity::Critical | Severity::High => miette::Severity::Error,
            Severity::Medium => miette::Severity::Warning,
            Severity::Low => miette::Severity::Advice,
        };
        let shown = Shown {
            message: super::printable(&format!("{}: {}{}", f.resource, f.message, super::provenance(f))).into_owned(),
            code: format!("{} ({})", f.rule_id, f.severity.as_str()),
            help: super::printable(&f.remediation).into_owned(),
            url: super::printable(&crate::docs::url(r.docs_url, &f.rule_id)).into_owned(),
            severity,
            label,
        };
        let _ = handler.render_report(&mut out, &WithSource(&shown, &ex));
        out.push('\n');
    }
    out.push_str(&notices(r));
    out.push_str(&summary(r));
    out
}
