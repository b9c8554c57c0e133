//! Inline suppressions, written where reviewers see them:
//!
//! ```hcl
//! # tflint-rs:ignore:aws-s3-public-acl exp:2026-12-31 -- public website bucket
//! resource "aws_s3_bucket_acl" "site" { ... }
//! ```
//!
//! - `# tflint-rs:ignore:ID[,ID...] [exp:YYYY-MM-DD] [-- reason]` (or `//`) at the
//!   end of the offending line, or on the comment lines directly above the block
//!   or attribute it covers (on a `module` block: everything in that module).
//! - `# tflint-rs:ignore-file:ID[,ID...]` covers the whole file.
//! - Other scanners' comments keep working: `#tfsec:ignore:ID`, `#trivy:ignore:ID`
//!   and `#checkov:skip=ID:reason` silence the rules whose `equivalents` name ID
//!   (a Checkov skip anywhere inside a block covers the block, as in Checkov).
//! - Ids match case-insensitively; a rule's equivalents are aliases.
//!
//! An expired ignore no longer suppresses and says so; an ignore that
//! suppresses nothing and a misspelled directive are reported as notices.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostics::{Finding, Suppression, SuppressionKind};
use crate::rules::Rule;
use crate::source::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    TflintRs,
    Tfsec,
    Trivy,
    Checkov,
}

#[derive(Debug, Clone)]
pub struct Directive {
    /// 1-based line and column of the comment.
    pub line: usize,
    pub column: usize,
    /// True when nothing but whitespace precedes the comment on its line.
    pub own_line: bool,
    pub file_level: bool,
    pub tool: Tool,
    /// Lowercased ids as written.
    pub ids: Vec<String>,
    /// The same ids in the case they are written in (for messages).
    pub shown: Vec<String>,
    pub expires: Option<(i32, u32, u32)>,
    pub reason: Option<String>,
}

pub use crate::diagnostics::Notice;

// ASCII digits and ASCII case: what a date or a tool's word is made of, and
// a tenth of the compile time of Unicode's classes (`\d`, `(?i:...)` took
// about 1 ms of a pre-commit run, compiled at its first directive).
static COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:#|//)\s*(?i-u:(tflint[-_ ]?rs|tfsec|trivy|checkov))\s*:\s*(\S.*)?$").unwrap());
static OURS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(ignore|ignore-file):([A-Za-z0-9_,.\-]+)(?:\s+exp:([0-9]{4})-([0-9]{2})-([0-9]{2}))?\s*(?:--\s*(.*))?$",
    )
    .unwrap()
});
static FOREIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i-u:ignore):([A-Za-z0-9_\-]+)(?::exp:([0-9]{4})-([0-9]{2})-([0-9]{2}))?").unwrap()
});
static MORE_FOREIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u:tfsec|trivy)\s*:\s*(?i-u:ignore):([A-Za-z0-9_\-]+)(?::exp:([0-9]{4})-([0-9]{2})-([0-9]{2}))?")
        .unwrap()
});
static CHECKOV: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?i-u:skip)=([A-Za-z0-9_]+)(?::(.*))?").unwrap());

pub use crate::source::{may_have_directives, Construct};

