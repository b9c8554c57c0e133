//! The last step of the pipeline: findings resolved to file, line and column,
//! and the reporters that print them (`text`, `json`, `sarif`, `github`, `gitlab`, `junit`).

pub mod github;
pub mod gitlab;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod text;

use crate::diagnostics::LoadError;
use crate::rules::engine::{Engine, RawFinding};
use crate::source::Sources;

pub use crate::diagnostics::{Finding, Suppression, SuppressionKind};

pub fn resolve(raw: RawFinding, engine: &Engine, sources: &Sources) -> Finding {
    let rule = &engine.rules[raw.rule];
    let file = sources.get(raw.hit.span.file);
    let (line, column) = file.line_col(raw.hit.span.start);
    let (end_line, end_column) = file.line_col(raw.hit.span.end.max(raw.hit.span.start));
    // Where the value is written, when that is somewhere else than the finding.
    let written_at = raw
        .hit
        .origin
        .filter(|o| !(o.file == raw.hit.span.file && o.start >= raw.hit.span.start && o.end <= raw.hit.span.end))
        .map(|o| {
            let f = sources.get(o.file);
            let (line, column) = f.line_col(o.start);
            crate::diagnostics::Place { file: f.display.clone(), line, column }
        });
    Finding {
        rule_id: rule.id.clone(),
        severity: rule.severity,
        title: rule.finding_text.title.clone(),
        message: raw.hit.message,
        file: file.display.clone(),
        line,
        column,
        end_line,
        end_column,
        resource: raw.resource,
        remediation: rule.finding_text.remediation.clone(),
        equivalents: rule.finding_text.equivalents.clone(),
        written_at: written_at.into_iter().collect(),
        called_at: Vec::new(),
        instances: Vec::new(),
        suppression: None,
        secret: raw.hit.secret.filter(|s| s.file == raw.hit.span.file).map(|s| (s.start as usize, s.end as usize)),
        offsets: (raw.hit.span.start as usize, raw.hit.span.end as usize),
    }
}

