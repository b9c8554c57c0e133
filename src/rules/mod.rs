//! The rule catalogue: one TOML file per rule in `rules/` (compiled in), plus
//! user rule directories in the same format (`--rules DIR`).
//!
//! A rule is either declarative (an attribute path and the values that are
//! wrong or required) or names a Rust check function in [`checks`].

pub mod checks;
pub mod condition;
pub mod declarative;
pub mod engine;
pub mod grants;
pub mod pattern;
pub mod relation;
pub mod traffic;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A built-in rule file as build.rs compiled it in.
pub enum BuiltIn {
    /// Converted to JSON (see build.rs), and as written (to locate what is
    /// wrong in it, if the JSON is not a rule).
    Json(&'static str, &'static str),
    /// Not valid TOML: reported when the catalogue is loaded.
    Toml(&'static str),
}

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

pub use crate::diagnostics::Severity;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// What a reviewer would block a merge for.
    #[default]
    Default,
    /// Hardening best practices on top of the default profile.
    Strict,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Equivalents {
    #[serde(default)]
    pub checkov: Vec<String>,
    /// tfsec long ids and Trivy AVD ids.
    #[serde(default)]
    pub tfsec: Vec<String>,
    #[serde(default)]
    pub kics: Vec<String>,
}

impl Equivalents {
    pub fn all(&self) -> Vec<String> {
        self.checkov.iter().chain(&self.tfsec).chain(&self.kics).cloned().collect()
    }