/// Finds the directives of one file; malformed `tflint-rs:` comments come back as notices.
pub fn parse(text: &str) -> (Vec<Directive>, Vec<(usize, usize, String)>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    // Only a line with a comment marker followed by a tool's name can hold
    // a directive (the regex costs a search per line: most comments are prose).
    for (i, line) in crate::source::directive_lines(text) {
        let Some(c) = COMMENT.captures(line) else { continue };
        let start = c.get(0).map_or(0, |m| m.start());
        let own_line = line[..start].trim().is_empty();
        let column = line[..start].chars().count() + 1;
        let tool_word = c[1].to_ascii_lowercase();
        let rest = c.get(2).map_or("", |m| m.as_str()).trim_end();
        let tool = match tool_word.as_str() {
            "tflint-rs" => Tool::TflintRs,
            "tfsec" => Tool::Tfsec,
            "trivy" => Tool::Trivy,
            "checkov" => Tool::Checkov,
            _ => {
                bad.push((
                    i + 1,
                    column,
                    format!("`{}` is not a directive: write `tflint-rs:ignore:RULE_ID`", c[1].trim()),
                ));
                continue;
            }
        };
        let mut d = Directive {
            line: i + 1,
            column,
            own_line,
            file_level: false,
            tool,
            ids: Vec::new(),
            shown: Vec::new(),
            expires: None,
            reason: None,
        };
        match tool {
            Tool::TflintRs => match OURS.captures(rest) {
                Some(m) => {
                    d.file_level = &m[1] == "ignore-file";
                    d.shown = m[2].split(',').filter(|s| !s.is_empty()).map(str::to_string).collect();
                    d.ids = d.shown.iter().map(|s| s.to_ascii_lowercase()).collect();
                    match expiry(&m, 3) {
                        Ok(date) => d.expires = date,
                        Err(e) => {
                            bad.push((i + 1, column, format!("malformed directive `tflint-rs:{rest}`: {e}")));
                            continue;
                        }
                    }
                    d.reason = m.get(6).map(|r| r.as_str().trim().to_string()).filter(|r| !r.is_empty());
                }
                None => {
                    bad.push((i + 1, column, format!("malformed directive `tflint-rs:{rest}`: expected `tflint-rs:ignore:RULE_ID[,RULE_ID] [exp:YYYY-MM-DD] [-- reason]` or `tflint-rs:ignore-file:RULE_ID`")));
                    continue;
                }
            },
            Tool::Tfsec | Tool::Trivy => match FOREIGN.captures(rest) {
                Some(m) => {
                    d.shown = vec![m[1].to_string()];
                    d.ids = vec![m[1].to_ascii_lowercase()];
                    match expiry(&m, 2) {
                        Ok(date) => d.expires = date,
                        Err(e) => {
                            bad.push((i + 1, column, format!("malformed ignore comment: {e}")));
                            continue;
                        }
                    }
                    // `#tfsec:ignore:a tfsec:ignore:b` (or `trivy:`) on one line: each id
                    // counts, with its own expiry.
                    let after = m.get(0).map_or(rest.len(), |x| x.end());
                    for more in MORE_FOREIGN.captures_iter(&rest[after..]) {
                        let mut other = d.clone();
                        other.shown = vec![more[1].to_string()];
                        other.ids = vec![more[1].to_ascii_lowercase()];
                        match expiry(&more, 2) {
                            Ok(date) => other.expires = date,
                            Err(e) => {
                                bad.push((i + 1, column, format!("malformed ignore comment: {e}")));
                                continue;
                            }
                        }
                        out.push(other);
                    }
                }
                None => continue, // another tool's business
            },
            Tool::Checkov => match CHECKOV.captures(rest) {
                Some(m) => {
                    d.shown = vec![m[1].to_string()];
                    d.ids = vec![m[1].to_ascii_lowercase()];
                    d.reason = m.get(2).map(|r| r.as_str().trim().to_string()).filter(|r| !r.is_empty());
                }
                None => continue,
            },
        }
        out.push(d);
    }
    (out, bad)
}

/// The `exp:` date whose year is capture group `at` (month and day follow):
/// none written, a real date, or why it is not one.
fn expiry(m: &regex::Captures, at: usize) -> Result<Option<(i32, u32, u32)>, String> {
    let (Some(y), Some(mo), Some(da)) = (m.get(at), m.get(at + 1), m.get(at + 2)) else { return Ok(None) };
    let (y, mo, da) = (y.as_str(), mo.as_str(), da.as_str());
    real_date(y, mo, da).map(Some).ok_or_else(|| format!("`exp:{y}-{mo}-{da}` is not a date"))
}

/// (year, month, day) when the three parts name a day of the calendar
/// (`2024-02-29` yes, `2023-02-29`, `2024-02-30` and `2024-13-01` no).
fn real_date(y: &str, m: &str, d: &str) -> Option<(i32, u32, u32)> {
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((y, m, d))
}

/// Today's date (UTC) as (year, month, day).
pub fn today() -> (i32, u32, u32) {
    let days =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() / 86_400).unwrap_or(0)
            as i64;
    civil_from_days(days)
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

/// Does directive id `id` name `rule` (its id or one of its equivalents)?
fn names(rule: &Rule, id: &str) -> bool {
    rule.id.eq_ignore_ascii_case(id) || rule.equivalents.names(id)
}

/// What a file's directives need to know of it, indexed once: the first
/// line that is not a comment at or after each line, and the outermost
/// constructs by start line. (Each directive used to scan the comment block
/// below it and every construct of the file: thousands of ignore comments in
/// one file cost their number squared.)
struct Layout {
    /// 0-based: the 1-based number of the first non-comment line at or after line `i + 1`.
    code_from: Vec<usize>,
    /// The constructs no other construct contains, by start line.
    outermost: Vec<(usize, usize, Option<String>)>,
    /// For each start line, the construct starting there that ends last.
    by_start: foldhash::HashMap<usize, (usize, Option<String>)>,
}

