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