    /// Is `id` one of them (in any case)? Without building [`Equivalents::all`]:
    /// every ignore comment asks it of every rule.
    pub fn names(&self, id: &str) -> bool {
        self.checkov.iter().chain(&self.tfsec).chain(&self.kics).any(|e| e.eq_ignore_ascii_case(id))
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub bad: Vec<String>,
    #[serde(default)]
    pub good: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    #[serde(default)]
    pub profile: Profile,
    /// Element kinds this rule looks at: `resource.aws_db_instance`,
    /// `container.ecs`, `file.credentials`, or `resource.*` for every resource.
    pub targets: Vec<String>,
    pub description: String,
    pub remediation: String,
    #[serde(default)]
    pub references: Vec<String>,
    #[serde(default)]
    pub equivalents: Equivalents,
    pub check: declarative::CheckDef,
    #[serde(default)]
    pub examples: Examples,
    /// Set by [`engine::Engine::new`] from the fields above.
    #[serde(skip)]
    pub finding_text: FindingText,
}

/// What every finding of a rule repeats, built once and shared by its
/// findings: a run with hundreds of thousands of findings held a copy of the
/// remediation (often a kilobyte) in each.
#[derive(Clone, Debug, Default)]
pub struct FindingText {
    pub title: std::sync::Arc<str>,
    pub remediation: std::sync::Arc<str>,
    pub equivalents: std::sync::Arc<[String]>,
}

impl FindingText {
    pub fn of(rule: &Rule) -> FindingText {
        FindingText {
            title: rule.title.as_str().into(),
            remediation: rule.remediation.trim().into(),
            equivalents: rule.equivalents.all().into(),
        }
    }
}

#[derive(Debug)]
pub struct CatalogueError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parses and validates one rule file.
pub fn parse_rule(file: &str, text: &str) -> Result<Rule, CatalogueError> {
    let err = located(file, text);
    let mut rule: Rule = toml::from_str(text).map_err(|e| err(e.span(), e.message().to_string()))?;
    rule.description = unwrap_paragraphs(&rule.description);
    rule.remediation = unwrap_paragraphs(&rule.remediation);
    checked_rule(rule, true, err)
}

/// An error in rule file `file`, located in its text by a byte range.
fn located<'a>(file: &'a str, text: &'a str) -> impl Fn(Option<std::ops::Range<usize>>, String) -> CatalogueError + 'a {
    move |span, message| {
        let (line, column) = span.map(|s| crate::parse::hcl::line_col(text, s.start)).unwrap_or((1, 1));
        CatalogueError { file: file.to_string(), line, column, message }
    }
}

/// A built-in rule, from the JSON build.rs made of its file (its prose
/// unwrapped there).
fn parse_builtin(file: &str, built: &BuiltIn) -> Result<Rule, CatalogueError> {
    match built {
        BuiltIn::Json(json, text) => match serde_json::from_str(json) {
            // (Its patterns were parsed by build.rs.)
            Ok(rule) => checked_rule(rule, false, located(file, text)),
            Err(_) => parse_rule(file, text),
        },
        BuiltIn::Toml(text) => parse_rule(file, text),
    }
}

/// A rule read from its file (its prose unwrapped), once its ids, targets
/// and check are valid.
fn checked_rule(
    mut rule: Rule,
    // Parse its regular expressions too (see `CheckDef::validate_with`).
    patterns: bool,
    err: impl Fn(Option<std::ops::Range<usize>>, String) -> CatalogueError,
) -> Result<Rule, CatalogueError> {
    if rule.id.is_empty() || !rule.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return Err(err(None, format!("rule id `{}` must be lowercase letters, digits and dashes", rule.id)));
    }
    for t in rule.targets.iter().map(String::as_str).chain(rule.check.related_kinds()).chain(rule.check.sub_targets()) {
        let ok = t.split_once('.').is_some_and(|(k, ty)| {
            [
                "resource",
                "data",
                "provider",
                "backend",
                "module",
                "variable",
                "local",
                "container",
                "task_definition",
                "file",
            ]
            .contains(&k)
                && !ty.is_empty()
        });
        if !ok {
            return Err(err(
                None,
                format!("target `{t}` must be KIND.TYPE (e.g. resource.aws_db_instance, resource.*)"),
            ));
        }
    }
    rule.check.validate_with(patterns).map_err(|m| err(None, format!("[check]: {m}")))?;
    let covered =
        |t: &str| rule.targets.iter().any(|r| r == t || r.strip_suffix('*').is_some_and(|kind| t.starts_with(kind)));
    if let Some(t) = rule.check.sub_targets().into_iter().find(|t| !covered(t)) {
        return Err(err(None, format!("[check]: `targets` names `{t}`, which is not among the rule's targets")));
    }
    if rule.check.function.is_none() {
        // `rules --format json` lists under `relates` what every check reads.
        rule.check.relates = rule.check.related_kinds().into_iter().map(String::from).collect();
    }
    Ok(rule)
}

/// Rule files wrap prose at ~100 columns; messages and reports want one line
/// per paragraph.
fn unwrap_paragraphs(s: &str) -> String {
    s.trim().split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n\n")
}

/// The built-in rules, then those in `extra_dirs`; a later rule with the same
/// id replaces an earlier one.
pub fn load_catalogue(extra_dirs: &[std::path::PathBuf]) -> Result<Vec<Rule>, Vec<CatalogueError>> {
    // Read in parallel (from the JSON build.rs made): the start-up cost of every run.
    use rayon::prelude::*;
    let mut parsed: Vec<Result<Rule, CatalogueError>> =
        BUILTIN_RULES.par_iter().map(|(name, built)| parse_builtin(&format!("rules/{name}"), built)).collect();
    let mut errors = Vec::new();
    for dir in extra_dirs {
        match std::fs::read_dir(dir) {
            Ok(rd) => {
                let mut paths: Vec<_> = rd
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                    .collect();
                paths.sort();
                for p in paths {
                    match std::fs::read_to_string(&p) {
                        Ok(t) => parsed.push(parse_rule(&p.to_string_lossy(), &t)),
                        Err(e) => errors.push(CatalogueError {
                            file: p.to_string_lossy().into(),
                            line: 1,
                            column: 1,
                            message: e.to_string(),
                        }),
                    }
                }
            }
            Err(e) => errors.push(CatalogueError {
                file: dir.to_string_lossy().into(),
                line: 1,
                column: 1,
                message: format!("cannot read rules directory: {e}"),
            }),
        }
    }
    let mut rules: BTreeMap<String, Rule> = BTreeMap::new();
    for r in parsed {
        match r {
            Ok(r) => {
                rules.insert(r.id.clone(), r);
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(rules.into_values().collect())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_built_in_rule_is_read_from_its_json_and_located_in_its_toml_when_wrong() {
        // JSON that is not a rule (a value of the wrong type): the error is
        // the TOML parser's, at the line of the file.
        let wrong = parse_builtin("rules/x.toml", &BuiltIn::Json("{\"id\": 3}", "id = 3\n")).unwrap_err();
        assert_eq!((wrong.file.as_str(), wrong.line), ("rules/x.toml", 1));
        let not_toml = parse_builtin("rules/y.toml", &BuiltIn::Toml("id = \"y\"\ntitle = \n")).unwrap_err();
        assert_eq!((not_toml.line, not_toml.column > 1), (2, true), "{not_toml:?}");
        // A pattern that does not parse: build.rs builds such a rule in as
        // written (it parses patterns once, there), and the run reports it.
        let rule = "id = \"z\"\ntitle = \"z\"\nseverity = \"low\"\ntargets = [\"resource.aws_s3_bucket\"]\ndescription = \"z\"\nremediation = \"z\"\n[check]\nattribute = \"bucket\"\nforbid_pattern = \"(\"\nmessage = \"z\"\n";
        let bad_pattern = parse_builtin("rules/z.toml", &BuiltIn::Toml(rule)).unwrap_err();
        assert!(bad_pattern.message.contains("forbid_pattern"), "{bad_pattern:?}");
        // Every built-in rule reads the same from its JSON as from its TOML.
        for (name, built) in BUILTIN_RULES {
            let BuiltIn::Json(_, toml) = built else { panic!("rules/{name} is not valid TOML") };
            let (from_json, from_toml) = (parse_builtin(name, built).unwrap(), parse_rule(name, toml).unwrap());
            assert_eq!(
                serde_json::to_string(&from_json).unwrap(),
                serde_json::to_string(&from_toml).unwrap(),
                "{name}"
            );
        }
    }
}