impl Layout {
    fn new(text: &str, constructs: &[Construct]) -> Layout {
        let lines: Vec<&str> = text.lines().collect();
        let mut code_from = vec![lines.len() + 1; lines.len() + 1];
        for i in (0..lines.len()).rev() {
            let l = lines[i].trim_start();
            code_from[i] = if l.starts_with('#') || l.starts_with("//") { code_from[i + 1] } else { i + 1 };
        }
        let mut by_start: foldhash::HashMap<usize, (usize, Option<String>)> = Default::default();
        for c in constructs {
            let e = by_start.entry(c.start).or_insert((c.end, c.module.clone()));
            if c.end >= e.0 {
                *e = (c.end, c.module.clone());
            }
        }
        // Widest first among equal starts, so a contained construct follows its container.
        let mut sorted: Vec<&Construct> = constructs.iter().collect();
        sorted.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
        let mut outermost: Vec<(usize, usize, Option<String>)> = Vec::new();
        for c in sorted {
            if outermost.last().is_none_or(|o| c.start > o.1) {
                outermost.push((c.start, c.end, c.module.clone()));
            }
        }
        Layout { code_from, outermost, by_start }
    }

    /// The outermost construct around `line`.
    fn around(&self, line: usize) -> Option<&(usize, usize, Option<String>)> {
        let k = self.outermost.partition_point(|o| o.0 <= line);
        self.outermost[..k].last().filter(|o| line <= o.1)
    }
}

/// The lines a directive covers and, for a `module` block, the module address.
fn coverage(d: &Directive, layout: &Layout) -> (usize, usize, Option<String>) {
    if d.file_level {
        return (1, usize::MAX, None);
    }
    let module = |m: &Option<String>| m.as_ref().map(|m| format!("module.{m}"));
    // Checkov reads a skip anywhere inside a resource or module body (its
    // documented place is the first lines of the block) as covering that
    // whole block: the outermost construct around the comment.
    if d.tool == Tool::Checkov {
        if let Some((start, end, m)) = layout.around(d.line) {
            return (*start, *end, module(m));
        }
    }
    let target = if d.own_line {
        // Skip the rest of the comment block above the construct.
        layout.code_from.get(d.line).copied().unwrap_or(d.line + 1)
    } else {
        d.line
    };
    // The outermost construct starting on the target line.
    match layout.by_start.get(&target) {
        Some((end, m)) => (target, *end, module(m)),
        None => (target, target, None),
    }
}

/// The findings of a directory, indexed for directives: by file (sorted by
/// line) and by the module call at the root of their resource address.
struct FindingIndex<'a> {
    by_file: std::collections::HashMap<&'a str, Vec<(usize, usize)>>,
    by_module: std::collections::HashMap<&'a str, Vec<usize>>,
}

