//! Rule documentation, generated from the rule files: `tflint-rs explain`,
//! and `docs/rules/*.md` (kept in sync by a test).

use std::fmt::Write as _;

use crate::rules::Rule;

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
