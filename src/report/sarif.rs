//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning (and any other SARIF
//! viewer), valid against the OASIS schema.
//!
//! - One run; `tool.driver.rules` lists every rule that was run, with its
//!   documentation (`help`), `security-severity` and default level.
//! - Locations are relative to the repository root (`%SRCROOT%`, the nearest
//!   ancestor holding `.git`; the current directory when there is none), which
//!   is what code scanning needs to place an alert on a file.
//! - Columns count Unicode code points (`columnKind: unicodeCodePoints`), as
//!   every other format does. `endColumn` is exclusive, as SARIF wants: it is the
//!   column just after the last character of the finding (the finding's
//!   `end_column` is already computed from the exclusive end offset of its span).
//! - `partialFingerprints.primaryLocationLineHash` ignores line numbers, so an
//!   alert keeps its identity when lines are inserted above it (see [`fingerprints`]).
//! - Suppressed findings are kept, with `suppressions`, so code scanning shows
//!   them as dismissed; load errors are tool execution notifications.
//!
//! Nothing here prints source text: messages are already masked.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;
use serde_json::{json, Value};

use super::{Finding, Report, SuppressionKind};
use crate::rules::{Rule, Severity};

const SCHEMA_URI: &str =
    "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";

pub fn render(r: &Report) -> String {
    render_from(r, &super::cwd())
}

/// As [`render`], with file names resolved against `cwd`.
pub fn render_from(r: &Report, cwd: &Path) -> String {
    super::written(|out| super::write_json(out, &Document::new(r, cwd)))
}

/// [`render`], serialized straight into `out`, one result at a time: a
/// result's JSON tree is about 14 KB in memory, so hundreds of thousands of
/// findings must not be built into one document first.
pub fn write(r: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    super::write_json(out, &Document::new(r, &super::cwd()))
}

pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// GitHub's `security-severity` score (a string): critical is above 9.0,
/// high 7.0-8.9, medium 4.0-6.9, low below 4.0.
pub fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
    }
}

pub const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

/// `aws-rds-publicly-accessible` -> `AwsRdsPubliclyAccessible`.
fn camel_case(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

/// `security`, then the platform and service the id names (`aws`, `rds`).
fn tags(rule: &Rule) -> Vec<String> {
    let mut tags = vec!["security".to_string()];
    let mut parts = rule.id.split('-');
    match parts.next() {
        Some("aws") => {
            tags.push("aws".into());
            if let Some(service) = parts.next() {
                tags.push(service.into());
            }
        }
        Some(p) if !p.is_empty() => tags.push(p.into()),
        _ => {}
    }
    tags.push("terraform".into());
    let mut seen = std::collections::HashSet::new();
    tags.retain(|t| seen.insert(t.clone()));
    tags
}

fn rule_descriptor(rule: &Rule, docs_url: &str) -> Value {
    let doc = crate::docs::markdown(rule);
    json!({
        "id": rule.id,
        "name": camel_case(&rule.id),
        "shortDescription": { "text": rule.title },
        "fullDescription": { "text": rule.description, "markdown": rule.description },
        "help": { "text": doc, "markdown": doc },
        "helpUri": crate::docs::url(docs_url, &rule.id),
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": {
            "tags": tags(rule),
            "security-severity": security_severity(rule.severity),
            "precision": "high",
            "problem.severity": match rule.severity {
                Severity::Critical | Severity::High => "error",
                Severity::Medium => "warning",
                Severity::Low => "recommendation",
            },
        },
    })
}

/// Where the files are, for URIs: the repository root and each file's path in it.
pub struct Locator {
    cwd: PathBuf,
    /// The repository root (or the current directory), absolute.
    pub root: PathBuf,
    cache: HashMap<String, Located>,
}

#[derive(Clone)]
pub struct Located {
    /// Path relative to `root`, `/`-separated; None when the file is outside it.
    pub relative: Option<String>,
    pub absolute: PathBuf,
}

impl Located {
    /// The path to show and fingerprint: repository-relative, else absolute.
    pub fn path(&self) -> String {
        self.relative.clone().unwrap_or_else(|| slashes(&self.absolute))
    }
}

fn slashes(p: &Path) -> String {
    let s = p.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

/// `.` and `..` removed without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

fn absolute(cwd: &Path, file: &str) -> PathBuf {
    let p = Path::new(file);
    let joined = if p.is_absolute() { p.to_path_buf() } else { cwd.join(p) };
    std::fs::canonicalize(&joined).unwrap_or_else(|_| normalize(&joined))
}

/// The nearest ancestor of `start` that holds `.git` (a directory, or a file in
/// a worktree or submodule).
pub fn git_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|d| d.join(".git").exists()).map(Path::to_path_buf)
}

