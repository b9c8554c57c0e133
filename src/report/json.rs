//! `--format json`: the stable, documented contract (see README).

use serde::Serialize;

use super::{Finding, Report};
use crate::diagnostics::LoadError;

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    findings: usize,
    errors: usize,
    suppressed: usize,
}

#[derive(Serialize)]
struct Error<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    findings: &'a [Finding],
    errors: Vec<Error<'a>>,
    notices: &'a [crate::suppress::Notice],
    summary: Summary,
}

pub fn render(r: &Report) -> String {
    super::written(|out| write(r, out))
}

/// [`render`], serialized straight into `out`: with hundreds of thousands of
/// findings the report is hundreds of megabytes, which need not all be held.
pub fn write(r: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let doc = Document {
        version: 1,
        tool: Tool { name: "tflint-rs", version: env!("CARGO_PKG_VERSION") },
        findings: r.findings,
        errors: r
            .errors
            .iter()
            .map(|e: &LoadError| Error { file: &e.file, line: e.line, column: e.column, message: &e.message })
            .collect(),
        notices: r.notices,
        summary: Summary {
            files: r.files,
            findings: r.findings.len(),
            errors: r.errors.len(),
            suppressed: r.suppressed.len(),
        },
    };
    super::write_json(out, &doc)
}
