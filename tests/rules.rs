//! Every rule against its fixtures, ruff-style:
//!
//! - `testdata/rules/<rule-id>/bad/<case>/` is a small project in which the
//!   rule must fire; `good/<case>/` one in which it must stay quiet (each rule
//!   has at least one of each, including a value reached through a variable or
//!   local, and an Unknown value).
//! - What the user sees for the bad cases is snapshotted (`tests/snapshots/`).
//! - The good and bad examples in each rule file are checked the same way.

use std::path::{Path, PathBuf};

use tflint_rs::pipeline::{self, Options};
use tflint_rs::report::{text, Finding, Report};
use tflint_rs::rules::{engine::Engine, load_catalogue, Profile, Rule};

fn engine() -> Engine {
    Engine::new(load_catalogue(&[]).expect("built-in rules are valid"), Profile::Strict)
}

fn check(engine: &Engine, path: &Path) -> (Vec<Finding>, Vec<String>) {
    let out = pipeline::run(&Options { paths: vec![path.to_path_buf()], ..Default::default() }, engine)
        .expect("pipeline runs");
    (out.findings, out.errors.iter().map(|e| format!("{}:{}:{}: {}", e.file, e.line, e.column, e.message)).collect())
}

/// `case` copied to a fresh directory under the system temp dir (not in a git
/// work tree).
fn outside_git(case: &Path) -> PathBuf {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap().flatten() {
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), &target).unwrap();
            }
        }
    }
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("tflint-rs-good-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy(case, &dir);
    dir
}

fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// One rule against its fixtures: every mismatch, then the snapshot of what
/// users see for its bad cases.
fn fixtures_of(engine: &Engine, rule: &Rule) -> Vec<String> {
    let mut failures = Vec::new();
    let base = Path::new("testdata/rules").join(&rule.id);
    let (bad, good) = (cases(&base.join("bad")), cases(&base.join("good")));
    if bad.is_empty() || good.is_empty() {
        failures.push(format!(
            "{}: needs at least one case under {}/bad and one under {}/good",
            rule.id,
            base.display(),
            base.display()
        ));
        return failures;
    }
    let mut shown = String::new();
    for case in &bad {
        let (findings, errors) = check(engine, case);
        if !errors.is_empty() {
            failures.push(format!("{}: {} has errors: {errors:?}", rule.id, case.display()));
        }
        let mine: Vec<Finding> = findings.into_iter().filter(|f| f.rule_id == rule.id).collect();
        if mine.is_empty() {
            failures.push(format!("{}: did not fire on {}", rule.id, case.display()));
        }
        // What users see: the text line, then the JSON object of each finding.
        shown.push_str(&format!("# {}\n", case.display()));
        let text = text::render_concise(&Report {
            secrets: &[],
            findings: &mine,
            errors: &[],
            files: 0,
            rules: &[],
            suppressed: &[],
            notices: &[],
            docs_url: tflint_rs::docs::DEFAULT_BASE_URL,
        });
        for (line, f) in text.lines().zip(&mine) {
            let mut json = serde_json::to_value(f).unwrap();
            json.as_object_mut().unwrap().retain(|k, _| !matches!(k.as_str(), "remediation" | "equivalents" | "title"));
            shown.push_str(&format!("{line}\n  {json}\n"));
        }
    }
    for case in &good {
        // A good case is a project of its own: checked from a copy outside
        // this repository, where git does not count its files as committed
        // (the `gitignored` cases are tracked here, though ignored).
        let copy = outside_git(case);
        let (findings, errors) = check(engine, &copy);
        let _ = std::fs::remove_dir_all(&copy);
        if !errors.is_empty() {
            failures.push(format!("{}: {} has errors: {errors:?}", rule.id, case.display()));
        }
        for f in findings.iter().filter(|f| f.rule_id == rule.id) {
            failures.push(format!(
                "{}: fired on good fixture {} ({}:{}): {}",
                rule.id,
                case.display(),
                f.file,
                f.line,
                f.message
            ));
        }
    }
    // insta prints the diff and panics on a mismatch: caught, so that the
    // fixture failures above are reported with it.
    let snapshot = std::panic::catch_unwind(|| insta::assert_snapshot!(format!("rule__{}", rule.id), shown));
    if snapshot.is_err() {
        failures.push(format!("{}: what users see differs from tests/snapshots/rules__rule__{}.snap (diff above; `INSTA_UPDATE=always cargo test --test rules {}` records it)", rule.id, rule.id, rule.id));
    }
    failures
}