/// What a finding's message leaves out: where its value is written, when
/// that is elsewhere (a variable's default, a module caller's input), and the
/// other instances that yield the same finding here. Empty when neither.
pub fn provenance(f: &Finding) -> String {
    const SHOWN: usize = 3;
    let list = |items: Vec<String>| {
        let more = items.len().saturating_sub(SHOWN);
        let shown = items.into_iter().take(SHOWN).collect::<Vec<_>>().join(", ");
        if more > 0 {
            format!("{shown} and {more} more")
        } else {
            shown
        }
    };
    let mut parts = Vec::new();
    if !f.written_at.is_empty() {
        parts.push(format!("written at {}", list(f.written_at.iter().map(|p| p.to_string()).collect())));
    }
    let others: Vec<String> = f.instances.iter().filter(|i| **i != f.resource).cloned().collect();
    if !others.is_empty() {
        parts.push(format!("also {}", list(others)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

/// The finding in one line as annotations and SARIF show it: the resource
/// (not for file findings, whose address is the file), the message and its
/// [`provenance`].
pub fn described(f: &Finding) -> String {
    let resource =
        if f.resource.is_empty() || f.resource == f.file { String::new() } else { format!("{}: ", f.resource) };
    format!("{resource}{}{}", f.message, provenance(f))
}

/// Notices as people read them (text, annotations): every one, except that
/// many modules that are not downloaded (a repository of registry modules
/// before `terraform init`: hundreds) become one note that counts them,
/// placed at the first. JSON, SARIF and JUnit list each one.
pub fn notices_for_people(notices: &[crate::diagnostics::Notice]) -> Vec<crate::diagnostics::Notice> {
    const LISTED: usize = 3;
    let not_downloaded = |n: &&crate::diagnostics::Notice| n.message.contains(crate::diagnostics::NOT_DOWNLOADED);
    let count = notices.iter().filter(not_downloaded).count();
    if count <= LISTED {
        return notices.to_vec();
    }
    let mut out: Vec<_> = notices.iter().filter(|n| !not_downloaded(n)).cloned().collect();
    if let Some(first) = notices.iter().find(not_downloaded) {
        out.push(crate::diagnostics::Notice {
            message: format!(
                "{count} module calls are not checked: their sources are not downloaded (run `terraform init` before the scan to check them; `--format json` lists each call)"
            ),
            ..first.clone()
        });
    }
    out
}

pub struct Report<'a> {
    pub findings: &'a [Finding],
    /// Every secret the scan found, by file, whether or not its finding is
    /// shown (suppressed, baselined, below `--min-severity`): excerpts mask
    /// them all.
    pub secrets: &'a [(String, (usize, usize))],
    pub errors: &'a [LoadError],
    pub files: usize,
    /// The rules that were run (SARIF lists them all).
    pub rules: &'a [crate::rules::Rule],
    /// Findings silenced by ignore comments or the baseline.
    pub suppressed: &'a [Finding],
    /// About ignore comments: expired, unused, malformed.
    pub notices: &'a [crate::suppress::Notice],
    /// Where each rule's documentation is (see [`crate::docs::url`]).
    pub docs_url: &'a str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML, for CI test reports.
    Junit,
    /// GitLab Code Quality (the merge-request widget).
    Gitlab,
}

/// `s` safe to print: control characters (newlines, ESC, NUL...), and the
/// Unicode controls that reorder or hide text, written as escapes. File names
/// and messages come from the scanned code, and a value with a newline and
/// `::error ...::` must not forge a CI command, nor ESC drive the terminal.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Control characters, and the invisible ones that change how text reads
/// (bidirectional overrides and isolates, zero-width marks).
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// The report in `format`. `to_terminal`: standard output is a terminal (the
/// text format is then graphical, coloured unless `NO_COLOR` is set).
pub fn render(format: Format, r: &Report, to_terminal: bool) -> String {
    match format {
        Format::Text if to_terminal => {
            let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            text::render_graphical(r, color)
        }
        Format::Text => text::render_concise(r),
        Format::Json => json::render(r),
        Format::Sarif => sarif::render(r),
        Format::Github => github::render(r),
        Format::Junit => junit::render(r),
        Format::Gitlab => gitlab::render(r),
    }
}

/// [`render`] (not to a terminal) into `out`; every format but text is
/// written as it is produced, never held whole.
pub fn write(format: Format, r: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(r, out),
        Format::Sarif => sarif::write(r, out),
        Format::Gitlab => gitlab::write(r, out),
        Format::Github => github::write(r, out),
        Format::Junit => junit::write(r, out),
        format => out.write_all(render(format, r, false).as_bytes()),
    }
}

/// The directory file names are resolved against (the process's; `.` if unknown).
fn cwd() -> std::path::PathBuf {
    std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."))
}

/// `doc` as pretty JSON and a newline, serialized straight into `out`.
fn write_json(out: &mut dyn std::io::Write, doc: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, doc)?;
    out.write_all(b"\n")
}

/// What `write` writes, as a string (it writes UTF-8).
fn written(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    write(&mut out).expect("writing to memory");
    String::from_utf8(out).expect("reports are UTF-8")
}

/// Runs `produce` (which writes text) with its text going to `out` as it
/// comes, buffered, and the first write error returned.
fn write_through(out: &mut dyn std::io::Write, produce: impl FnOnce(&mut dyn std::fmt::Write)) -> std::io::Result<()> {
    struct Through<W: std::io::Write> {
        inner: W,
        error: Option<std::io::Error>,
    }
    impl<W: std::io::Write> std::fmt::Write for Through<W> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            if self.error.is_some() {
                return Err(std::fmt::Error);
            }
            self.inner.write_all(s.as_bytes()).map_err(|e| {
                self.error = Some(e);
                std::fmt::Error
            })
        }
    }
    let mut through = Through { inner: std::io::BufWriter::new(out), error: None };
    produce(&mut through);
    match through.error {
        Some(e) => Err(e),
        None => std::io::Write::flush(&mut through.inner),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Notice, NOT_DOWNLOADED};

    fn notice(line: usize, message: String) -> Notice {
        Notice { file: "main.tf".into(), line, column: 1, message }
    }

    #[test]
    fn many_modules_that_are_not_downloaded_are_one_note_for_people() {
        let module = |i: usize| notice(i, format!("module `m{i}` (source `x/y/aws`) {NOT_DOWNLOADED} (run ...)"));
        let few: Vec<Notice> = (1..=3).map(module).chain([notice(9, "unused ignore".into())]).collect();
        assert_eq!(notices_for_people(&few), few, "a few are each listed");
        let many: Vec<Notice> = (1..=40).map(module).chain([notice(99, "unused ignore".into())]).collect();
        let shown = notices_for_people(&many);
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert_eq!(shown[0].message, "unused ignore");
        assert_eq!(shown[1].line, 1);
        assert!(shown[1].message.starts_with("40 module calls are not checked"), "{}", shown[1].message);
    }
}
