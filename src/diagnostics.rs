//! What a check produces, shared by every stage: findings, the problems that
//! stop part of the input from being checked, and notices. The lowest module
//! of the pipeline: discover, parse, eval, rules, suppress and report all
//! import it, and it imports none of them, so no two stages need each other
//! for their result types.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// One problem, as every output format reports it.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule_id: String,
    pub severity: Severity,
    /// Shared by every finding of the rule (see `rules::FindingText`).
    pub title: std::sync::Arc<str>,
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub resource: String,
    pub remediation: std::sync::Arc<str>,
    pub equivalents: std::sync::Arc<[String]>,
    /// Where the offending value is written, when it reaches this location
    /// through a variable, local or module input (one entry per distinct place).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub written_at: Vec<Place>,
    /// The files of the `module` blocks that make this finding's module
    /// instance (outermost first): a run on files named on the command line
    /// reports the finding when one of them is named and the value comes
    /// from outside the module (through the call's inputs).
    #[serde(skip)]
    pub called_at: Vec<String>,
    /// Every instance that yields this same finding here (a module called
    /// several times, `count`, `for_each`), when there is more than one;
    /// `resource` is the first of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub instances: Vec<String>,
    /// Set when an ignore comment or the baseline silences this finding; a
    /// suppressed finding neither fails the run nor shows in text output, but
    /// SARIF keeps it (as dismissed) for code scanning.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppression: Option<Suppression>,
    /// Byte range of a secret in `file`, masked wherever source is shown.
    #[serde(skip)]
    pub secret: Option<(usize, usize)>,
    /// Byte range of the finding in `file` (for source excerpts).
    #[serde(skip)]
    pub offsets: (usize, usize),
}

/// A place in a scanned file (1-based line and column).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Suppression {
    /// `in_source` (an ignore comment) or `external` (the baseline).
    pub kind: SuppressionKind,
    /// The reason written after `--` in the comment, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SuppressionKind {
    InSource,
    External,
}

/// A problem that stops part of the input from being checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Something the user should know that is not a finding: about ignore
/// comments (expired, unused, malformed), a read refused at the trust
/// boundary, a symlink not followed.
/// What the notice about a module whose source is not downloaded says: the
/// formats read by people (text, annotations) count these instead of
/// listing hundreds of them.
pub const NOT_DOWNLOADED: &str = "is not checked: it is not downloaded";

#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Notice {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}