impl<'a> FindingIndex<'a> {
    fn new(findings: &'a [Finding]) -> FindingIndex<'a> {
        let mut by_file: std::collections::HashMap<&str, Vec<(usize, usize)>> = std::collections::HashMap::new();
        let mut by_module: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
        for (i, f) in findings.iter().enumerate() {
            by_file.entry(f.file.as_str()).or_default().push((f.line, i));
            if let Some(root) = module_root(&f.resource) {
                by_module.entry(root).or_default().push(i);
            }
        }
        for v in by_file.values_mut() {
            v.sort_unstable();
        }
        FindingIndex { by_file, by_module }
    }

    /// Indices of the findings in `file` on lines `from..=to`, and of those in `module`, ascending.
    fn covered(&self, file: &str, from: usize, to: usize, module: Option<&str>) -> Vec<usize> {
        let mut out: Vec<usize> = self.by_file.get(file).map_or_else(Vec::new, |v| {
            let a = v.partition_point(|&(l, _)| l < from);
            let b = v.partition_point(|&(l, _)| l <= to);
            v[a..b].iter().map(|&(_, i)| i).collect()
        });
        if let Some(m) = module.and_then(|m| self.by_module.get(m)) {
            out.extend(m);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// `module.NAME` of an address in a module call (`module.NAME["a"].x`, `module.NAME.x`).
fn module_root(address: &str) -> Option<&str> {
    let rest = address.strip_prefix("module.")?;
    let end = rest.find(['.', '[']).unwrap_or(rest.len());
    Some(&address[.."module.".len() + end])
}

struct FileDirectives<'a> {
    pub display: &'a str,
    pub text: &'a str,
    pub constructs: Vec<Construct>,
}

/// Applies the ignore comments of `files` to `findings`. A file's
/// constructs (the blocks a directive may cover) are asked for only when its
/// text may hold a directive at all: most files hold none.
pub fn apply_in<'a, C: FnOnce() -> Vec<Construct>>(
    files: impl IntoIterator<Item = (&'a SourceFile, C)>,
    findings: &mut [Finding],
    rules: &[Rule],
    report_unused: bool,
) -> Vec<Notice> {
    let directives: Vec<FileDirectives> = files
        .into_iter()
        .filter(|(f, _)| f.may_have_directives())
        .map(|(f, constructs)| FileDirectives { display: &f.display, text: &f.text, constructs: constructs() })
        .collect();
    apply(&directives, findings, rules, report_unused)
}

/// Applies the directives of `files` to `findings` (marking suppressed ones)
/// and returns notices: expired, unused, unknown ids, malformed.
fn apply(files: &[FileDirectives], findings: &mut [Finding], rules: &[Rule], report_unused: bool) -> Vec<Notice> {
    let today = today();
    let mut notices = Vec::new();
    let index: Vec<Vec<usize>>;
    let mut covered: Vec<(usize, usize, Option<String>)> = Vec::new();
    let mut parsed = Vec::new();
    {
        // Each directive's findings, found by index (not by a pass over all findings).
        let idx = FindingIndex::new(findings);
        let mut lists = Vec::new();
        for fd in files {
            let (directives, malformed) = parse(fd.text);
            let layout = Layout::new(fd.text, &fd.constructs);
            for d in &directives {
                let c = coverage(d, &layout);
                lists.push(idx.covered(fd.display, c.0, c.1, c.2.as_deref()));
                covered.push(c);
            }
            parsed.push((directives, malformed));
        }
        index = lists;
    }
    let mut k = 0;
    for (fd, (directives, malformed)) in files.iter().zip(parsed) {
        for (line, column, message) in malformed {
            notices.push(Notice { file: fd.display.to_string(), line, column, message });
        }
        for d in &directives {
            let (from, to, module) = covered[k].clone();
            let candidates = &index[k];
            k += 1;
            let known: Vec<&String> = d.ids.iter().filter(|id| rules.iter().any(|r| names(r, id))).collect();
            if d.tool == Tool::TflintRs {
                for id in d.ids.iter().filter(|id| !known.contains(id)) {
                    notices.push(Notice {
                        file: fd.display.to_string(),
                        line: d.line,
                        column: d.column,
                        message: format!("unknown rule id `{id}` in ignore comment (`tflint-rs rules` lists them)"),
                    });
                }
            }
            if known.is_empty() {
                continue;
            }
            let expired = d.expires.is_some_and(|e| e < today);
            let mut used = false;
            for &i in candidates {
                let f = &mut findings[i];
                let here = f.file == fd.display && (from..=to).contains(&f.line);
                let in_module = module.as_ref().is_some_and(|m| {
                    // Every instance of the module (`module.m["a"].x`, `module.m[0].x`).
                    f.resource.strip_prefix(m.as_str()).is_some_and(|r| r.is_empty() || r.starts_with(['.', '[']))
                });
                if !(here || in_module) || f.suppression.is_some() {
                    continue;
                }
                let Some(rule) = rules.iter().find(|r| r.id == f.rule_id) else { continue };
                if !known.iter().any(|id| names(rule, id)) {
                    continue;
                }
                used = true;
                if !expired {
                    f.suppression =
                        Some(Suppression { kind: SuppressionKind::InSource, justification: d.reason.clone() });
                }
            }
            if expired && used {
                let (y, m, da) = d.expires.unwrap_or_default();
                notices.push(Notice {
                    file: fd.display.to_string(),
                    line: d.line,
                    column: d.column,
                    message: format!(
                        "ignore expired on {y:04}-{m:02}-{da:02}: the findings it covered are reported again"
                    ),
                });
            } else if !used && report_unused && d.tool == Tool::TflintRs {
                // (Another scanner's comment that covers nothing of ours is
                // left alone: that scanner may still need it, and our rules are
                // often quieter there by design.)
                notices.push(Notice {
                    file: fd.display.to_string(),
                    line: d.line,
                    column: d.column,
                    message: format!("unused ignore: no finding of {} here", d.shown.join(", ")),
                });
            }
        }
    }
    notices
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        let text = "resource \"a\" \"b\" { # tflint-rs:ignore:aws-s3-public-acl,aws-x exp:2030-01-02 -- public site\n\
                    # tfsec:ignore:aws-ec2-no-public-ingress-sgr:exp:2020-01-01\n\
                    // trivy:ignore:AVD-AWS-0107\n\
                    #checkov:skip=CKV_AWS_24:bastion\n\
                    # tflint-rs:ignore-file:aws-ecr-mutable-tags\n\
                    # tflint-rs:ignroe:x\n\
                    # tflintrs:ignore:x\n";
        let (d, bad) = parse(text);
        assert_eq!(d.len(), 5);
        assert_eq!(d[0].ids, vec!["aws-s3-public-acl", "aws-x"]);
        assert_eq!(d[0].expires, Some((2030, 1, 2)));
        assert_eq!(d[0].reason.as_deref(), Some("public site"));
        assert!(!d[0].own_line && d[1].own_line);
        assert_eq!((d[1].tool, d[1].expires), (Tool::Tfsec, Some((2020, 1, 1))));
        assert_eq!(d[3].reason.as_deref(), Some("bastion"));
        assert!(d[4].file_level);
        assert_eq!(bad.len(), 2);
    }

    /// The tool's name is read in any ASCII case, in a file that names no
    /// tool otherwise too (the prefilter used to look for lower case only).
    #[test]
    fn a_tool_named_in_capitals_is_read() {
        let (d, bad) = parse("resource \"a\" \"b\" {\n  # Checkov:skip=CKV_AWS_17:reviewed\n}\n");
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!((d.len(), d[0].tool, d[0].line), (1, Tool::Checkov, 2));
        let (d, _) = parse("# TFLINT-RS:ignore:aws-x\n");
        assert_eq!(d.len(), 1);
    }

    /// The prefilter passes every line the directive expression matches:
    /// comment markers anywhere, repeated, after code, with any whitespace.
    #[test]
    fn the_prefilter_passes_every_directive() {
        let markers = ["#", "//", "##", "///", "a = \"x\" #", "b = \"http://h/p\" //", "\"#"];
        let spaces = ["", " ", "\t", "\u{a0}", "\u{3000} ", "\u{b}"];
        let tools = ["tflint-rs", "TFLint_RS", "tflint rs", "tfsec", "TfSec", "trivy", "TRIVY", "checkov", "Checkov"];
        for m in markers {
            for sp in spaces {
                for t in tools {
                    let line = format!("{m}{sp}{t}:ignore:aws-x");
                    assert!(COMMENT.is_match(&line), "{line}");
                    assert!(may_have_directives(&format!("x = 1\n{line}\n")), "{line:?}");
                }
            }
        }
        // Only ASCII case is folded, by both (the Kelvin sign is not a K).
        assert!(
            !COMMENT.is_match("# chec\u{212a}ov:skip=CKV_1") && !may_have_directives("# chec\u{212a}ov:skip=CKV_1")
        );
    }

    #[test]
    fn dates() {
        assert_eq!(real_date("2024", "02", "29"), Some((2024, 2, 29)));
        assert_eq!(real_date("2023", "02", "29"), None);
        assert_eq!(real_date("2024", "02", "30"), None);
        assert_eq!(real_date("2024", "13", "01"), None);
        assert_eq!(real_date("2024", "04", "31"), None);
        assert_eq!(real_date("2024", "01", "00"), None);
        assert_eq!(real_date("1900", "02", "29"), None);
        let text = "# tflint-rs:ignore:aws-x exp:2024-02-30\n# tfsec:ignore:aws-y:exp:2024-13-01\n";
        let (directives, bad) = parse(text);
        assert!(directives.is_empty());
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert!(bad.iter().all(|(_, _, m)| m.contains("is not a date")), "{bad:?}");
        let (several, _) =
            parse("resource \"a\" \"b\" { # tfsec:ignore:aws-x tfsec:ignore:aws-y trivy:ignore:AVD-AWS-0001\n");
        let mut ids: Vec<&str> = several.iter().map(|d| d.ids[0].as_str()).collect();
        ids.sort();
        assert_eq!(ids, ["avd-aws-0001", "aws-x", "aws-y"]);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_780), (2026, 11, 23));
    }
}
