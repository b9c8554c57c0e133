//! `.tflint-rs.toml`: the project's settings, found by walking up from the
//! scanned path (or given with `--config FILE`). Command-line flags win over
//! the file. An unknown key, a bad value or an unknown rule id is an error
//! that points at its line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::rules::{Profile, Rule, Severity};

pub const FILE_NAME: &str = ".tflint-rs.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub profile: Option<Profile>,
    /// Report only findings at or above this severity.
    pub min_severity: Option<Severity>,
    /// Exit 1 only for findings at or above this severity; `never` to report only.
    pub fail_on: Option<FailOn>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub var_files: Vec<PathBuf>,
    #[serde(default)]
    pub rules_dirs: Vec<PathBuf>,
    pub inline_ignores: Option<bool>,
    pub report_unused_ignores: Option<bool>,
    /// Where rule documentation links point: a base URL, or a template with `{id}`.
    pub docs_url: Option<String>,
    #[serde(default)]
    pub rules: RuleSwitches,
    /// Severity overrides by rule id.
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, Severity>,
    /// Rules silenced for some paths.
    #[serde(default)]
    pub ignore: Vec<PathIgnore>,
    /// Parameters of Rust checks by rule id (`[params.aws-cloudwatch-log-retention-short]
    /// min_days = 90`): each replaces a `[check.params]` value the rule file sets.
    #[serde(default)]
    pub params: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Low,
    Medium,
    High,
    Critical,
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Low => Some(Severity::Low),
            FailOn::Medium => Some(Severity::Medium),
            FailOn::High => Some(Severity::High),
            FailOn::Critical => Some(Severity::Critical),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSwitches {
    /// Rules to turn off.
    #[serde(default)]
    pub disable: Vec<Spanned<String>>,
    /// Strict-profile rules to turn on in the default profile.
    #[serde(default)]
    pub enable: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathIgnore {
    /// Globs relative to the directory of the configuration file.
    pub paths: Vec<String>,
    /// Rule ids (or `*` for every rule).
    pub rules: Vec<Spanned<String>>,
    pub reason: Option<String>,
}

#[derive(Debug)]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}: invalid configuration: {}", self.file, self.line, self.column, self.message)
    }
}

/// The configuration file that applies to `start`: in it or in any parent.
pub fn find(start: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(start).ok()?;
    let mut dir = if abs.is_dir() { Some(abs.as_path()) } else { abs.parent() };
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    pub path: PathBuf,
    text: String,
}

impl Loaded {
    fn error(&self, span: std::ops::Range<usize>, message: String) -> ConfigError {
        let (line, column) = crate::parse::hcl::line_col(&self.text, span.start);
        ConfigError { file: self.path.display().to_string(), line, column, message }
    }

    /// The directory paths in the file are relative to.
    pub fn dir(&self) -> PathBuf {
        std::path::absolute(&self.path).ok().and_then(|p| p.parent().map(Path::to_path_buf)).unwrap_or_default()
    }

    /// Applies rule switches and severity overrides to the catalogue; unknown
    /// rule ids are errors at their line.
    pub fn apply_to(&self, rules: &mut Vec<Rule>) -> Result<(), ConfigError> {
        let c = &self.config;
        let known = |id: &Spanned<String>| -> Result<(), ConfigError> {
            if rules.iter().any(|r| r.id == *id.get_ref()) || id.get_ref() == "*" {
                Ok(())
            } else {
                Err(self.error(id.span(), format!("unknown rule id `{}` (`tflint-rs rules` lists them)", id.get_ref())))
            }
        };
        for id in c
            .rules
            .disable
            .iter()
            .chain(&c.rules.enable)
            .chain(c.severity.keys())
            .chain(c.ignore.iter().flat_map(|i| &i.rules))
            .chain(c.params.keys())
        {
            known(id)?;
        }
        for (id, values) in &c.params {
            let Some(rule) = rules.iter_mut().find(|r| r.id == *id.get_ref()) else {
                return Err(
                    self.error(id.span(), format!("`*` takes no parameters; name a rule in [params.{}]", id.get_ref()))
                );
            };
            for (key, value) in values {
                let params = &mut rule.check.params;
                let Some(old) = params.get(key.get_ref()) else {
                    let known: Vec<&str> = params.keys().map(|k| k.as_str()).collect();
                    let has = if known.is_empty() { "none".to_string() } else { known.join(", ") };
                    return Err(self.error(
                        key.span(),
                        format!("rule `{}` has no parameter `{}` (its parameters: {has})", rule.id, key.get_ref()),
                    ));
                };
                if old.type_str() != value.get_ref().type_str() {
                    return Err(self.error(
                        value.span(),
                        format!(
                            "parameter `{}` of `{}` is {} {}, not {}",
                            key.get_ref(),
                            rule.id,
                            article(old.type_str()),
                            old.type_str(),
                            value.get_ref().type_str()
                        ),
                    ));
                }
                params.insert(key.get_ref().clone(), value.get_ref().clone());
            }
        }
        rules.retain(|r| !c.rules.disable.iter().any(|d| *d.get_ref() == r.id));
        for r in rules.iter_mut() {
            if c.rules.enable.iter().any(|e| *e.get_ref() == r.id) {
                r.profile = Profile::Default;
            }
            if let Some((_, s)) = c.severity.iter().find(|(k, _)| *k.get_ref() == r.id) {
                r.severity = *s;
            }
        }
        for ig in &c.ignore {
            for g in &ig.paths {
                globset::Glob::new(g).map_err(|e| ConfigError {
                    file: self.path.display().to_string(),
                    line: 1,
                    column: 1,
                    message: format!("invalid glob `{g}` in [[ignore]]: {e}"),
                })?;
            }
        }
        Ok(())
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// `[[ignore]]` entries of the configuration: findings in matching paths are
/// moved out (returned as suppressed).
impl Loaded {
    pub fn ignore_paths(&self, findings: &mut Vec<crate::diagnostics::Finding>) -> Vec<crate::diagnostics::Finding> {
        let l = self;
        use crate::report::{Suppression, SuppressionKind};
        let dir = l.dir();
        let cwd = std::env::current_dir().unwrap_or_default();
        let sets: Vec<(globset::GlobSet, &crate::config::PathIgnore)> = l
            .config
            .ignore
            .iter()
            .filter_map(|ig| {
                let mut b = globset::GlobSetBuilder::new();
                for g in &ig.paths {
                    b.add(globset::Glob::new(g).ok()?);
                }
                Some((b.build().ok()?, ig))
            })
            .collect();
        let mut out = Vec::new();
        let mut kept = Vec::new();
        for mut f in std::mem::take(findings) {
            let abs = crate::eval::normalize(&cwd.join(&f.file));
            let rel = abs.strip_prefix(&dir).unwrap_or(&abs).to_path_buf();
            let hit = sets.iter().find(|(set, ig)| {
                set.is_match(&rel) && ig.rules.iter().any(|r| r.get_ref() == "*" || *r.get_ref() == f.rule_id)
            });
            match hit {
                Some((_, ig)) => {
                    f.suppression = Some(Suppression {
                        kind: SuppressionKind::External,
                        justification: Some(ig.reason.clone().unwrap_or_else(|| "ignored in the configuration".into())),
                    });
                    out.push(f);
                }
                None => kept.push(f),
            }
        }
        *findings = kept;
        out
    }
}

pub fn load(path: &Path) -> Result<Loaded, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        file: path.display().to_string(),
        line: 1,
        column: 1,
        message: format!("cannot read: {e}"),
    })?;
    match toml::from_str::<Config>(&text) {
        Ok(config) => Ok(Loaded { config, path: path.to_path_buf(), text }),
        Err(e) => {
            let (line, column) = e.span().map(|s| crate::parse::hcl::line_col(&text, s.start)).unwrap_or((1, 1));
            Err(ConfigError { file: path.display().to_string(), line, column, message: e.message().to_string() })
        }
    }
}

