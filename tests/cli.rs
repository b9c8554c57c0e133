//! The command line as users run it: exit statuses, the JSON contract, error
//! reporting, pre-commit style file arguments, and what must never happen
//! (a panic, a secret printed in full).

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tflint-rs")).args(args).env("NO_COLOR", "1").output().expect("binary runs")
}

fn json(args: &[&str]) -> (i32, serde_json::Value) {
    let out = run(args);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap_or(-1), v)
}

fn ids(v: &serde_json::Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}:{}:{}", f["file"].as_str().unwrap(), f["line"], f["rule_id"].as_str().unwrap()))
        .collect()
}

#[test]
fn json_report_follows_the_documented_contract() {
    let (code, v) = json(&["check", "testdata/e2e/module-siblings", "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "tflint-rs");
    let f = &v["findings"][0];
    for key in [
        "rule_id",
        "severity",
        "title",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "resource",
        "equivalents",
    ] {
        assert!(f.get(key).is_some(), "finding lacks `{key}`");
    }
    assert_eq!(v["summary"]["findings"], v["findings"].as_array().unwrap().len());
    insta::assert_snapshot!(
        "module_siblings_json",
        String::from_utf8_lossy(&run(&["check", "testdata/e2e/module-siblings", "--format", "json"]).stdout)
    );
}

#[test]
fn text_report_is_one_line_per_finding_when_piped() {
    let out = run(&["check", "testdata/e2e/module-siblings"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("module_siblings_text", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn a_named_file_is_evaluated_with_its_module_and_only_its_findings_are_reported() {
    // network.tf uses local.admin_cidr, defined in locals.tf.
    let (code, v) = json(&["check", "testdata/e2e/module-siblings/network.tf", "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(ids(&v), vec!["testdata/e2e/module-siblings/network.tf:8:aws-sg-public-ingress-ssh"]);
}

#[test]
fn a_named_file_reports_the_findings_whose_value_is_written_in_it() {
    // pre-commit passes only variables.tf: the database it makes public is in main.tf.
    let out = run(&["check", "testdata/e2e/written-elsewhere/variables.tf"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "testdata/e2e/written-elsewhere/main.tf:18:25: critical aws-rds-publicly-accessible aws_db_instance.default"
        ) && text.contains("(written at testdata/e2e/written-elsewhere/variables.tf:3)"),
        "{text}"
    );
    // Nothing of the module is written in dev.auto.tfvars but one database.
    let (code, v) = json(&["check", "testdata/e2e/written-elsewhere/dev.auto.tfvars", "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(ids(&v), vec!["testdata/e2e/written-elsewhere/main.tf:32:aws-rds-publicly-accessible"]);
    assert_eq!(v["findings"][0]["written_at"][0]["file"], "testdata/e2e/written-elsewhere/dev.auto.tfvars");
}

#[test]
fn the_configurations_exclude_holds_for_named_files_and_a_run_that_checked_nothing_says_so() {
    let dir = std::env::temp_dir().join(format!("tflint-rs-named-exclude-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("vendor")).unwrap();
    std::fs::write(dir.join(".tflint-rs.toml"), "exclude = [\"vendor/**\"]\n").unwrap();
    let public = "resource \"aws_db_instance\" \"main\" {\n  publicly_accessible = true\n}\n";
    std::fs::write(dir.join("vendor/main.tf"), public).unwrap();
    std::fs::write(dir.join("main.tf"), public).unwrap();
    let named = |file: &str| {
        Command::new(env!("CARGO_BIN_EXE_tflint-rs"))
            .current_dir(&dir)
            .args(["check", file])
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let out = named("vendor/main.tf");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no files were checked"));
    // A file the tool does not read, named alone, is not checked either.
    std::fs::write(dir.join("README.md"), "# docs\n").unwrap();
    let out = named("README.md");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no files were checked"));
    // The same file outside `exclude` is checked.
    let out = named("main.tf");
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("no files were checked"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_that_does_not_parse_is_an_error_and_the_rest_is_still_checked() {
    let (code, v) = json(&["check", "testdata/e2e/parse-error", "--format", "json"]);
    assert_eq!(code, 2);
    let e = &v["errors"][0];
    assert_eq!(e["file"], "testdata/e2e/parse-error/broken.tf");
    assert_eq!(e["line"], 3);
    assert!(e["message"].as_str().unwrap().contains("cannot parse"));
    assert_eq!(ids(&v), vec!["testdata/e2e/parse-error/good.tf:5:aws-rds-publicly-accessible"]);
}

#[test]
fn exit_status_is_zero_when_clean_and_two_on_bad_usage() {
    assert_eq!(run(&["check", "testdata/rules/aws-rds-publicly-accessible/good/literal"]).status.code(), Some(0));
    assert_eq!(run(&["check", "does/not/exist"]).status.code(), Some(2));
    assert_eq!(run(&["check", "--format", "yaml", "."]).status.code(), Some(2));
    assert_eq!(run(&["explain", "no-such-rule"]).status.code(), Some(2));
}

#[test]
fn var_file_values_are_used() {
    let (code, _) = json(&["check", "testdata/e2e/var-file", "--format", "json"]);
    assert_eq!(code, 0);
    let (code, v) = json(&[
        "check",
        "testdata/e2e/var-file",
        "--var-file",
        "testdata/e2e/var-file/prod.tfvars",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    assert_eq!(ids(&v), vec!["testdata/e2e/var-file/main.tf:10:aws-rds-publicly-accessible"]);
}

#[test]
fn exclude_globs_skip_paths() {
    let (code, v) = json(&["check", "testdata/e2e/exclude", "--format", "json"]);
    assert_eq!(code, 1, "{v}");
    let (code, v) = json(&["check", "testdata/e2e/exclude", "--exclude", "vendor", "--format", "json"]);
    assert_eq!(code, 0, "{v}");
    // Also for a file named on the command line, as pre-commit names them.
    let vendored = "testdata/e2e/exclude/vendor/main.tf";
    let (code, v) = json(&["check", vendored, "--format", "json"]);
    assert_eq!(code, 1, "{v}");
    let (code, v) = json(&["check", vendored, "--exclude", "**/vendor/**", "--format", "json"]);
    assert_eq!((code, v["findings"].as_array().unwrap().len()), (0, 0), "{v}");
}

#[test]
fn user_rule_directories_add_rules() {
    let (_, v) =
        json(&["check", "testdata/e2e/user-rules", "--rules", "testdata/e2e/user-rules/rules", "--format", "json"]);
    let found: Vec<String> = ids(&v).into_iter().filter(|i| i.contains("team-require-owner-tag")).collect();
    assert_eq!(found, vec!["testdata/e2e/user-rules/main.tf:1:team-require-owner-tag"]);
    let bad = std::env::temp_dir().join(format!("tflint-rs-badrule-{}", std::process::id()));
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("x.toml"), "id = \"x\"\ntitle = 1\n").unwrap();
    let out = run(&["check", "testdata/e2e/user-rules", "--rules", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("x.toml:2:"), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_dir_all(&bad).unwrap();
}

#[test]
fn rules_and_explain_list_the_catalogue() {
    let out = run(&["rules", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.as_array().unwrap().iter().any(|r| r["id"] == "aws-rds-publicly-accessible"));
    let out = run(&["explain", "aws-rds-publicly-accessible"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("## How to fix"));
    // Another scanner's id finds the equivalent rule(s).
    let out = run(&["explain", "CKV_AWS_17"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# aws-rds-publicly-accessible"));
}

#[test]
fn no_output_format_prints_a_secret_in_full() {
    let secrets = [
        "q8Vn3LrT0pXk7ZbW2yHs9MdA4fGc6JeU1iKo5NqR",
        "ASIA5XQZT7K2LMRW4HPN",
        "foobarbaz",
        "Sup3rS3cret!",
        "Hum4nG0v!2024",
        "s3cr3t-humangov-key-2024",
    ];
    let dir = std::env::temp_dir().join(format!("tflint-rs-leak-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("credentials"), "[default]\naws_access_key_id=ASIA5XQZT7K2LMRW4HPN\naws_secret_access_key=q8Vn3LrT0pXk7ZbW2yHs9MdA4fGc6JeU1iKo5NqR\n").unwrap();
    std::fs::write(dir.join("main.tf"), "locals {\n  pw = \"foobarbaz\"\n}\nresource \"aws_db_instance\" \"x\" {\n  password = local.pw\n  storage_encrypted = true\n}\nresource \"aws_instance\" \"w\" {\n  user_data = <<-EOT\n    export DB_PASSWORD=\"Sup3rS3cret!\"\n  EOT\n  metadata_options {\n    http_tokens = \"required\"\n  }\n}\n").unwrap();
    std::fs::write(dir.join("task.json"), r#"[{"name":"a","image":"a:1","environment":[{"name":"DB_PASSWORD","value":"Hum4nG0v!2024"},{"name":"FLASK_SECRET_KEY","value":"s3cr3t-humangov-key-2024"}]}]"#).unwrap();
    for format in ["text", "json"] {
        let out = run(&["check", dir.to_str().unwrap(), "--format", format]);
        assert_eq!(out.status.code(), Some(1));
        let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        for s in secrets {
            assert!(!all.contains(s), "{format} output leaks {s}:\n{all}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hostile_inputs_are_errors_never_panics() {
    let dir = std::env::temp_dir().join(format!("tflint-rs-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("binary.tf", vec![0, 159, 146, 150, 0, 1, 2]),
        ("latin1.tf", b"locals { x = \"caf\xe9\" }\n".to_vec()),
        ("deep.tf", format!("locals {{ x = {}1{} }}\n", "[".repeat(5000), "]".repeat(5000)).into_bytes()),
        ("heredoc.tf", b"locals {\n  x = <<EOF\nnever closed\n".to_vec()),
        ("brace.tf", b"{".to_vec()),
        ("cycle.tf", b"locals {\n  a = local.b\n  b = local.a\n}\nresource \"aws_db_instance\" \"x\" {\n  password = local.a\n}\n".to_vec()),
        ("empty.tf", Vec::new()),
        ("chain.tf", {
            let mut t = String::from("locals {\n");
            for i in 0..5000 {
                t.push_str(&format!("  l{i} = local.l{}\n", i + 1));
            }
            t.push_str("  l5000 = 1\n}\nresource \"aws_db_instance\" \"x\" {\n  publicly_accessible = local.l0\n}\n");
            t.into_bytes()
        }),
        ("task.json", format!("{{\"containerDefinitions\": {}1{}}}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes()),
        ("weird.json", b"{\"containerDefinitions\": [{\"name\": 1, \"image\": [], \"environment\": {\"x\": null}}]}".to_vec()),
    ];
    for (name, bytes) in &cases {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let out = run(&["check", dir.to_str().unwrap(), "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errs: Vec<String> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"].as_str().unwrap().rsplit('/').next().unwrap().to_string())
        .collect();
    for bad in ["binary.tf", "latin1.tf", "deep.tf", "heredoc.tf", "brace.tf", "cycle.tf", "chain.tf", "task.json"] {
        assert!(errs.iter().any(|e| e == bad), "{bad} is not reported as an error: {errs:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn files_that_are_not_text_are_reported_once_wherever_they_are_read() {
    // A called module's file is read by each caller; a caller that is not
    // text calls nothing (its module is then checked as a root of its own).
    let dir = std::env::temp_dir().join(format!("tflint-rs-not-text-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let files: &[(&str, &[u8])] = &[
        ("a/main.tf", b"module \"c\" {\n  source = \"../modules/child\"\n}\n"),
        ("b/main.tf", b"module \"c\" {\n  source = \"../modules/child\"\n}\n"),
        ("a/terraform.tfvars", b"x = \"\xff\"\n"),
        ("modules/child/main.tf", b"resource \"aws_db_instance\" \"d\" {\n  publicly_accessible = true\n}\n"),
        ("modules/child/bad.tf", b"locals { x = \"\xff\" }\n"),
        ("other/main.tf", b"module \"q\" {\n  source = \"./sub\"\n}\n# \xff\n"),
        ("other/sub/main.tf", b"resource \"aws_db_instance\" \"s\" {\n  publicly_accessible = true\n}\n"),
    ];
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let (code, v) = json(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 2);
    let mut errors: Vec<String> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"].as_str().unwrap().strip_prefix(dir.to_str().unwrap()).unwrap().to_string())
        .collect();
    errors.sort();
    assert_eq!(errors, ["/a/terraform.tfvars", "/modules/child/bad.tf", "/other/main.tf"]);
    let findings: Vec<&str> =
        v["findings"].as_array().unwrap().iter().map(|f| f["resource"].as_str().unwrap()).collect();
    assert!(findings.contains(&"module.c.aws_db_instance.d"), "{findings:?}");
    assert!(findings.contains(&"aws_db_instance.s"), "other/sub is a root once its caller is unreadable: {findings:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn gitignored_files_are_not_findings_even_outside_a_git_repository() {
    let dir = std::env::temp_dir().join(format!("tflint-rs-ignore-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("key.pem"), "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n")
        .unwrap();
    std::fs::write(dir.join("terraform.tfstate"), "{}").unwrap();
    let (code, v) = json(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(v["findings"].as_array().unwrap().len(), 2);
    std::fs::write(dir.join(".gitignore"), "*.pem\n*.tfstate\n").unwrap();
    let (code, _) = json(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0);
    assert!(!Path::new(&dir).join(".git").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_writes_the_report_to_a_file() {
    let path = std::env::temp_dir().join(format!("tflint-rs-out-{}.json", std::process::id()));
    let out = run(&["check", "testdata/e2e/module-siblings", "--format", "json", "--output", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(v["summary"]["findings"], 2);
    let _ = std::fs::remove_file(&path);
    let bad = run(&["check", "testdata/e2e/module-siblings", "--output", "/nonexistent-dir/x.json"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn new_rule_writes_a_working_rule_and_fixtures() {
    let tmp = std::env::temp_dir().join(format!("tflint-rs-new-rule-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let (rules, fixtures) = (tmp.join("rules"), tmp.join("fixtures"));
    let out = run(&[
        "new-rule",
        "aws-opensearch-example",
        "--target",
        "resource.aws_opensearch_domain",
        "--rules-dir",
        rules.to_str().unwrap(),
        "--fixtures-dir",
        fixtures.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The skeleton loads as a user rule directory, fires on its bad case and not on its good one.
    for (case, fires) in [("bad", true), ("good", false)] {
        let dir = fixtures.join("aws-opensearch-example").join(case);
        let args = ["check", dir.to_str().unwrap(), "--rules", rules.to_str().unwrap(), "--profile", "strict"];
        let (_, v) = json(&[&args[..], &["--format", "json"]].concat());
        assert_eq!(ids(&v).iter().any(|i| i.ends_with(":aws-opensearch-example")), fires, "{case}: {v}");
    }
    // It refuses to overwrite, and refuses ids that are not ids.
    assert_eq!(
        run(&["new-rule", "aws-opensearch-example", "--rules-dir", rules.to_str().unwrap()]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["new-rule", "Bad_Id", "--rules-dir", rules.to_str().unwrap()]).status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn rules_are_selected_on_the_command_line_by_id_or_equivalent() {
    let dir = "testdata/examples/flask-ecs";
    let rule_ids = |v: &serde_json::Value| -> Vec<String> {
        let mut ids: Vec<String> =
            v["findings"].as_array().unwrap().iter().map(|f| f["rule_id"].as_str().unwrap().to_string()).collect();
        ids.dedup();
        ids
    };
    // Checkov's id for a public RDS instance selects our rule.
    let (_, v) = json(&["check", dir, "-f", "json", "--only", "CKV_AWS_17"]);
    assert_eq!(rule_ids(&v), ["aws-rds-publicly-accessible"]);
    let (_, all) = json(&["check", dir, "-f", "json"]);
    let (_, less) = json(&["check", dir, "-f", "json", "--disable-rule", "aws-rds-publicly-accessible"]);
    assert!(rule_ids(&all).contains(&"aws-rds-publicly-accessible".to_string()));
    assert!(!rule_ids(&less).contains(&"aws-rds-publicly-accessible".to_string()));
    // A strict rule runs in the default profile when enabled.
    let (_, more) = json(&["check", dir, "-f", "json", "--enable-rule", "aws-s3-versioning-disabled"]);
    assert!(rule_ids(&more).len() >= rule_ids(&all).len());
    let out = run(&["check", dir, "--only", "no-such-rule"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule id `no-such-rule`"));
}

#[test]
fn one_run_writes_several_reports() {
    let tmp = std::env::temp_dir().join(format!("tflint-rs-multi-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let sarif = tmp.join("out.sarif");
    let sarif_arg = format!("sarif:{}", sarif.display());
    let out = run(&["check", "testdata/examples/flask-ecs", "-f", "text", "--format", &sarif_arg]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("aws-rds-publicly-accessible"), "{text}");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(run(&["check", "testdata/examples/flask-ecs", "-f", "yaml"]).status.code(), Some(2));
    // Writing a baseline accepts today's findings: exit 0.
    let baseline = tmp.join("baseline.json");
    let out = run(&["check", "testdata/examples/flask-ecs", "--write-baseline", baseline.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    // A run that checked nothing says so.
    let empty = tmp.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = run(&["check", empty.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no files were checked"));
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn graphical_headers_name_the_findings_own_line_and_piped_lines_name_the_resource() {
    let out = run(&["check", "testdata/examples/flask-ecs", "--color", "always"]);
    let text = String::from_utf8_lossy(&out.stdout);
    // Strip the colour escapes.
    let plain: String = text
        .split('\u{1b}')
        .enumerate()
        .map(|(i, p)| if i == 0 { p } else { p.split_once('m').map_or("", |x| x.1) })
        .collect();
    let (_, v) = json(&["check", "testdata/examples/flask-ecs", "--format", "json"]);
    for f in v["findings"].as_array().unwrap() {
        let header = format!("{}:{}:{}]", f["file"].as_str().unwrap(), f["line"], f["column"]);
        assert!(plain.contains(&header), "no header {header} in:\n{plain}");
    }
    let piped = String::from_utf8_lossy(&run(&["check", "testdata/examples/flask-ecs"]).stdout).into_owned();
    assert!(piped.contains("aws-rds-publicly-accessible aws_db_instance.app: `publicly_accessible`"), "{piped}");
}

/// The pre-commit hooks pass every file the tool reads (a `.env` full of
/// secrets must not be committed past them).
#[test]
fn the_pre_commit_hooks_pass_every_kind_of_file_the_tool_reads() {
    let hooks = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let patterns: Vec<regex::Regex> =
        hooks.lines().filter_map(|l| l.trim().strip_prefix("files: ")).map(|p| regex::Regex::new(p).unwrap()).collect();
    assert_eq!(patterns.len(), 2);
    for name in [
        "main.tf",
        "infra/main.tf.json",
        "main.tofu",
        "infra/main.tofu.json",
        "terraform.tfvars",
        "prod.auto.tfvars.json",
        "task-definition.json",
        "terraform.tfstate",
        "terraform.tfstate.backup",
        "terraform.tfstate.1700000000.backup",
        "certs/server.pem",
        "tls.key",
        "credentials",
        ".aws/credentials",
        "aws_credentials",
        "prod.credentials",
        "id_ed25519",
        ".env",
        "app/.env.production",
    ] {
        assert!(tflint_rs::discover::classify(std::path::Path::new(name)).is_some(), "{name} is not read");
        for p in &patterns {
            assert!(p.is_match(name), "the hook does not pass {name}");
        }
    }
}

#[test]
fn shell_completions_list_the_subcommands_and_flags() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(script.contains("check") && script.contains("only"), "{shell}: {script}");
    }
}

#[test]
fn one_location_is_one_finding_naming_every_instance_and_where_each_value_is_written() {
    let (code, v) = json(&["check", "testdata/e2e/module-instances", "--format", "json"]);
    assert_eq!(code, 1);
    let f = v["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["line"], 9);
    assert_eq!(f[0]["resource"], "module.a.aws_db_instance.this");
    // `module.private` and the `billing` instance pass `false`: not named.
    assert_eq!(
        f[0]["instances"],
        serde_json::json!([
            "module.a.aws_db_instance.this",
            "module.b.aws_db_instance.this",
            "module.each[\"reports\"].aws_db_instance.this"
        ])
    );
    let written: Vec<String> = f[0]["written_at"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{}:{}", p["file"].as_str().unwrap().rsplit('/').next().unwrap(), p["line"]))
        .collect();
    // `public = true`, the `reports = true` for_each value, `local.public`.
    assert_eq!(written, ["main.tf:6", "main.tf:21", "main.tf:26"]);
    let text = run(&["check", "testdata/e2e/module-instances"]);
    insta::assert_snapshot!("module_instances_text", String::from_utf8_lossy(&text.stdout));
    let sarif = run(&["check", "testdata/e2e/module-instances", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let related = &sarif["runs"][0]["results"][0]["relatedLocations"];
    assert_eq!(related.as_array().map(Vec::len), Some(3), "{related}");
    assert_eq!(related[0]["physicalLocation"]["region"]["startLine"], 6);
}

#[test]
fn a_json_template_is_checked_where_it_is_rendered_and_its_placeholders_are_unknown() {
    let (code, v) = json(&["check", "testdata/e2e/json-template", "--format", "json"]);
    // `"containerPort": ${port}` is not a parse error, and
    // `"image": "${registry_image}"` is not an untagged image.
    assert_eq!(code, 1, "{v}");
    assert!(v["errors"].as_array().unwrap().is_empty(), "{v}");
    assert_eq!(ids(&v), vec!["testdata/e2e/json-template/containers.json:6:aws-ecs-container-env-secret"]);
    assert_eq!(v["findings"][0]["resource"], "aws_ecs_task_definition.app.container.app");
}

#[test]
fn a_secret_passed_to_a_module_is_reported_once_where_it_is_written() {
    let (code, v) = json(&["check", "testdata/e2e/secret-through-module", "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(ids(&v), vec!["testdata/e2e/secret-through-module/main.tf:5:secret-hardcoded-attribute"]);
}

#[test]
fn listing_into_a_closed_pipe_does_not_panic() {
    // `tflint-rs rules | head -1`: the reader goes away before the listing is written.
    for args in [&["rules"][..], &["rules", "--format", "json"], &["explain", "CKV_AWS_20"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tflint-rs"))
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("binary runs");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("binary ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}
