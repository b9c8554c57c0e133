//! `--format github`: GitHub Actions workflow commands, which the runner turns
//! into annotations on the pull request's files.
//!
//! ```text
//! ::error file=main.tf,line=28,col=3,endLine=28,endColumn=31,title=aws-rds-publicly-accessible%3A RDS database is publicly accessible::aws_db_instance.app: ...
//! ```
//!
//! Critical and high findings are `error`, medium `warning`, low `notice`.
//! Paths are relative to the repository root (as in SARIF), which is where
//! Actions looks for them. Suppressed findings are left out; notices about ignore comments
//! are `notice` commands.

use std::path::Path;

use super::sarif::Locator;
use super::Report;
use crate::rules::Severity;

/// Escapes a command's message (`%`, CR and LF), as `@actions/core` does,
/// and every other control character (NUL, ESC...) and invisible Unicode
/// control as `%XX` or `\u{...}`: the runner reads these lines from the log,
/// so nothing in a value may end a command early or start another.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if (c as u32) < 0x80 && super::needs_escape(c) => out.push_str(&format!("%{:02X}", c as u32)),
            c if super::needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value: as data, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn command(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "notice",
    }
}

pub fn render(r: &Report) -> String {
    render_from(r, &super::cwd())
}

pub fn render_from(r: &Report, cwd: &Path) -> String {
    let mut out = String::new();
    write_to(r, cwd, &mut out);
    out
}

/// [`render`], written into `out` line by line (a report of hundreds of
/// thousands of findings is never held whole).
pub fn write(r: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let cwd = super::cwd();
    super::write_through(out, |w| write_to(r, &cwd, w))
}

fn write_to(r: &Report, cwd: &Path, out: &mut dyn std::fmt::Write) {
    let mut loc = Locator::new(r, cwd);
    for e in r.errors {
        let file = loc.locate(&e.file).path();
        let _ = writeln!(
            out,
            "::error file={},line={},col={}::{}",
            escape_property(&file),
            e.line.max(1),
            e.column.max(1),
            escape_data(&e.message)
        );
    }
    for n in &super::notices_for_people(r.notices) {
        let file = loc.locate(&n.file).path();
        let _ = writeln!(
            out,
            "::notice file={},line={},col={}::{}",
            escape_property(&file),
            n.line.max(1),
            n.column.max(1),
            escape_data(&n.message)
        );
    }
    for f in r.findings.iter().filter(|f| f.suppression.is_none()) {
        let file = loc.locate(&f.file).path();
        let mut message = super::described(f);
        if !f.remediation.is_empty() {
            message.push_str("\n\nHow to fix: ");
            message.push_str(&f.remediation);
        }
        let _ = writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            command(f.severity),
            escape_property(&file),
            f.line.max(1),
            f.column.max(1),
            f.end_line.max(f.line).max(1),
            f.end_column.max(1),
            escape_property(&format!("{}: {}", f.rule_id, f.title)),
            escape_data(&message),
        );
    }
}