impl Locator {
    /// The root is the repository of the first reported file (or of the
    /// current directory when nothing is reported), else the current directory.
    pub fn new(r: &Report, cwd: &Path) -> Locator {
        let cwd = std::fs::canonicalize(cwd).unwrap_or_else(|_| normalize(cwd));
        let first = r
            .findings
            .iter()
            .chain(r.suppressed)
            .map(|f| f.file.as_str())
            .chain(r.errors.iter().map(|e| e.file.as_str()))
            .next();
        let start = first.map(|f| absolute(&cwd, f)).unwrap_or_else(|| cwd.clone());
        let root = git_root(&start).unwrap_or_else(|| cwd.clone());
        Locator { cwd, root, cache: HashMap::new() }
    }

    pub fn locate(&mut self, file: &str) -> Located {
        if let Some(l) = self.cache.get(file) {
            return l.clone();
        }
        let abs = absolute(&self.cwd, file);
        let relative = abs.strip_prefix(&self.root).ok().map(slashes).filter(|s| !s.is_empty());
        let l = Located { relative, absolute: abs };
        self.cache.insert(file.to_string(), l.clone());
        l
    }
}

/// Percent-encodes everything but unreserved characters and `/` (and `:` when
/// `keep_colon`, for drive letters in absolute file URIs).
fn encode_path(s: &str, keep_colon: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) || (keep_colon && b == b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn file_uri(abs: &Path, directory: bool) -> String {
    let mut p = slashes(abs);
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    if directory && !p.ends_with('/') {
        p.push('/');
    }
    format!("file://{}", encode_path(&p, true))
}

/// FNV-1a, 64 bits: small, stable across platforms and releases.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// One `primaryLocationLineHash` per finding, in order.
///
/// A finding is identified by its rule, its repository-relative path, its
/// resource address and its rank among the findings that share those three
/// (ordered by position). Line numbers are left out, so inserting or removing
/// lines elsewhere in the file keeps every fingerprint; moving a resource to
/// another file, renaming it, or adding a second finding of the same rule on
/// the same resource before this one changes it.
pub fn fingerprints(findings: &[&Finding], paths: &[String]) -> Vec<String> {
    let mut groups: HashMap<(&str, &str, &str), Vec<usize>> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        groups.entry((&f.rule_id, &paths[i], &f.resource)).or_default().push(i);
    }
    let mut out = vec![String::new(); findings.len()];
    for ((rule, path, resource), mut members) in groups {
        members.sort_by(|&a, &b| {
            let (fa, fb) = (findings[a], findings[b]);
            (fa.line, fa.column, fa.end_line, fa.end_column, &fa.message).cmp(&(
                fb.line,
                fb.column,
                fb.end_line,
                fb.end_column,
                &fb.message,
            ))
        });
        for (occurrence, i) in members.into_iter().enumerate() {
            let key = format!("{rule}\0{path}\0{resource}\0{occurrence}");
            out[i] = format!("{:016x}:1", fnv1a64(key.as_bytes()));
        }
    }
    out
}

fn artifact_location(l: &Located) -> Value {
    match &l.relative {
        Some(rel) => json!({ "uri": encode_path(rel, false), "uriBaseId": "%SRCROOT%" }),
        None => json!({ "uri": file_uri(&l.absolute, false) }),
    }
}

fn message_text(f: &Finding) -> String {
    let mut text = super::described(f);
    if !f.remediation.is_empty() {
        text.push_str("\n\nHow to fix: ");
        text.push_str(&f.remediation);
    }
    text
}

/// The SARIF log. Its fields are declared in the order serde_json's maps
/// sort keys (the order the log has always been written in).
#[derive(Serialize)]
struct Document<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    invocations: [Value; 1],
    original_uri_base_ids: Value,
    results: Results<'a>,
    tool: Value,
}

/// Every finding (suppressed ones included), built into JSON one at a time
/// as it is written.
struct Results<'a> {
    /// By file, position, rule and message.
    all: Vec<&'a Finding>,
    located: Vec<Located>,
    prints: Vec<String>,
    rule_index: HashMap<&'a str, usize>,
    /// For the places values are written (`relatedLocations`).
    locator: std::cell::RefCell<Locator>,
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.all.len()))?;
        for i in 0..self.all.len() {
            seq.serialize_element(&self.result(i))?;
        }
        seq.end()
    }
}