/// What `tflint-rs init` writes.
pub const STARTER: &str = r#"# tflint-rs configuration. Command-line flags override these settings.
# Every setting is optional; the values shown are the defaults.

# "default": what a reviewer would block a merge for; "strict" adds hardening practices.
profile = "default"

# Report only findings at or above this severity: low, medium, high, critical.
min_severity = "low"

# Exit with status 1 only for findings at or above this severity ("never": report only).
fail_on = "low"

# Paths to skip, relative to the scanned directory.
exclude = [
  # "examples/**",
]

# Variable files to load after terraform.tfvars and *.auto.tfvars.
var_files = []

# Directories of extra rule files (same format as the built-in ones).
rules_dirs = []

# Honour ignore comments (# tflint-rs:ignore:RULE_ID -- reason); set false in CI to forbid them.
inline_ignores = true

# Report ignore comments of ours (tflint-rs:ignore) that suppress nothing.
report_unused_ignores = true

# Where the documentation link of each finding points (text and SARIF): a base
# URL (the page is BASE/RULE_ID.md) or a template with {id}. Default: the rule
# pages in the tflint-rs repository.
# docs_url = "https://wiki.example.com/security/tflint-rs/{id}"

[rules]
# Rules to turn off.
disable = []
# Strict-profile rules to turn on in the default profile.
enable = []

[severity]
# Override a rule's severity:
# "aws-ecr-mutable-tags" = "low"

# Change a rule's parameters (`tflint-rs rules --format json` lists them):
# [params.aws-cloudwatch-log-retention-short]
# min_days = 90

# Silence rules for some paths (globs relative to this file):
# [[ignore]]
# paths = ["legacy/**"]
# rules = ["aws-s3-public-acl"]
# reason = "static website buckets, public by design"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_file_is_valid() {
        let c: Config = toml::from_str(STARTER).unwrap();
        assert_eq!(c.profile, Some(Profile::Default));
    }

    fn loaded(text: &str) -> Loaded {
        Loaded { config: toml::from_str(text).unwrap(), path: PathBuf::from(".tflint-rs.toml"), text: text.into() }
    }

    #[test]
    fn params_replace_a_rule_parameter_of_the_same_type() {
        let mut rules = crate::rules::load_catalogue(&[]).unwrap();
        let l = loaded("[params.aws-cloudwatch-log-retention-short]\nmin_days = 90\n");
        l.apply_to(&mut rules).unwrap();
        let r = rules.iter().find(|r| r.id == "aws-cloudwatch-log-retention-short").unwrap();
        assert_eq!(r.check.params.get("min_days").and_then(|v| v.as_integer()), Some(90));

        let mut rules = crate::rules::load_catalogue(&[]).unwrap();
        let e = loaded("[params.aws-cloudwatch-log-retention-short]\nmin_day = 90\n").apply_to(&mut rules).unwrap_err();
        assert!(e.message.contains("has no parameter `min_day` (its parameters: min_days)"), "{}", e.message);
        assert_eq!(e.line, 2);
        let e = loaded("[params.aws-cloudwatch-log-retention-short]\nmin_days = \"90\"\n")
            .apply_to(&mut rules)
            .unwrap_err();
        assert!(e.message.contains("is an integer, not string"), "{}", e.message);
        let e = loaded("[params.no-such-rule]\nx = 1\n").apply_to(&mut rules).unwrap_err();
        assert!(e.message.contains("unknown rule id"), "{}", e.message);
    }
}
