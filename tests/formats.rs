//! The CI output formats (`sarif`, `github`, `junit`), run through the real
//! binary: SARIF valid against the official 2.1.0 schema (when Python's
//! `jsonschema` is available) and always carrying what GitHub code scanning
//! reads, fingerprints that survive inserted lines, escaping, well-formed
//! XML, and no secret in any format.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const SECRET: &str = "pr0d-Passw0rd";

mod common;
use common::copy_dir;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tflint-rs"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// A fresh, empty directory under the system temp dir.
fn temp_dir(name: &str) -> common::TempDir {
    common::temp_dir(&format!("formats-{name}"))
}

/// `project` copied to a temp dir (not a git repository) and scanned from inside it.
fn scan_copy(project: &Path, name: &str, format: &str) -> (common::TempDir, Output) {
    let dir = temp_dir(name);
    copy_dir(project, &dir);
    let out = run_in(&dir, &["check", ".", "--format", format]);
    (dir, out)
}

fn flask_ecs() -> PathBuf {
    manifest_dir().join("testdata/examples/flask-ecs")
}

fn acceptance_projects() -> Vec<(String, PathBuf)> {
    let root = manifest_dir().join("../shared/acceptance");
    let Ok(rd) = std::fs::read_dir(&root) else { return Vec::new() };
    let mut out: Vec<(String, PathBuf)> = rd
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    out.sort();
    out
}

fn severities() -> HashMap<String, String> {
    let out = run_in(&manifest_dir(), &["rules", "--format", "json", "--profile", "strict"]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("rules JSON");
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), r["severity"].as_str().unwrap().to_string()))
        .collect()
}

fn expected_level(severity: &str) -> (&'static str, &'static str) {
    match severity {
        "critical" => ("error", "9.5"),
        "high" => ("error", "8.0"),
        "medium" => ("warning", "5.5"),
        "low" => ("note", "3.0"),
        s => panic!("unknown severity {s}"),
    }
}

fn is_hash(s: &str) -> bool {
    s.len() == 18 && s.ends_with(":1") && s[..16].bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// What GitHub code scanning reads, checked field by field (independently of
/// the schema, which makes almost everything optional).
fn check_sarif(v: &Value, what: &str) {
    assert_eq!(v["version"], "2.1.0", "{what}");
    assert!(v["$schema"].as_str().is_some_and(|s| s.contains("sarif-schema-2.1.0")), "{what}");
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1, "{what}: one run");
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "tflint-rs");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(driver["informationUri"], "https://github.com/tflint-rs/tflint-rs");
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.len() >= 26, "{what}: every rule that ran is listed, got {}", rules.len());
    let mut ids = HashSet::new();
    for r in rules {
        let id = r["id"].as_str().unwrap();
        assert!(ids.insert(id.to_string()), "{what}: rule {id} listed twice");
        let name = r["name"].as_str().unwrap();
        assert!(
            !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric())
                && name.starts_with(|c: char| c.is_ascii_uppercase()),
            "{id}: name {name}"
        );
        assert_eq!(name.to_ascii_lowercase(), id.replace('-', ""), "{id}: name is the id in CamelCase");
        assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty(), "{id}");
        assert!(!r["fullDescription"]["text"].as_str().unwrap().is_empty(), "{id}");
        let help = r["help"]["markdown"].as_str().unwrap();
        assert!(help.starts_with(&format!("# {id}: ")), "{id}: help is the rule's documentation");
        assert_eq!(r["help"]["text"].as_str().unwrap(), help);
        assert_eq!(r["helpUri"], format!("https://github.com/tflint-rs/tflint-rs/blob/main/docs/rules/{id}.md"));
        let tags: Vec<&str> = r["properties"]["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        assert!(tags.contains(&"security"), "{id}: tags {tags:?}");
        if let Some(service) = id.strip_prefix("aws-") {
            assert!(tags.contains(&"aws") && tags.contains(&service.split('-').next().unwrap()), "{id}: tags {tags:?}");
        }
        assert_eq!(r["properties"]["precision"], "high", "{id}");
        let score = r["properties"]["security-severity"].as_str().unwrap();
        let level = r["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(
            matches!((level, score), ("error", "9.5") | ("error", "8.0") | ("warning", "5.5") | ("note", "3.0")),
            "{id}: {level} {score}"
        );
    }
    let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap();
    assert!(root.starts_with("file:///") && root.ends_with('/'), "{what}: %SRCROOT% {root}");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let inv = &run["invocations"][0];
    let notifications = inv["toolExecutionNotifications"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    let errors = notifications.iter().filter(|n| n["level"] == "error").count();
    assert_eq!(inv["executionSuccessful"], errors == 0, "{what}");
    let mut prints = HashSet::new();
    for res in run["results"].as_array().unwrap() {
        let id = res["ruleId"].as_str().unwrap();
        let ix = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[ix]["id"], id, "{what}: ruleIndex points at the rule");
        assert_eq!(res["level"], rules[ix]["defaultConfiguration"]["level"], "{what}: {id}");
        let text = res["message"]["text"].as_str().unwrap();
        assert!(text.contains("How to fix: "), "{what}: {id}: message carries the remediation");
        let locs = res["locations"].as_array().unwrap();
        assert_eq!(locs.len(), 1);
        let phys = &locs[0]["physicalLocation"];
        let uri = phys["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(phys["artifactLocation"]["uriBaseId"], "%SRCROOT%", "{what}: {uri}");
        assert!(
            !uri.starts_with('/') && !uri.contains("://") && !uri.starts_with("./") && !uri.contains('\\'),
            "{what}: uri {uri}"
        );
        let reg = &phys["region"];
        let n = |k: &str| reg[k].as_u64().unwrap_or_else(|| panic!("{what}: {id}: region.{k}"));
        let (sl, sc, el, ec) = (n("startLine"), n("startColumn"), n("endLine"), n("endColumn"));
        assert!(sl >= 1 && sc >= 1 && el >= sl && ec >= 1, "{what}: {id}: {reg}");
        assert!(el > sl || ec >= sc, "{what}: {id}: {reg}");
        let fp = res["partialFingerprints"]["primaryLocationLineHash"].as_str().unwrap();
        assert!(is_hash(fp), "{what}: {id}: fingerprint {fp}");
        assert!(prints.insert(fp.to_string()), "{what}: {id}: fingerprint {fp} is not unique");
        assert!(res["properties"]["resource"].is_string());
        if let Some(s) = res.get("suppressions") {
            let s = s.as_array().unwrap();
            assert_eq!(s.len(), 1);
            assert!(s[0]["kind"] == "inSource" || s[0]["kind"] == "external");
        }
    }
}

