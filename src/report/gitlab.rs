//! `--format gitlab`: a GitLab Code Quality report (the subset of the Code
//! Climate issue format that the merge-request widget reads), for
//! `artifacts: reports: codequality:`.
//!
//! ```json
//! [{ "type": "issue", "check_name": "aws-rds-publicly-accessible",
//!    "description": "aws_db_instance.app: `publicly_accessible` is true: ...",
//!    "categories": ["Security"], "severity": "critical",
//!    "fingerprint": "5c0f...", "location": { "path": "infra/main.tf", "lines": { "begin": 28, "end": 28 } } }]
//! ```
//!
//! - Severities as Trivy's GitLab template maps them: critical `critical`, high
//!   `major`, medium `minor`, low `info`; a file that could not be checked is a
//!   `major` issue (`check_name` `load-error`).
//! - Paths are relative to the repository root (as in SARIF), which is where
//!   GitLab looks for them.
//! - `fingerprint` is SARIF's: rule, path, resource address and rank, never
//!   the line, so an issue keeps its identity between the base and the merge
//!   request when code above it moves (GitLab compares them to tell new
//!   issues from fixed ones).
//! - Suppressed findings are left out; messages are already masked, and
//!   control characters are escaped as in every other format.

use std::path::Path;

use serde::Serialize;
use serde_json::{json, Value};

use super::sarif::{fingerprints, fnv1a64, Locator};
use super::{printable, Finding, Report};
use crate::rules::Severity;

pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "critical",
        Severity::High => "major",
        Severity::Medium => "minor",
        Severity::Low => "info",
    }
}

pub fn render(r: &Report) -> String {
    render_from(r, &super::cwd())
}

pub fn render_from(r: &Report, cwd: &Path) -> String {
    super::written(|out| super::write_json(out, &Issues::new(r, cwd)))
}

/// [`render`], serialized straight into `out`, one issue at a time (a
/// report of hundreds of thousands of findings is never held whole).
pub fn write(r: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    super::write_json(out, &Issues::new(r, &super::cwd()))
}

/// The report's issues: load errors first, then findings, each built into
/// JSON as it is written.
struct Issues<'a> {
    errors: Vec<Value>,
    /// Unsuppressed findings, by file and position, with their paths and fingerprints.
    findings: Vec<(&'a Finding, String, String)>,
}

impl<'a> Issues<'a> {
    fn new(r: &'a Report, cwd: &Path) -> Issues<'a> {
        let mut loc = Locator::new(r, cwd);
        let errors = r
            .errors
            .iter()
            .map(|e| {
                let path = loc.locate(&e.file).path();
                let key = format!("load-error\0{path}\0{}", e.message);
                json!({
                    "type": "issue",
                    "check_name": "load-error",
                    "description": printable(&format!("could not be checked: {}", e.message)),
                    "categories": ["Bug Risk"],
                    "severity": "major",
                    "fingerprint": format!("{:016x}", fnv1a64(key.as_bytes())),
                    "location": { "path": printable(&path), "lines": { "begin": e.line.max(1) } },
                })
            })
            .collect();
        // Findings are sorted by file and position; fingerprints rank findings of
        // one rule on one resource in that order (suppressed ones are not shown,
        // but keep their rank so a fingerprint does not move when one is).
        let mut all: Vec<&Finding> = r.findings.iter().chain(r.suppressed).collect();
        all.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.rule_id, &a.message)
                .cmp(&(&b.file, b.line, b.column, &b.rule_id, &b.message))
        });
        let paths: Vec<String> = all.iter().map(|f| loc.locate(&f.file).path()).collect();
        let prints = fingerprints(&all, &paths);
        let findings = all
            .into_iter()
            .zip(paths)
            .zip(prints)
            .filter(|((f, _), _)| f.suppression.is_none())
            .map(|((f, path), print)| (f, path, print))
            .collect();
        Issues { errors, findings }
    }
}

fn issue(f: &Finding, path: &str, print: &str) -> Value {
    json!({
        "type": "issue",
        "check_name": f.rule_id,
        "description": printable(&super::described(f)),
        "categories": ["Security"],
        "severity": severity(f.severity),
        "fingerprint": print.trim_end_matches(":1"),
        "location": {
            "path": printable(path),
            "lines": { "begin": f.line.max(1), "end": f.end_line.max(f.line).max(1) },
        },
    })
}

impl Serialize for Issues<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.errors.len() + self.findings.len()))?;
        for e in &self.errors {
            seq.serialize_element(e)?;
        }
        for (f, path, print) in &self.findings {
            seq.serialize_element(&issue(f, path, print))?;
        }
        seq.end()
    }
}
