//! `--format text`: graphical diagnostics at a terminal (miette: source
//! excerpt, label, help), one concise line per finding otherwise.
//! Secrets are masked in excerpts as in messages.

use std::fmt::Write as _;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

use super::{Finding, Report};
use crate::rules::Severity;

pub fn render_concise(r: &Report) -> String {
    let mut out = String::new();
    for e in r.errors {
        let _ = writeln!(out, "{}:{}:{}: error: {}", e.file, e.line, e.column, e.message);
    }
    for f in r.findings {
        let _ =
            writeln!(out, "{}:{}:{}: {} {} {}", f.file, f.line, f.column, f.severity.as_str(), f.rule_id, f.message);
    }
    out.push_str(&notices(r));
    out.push_str(&summary(r));
    out
}

fn notices(r: &Report) -> String {
    r.notices.iter().map(|n| format!("{}:{}:{}: note: {}\n", n.file, n.line, n.column, n.message)).collect()
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
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        _span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, miette::MietteError> {
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
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.1)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.0.label.clone())))
    }
}

/// Masks `range` in `text` (keeping byte offsets), then anything else that looks like a secret.
fn mask_in(text: &mut String, range: std::ops::Range<usize>) {
    let mut bytes = std::mem::take(text).into_bytes();
    let mut i = range.start;
    let mut kept = 0;
    while i < range.end.min(bytes.len()) {
        let c = bytes[i];
        let is_quote = c == b'"' || c == b'\'';
        if !is_quote && c != b'\n' {
            if kept >= 2 || c >= 0x80 {
                bytes[i] = b'*';
            }
            kept += 1;
        }
        i += 1;
    }
    // Replacing UTF-8 continuation bytes by `*` keeps the string valid ASCII there.
    *text = String::from_utf8(bytes).unwrap_or_default();
}

fn excerpt(f: &Finding, file: &crate::source::SourceFile, all_secrets: &[(usize, usize)]) -> Excerpt {
    let file_text: &str = &file.text;
    let start = f.offsets.0.min(file_text.len());
    let end = f.offsets.1.clamp(start, file_text.len());
    // The finding's lines plus one line of context on each side.
    let mut lo = file_text[..start].rfind('\n').map_or(0, |p| p + 1);
    if lo > 0 {
        lo = file_text[..lo - 1].rfind('\n').map_or(0, |p| p + 1);
    }
    let mut hi = file_text[end..].find('\n').map_or(file_text.len(), |p| end + p);
    if hi < file_text.len() {
        hi = file_text[hi + 1..].find('\n').map_or(file_text.len(), |p| hi + 1 + p);
    }
    // Keep long spans (a whole resource) short: at most 12 lines.
    let lines: Vec<&str> = file_text[lo..hi].split_inclusive('\n').take(12).collect();
    let mut text: String = lines.concat();
    for &(s, e) in all_secrets {
        if e > lo && s < lo + text.len() {
            let len = text.len();
            mask_in(&mut text, s.saturating_sub(lo)..(e - lo).min(len));
        }
    }
    for s in crate::secrets::scan_text(&text.clone()) {
        mask_in(&mut text, s.range);
    }
    // The line index answers in O(log n): many findings in one big file stay cheap.
    let first_line = file.line_col(lo as u32).0 - 1;
    Excerpt { name: f.file.clone(), text, offset: lo, first_line }
}

pub fn render_graphical(r: &Report, color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1).with_width(110);
    let mut out = String::new();
    for e in r.errors {
        let _ = writeln!(out, "  × {}:{}:{}: {}\n", e.file, e.line, e.column, e.message);
    }
    // Findings are sorted by file: read each file once, with its secrets.
    type Cached = (String, crate::source::SourceFile, Vec<(usize, usize)>);
    let mut cache: Option<Cached> = None;
    for (i, f) in r.findings.iter().enumerate() {
        if cache.as_ref().is_none_or(|(name, _, _)| *name != f.file) {
            let text = std::fs::read_to_string(&f.file).unwrap_or_default();
            let file = crate::source::SourceFile::new(f.file.clone(), f.file.clone().into(), text.into());
            let secrets = r.findings[i..].iter().take_while(|g| g.file == f.file).filter_map(|g| g.secret).collect();
            cache = Some((f.file.clone(), file, secrets));
        }
        let (_, text, secrets) = cache.as_ref().expect("filled above");
        let ex = excerpt(f, text, secrets);
        let start = f.offsets.0.clamp(ex.offset, ex.offset + ex.text.len());
        let end = f.offsets.1.clamp(start, ex.offset + ex.text.len());
        // Label the first line only: a resource-wide span would box the whole block.
        let first_line_end = ex.text[start - ex.offset..].find('\n').map_or(end, |p| (start + p).min(end));
        let label = LabeledSpan::new(
            Some(f.title.clone()),
            start,
            first_line_end.max(start + 1).min(ex.offset + ex.text.len()) - start,
        );
        let severity = match f.severity {
            Severity::Critical | Severity::High => miette::Severity::Error,
            Severity::Medium => miette::Severity::Warning,
            Severity::Low => miette::Severity::Advice,
        };
        let shown = Shown {
            message: format!("{}: {}", f.resource, f.message),
            code: format!("{} ({})", f.rule_id, f.severity.as_str()),
            help: f.remediation.clone(),
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
