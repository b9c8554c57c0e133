//! `--format junit`: JUnit XML for CI systems that show test reports (GitLab,
//! Jenkins, Azure Pipelines, CircleCI).
//!
//! One `<testsuite>` per file, one `<testcase>` per finding with a `<failure>`
//! (`type` is the rule id), and one per file that could not be checked with an
//! `<error>`. Suppressed findings are left out. A clean run still has one
//! passing test case, so the CI shows that the check ran. Notices (a module
//! that is not downloaded, a read refused at the trust boundary, an unused
//! ignore comment) are the `<system-out>` of one more suite, `tflint-rs
//! notices`, which holds no test case.

use std::collections::BTreeMap;

use super::{Finding, Report};
use crate::diagnostics::LoadError;

/// Escapes text for XML 1.0 content and attribute values. Characters XML 1.0
/// cannot carry at all (most control characters) become U+FFFD; tab, CR and
/// LF are written as character references so attribute values keep them.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if super::needs_escape(c) || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Element content: as [`escape`], but newlines stay newlines.
fn escape_text(s: &str) -> String {
    escape(s).replace("&#10;", "\n")
}

#[derive(Default)]
struct Suite<'a> {
    findings: Vec<&'a Finding>,
    errors: Vec<&'a LoadError>,
}

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    write_to(r, &mut out);
    out
}

/// [`render`], written into `out` test case by test case (a report of
/// hundreds of thousands of findings is never held whole).
pub fn write(r: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    super::write_through(out, |w| write_to(r, w))
}

fn write_to(r: &Report, out: &mut dyn std::fmt::Write) {
    let mut suites: BTreeMap<&str, Suite> = BTreeMap::new();
    for e in r.errors {
        suites.entry(&e.file).or_default().errors.push(e);
    }
    for f in r.findings.iter().filter(|f| f.suppression.is_none()) {
        suites.entry(&f.file).or_default().findings.push(f);
    }
    let failures: usize = suites.values().map(|s| s.findings.len()).sum();
    let errors: usize = suites.values().map(|s| s.errors.len()).sum();

    let _ = out.write_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if suites.is_empty() {
        let _ = writeln!(out, "<testsuites name=\"tflint-rs\" tests=\"1\" failures=\"0\" errors=\"0\">");
        let _ = writeln!(out, "  <testsuite name=\"tflint-rs\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">");
        let name = format!("no findings in {} file{}", r.files, if r.files == 1 { "" } else { "s" });
        let _ = writeln!(out, "    <testcase name=\"{}\" classname=\"tflint-rs\"/>", escape(&name));
        let _ = writeln!(out, "  </testsuite>");
        notices(r, out);
        let _ = out.write_str("</testsuites>\n");
        return;
    }
    let _ = writeln!(
        out,
        "<testsuites name=\"tflint-rs\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\">",
        failures + errors
    );
    for (file, suite) in &suites {
        let file = escape(file);
        let (nf, ne) = (suite.findings.len(), suite.errors.len());
        let _ = writeln!(
            out,
            "  <testsuite name=\"{file}\" tests=\"{}\" failures=\"{nf}\" errors=\"{ne}\" skipped=\"0\">",
            nf + ne
        );
        for e in &suite.errors {
            let _ = writeln!(
                out,
                "    <testcase name=\"{file}:{}:{}\" classname=\"{file}\" file=\"{file}\" line=\"{}\">",
                e.line, e.column, e.line
            );
            let _ = writeln!(
                out,
                "      <error message=\"{}\" type=\"load-error\">{}:{}:{}: {}</error>",
                escape(&e.message),
                escape_text(&super::printable(&e.file)),
                e.line,
                e.column,
                escape_text(&super::printable(&e.message))
            );
            let _ = writeln!(out, "    </testcase>");
        }
        for f in &suite.findings {
            let name = format!("{} {} ({}:{}:{})", f.rule_id, f.resource, f.file, f.line, f.column);
            let _ = writeln!(
                out,
                "    <testcase name=\"{}\" classname=\"{}\" file=\"{file}\" line=\"{}\">",
                escape(&name),
                escape(&f.rule_id),
                f.line
            );
            let body = format!(
                "{} ({}): {}\n{}:{}:{}\nResource: {}\n{}\nHow to fix: {}",
                f.rule_id,
                f.severity.as_str(),
                f.title,
                super::printable(&f.file),
                f.line,
                f.column,
                super::printable(&f.resource),
                super::printable(&format!("{}{}", f.message, super::provenance(f))),
                f.remediation
            );
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape(&f.message),
                escape(&f.rule_id),
                escape_text(&body)
            );
            let _ = writeln!(out, "    </testcase>");
        }
        let _ = writeln!(out, "  </testsuite>");
    }
    notices(r, out);
    let _ = out.write_str("</testsuites>\n");
}

/// The notices, one line each, as the output of a suite without test cases.
fn notices(r: &Report, out: &mut dyn std::fmt::Write) {
    if r.notices.is_empty() {
        return;
    }
    let _ =
        writeln!(out, "  <testsuite name=\"tflint-rs notices\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\">");
    let _ = out.write_str("    <system-out>");
    for n in r.notices {
        let line =
            format!("{}:{}:{}: note: {}\n", super::printable(&n.file), n.line, n.column, super::printable(&n.message));
        let _ = out.write_str(&escape_text(&line));
    }
    let _ = out.write_str("</system-out>\n");
    let _ = writeln!(out, "  </testsuite>");
}
