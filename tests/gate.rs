//! CI gate features: ignore comments (ours and other scanners'), expiry,
//! unused and malformed ignores, --no-inline-ignores, the baseline and the
//! severity gate.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tflint-rs")).args(args).output().expect("binary runs")
}

fn json(args: &[&str]) -> (i32, serde_json::Value) {
    let out = run(args);
    (
        out.status.code().unwrap_or(-1),
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout))),
    )
}

fn lines(v: &serde_json::Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{} {}",
                f["file"].as_str().unwrap().rsplit("suppressions/").next().unwrap(),
                f["line"],
                f["rule_id"].as_str().or(f["message"].as_str()).unwrap()
            )
        })
        .collect()
}

#[test]
fn every_suppression_form_works_and_problems_with_ignores_are_reported() {
    let (code, v) = json(&["check", "testdata/e2e/suppressions", "--format", "json"]);
    assert_eq!(code, 1);
    // Only the finding under the expired ignore is left.
    assert_eq!(lines(&v, "findings"), vec!["main.tf:46 aws-s3-public-acl"]);
    assert_eq!(v["summary"]["suppressed"], 9);
    let notices: Vec<String> = v["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| format!("{} {}", n["line"], n["message"].as_str().unwrap().split(':').next().unwrap()))
        .collect();
    assert_eq!(
        notices,
        vec![
            "43 ignore expired on 2020-01-01",
            "53 unused ignore",
            "58 malformed directive `tflint-rs",
            "59 unknown rule id `no-such-rule` in ignore comment (`tflint-rs rules` lists them)"
        ]
    );
}

#[test]
fn no_inline_ignores_disregards_them_all() {
    let (code, v) = json(&["check", "testdata/e2e/suppressions", "--format", "json", "--no-inline-ignores"]);
    assert_eq!(code, 1);
    assert_eq!(v["findings"].as_array().unwrap().len(), 10);
    assert_eq!(v["summary"]["suppressed"], 0);
    assert!(v["notices"].as_array().unwrap().is_empty());
}

#[test]
fn unused_ignores_can_be_left_unreported() {
    let (_, v) = json(&["check", "testdata/e2e/suppressions", "--format", "json", "--report-unused-ignores", "false"]);
    assert!(!v["notices"].as_array().unwrap().iter().any(|n| n["message"].as_str().unwrap().starts_with("unused")));
}

#[test]
fn the_baseline_accepts_todays_findings_and_survives_moved_code() {
    let dir = std::env::temp_dir().join(format!("tflint-rs-baseline-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["main.tf", "variables.tf", "iam.tf"] {
        std::fs::copy(format!("testdata/examples/flask-ecs/{f}"), dir.join(f)).unwrap();
    }
    let base = dir.join("baseline.json");
    let d = dir.to_str().unwrap();
    let (code, v) = json(&["check", d, "--format", "json", "--write-baseline", base.to_str().unwrap()]);
    // Writing a baseline accepts today's findings: the run succeeds (and still reports them).
    assert_eq!(code, 0);
    let total = v["findings"].as_array().unwrap().len();
    // Move everything down and add one new problem.
    let main = std::fs::read_to_string(dir.join("main.tf")).unwrap();
    std::fs::write(dir.join("main.tf"), format!("# moved\n\n\n{main}\nresource \"aws_s3_bucket_acl\" \"new\" {{\n  bucket = \"x\"\n  acl    = \"public-read\"\n}}\n")).unwrap();
    let (code, v) = json(&["check", d, "--format", "json", "--baseline", base.to_str().unwrap()]);
    assert_eq!(code, 1);
    let new: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule_id"].as_str().unwrap()).collect();
    assert_eq!(new, vec!["aws-s3-public-acl"]);
    assert_eq!(v["summary"]["suppressed"], total);
    // Fixed: only the old debt, all in the baseline.
    std::fs::write(dir.join("main.tf"), format!("# moved\n\n\n{main}")).unwrap();
    assert_eq!(run(&["check", d, "--baseline", base.to_str().unwrap()]).status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_severity_gate_decides_what_is_reported_and_what_fails() {
    let ex = "testdata/examples/flask-ecs";
    let (_, all) = json(&["check", ex, "--format", "json"]);
    let (code, high) = json(&["check", ex, "--format", "json", "--min-severity", "high"]);
    assert_eq!(code, 1);
    let kept = high["findings"].as_array().unwrap();
    assert!(kept.len() < all["findings"].as_array().unwrap().len());
    assert!(kept.iter().all(|f| f["severity"] == "high" || f["severity"] == "critical"));
    assert_eq!(run(&["check", ex, "--fail-on", "never"]).status.code(), Some(0));
    assert_eq!(run(&["check", ex, "--fail-on", "critical"]).status.code(), Some(1));
    assert_eq!(
        run(&["check", "testdata/e2e/exclude/vendor", "--fail-on", "high"]).status.code(),
        Some(0),
        "only a medium finding there"
    );
    assert_eq!(run(&["check", "testdata/e2e/exclude/vendor"]).status.code(), Some(1));
}

#[test]
fn the_configuration_file_switches_rules_overrides_severities_and_ignores_paths() {
    let (code, v) = json(&["check", "testdata/e2e/config", "--format", "json"]);
    // fail_on = "high" and only low findings remain.
    assert_eq!(code, 0);
    let got: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["rule_id"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(got, vec!["terraform-backend-s3-unencrypted low", "aws-ecs-service-public-ip low"]);
    assert_eq!(v["summary"]["suppressed"], 1, "legacy/ is ignored for aws-s3-public-acl");
    // The command line wins over the file.
    assert_eq!(run(&["check", "testdata/e2e/config", "--fail-on", "low"]).status.code(), Some(1));
}

#[test]
fn configuration_errors_point_at_their_line() {
    let out = run(&["check", "testdata/e2e/config-bad"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(".tflint-rs.toml:4:12: invalid configuration: unknown rule id `aws-ecr-mutable-tag`"),
        "{err}"
    );
    let bad = std::env::temp_dir().join(format!("tflint-rs-badconfig-{}.toml", std::process::id()));
    std::fs::write(&bad, "profile = \"default\"\nfail_om = \"high\"\n").unwrap();
    let out = run(&["check", "testdata/e2e/config-bad", "--config", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(":2:1: invalid configuration: unknown field `fail_om`"));
    let _ = std::fs::remove_file(&bad);
}

#[test]
fn init_writes_a_starter_file_that_loads() {
    let dir = std::env::temp_dir().join(format!("tflint-rs-init-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let st = Command::new(env!("CARGO_BIN_EXE_tflint-rs")).arg("init").current_dir(&dir).status().unwrap();
    assert!(st.success());
    assert!(dir.join(".tflint-rs.toml").exists());
    let again = Command::new(env!("CARGO_BIN_EXE_tflint-rs")).arg("init").current_dir(&dir).output().unwrap();
    assert_eq!(again.status.code(), Some(2), "does not overwrite");
    let check = Command::new(env!("CARGO_BIN_EXE_tflint-rs")).args(["check", "."]).current_dir(&dir).status().unwrap();
    assert_eq!(check.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The library applies what decides what a user sees (baseline, `[[ignore]]`
/// paths, minimum severity), so every front end sees the same result.
#[test]
fn the_library_pipeline_selects_what_the_user_sees() {
    use tflint_rs::pipeline::{self, Options};
    use tflint_rs::rules::{engine::Engine, load_catalogue, Profile, Severity};
    let engine = Engine::new(load_catalogue(&[]).unwrap(), Profile::Default);
    let path = std::path::PathBuf::from("testdata/examples/flask-ecs");
    let all = pipeline::run(&Options { paths: vec![path.clone()], ..Default::default() }, &engine).unwrap();
    assert!(all.findings.iter().any(|f| f.severity < Severity::High));
    let high = Options { paths: vec![path.clone()], min_severity: Some(Severity::High), ..Default::default() };
    let high = pipeline::run(&high, &engine).unwrap();
    assert!(!high.findings.is_empty() && high.findings.iter().all(|f| f.severity >= Severity::High));
    // A baseline written by one run suppresses every finding of the next.
    let base = std::env::temp_dir().join(format!("tflint-rs-lib-baseline-{}.json", std::process::id()));
    let first = Options { paths: vec![path.clone()], write_baseline: Some(base.clone()), ..Default::default() };
    assert_eq!(pipeline::run(&first, &engine).unwrap().baselined, all.findings.len());
    let second = Options { paths: vec![path], baseline: Some(base.clone()), ..Default::default() };
    let second = pipeline::run(&second, &engine).unwrap();
    assert!(second.findings.is_empty());
    assert_eq!(second.suppressed.len(), all.findings.len() + all.suppressed.len());
    let _ = std::fs::remove_file(base);
}

fn run_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tflint-rs")).args(args).current_dir(dir).output().expect("binary runs")
}

/// The flask-ecs example copied to `<tmp>/infra`, `<tmp>` a git work tree when `git`.
fn project(name: &str, git: bool) -> Option<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("tflint-rs-baseline-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("infra")).unwrap();
    for f in ["main.tf", "variables.tf", "iam.tf"] {
        std::fs::copy(format!("testdata/examples/flask-ecs/{f}"), dir.join("infra").join(f)).unwrap();
    }
    if git {
        let ok = Command::new("git").args(["init", "--quiet"]).current_dir(&dir).status().is_ok_and(|s| s.success());
        if !ok {
            eprintln!("note: git is not installed: skipped");
            return None;
        }
    }
    Some(dir)
}

#[test]
fn a_baseline_written_at_the_root_matches_a_run_in_a_subdirectory() {
    for git in [true, false] {
        let Some(dir) = project(if git { "git" } else { "plain" }, git) else { continue };
        let infra = dir.join("infra");
        // Written at the root: paths relative to it.
        assert_eq!(run_in(&dir, &["check", ".", "--write-baseline", "baseline.json"]).status.code(), Some(0));
        let b: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("baseline.json")).unwrap()).unwrap();
        assert_eq!(b["version"], 2);
        assert!(
            b["findings"].as_array().unwrap().iter().all(|e| e["file"].as_str().unwrap().starts_with("infra/")),
            "{b}"
        );
        // Read from the subdirectory: everything is known.
        let out = run_in(&infra, &["check", ".", "--baseline", "../baseline.json"]);
        assert_eq!(out.status.code(), Some(0), "git {git}: {}", String::from_utf8_lossy(&out.stdout));
        // And the other way round: written in the subdirectory (next to the
        // root's baseline), read from the root.
        assert_eq!(run_in(&infra, &["check", ".", "--write-baseline", "../from-sub.json"]).status.code(), Some(0));
        let same = std::fs::read_to_string(dir.join("from-sub.json")).unwrap();
        assert_eq!(same, std::fs::read_to_string(dir.join("baseline.json")).unwrap(), "git {git}");
        assert_eq!(run_in(&dir, &["check", "infra", "--baseline", "from-sub.json"]).status.code(), Some(0));
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn version_1_baselines_still_match_by_the_path_they_recorded() {
    let Some(dir) = project("v1", true) else { return };
    let infra = dir.join("infra");
    // What version 1 wrote from the subdirectory: paths as reached from it
    // (`main.tf`), fingerprints over those paths. A copy outside any git work
    // tree and beside its baseline writes exactly that.
    let plain = project("v1-plain", false).unwrap().join("infra");
    assert_eq!(run_in(&plain, &["check", ".", "--write-baseline", "b.json"]).status.code(), Some(0));
    let v2 = std::fs::read_to_string(plain.join("b.json")).unwrap();
    assert!(v2.contains("\"file\": \"main.tf\""), "{v2}");
    let v1 = v2.replacen("\"version\": 2", "\"version\": 1", 1);
    std::fs::write(infra.join("old.json"), &v1).unwrap();
    let out = run_in(&infra, &["check", ".", "--baseline", "old.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    // The same entries read as version 2 are repository-relative, so they do not match here.
    std::fs::write(infra.join("new.json"), &v2).unwrap();
    assert_eq!(run_in(&infra, &["check", ".", "--baseline", "new.json"]).status.code(), Some(1));
    // A baseline from a newer tflint-rs is refused, not misread.
    std::fs::write(infra.join("future.json"), v2.replacen("\"version\": 2", "\"version\": 3", 1)).unwrap();
    let out = run_in(&infra, &["check", ".", "--baseline", "future.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer than this tflint-rs reads"));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(plain.parent().unwrap());
}

#[test]
fn the_configuration_file_changes_a_rule_parameter() {
    let (_, v) = json(&["check", "testdata/e2e/config-params", "--format", "json"]);
    let got: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["rule_id"].as_str().unwrap(), f["resource"].as_str().unwrap()))
        .collect();
    // min_days = 30: 14 days is too short, 90 is enough (the default, 365, would report both).
    assert_eq!(got, vec!["aws-cloudwatch-log-retention-short aws_cloudwatch_log_group.short"]);
}

/// A file whose only directive names its tool in capitals: the directive
/// is read (the prefilter that skips files naming no tool looked for lower
/// case only, and the finding stayed).
#[test]
fn a_directive_naming_its_tool_in_capitals_suppresses() {
    let dir = std::env::temp_dir().join(format!("tflint-rs-capitals-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("main.tf"),
        "resource \"aws_db_instance\" \"db\" {\n  # Checkov:skip=CKV_AWS_17:reviewed, the subnet is private\n  publicly_accessible = true\n}\n",
    )
    .unwrap();
    let (_, v) = json(&["check", dir.to_str().unwrap(), "--format", "json"]);
    std::fs::remove_dir_all(&dir).unwrap();
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule_id"].as_str().unwrap()).collect();
    assert_eq!(rules, vec!["aws-rds-storage-unencrypted"]);
    assert_eq!(v["summary"]["suppressed"], 1);
}