/// Writes an example where the rule would meet it: the file kind follows the
/// rule's targets (a `.env`, a credentials file, tfvars, JSON, or Terraform).
fn write_example(dir: &Path, rule: &Rule, example: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let targets = |t: &str| rule.targets.iter().any(|x| x == t);
    let t = example.trim_start();
    let name = if targets("file.dotenv") {
        ".env"
    } else if targets("file.credentials") {
        "credentials"
    } else if targets("file.tfvars") {
        "terraform.tfvars"
    } else if targets("file.private_key") {
        "key.pem"
    } else if targets("file.tfstate") {
        "terraform.tfstate"
    } else if t.starts_with('[') || t.starts_with('{') {
        "task.json"
    } else {
        "main.tf"
    };
    std::fs::write(dir.join(name), example).unwrap();
}

/// The good and bad examples in one rule's file.
fn examples_of(engine: &Engine, rule: &Rule) -> Vec<String> {
    let tmp = std::env::temp_dir().join(format!("tflint-rs-examples-{}", std::process::id()));
    let mut failures = Vec::new();
    for (kind, list) in [("bad", &rule.examples.bad), ("good", &rule.examples.good)] {
        for (i, ex) in list.iter().enumerate() {
            let dir = tmp.join(&rule.id).join(format!("{kind}{i}"));
            write_example(&dir, rule, ex);
            let (findings, errors) = check(engine, &dir);
            let fired = findings.iter().any(|f| f.rule_id == rule.id);
            if !errors.is_empty() {
                failures.push(format!("{}: {kind} example {i} has errors: {errors:?}", rule.id));
            } else if fired != (kind == "bad") {
                failures.push(format!(
                    "{}: {kind} example {i} {}",
                    rule.id,
                    if fired { "fired" } else { "did not fire" }
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(tmp.join(&rule.id));
    // The last rule's test to finish removes the directory they share.
    let _ = std::fs::remove_dir(&tmp);
    failures
}

fn every_rule_is_documented_and_equivalents_are_well_formed() {
    let rules: Vec<Rule> = load_catalogue(&[]).unwrap();
    let mut ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), rules.len());
    for r in &rules {
        assert!(!r.description.trim().is_empty() && !r.remediation.trim().is_empty(), "{}", r.id);
        assert!(r.equivalents.checkov.iter().all(|c| c.starts_with("CKV")), "{}: checkov ids start with CKV", r.id);
        assert!(
            r.equivalents.kics.iter().all(|k| k.len() == 36 && k.matches('-').count() == 4),
            "{}: KICS ids are UUIDs",
            r.id
        );
    }
}

/// `docs/rules/*.md` is generated from the rule files; regenerate with
/// `TFLINT_RS_UPDATE_DOCS=1 cargo test --test rules`.
fn generated_rule_docs_are_up_to_date() {
    let rules = load_catalogue(&[]).unwrap();
    let dir = Path::new("docs/rules");
    let update = std::env::var_os("TFLINT_RS_UPDATE_DOCS").is_some();
    let mut index = String::from("# Rules\n\nGenerated from `rules/*.toml` (`TFLINT_RS_UPDATE_DOCS=1 cargo test --test rules`).\n\n| id | severity | profile | title |\n|---|---|---|---|\n");
    let mut stale = Vec::new();
    for r in &rules {
        let md = tflint_rs::docs::markdown(r);
        let path = dir.join(format!("{}.md", r.id));
        index.push_str(&format!(
            "| [{}]({}.md) | {} | {} | {} |\n",
            r.id,
            r.id,
            r.severity.as_str(),
            if r.profile == Profile::Strict { "strict" } else { "default" },
            r.title
        ));
        if update {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(&path, &md).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(md.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    let index_path = dir.join("README.md");
    if update {
        std::fs::write(&index_path, &index).unwrap();
    } else if std::fs::read_to_string(&index_path).ok().as_deref() != Some(index.as_str()) {
        stale.push(index_path.display().to_string());
    }
    if !update {
        // Rule pages, the index, and the Trivy catalogue with what is not covered.
        let listed: usize = std::fs::read_dir(dir).map(|rd| rd.count()).unwrap_or(0);
        assert_eq!(listed, rules.len() + 3, "docs/rules has files for rules that no longer exist; regenerate");
    }
    assert!(stale.is_empty(), "stale docs (run TFLINT_RS_UPDATE_DOCS=1 cargo test --test rules): {stale:?}");
}

/// The README's rule table, between its markers, is generated from the rule
/// files too (same command as the docs).
fn the_readme_rule_table_is_up_to_date() {
    let rules = load_catalogue(&[]).unwrap();
    let default = rules.iter().filter(|r| r.profile == Profile::Default).count();
    let mut table = format!(
        "{} rules: {} in the default profile, {} more with `--profile strict`.\n\n| id | severity | profile | title |\n|---|---|---|---|\n",
        rules.len(),
        default,
        rules.len() - default
    );
    for r in &rules {
        let profile = if r.profile == Profile::Strict { "strict" } else { "default" };
        table.push_str(&format!(
            "| [{}](docs/rules/{}.md) | {} | {} | {} |\n",
            r.id,
            r.id,
            r.severity.as_str(),
            profile,
            r.title
        ));
    }
    let readme = std::fs::read_to_string("README.md").unwrap();
    let begin = readme.find("<!-- rules:begin").expect("README has a rules:begin marker");
    let begin = begin + readme[begin..].find("-->\n").unwrap() + 4;
    let end = readme.find("<!-- rules:end -->").expect("README has a rules:end marker");
    if std::env::var_os("TFLINT_RS_UPDATE_DOCS").is_some() {
        std::fs::write("README.md", format!("{}{}{}", &readme[..begin], table, &readme[end..])).unwrap();
    } else {
        assert_eq!(
            &readme[begin..end],
            table,
            "README rule table is stale: run TFLINT_RS_UPDATE_DOCS=1 cargo test --test rules"
        );
    }
}

/// The complete rules in `docs/rule-language.md`: each loads, fires on its
/// bad examples and stays quiet on its good ones.
fn rule_language_examples_run() {
    let doc = std::fs::read_to_string("docs/rule-language.md").expect("docs/rule-language.md");
    let blocks: Vec<&str> =
        doc.split("```toml\n").skip(1).map(|b| b.split("\n```").next().expect("closed block")).collect();
    assert!(blocks.len() >= 5, "examples found: {}", blocks.len());
    let tmp = std::env::temp_dir().join(format!("tflint-rs-language-{}", std::process::id()));
    let mut failures = Vec::new();
    for (n, text) in blocks.iter().enumerate() {
        let rule = match tflint_rs::rules::parse_rule("docs/rule-language.md", text) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("example {n}: {}", e.message));
                continue;
            }
        };
        let engine = Engine::new(vec![rule.clone()], Profile::Strict);
        for (kind, list) in [("bad", &rule.examples.bad), ("good", &rule.examples.good)] {
            for (i, ex) in list.iter().enumerate() {
                let dir = tmp.join(&rule.id).join(format!("{kind}{i}"));
                write_example(&dir, &rule, ex);
                let (findings, errors) = check(&engine, &dir);
                let fired = findings.iter().any(|f| f.rule_id == rule.id);
                if !errors.is_empty() || fired != (kind == "bad") {
                    failures.push(format!("{}: {kind} example {i}: fired {fired}, errors {errors:?}", rule.id));
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

/// Every AWS check of Trivy's catalogue (`docs/rules/trivy-aws-checks.tsv`)
/// is named in a rule's `equivalents` or in `docs/rules/not-covered.md` with
/// a reason, and not in both.
fn every_trivy_aws_check_is_covered_or_said_not_to_be() {
    let rules = load_catalogue(&[]).unwrap();
    let covered: std::collections::HashMap<String, &str> = rules
        .iter()
        .flat_map(|r| r.equivalents.tfsec.iter().map(move |e| (e.to_ascii_uppercase(), r.id.as_str())))
        .collect();
    let catalogue = std::fs::read_to_string("docs/rules/trivy-aws-checks.tsv").unwrap();
    let not_covered = std::fs::read_to_string("docs/rules/not-covered.md").unwrap();
    let mut reasons: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for line in not_covered.lines().filter_map(|l| l.strip_prefix("- ")) {
        let (id, rest) = line.split_once(' ').unwrap_or((line, ""));
        let reason = rest.split_once(": ").map(|(_, r)| r.trim()).unwrap_or("");
        assert!(!reason.is_empty(), "not-covered.md: `{line}` gives no reason (`- AVD-AWS-NNNN long-id: reason`)");
        assert!(reasons.insert(id, reason).is_none(), "not-covered.md lists {id} twice");
    }
    let mut missing = Vec::new();
    let mut known = std::collections::HashSet::new();
    for line in catalogue.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let mut cols = line.split('\t');
        let (avd, long) = (cols.next().unwrap(), cols.next().unwrap());
        known.insert(avd);
        let rule = covered.get(&avd.to_ascii_uppercase()).or(covered.get(&long.to_ascii_uppercase()));
        if let (Some(rule), true) = (rule, reasons.contains_key(avd)) {
            panic!("{avd} is covered by {rule} and listed in not-covered.md");
        }
        if rule.is_none() && !reasons.contains_key(avd) {
            missing.push(format!("{avd} {long}"));
        }
    }
    for id in reasons.keys() {
        assert!(known.contains(id), "not-covered.md lists {id}, which is not in trivy-aws-checks.tsv");
    }
    assert!(missing.is_empty(), "Trivy checks with no rule and no reason in not-covered.md: {missing:#?}");
}

/// A test per rule, named by its id, so that one rule's fixtures run alone
/// (`cargo test --test rules aws-rds-public-access`) and every failing rule is
/// reported in one run; then the catalogue-wide checks.
fn main() -> std::process::ExitCode {
    let args = libtest_mimic::Arguments::from_args();
    let engine = std::sync::Arc::new(engine());
    let mut trials: Vec<libtest_mimic::Trial> = (0..engine.rules.len())
        .map(|i| {
            let engine = engine.clone();
            libtest_mimic::Trial::test(engine.rules[i].id.clone(), move || {
                let rule = &engine.rules[i];
                let mut failures = fixtures_of(&engine, rule);
                failures.extend(examples_of(&engine, rule));
                if failures.is_empty() {
                    Ok(())
                } else {
                    Err(failures.join("\n").into())
                }
            })
        })
        .collect();
    let catalogue: [(&str, fn()); 5] = [
        (
            "every_rule_is_documented_and_equivalents_are_well_formed",
            every_rule_is_documented_and_equivalents_are_well_formed,
        ),
        ("generated_rule_docs_are_up_to_date", generated_rule_docs_are_up_to_date),
        ("the_readme_rule_table_is_up_to_date", the_readme_rule_table_is_up_to_date),
        ("rule_language_examples_run", rule_language_examples_run),
        ("every_trivy_aws_check_is_covered_or_said_not_to_be", every_trivy_aws_check_is_covered_or_said_not_to_be),
    ];
    trials.extend(catalogue.into_iter().map(|(name, test)| {
        libtest_mimic::Trial::test(name, move || {
            test();
            Ok(())
        })
    }));
    libtest_mimic::run(&args, trials).exit_code()
}