impl Results<'_> {
    fn result(&self, i: usize) -> Value {
        let f = self.all[i];
        let mut result = json!({
            "ruleId": f.rule_id,
            "level": level(f.severity),
            "message": { "text": message_text(f) },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": artifact_location(&self.located[i]),
                    "region": {
                        "startLine": f.line.max(1),
                        "startColumn": f.column.max(1),
                        "endLine": f.end_line.max(f.line).max(1),
                        "endColumn": f.end_column.max(1),
                    },
                },
            }],
            "partialFingerprints": { "primaryLocationLineHash": self.prints[i] },
            "properties": { "resource": f.resource, "severity": f.severity.as_str() },
        });
        // Where the value is written, when that is not the finding's own place.
        if !f.written_at.is_empty() {
            let mut loc = self.locator.borrow_mut();
            let related: Vec<Value> = f
                .written_at
                .iter()
                .enumerate()
                .map(|(id, p)| {
                    json!({
                        "id": id,
                        "physicalLocation": {
                            "artifactLocation": artifact_location(&loc.locate(&p.file)),
                            "region": { "startLine": p.line.max(1), "startColumn": p.column.max(1) },
                        },
                        "message": { "text": "the value is written here" },
                    })
                })
                .collect();
            result["relatedLocations"] = json!(related);
        }
        if let Some(&ix) = self.rule_index.get(f.rule_id.as_str()) {
            result["ruleIndex"] = json!(ix);
        }
        if let Some(s) = &f.suppression {
            let kind = match s.kind {
                SuppressionKind::InSource => "inSource",
                SuppressionKind::External => "external",
            };
            let mut sup = json!({ "kind": kind });
            if let Some(j) = &s.justification {
                sup["justification"] = json!(j);
            }
            result["suppressions"] = json!([sup]);
        }
        result
    }
}

impl<'a> Document<'a> {
    fn new(r: &'a Report, cwd: &Path) -> Document<'a> {
        let mut loc = Locator::new(r, cwd);
        let rule_index: HashMap<&str, usize> =
            r.rules.iter().enumerate().map(|(i, rule)| (rule.id.as_str(), i)).collect();
        // Suppressed findings too, so code scanning shows them as dismissed; their
        // ranks count in fingerprints, which therefore do not change when a
        // finding is suppressed or unsuppressed.
        let mut all: Vec<&Finding> = r.findings.iter().chain(r.suppressed).collect();
        all.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.rule_id, &a.message)
                .cmp(&(&b.file, b.line, b.column, &b.rule_id, &b.message))
        });
        let located: Vec<Located> = all.iter().map(|f| loc.locate(&f.file)).collect();
        let paths: Vec<String> = located.iter().map(Located::path).collect();
        let prints = fingerprints(&all, &paths);
        drop(paths);

        // Load errors, then notices about ignore comments (expired, unused, malformed).
        let notices = r
            .errors
            .iter()
            .map(|e| ("error", &e.file, e.line, e.column, &e.message))
            .chain(r.notices.iter().map(|n| ("note", &n.file, n.line, n.column, &n.message)));
        let notifications: Vec<Value> = notices
            .map(|(level, file, line, column, message)| {
                let l = loc.locate(file);
                json!({
                    "level": level,
                    "message": { "text": message },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": artifact_location(&l),
                            "region": { "startLine": line.max(1), "startColumn": column.max(1) },
                        },
                    }],
                })
            })
            .collect();
        let mut invocation = json!({ "executionSuccessful": r.errors.is_empty() });
        if !notifications.is_empty() {
            invocation["toolExecutionNotifications"] = json!(notifications);
        }
        let tool = json!({
            "driver": {
                "name": "tflint-rs",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": r.rules.iter().map(|rule| rule_descriptor(rule, r.docs_url)).collect::<Vec<_>>(),
            },
        });
        let original_uri_base_ids = json!({ "%SRCROOT%": { "uri": file_uri(&loc.root, true) } });
        Document {
            schema: SCHEMA_URI,
            runs: [Run {
                column_kind: "unicodeCodePoints",
                invocations: [invocation],
                original_uri_base_ids,
                results: Results { all, located, prints, rule_index, locator: std::cell::RefCell::new(loc) },
                tool,
            }],
            version: "2.1.0",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(camel_case("aws-rds-publicly-accessible"), "AwsRdsPubliclyAccessible");
        assert_eq!(encode_path("a b/c:d.tf", false), "a%20b/c%3Ad.tf");
        assert_eq!(file_uri(Path::new("/work/my repo"), true), "file:///work/my%20repo/");
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        // FNV-1a 64 test vectors.
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
    }
}
