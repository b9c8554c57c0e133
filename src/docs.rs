//! Rule documentation, generated from the rule files: `tflint-rs explain`,
//! and `docs/rules/*.md` (kept in sync by a test).

use std::fmt::Write as _;

use crate::rules::Rule;

/// Where rule pages are by default: `docs/rules/` in this repository.
pub const DEFAULT_BASE_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules/");

/// A rule's documentation link: `{id}` in `base` is replaced by the rule id
/// (`https://wiki.example.com/tflint/{id}`); otherwise the page is
/// `<base>/<id>.md`, as in this repository's `docs/rules/`.
pub fn url(base: &str, rule_id: &str) -> String {
    if base.contains("{id}") {
        base.replace("{id}", rule_id)
    } else {
        format!("{}/{rule_id}.md", base.trim_end_matches('/'))
    }
}

/// Is `base` usable as a documentation link base: an absolute URL (a scheme,
/// then no whitespace or control characters)?
pub fn check_base_url(base: &str) -> Result<(), String> {
    let scheme_ok = base.split_once(':').is_some_and(|(scheme, rest)| {
        !rest.is_empty()
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if !scheme_ok || base.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("documentation URL `{base}` is not an absolute URL (such as https://example.com/rules/)"));
    }
    Ok(())
}

pub fn markdown(rule: &Rule) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}: {}\n", rule.id, rule.title);
    let _ = writeln!(s, "- Severity: **{}**", rule.severity.as_str());
    let _ = writeln!(
        s,
        "- Profile: {}",
        match rule.profile {
            crate::rules::Profile::Default => "default",
            crate::rules::Profile::Strict => "strict",
        }
    );
    let _ = writeln!(s, "- Targets: {}", rule.targets.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", "));
    let eq = &rule.equivalents;
    for (name, ids) in [("Checkov", &eq.checkov), ("tfsec / Trivy", &eq.tfsec), ("KICS", &eq.kics)] {
        if !ids.is_empty() {
            let _ = writeln!(s, "- {name}: {}", ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", "));
        }
    }
    let _ = writeln!(s, "\n## Why it matters\n\n{}\n", rule.description.trim());
    let _ = writeln!(s, "## How to fix\n\n{}\n", rule.remediation.trim());
    for (title, list) in [("Bad", &rule.examples.bad), ("Good", &rule.examples.good)] {
        for ex in list.iter() {
            let lang =
                if ex.trim_start().starts_with('[') || ex.trim_start().starts_with('{') { "json" } else { "hcl" };
            let _ = writeln!(s, "## {title} example\n\n```{lang}\n{}\n```\n", ex.trim_end());
        }
    }
    if !rule.references.is_empty() {
        let _ = writeln!(s, "## References\n");
        for r in &rule.references {
            let _ = writeln!(s, "- <{r}>");
        }
        s.push('\n');
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    s
}