/// Validates SARIF files against the official schema with Python's
/// `jsonschema`, when both are installed (nothing is installed here).
fn validate_with_schema(files: &[PathBuf]) {
    let schema = manifest_dir().join("../shared/sarif/sarif-schema-2.1.0.json");
    if !schema.exists() {
        assert!(std::env::var_os("TFLINT_RS_REQUIRE_SCHEMA").is_none(), "{} is required here", schema.display());
        eprintln!("note: {} not found: schema validation skipped", schema.display());
        return;
    }
    let available =
        Command::new("python3").args(["-c", "import jsonschema"]).output().is_ok_and(|o| o.status.success());
    if !available {
        // CI installs it (.ci/run) and sets this, so there the check cannot be skipped.
        assert!(std::env::var_os("TFLINT_RS_REQUIRE_SCHEMA").is_none(), "python3 with jsonschema is required here");
        eprintln!(
            "note: python3 with jsonschema not available: schema validation skipped (structural checks still ran)"
        );
        return;
    }
    const SCRIPT: &str = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
bad = 0
for path in sys.argv[2:]:
    for err in validator.iter_errors(json.load(open(path))):
        bad += 1
        print(path, "/".join(map(str, err.absolute_path)), err.message[:300])
print(len(sys.argv) - 2, "files,", bad, "errors")
sys.exit(1 if bad else 0)
"#;
    let out = Command::new("python3").arg("-c").arg(SCRIPT).arg(&schema).args(files).output().expect("python3 runs");
    assert!(
        out.status.success(),
        "SARIF does not validate:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("schema validation: {}", String::from_utf8_lossy(&out.stdout).trim());
}

fn sarif_of(out: &Output, what: &str) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{what}: not JSON ({e}); stderr: {}", String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn sarif_is_valid_and_complete_for_the_example_and_the_acceptance_projects() {
    let keep = temp_dir("sarif-files");
    let mut files = Vec::new();
    let mut projects = vec![("flask-ecs".to_string(), flask_ecs())];
    projects.extend(acceptance_projects());
    for (name, path) in &projects {
        let (dir, out) = scan_copy(path, &format!("sarif-{name}"), "sarif");
        let code = out.status.code();
        assert!(code == Some(0) || code == Some(1), "{name}: exit {code:?}: {}", String::from_utf8_lossy(&out.stderr));
        let v = sarif_of(&out, name);
        check_sarif(&v, name);
        let results = v["runs"][0]["results"].as_array().unwrap();
        let unsuppressed = results.iter().filter(|r| r.get("suppressions").is_none()).count();
        assert_eq!(code == Some(1), unsuppressed > 0, "{name}: exit status and results agree");
        // Scanned from the copy's root (no .git above it): URIs are the paths in it.
        let root = v["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap().to_string();
        let canonical = std::fs::canonicalize(&dir).unwrap();
        assert!(
            root.ends_with(&format!("{}/", canonical.file_name().unwrap().to_string_lossy())),
            "{name}: root {root}"
        );
        for r in results {
            let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
            assert!(dir.join(uri).is_file(), "{name}: {uri} is a file of the project");
        }
        let file = keep.join(format!("{name}.sarif"));
        std::fs::write(&file, &out.stdout).unwrap();
        files.push(file);
        let _ = std::fs::remove_dir_all(&dir);
    }

    // Load errors become failed-execution notifications.
    let out = run_in(&manifest_dir(), &["check", "testdata/e2e/parse-error", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(2));
    let v = sarif_of(&out, "parse-error");
    check_sarif(&v, "parse-error");
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let n = &inv["toolExecutionNotifications"][0];
    assert_eq!(n["level"], "error");
    assert!(n["message"]["text"].as_str().unwrap().contains("cannot parse"));
    assert_eq!(n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "testdata/e2e/parse-error/broken.tf");
    assert_eq!(n["locations"][0]["physicalLocation"]["region"]["startLine"], 3);
    let file = keep.join("parse-error.sarif");
    std::fs::write(&file, &out.stdout).unwrap();
    files.push(file);

    // Suppressed findings are kept, with their justification.
    let dir = temp_dir("sarif-suppressed");
    std::fs::write(
        dir.join("main.tf"),
        "resource \"aws_db_instance\" \"app\" {\n  engine              = \"postgres\" # tflint-rs:ignore:aws-s3-public-acl\n  storage_encrypted   = true\n  # tflint-rs:ignore:aws-rds-publicly-accessible -- internal tooling, behind a VPN\n  publicly_accessible = true\n}\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", ".", "--format", "sarif"]);
    let v = sarif_of(&out, "suppressed");
    check_sarif(&v, "suppressed");
    let results = v["runs"][0]["results"].as_array().unwrap();
    let r = results
        .iter()
        .find(|r| r["ruleId"] == "aws-rds-publicly-accessible")
        .expect("the suppressed finding is in the SARIF");
    assert_eq!(r["suppressions"][0]["kind"], "inSource");
    assert_eq!(r["suppressions"][0]["justification"], "internal tooling, behind a VPN");
    assert_eq!(r["locations"][0]["physicalLocation"]["region"]["startLine"], 5);
    // The unused ignore comment is a note, which does not fail the execution.
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], true);
    let n = &inv["toolExecutionNotifications"][0];
    assert_eq!(
        (n["level"].as_str(), n["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64()),
        (Some("note"), Some(2)),
        "{inv}"
    );
    let github = stdout(&run_in(&dir, &["check", ".", "--format", "github"]));
    assert!(github.lines().any(|l| l.starts_with("::notice file=main.tf,line=2,col=")), "{github}");
    assert!(!github.contains("aws-rds-publicly-accessible"), "suppressed: {github}");
    let file = keep.join("suppressed.sarif");
    std::fs::write(&file, &out.stdout).unwrap();
    files.push(file);
    let _ = std::fs::remove_dir_all(&dir);

    validate_with_schema(&files);
    let _ = std::fs::remove_dir_all(&keep);
}

/// (ruleId, uri, resource) -> [(fingerprint, startLine)]
fn fingerprint_map(v: &Value) -> BTreeMap<(String, String, String), Vec<(String, u64)>> {
    let mut m: BTreeMap<_, Vec<_>> = BTreeMap::new();
    for r in v["runs"][0]["results"].as_array().unwrap() {
        let loc = &r["locations"][0]["physicalLocation"];
        let key = (
            r["ruleId"].as_str().unwrap().to_string(),
            loc["artifactLocation"]["uri"].as_str().unwrap().to_string(),
            r["properties"]["resource"].as_str().unwrap().to_string(),
        );
        let fp = r["partialFingerprints"]["primaryLocationLineHash"].as_str().unwrap().to_string();
        m.entry(key).or_default().push((fp, loc["region"]["startLine"].as_u64().unwrap()));
    }
    m
}

#[test]
fn fingerprints_survive_lines_inserted_above() {
    let (dir, out) = scan_copy(&flask_ecs(), "fingerprints", "sarif");
    let before = fingerprint_map(&sarif_of(&out, "before"));
    let main = dir.join("main.tf");
    let text = std::fs::read_to_string(&main).unwrap();
    std::fs::write(&main, format!("# Inserted comment\n\n// another one\n/* and a block */\n\n{text}")).unwrap();
    let out = run_in(&dir, &["check", ".", "--format", "sarif"]);
    let after = fingerprint_map(&sarif_of(&out, "after"));
    assert!(before.keys().any(|(_, uri, _)| uri == "main.tf"), "findings in main.tf: {before:?}");
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "same findings");
    for (key, b) in &before {
        let a = &after[key];
        assert_eq!(b.len(), a.len(), "{key:?}");
        for ((fb, lb), (fa, la)) in b.iter().zip(a) {
            assert_eq!(fb, fa, "{key:?}: same fingerprint");
            let shift = if key.1 == "main.tf" { 5 } else { 0 };
            assert_eq!(*la, lb + shift, "{key:?}: the line moved");
        }
    }
    // A finding moved to another resource gets another fingerprint.
    let renamed =
        std::fs::read_to_string(&main).unwrap().replace("\"aws_db_instance\" \"app\"", "\"aws_db_instance\" \"db\"");
    std::fs::write(&main, renamed).unwrap();
    let out = run_in(&dir, &["check", ".", "--format", "sarif"]);
    let v = sarif_of(&out, "renamed");
    let old: HashSet<&String> = before.values().flatten().map(|(f, _)| f).collect();
    for r in v["runs"][0]["results"].as_array().unwrap() {
        if r["properties"]["resource"] == "aws_db_instance.db" {
            assert!(!old.contains(&r["partialFingerprints"]["primaryLocationLineHash"].as_str().unwrap().to_string()));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn levels_and_security_severity_follow_the_rule_severity() {
    let sev = severities();
    let out =
        run_in(&manifest_dir(), &["check", "testdata/examples/flask-ecs", "--format", "sarif", "--profile", "strict"]);
    let v = sarif_of(&out, "strict");
    check_sarif(&v, "strict");
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let mut seen = HashSet::new();
    for r in rules {
        let id = r["id"].as_str().unwrap();
        let (level, score) = expected_level(&sev[id]);
        assert_eq!(r["defaultConfiguration"]["level"], level, "{id}");
        assert_eq!(r["properties"]["security-severity"], score, "{id}");
        seen.insert(sev[id].clone());
    }
    assert!(["critical", "high", "medium"].iter().all(|s| seen.contains(*s)), "severities covered: {seen:?}");
    assert_eq!(rules.len(), sev.len(), "the strict profile runs every rule");
    for res in v["runs"][0]["results"].as_array().unwrap() {
        let (level, _) = expected_level(&sev[res["ruleId"].as_str().unwrap()]);
        assert_eq!(res["level"], level);
    }

    // GitHub commands follow the same mapping (low is a notice).
    let out =
        run_in(&manifest_dir(), &["check", "testdata/examples/flask-ecs", "--format", "github", "--profile", "strict"]);
    for line in stdout(&out).lines() {
        let rule = line.split("title=").nth(1).unwrap().split("%3A").next().unwrap();
        let expected = match sev[rule].as_str() {
            "critical" | "high" => "::error ",
            "medium" => "::warning ",
            _ => "::notice ",
        };
        assert!(line.starts_with(expected), "{line}");
    }
}

#[test]
fn no_format_prints_the_secret() {
    let dir = manifest_dir();
    for format in ["text", "json", "sarif", "github", "gitlab", "junit"] {
        for profile in ["default", "strict"] {
            let out = run_in(&dir, &["check", "testdata/examples/flask-ecs", "--format", format, "--profile", profile]);
            assert_eq!(out.status.code(), Some(1), "{format}");
            let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            assert!(
                !all.contains(SECRET) && !all.contains("d-Passw0rd") && !all.contains("-Passw"),
                "{format} ({profile}) prints the secret"
            );
        }
    }
}

#[test]
fn an_unused_ignore_names_the_ids_as_written_and_other_scanners_comments_are_left_alone() {
    let dir = temp_dir("unused-foreign-ignore");
    std::fs::write(
        dir.join("main.tf"),
        "# tflint-rs:ignore:AWS-EC2-IMDSV2-NOT-REQUIRED\nresource \"aws_s3_bucket\" \"logs\" {\n  #checkov:skip=CKV_AWS_20:no ACL here\n  bucket = \"acme-logs\"\n}\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", ".", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let messages: Vec<&str> = v["notices"].as_array().unwrap().iter().filter_map(|n| n["message"].as_str()).collect();
    // Ours is reported with its id as written; Checkov's skip is Checkov's
    // business (it still needs it), though it covers nothing of ours.
    assert_eq!(messages, vec!["unused ignore: no finding of AWS-EC2-IMDSV2-NOT-REQUIRED here"]);
}

#[test]
fn github_commands_are_escaped() {
    use tflint_rs::report::github::{escape_data, escape_property};
    assert_eq!(escape_data("100% done\r\nnext: a,b"), "100%25 done%0D%0Anext: a,b");
    assert_eq!(escape_property("100% done\r\nnext: a,b"), "100%25 done%0D%0Anext%3A a%2Cb");

    // A path with a comma and a colon, and multi-line messages.
    let dir = temp_dir("github-escape");
    let odd = dir.join("infra,prod:eu");
    std::fs::create_dir_all(&odd).unwrap();
    std::fs::write(odd.join("main.tf"), "resource \"aws_db_instance\" \"app\" {\n  engine              = \"postgres\"\n  publicly_accessible = true\n}\n").unwrap();
    let out = run_in(&dir, &["check", ".", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let line = text.lines().find(|l| l.contains("aws-rds-publicly-accessible")).expect("a command for the finding");
    assert!(line.starts_with("::error file=infra%2Cprod%3Aeu/main.tf,line=3,col="), "{line}");
    assert!(line.contains(",title=aws-rds-publicly-accessible%3A "), "{line}");
    let _ = std::fs::remove_dir_all(&dir);

    // Every command is one line: `::LEVEL key=value,...::message`, with nothing
    // unescaped in the properties.
    let out = run_in(&manifest_dir(), &["check", "testdata/examples/flask-ecs", "--format", "github"]);
    let text = stdout(&out);
    assert!(text.lines().count() >= 5);
    for line in text.lines() {
        let rest = line.strip_prefix("::").unwrap();
        let (head, message) = rest.split_once("::").unwrap();
        let (level, props) = head.split_once(' ').unwrap();
        assert!(["error", "warning", "notice"].contains(&level), "{line}");
        let keys: Vec<&str> = props.split(',').map(|p| p.split_once('=').unwrap().0).collect();
        assert_eq!(keys, ["file", "line", "col", "endLine", "endColumn", "title"], "{line}");
        for p in props.split(',') {
            assert!(!p.split_once('=').unwrap().1.contains(':'), "{line}");
        }
        assert!(!message.contains('\n') && !message.contains('\r'), "{line}");
        assert!(message.contains("%0A%0AHow to fix: "), "{line}");
    }

    // Load errors are errors on their file.
    let out = run_in(&manifest_dir(), &["check", "testdata/e2e/parse-error", "--format", "github"]);
    let text = stdout(&out);
    assert!(
        text.lines().any(|l| l.starts_with("::error file=testdata/e2e/parse-error/broken.tf,line=3,col=")
            && l.contains("::cannot parse")),
        "{text}"
    );
}

/// A small XML well-formedness check: one root element, balanced tags,
/// quoted and unique attributes, only the predefined entities and character
/// references, no markup characters out of place.
fn check_xml(s: &str) -> Result<(), String> {
    fn check_refs(t: &str) -> Result<(), String> {
        let mut rest = t;
        while let Some(i) = rest.find('&') {
            let after = &rest[i + 1..];
            let end = after.find(';').ok_or_else(|| format!("unterminated reference in {t:?}"))?;
            let name = &after[..end];
            let ok = ["amp", "lt", "gt", "quot", "apos"].contains(&name)
                || name.strip_prefix("#x").is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
                || name.strip_prefix('#').is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
            if !ok {
                return Err(format!("bad reference &{name}; in {t:?}"));
            }
            rest = &after[end + 1..];
        }
        if t.chars().any(|c| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) {
            return Err(format!("control character in {t:?}"));
        }
        Ok(())
    }
    let body = s.strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").ok_or("no XML declaration")?;
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut rest = body;
    loop {
        let Some(lt) = rest.find('<') else {
            if !rest.trim().is_empty() {
                return Err(format!("text after the root: {rest:?}"));
            }
            break;
        };
        let text = &rest[..lt];
        if stack.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root: {text:?}"));
        }
        if text.contains('>') {
            return Err(format!("stray > in {text:?}"));
        }
        check_refs(text)?;
        rest = &rest[lt + 1..];
        if let Some(r) = rest.strip_prefix('/') {
            let gt = r.find('>').ok_or("unterminated end tag")?;
            let name = r[..gt].trim_end();
            if stack.pop() != Some(name) {
                return Err(format!("mismatched </{name}>"));
            }
            rest = &r[gt + 1..];
            continue;
        }
        let name_end = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/').ok_or("unterminated tag")?;
        let name = &rest[..name_end];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err(format!("bad element name {name:?}"));
        }
        if stack.is_empty() {
            roots += 1;
        }
        rest = &rest[name_end..];
        let mut attrs = HashSet::new();
        loop {
            rest = rest.trim_start();
            if let Some(r) = rest.strip_prefix("/>") {
                rest = r;
                break;
            }
            if let Some(r) = rest.strip_prefix('>') {
                rest = r;
                stack.push(name);
                break;
            }
            let eq = rest.find('=').ok_or("attribute without value")?;
            let attr = &rest[..eq];
            if attr.is_empty() || !attr.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                return Err(format!("bad attribute name {attr:?}"));
            }
            if !attrs.insert(attr) {
                return Err(format!("duplicate attribute {attr}"));
            }
            let r = rest[eq + 1..].strip_prefix('"').ok_or("unquoted attribute")?;
            let close = r.find('"').ok_or("unterminated attribute")?;
            let value = &r[..close];
            if value.contains('<') {
                return Err(format!("< in attribute {value:?}"));
            }
            check_refs(value)?;
            rest = &r[close + 1..];
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed {stack:?}"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(())
}

fn python_parses_xml(xml: &str) {
    let Ok(mut child) = Command::new("python3")
        .args(["-c", "import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        return;
    };
    use std::io::Write as _;
    child.stdin.take().unwrap().write_all(xml.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "python rejects the XML: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn junit_is_well_formed_xml() {
    assert_eq!(
        tflint_rs::report::junit::escape("a<b & \"c\" 'd'>\n\u{1}"),
        "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;&#10;\u{FFFD}"
    );
    let bad = [
        "<a>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a b=c/>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>&x;</a>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a></b>",
    ];
    for b in bad {
        assert!(check_xml(b).is_err(), "the checker rejects {b}");
    }

    let dir = manifest_dir();
    let json: Value =
        serde_json::from_slice(&run_in(&dir, &["check", "testdata/examples/flask-ecs", "--format", "json"]).stdout)
            .unwrap();
    let findings = json["findings"].as_array().unwrap().len();
    let out = run_in(&dir, &["check", "testdata/examples/flask-ecs", "--format", "junit"]);
    assert_eq!(out.status.code(), Some(1));
    let xml = stdout(&out);
    check_xml(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    python_parses_xml(&xml);
    assert_eq!(xml.matches("<failure ").count(), findings);
    assert!(xml.contains(&format!(
        "<testsuites name=\"tflint-rs\" tests=\"{findings}\" failures=\"{findings}\" errors=\"0\">"
    )));

    // A clean run still has one passing test case.
    let out = run_in(&dir, &["check", "testdata/rules/aws-rds-publicly-accessible/good/literal", "--format", "junit"]);
    assert_eq!(out.status.code(), Some(0));
    let xml = stdout(&out);
    check_xml(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert_eq!(xml.matches("<testcase ").count(), 1, "{xml}");
    assert!(!xml.contains("<failure") && !xml.contains("<error"));

    // Load errors are <error>s.
    let out = run_in(&dir, &["check", "testdata/e2e/parse-error", "--format", "junit"]);
    let xml = stdout(&out);
    check_xml(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    python_parses_xml(&xml);
    assert!(
        xml.contains("<testsuite name=\"testdata/e2e/parse-error/broken.tf\" tests=\"1\" failures=\"0\" errors=\"1\""),
        "{xml}"
    );
    assert_eq!(xml.matches("<error ").count(), 1);

    // Suppressed findings are left out of github and junit output.
    let tmp = temp_dir("junit-suppressed");
    std::fs::write(tmp.join("main.tf"), "resource \"aws_db_instance\" \"app\" {\n  engine              = \"postgres\"\n  publicly_accessible = true # tflint-rs:ignore:aws-rds-publicly-accessible -- a <demo> & \"test\"\n}\n").unwrap();
    for format in ["junit", "github"] {
        let text = stdout(&run_in(&tmp, &["check", ".", "--format", format]));
        assert!(!text.contains("aws-rds-publicly-accessible"), "{format}: {text}");
    }
    let _ = std::fs::remove_dir_all(&tmp);

    // The acceptance projects, too.
    for (name, path) in acceptance_projects() {
        let (tmp, out) = scan_copy(&path, &format!("junit-{name}"), "junit");
        let xml = stdout(&out);
        check_xml(&xml).unwrap_or_else(|e| panic!("{name}: {e}\n{xml}"));
        python_parses_xml(&xml);
        let _ = std::fs::remove_dir_all(&tmp);
    }
}

/// SARIF with what changes from machine to machine or release to release
/// redacted: the root URI, the version, and the rule list (only the rules
/// that have results, without their documentation, which has its own test).
fn stable_sarif(mut v: Value) -> Value {
    let run = &mut v["runs"][0];
    run["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///[SRCROOT]/".into();
    let driver = &mut run["tool"]["driver"];
    driver["version"] = "[VERSION]".into();
    driver["semanticVersion"] = "[VERSION]".into();
    let used: HashSet<String> =
        run["results"].as_array().unwrap().iter().map(|r| r["ruleId"].as_str().unwrap().to_string()).collect();
    let rules: Vec<Value> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| used.contains(r["id"].as_str().unwrap()))
        .map(|r| {
            let mut r = r.clone();
            let o = r.as_object_mut().unwrap();
            o.remove("help");
            o.remove("fullDescription");
            r
        })
        .collect();
    run["tool"]["driver"]["rules"] = rules.into();
    for r in run["results"].as_array_mut().unwrap() {
        r.as_object_mut().unwrap().remove("ruleIndex");
    }
    v
}

#[test]
fn snapshots_of_the_example() {
    let dir = manifest_dir();
    let out = run_in(&dir, &["check", "testdata/examples/flask-ecs", "--format", "github"]);
    insta::assert_snapshot!("flask_ecs_github", stdout(&out));
    let out = run_in(&dir, &["check", "testdata/examples/flask-ecs", "--format", "junit"]);
    insta::assert_snapshot!("flask_ecs_junit", stdout(&out));
    let out = run_in(&dir, &["check", "testdata/examples/flask-ecs", "--format", "gitlab"]);
    insta::assert_snapshot!("flask_ecs_gitlab", stdout(&out));
    let out = run_in(&dir, &["check", "testdata/examples/flask-ecs", "--format", "sarif"]);
    let v = sarif_of(&out, "flask-ecs");
    check_sarif(&v, "flask-ecs");
    insta::assert_snapshot!("flask_ecs_sarif", serde_json::to_string_pretty(&stable_sarif(v)).unwrap());
}

#[test]
fn a_module_that_is_not_downloaded_is_a_notice_in_every_format() {
    let dir = manifest_dir();
    for format in ["text", "json", "sarif", "github", "junit"] {
        let out = run_in(&dir, &["check", "testdata/e2e/installed-modules", "--format", format]);
        // Findings decide the exit status; notices do not make it an error.
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = stdout(&out);
        // The password passed to the installed module is masked, where it is reported too.
        assert!(!text.contains("Adm1n"), "{format}: {text}");
        let said = text.matches("module `cdn` (source `cloudposse/cloudfront-s3-cdn/aws`) is not checked").count();
        assert_eq!(said, 1, "{format}: once per module call\n{text}");
        match format {
            "json" => {
                let v: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(v["summary"]["errors"], 0);
                assert!(v["notices"].as_array().unwrap().iter().any(|n| n["line"] == 18), "{v}");
            }
            "sarif" => {
                let v: Value = serde_json::from_str(&text).unwrap();
                let inv = &v["runs"][0]["invocations"][0];
                assert_eq!(inv["executionSuccessful"], true, "{inv}");
            }
            "github" => {
                assert!(text.contains("::notice file=testdata/e2e/installed-modules/main.tf,line=18,col=1::"), "{text}")
            }
            "junit" => {
                check_xml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
                assert!(!text.contains("<error"), "{text}");
            }
            _ => {}
        }
    }
}

/// What GitLab's Code Quality widget requires of each issue: `description`,
/// `check_name`, `fingerprint` (unique), `severity` (one of its five levels),
/// `location.path` relative to the repository and `location.lines.begin`.
fn check_gitlab(v: &Value, root: &Path, what: &str) -> usize {
    let issues = v.as_array().unwrap_or_else(|| panic!("{what}: a JSON array"));
    let mut prints = HashSet::new();
    for i in issues {
        let o = i.as_object().unwrap();
        let keys: HashSet<&str> = o.keys().map(String::as_str).collect();
        let allowed: HashSet<&str> =
            ["type", "check_name", "description", "categories", "severity", "fingerprint", "location"].into();
        assert!(keys.is_subset(&allowed), "{what}: {keys:?}");
        assert_eq!(i["type"], "issue");
        assert!(!i["check_name"].as_str().unwrap().is_empty(), "{what}: {i}");
        assert!(!i["description"].as_str().unwrap().is_empty(), "{what}: {i}");
        assert!(
            ["info", "minor", "major", "critical", "blocker"].contains(&i["severity"].as_str().unwrap()),
            "{what}: {i}"
        );
        let fp = i["fingerprint"].as_str().unwrap();
        assert!(fp.len() == 16 && fp.bytes().all(|b| b.is_ascii_hexdigit()), "{what}: {fp}");
        assert!(prints.insert(fp.to_string()), "{what}: fingerprint {fp} is not unique");
        let path = i["location"]["path"].as_str().unwrap();
        assert!(!path.starts_with('/') && !path.starts_with("./") && !path.contains('\\'), "{what}: {path}");
        assert!(root.join(path).is_file(), "{what}: {path} is a file of the repository");
        let begin = i["location"]["lines"]["begin"].as_u64().unwrap();
        assert!(begin >= 1, "{what}: {i}");
        if let Some(end) = i["location"]["lines"]["end"].as_u64() {
            assert!(end >= begin, "{what}: {i}");
        }
    }
    issues.len()
}

#[test]
fn gitlab_code_quality_has_the_shape_the_widget_reads() {
    let sev = severities();
    // The example and the acceptance projects, scanned from inside a copy.
    let mut projects = vec![("flask-ecs".to_string(), flask_ecs())];
    projects.extend(acceptance_projects());
    for (name, path) in &projects {
        let (dir, out) = scan_copy(path, &format!("gitlab-{name}"), "gitlab");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_gitlab(&v, &dir, name);
        // One issue per active finding, with the same rules and lines as JSON.
        let json: Value = serde_json::from_slice(&run_in(&dir, &["check", ".", "--format", "json"]).stdout).unwrap();
        let mut from_json: Vec<(String, u64)> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["rule_id"].as_str().unwrap().to_string(), f["line"].as_u64().unwrap()))
            .collect();
        let mut from_gitlab: Vec<(String, u64)> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|i| (i["check_name"].as_str().unwrap().to_string(), i["location"]["lines"]["begin"].as_u64().unwrap()))
            .collect();
        from_json.sort();
        from_gitlab.sort();
        assert_eq!(from_json, from_gitlab, "{name}");
        for i in v.as_array().unwrap() {
            let expected = match sev[i["check_name"].as_str().unwrap()].as_str() {
                "critical" => "critical",
                "high" => "major",
                "medium" => "minor",
                _ => "info",
            };
            assert_eq!(i["severity"], expected, "{name}: {i}");
        }
        // The fingerprints are SARIF's, so both survive moved code alike.
        let sarif = sarif_of(&run_in(&dir, &["check", ".", "--format", "sarif"]), name);
        let sarif_prints: HashSet<String> = sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["primaryLocationLineHash"].as_str().unwrap().trim_end_matches(":1").to_string()
            })
            .collect();
        for i in v.as_array().unwrap() {
            assert!(sarif_prints.contains(i["fingerprint"].as_str().unwrap()), "{name}: {i}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    // A file that could not be checked is an issue; a suppressed finding is not.
    let out = run_in(&manifest_dir(), &["check", "testdata/e2e/parse-error", "--format", "gitlab"]);
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    check_gitlab(&v, &manifest_dir(), "parse-error");
    assert_eq!(v[0]["check_name"], "load-error");
    assert_eq!(v[0]["location"]["path"], "testdata/e2e/parse-error/broken.tf");
    assert_eq!(v[0]["location"]["lines"]["begin"], 3);
    let dir = temp_dir("gitlab-suppressed");
    // A control character and a bidirectional override in a file name are escaped.
    let odd = dir.join("a\u{202e}b");
    std::fs::create_dir_all(&odd).unwrap();
    std::fs::write(
        odd.join("main.tf"),
        "resource \"aws_db_instance\" \"app\" {\n  engine              = \"postgres\"\n  storage_encrypted   = true\n  # tflint-rs:ignore:aws-rds-publicly-accessible -- behind a VPN\n  publicly_accessible = true\n}\nresource \"aws_db_instance\" \"other\" {\n  engine              = \"postgres\"\n  storage_encrypted   = true\n  publicly_accessible = true\n}\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", ".", "--format", "gitlab"]);
    let text = stdout(&out);
    assert!(!text.contains('\u{202e}'), "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    let public: Vec<&Value> =
        v.as_array().unwrap().iter().filter(|i| i["check_name"] == "aws-rds-publicly-accessible").collect();
    assert_eq!(public.len(), 1, "{text}");
    assert_eq!(public[0]["location"]["path"], "a\\u{202e}b/main.tf");
    assert_eq!(public[0]["location"]["lines"]["begin"], 10);
    let _ = std::fs::remove_dir_all(&dir);

    // A clean run is an empty array (what GitLab expects, not nothing).
    let out = run_in(
        &manifest_dir(),
        &["check", "testdata/rules/aws-rds-publicly-accessible/good/literal", "--format", "gitlab"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out).trim(), "[]");
}

#[test]
fn documentation_links_follow_the_configured_base() {
    let ex = "testdata/examples/flask-ecs";
    let dir = manifest_dir();
    let help_uris = |args: &[&str]| -> Vec<String> {
        let v = sarif_of(&run_in(&dir, args), "docs-url");
        check_sarif_rules_only(&v);
        v["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["helpUri"].as_str().unwrap().to_string())
            .collect()
    };
    let base = help_uris(&["check", ex, "--format", "sarif", "--docs-url", "https://docs.example.com/rules"]);
    assert!(base.contains(&"https://docs.example.com/rules/aws-rds-publicly-accessible.md".to_string()), "{base:?}");
    let template =
        help_uris(&["check", ex, "--format", "sarif", "--docs-url", "https://wiki.example.com/sec/{id}?v=1"]);
    assert!(template.contains(&"https://wiki.example.com/sec/aws-rds-publicly-accessible?v=1".to_string()));

    // Text: one `docs:` line per rule with findings when piped, the link in
    // each finding's header when graphical.
    let text = stdout(&run_in(&dir, &["check", ex, "--docs-url", "https://docs.example.com/r/"]));
    let docs: Vec<&str> = text.lines().filter(|l| l.starts_with("docs: ")).collect();
    let rules: HashSet<&str> =
        text.lines().filter(|l| l.starts_with("testdata/")).map(|l| l.split(' ').nth(2).unwrap()).collect();
    assert_eq!(docs.len(), rules.len(), "{text}");
    assert!(docs.contains(&"docs: https://docs.example.com/r/aws-rds-publicly-accessible.md"), "{text}");
    let graphical = stdout(&run_in(&dir, &["check", ex, "--color", "always"]));
    assert!(
        graphical
            .contains("https://github.com/tflint-rs/tflint-rs/blob/main/docs/rules/aws-rds-publicly-accessible.md"),
        "{graphical}"
    );

    // The configuration file sets it; the flag wins; a base that is not a URL is refused.
    let tmp = temp_dir("docs-url");
    copy_dir(&flask_ecs(), &tmp);
    std::fs::write(tmp.join(".tflint-rs.toml"), "docs_url = \"https://intranet.example.com/tflint/{id}.html\"\n")
        .unwrap();
    let text = stdout(&run_in(&tmp, &["check", "."]));
    assert!(text.contains("docs: https://intranet.example.com/tflint/aws-rds-publicly-accessible.html"), "{text}");
    let text = stdout(&run_in(&tmp, &["check", ".", "--docs-url", "https://flag.example.com/"]));
    assert!(text.contains("docs: https://flag.example.com/aws-rds-publicly-accessible.md"), "{text}");
    let out = run_in(&tmp, &["check", ".", "--docs-url", "docs/rules"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not an absolute URL"));
    let file = tmp.join("custom.sarif");
    std::fs::write(&file, run_in(&tmp, &["check", ".", "--format", "sarif"]).stdout).unwrap();
    validate_with_schema(&[file]);
    let _ = std::fs::remove_dir_all(&tmp);

    // `explain` stays offline: the rule's page, no link to fetch.
    let out = run_in(&dir, &["explain", "aws-rds-publicly-accessible"]);
    assert!(stdout(&out).starts_with("# aws-rds-publicly-accessible: "));
}

/// The rule list of a SARIF document carries a helpUri for every rule.
fn check_sarif_rules_only(v: &Value) {
    for r in v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap() {
        let uri = r["helpUri"].as_str().unwrap();
        assert!(uri.starts_with("https://") && uri.contains(r["id"].as_str().unwrap()), "{uri}");
    }
}
