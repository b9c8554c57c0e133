//! Terraform plans in JSON (`terraform show -json plan.out`): the same rules
//! on the plan's resources, each finding placed in the `.tf` source when it
//! is next to the plan, else at the resource's address in the plan.

use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::{check, copy_dir};

/// The password the hand-written plans pass at plan time (sensitive).
const PASSWORD: &str = "Pl4n-Time-Passw0rd";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tflint-rs")).args(args).env("NO_COLOR", "1").output().expect("binary runs")
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8_lossy(&run(args).stdout).into_owned()
}

#[test]
fn findings_are_placed_in_the_tf_source_next_to_the_plan() {
    let (f, e) = check(&["testdata/plan/aws/plan.json"]);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(
        f,
        vec![
            // `publicly_accessible = var.public`: the value was passed at plan time.
            "testdata/plan/aws/main.tf:19:25 aws-rds-publicly-accessible [aws_db_instance.orders]",
            // The second `ingress` block, though the plan lists it first.
            "testdata/plan/aws/main.tf:38:20 aws-sg-public-ingress-ssh [aws_security_group.bastion]",
            // Container definitions: a JSON string in the plan, placed in `jsonencode(...)`.
            "testdata/plan/aws/main.tf:44:39 aws-ecs-container-no-logging [aws_ecs_task_definition.app.container.web]",
            "testdata/plan/aws/main.tf:49:39 aws-ecs-container-env-secret [aws_ecs_task_definition.app.container.web]",
            // A local module called with `for_each`, its resource with `count`.
            "testdata/plan/aws/modules/db/main.tf:9:25 aws-rds-publicly-accessible [module.db[\"a\"].aws_db_instance.this[0]]",
        ]
    );
}

#[test]
fn what_only_apply_knows_deleted_resources_and_ignored_findings_stay_quiet() {
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&["check", "testdata/plan/aws/plan.json", "-f", "json"])).unwrap();
    let resources: Vec<&str> =
        v["findings"].as_array().unwrap().iter().map(|f| f["resource"].as_str().unwrap()).collect();
    // `publicly_accessible` in `after_unknown`; a security group being deleted.
    assert!(!resources.iter().any(|r| r.contains("replica") || r.contains(".old")), "{resources:?}");
    // The password is passed in at plan time, not written in the code.
    assert!(!v["findings"].to_string().contains("secret-hardcoded-attribute"), "{v}");
    // The ignore comment above `aws_db_instance.reporting` in main.tf.
    assert_eq!(v["summary"]["suppressed"], 1);
}

#[test]
fn without_the_source_findings_point_at_the_resource_address_in_the_plan() {
    let (f, e) = check(&["testdata/plan/no-source/plan.json"]);
    assert!(e.is_empty(), "{e:?}");
    let plan = std::fs::read_to_string("testdata/plan/no-source/plan.json").unwrap();
    let line_of = |address: &str| {
        let needle = format!("\"address\": {}", serde_json::to_string(address).unwrap());
        plan.lines().position(|l| l.contains(&needle)).unwrap() + 1
    };
    assert_eq!(line_of("aws_db_instance.orders"), 35);
    assert_eq!(
        f,
        vec![
            "testdata/plan/no-source/plan.json:16:22 aws-ecs-container-env-secret [aws_ecs_task_definition.app.container.web]",
            "testdata/plan/no-source/plan.json:16:22 aws-ecs-container-no-logging [aws_ecs_task_definition.app.container.web]",
            "testdata/plan/no-source/plan.json:35:22 aws-rds-publicly-accessible [aws_db_instance.orders]",
            // No ignore comment without the source.
            "testdata/plan/no-source/plan.json:86:22 aws-rds-publicly-accessible [aws_db_instance.reporting]",
            "testdata/plan/no-source/plan.json:112:22 aws-sg-public-ingress-ssh [aws_security_group.bastion]",
            "testdata/plan/no-source/plan.json:181:26 aws-rds-publicly-accessible [module.db[\"a\"].aws_db_instance.this[0]]",
        ]
    );
    assert_eq!(line_of("aws_ecs_task_definition.app"), 16);
    assert_eq!(line_of("module.db[\"a\"].aws_db_instance.this[0]"), 181);
}

#[test]
fn plan_source_names_where_the_tf_files_are() {
    let v: serde_json::Value = serde_json::from_str(&stdout(&[
        "check",
        "testdata/plan/no-source/plan.json",
        "--plan-source",
        "testdata/plan/aws",
        "-f",
        "json",
    ]))
    .unwrap();
    let files: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert_eq!(files.len(), 5, "{v}");
    assert!(files.iter().all(|f| f.starts_with("testdata/plan/aws/")), "{files:?}");
    let missing = run(&["check", "testdata/plan/no-source/plan.json", "--plan-source", "testdata/plan/nowhere"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_plan_with_only_resource_changes_skips_deletions_and_checks_replacements() {
    let (f, e) = check(&["testdata/plan/changes-only/plan.json"]);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(
        f,
        vec![
            "testdata/plan/changes-only/plan.json:5:18 aws-sg-public-ingress-ssh [aws_security_group.bastion]",
            // `["delete", "create"]`: replaced, so checked.
            "testdata/plan/changes-only/plan.json:113:18 aws-rds-publicly-accessible [aws_db_instance.orders]",
        ]
    );
}

#[test]
fn a_directory_walk_leaves_plans_alone() {
    let (f, e) = check(&["testdata/plan/no-source"]);
    assert!(f.is_empty() && e.is_empty(), "{f:?} {e:?}");
}

#[test]
fn sensitive_values_are_never_printed() {
    for plan in ["testdata/plan/aws/plan.json", "testdata/plan/no-source/plan.json"] {
        for format in ["text", "json", "sarif", "github", "gitlab", "junit"] {
            let out = stdout(&["check", plan, "-f", format]);
            assert!(!out.contains(PASSWORD), "{plan} {format}: {out}");
        }
        let graphical = stdout(&["check", plan, "--color", "always"]);
        assert!(!graphical.contains(PASSWORD), "{graphical}");
    }
}

#[test]
fn a_plan_on_one_line_shows_a_window_of_it_with_secrets_masked() {
    // What `terraform show -json` writes: the whole plan on one line.
    let dir = common::temp_dir("plan-compact");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("testdata/plan/no-source/plan.json").unwrap()).unwrap();
    let plan = dir.join("plan.json");
    std::fs::write(&plan, serde_json::to_string(&doc).unwrap()).unwrap();
    let out = stdout(&["check", plan.to_str().unwrap(), "--color", "always"]);
    assert!(!out.contains(PASSWORD), "{out}");
    assert!(out.contains("\"address\":\"aws_db_instance.orders\""), "{out}");
    assert!(out.lines().all(|l| l.chars().count() < 400), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn what_the_user_sees() {
    let colours = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    for (name, plan) in [("aws", "testdata/plan/aws/plan.json"), ("no_source", "testdata/plan/no-source/plan.json")] {
        insta::assert_snapshot!(format!("plan_{name}_text"), stdout(&["check", plan]));
        insta::assert_snapshot!(format!("plan_{name}_json"), stdout(&["check", plan, "-f", "json"]));
        // At a terminal: with excerpts of the source (colours taken out).
        let graphical = stdout(&["check", plan, "--color", "always"]);
        let plain = colours.replace_all(&graphical, "").into_owned();
        insta::assert_snapshot!(format!("plan_{name}_graphical"), plain);
    }
}

/// A real plan, made offline by `terraform` for a `terraform_data`
/// configuration (its provider is built in): the parser reads the real
/// format end to end, and findings land in the source.
#[test]
fn a_real_plan_made_by_terraform() {
    if Command::new("terraform").arg("version").output().is_err() {
        eprintln!("SKIPPED a_real_plan_made_by_terraform: `terraform` is not installed");
        return;
    }
    let dir = common::temp_dir("plan-real");
    copy_dir(Path::new("testdata/plan/terraform-data"), &dir);
    let tf = |args: &[&str]| {
        let out = Command::new("terraform")
            .args(args)
            .current_dir(&dir)
            .env("TF_IN_AUTOMATION", "1")
            .env("CHECKPOINT_DISABLE", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "terraform {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    tf(&["init", "-input=false", "-no-color"]);
    tf(&["plan", "-input=false", "-lock=false", "-no-color", "-out=plan.out"]);
    let json = tf(&["show", "-json", "plan.out"]);
    std::fs::write(dir.join("plan.json"), &json).unwrap();
    let rules = dir.join("rules");
    let findings = |plan: &Path| -> Vec<String> {
        let out = run(&["check", plan.to_str().unwrap(), "--rules", rules.to_str().unwrap(), "-f", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["errors"], serde_json::json!([]), "{v}");
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let file = Path::new(f["file"].as_str().unwrap()).strip_prefix(&dir).unwrap().display().to_string();
                format!("{file}:{}:{} [{}]", f["line"], f["column"], f["resource"].as_str().unwrap())
            })
            .collect()
    };
    // Next to its source: at `public = var.public` (the default, through a
    // variable) and in the local module; `terraform_data.later` is Unknown.
    assert_eq!(
        findings(&dir.join("plan.json")),
        vec!["child/main.tf:4:14 [module.child.terraform_data.c[\"k\"]]", "main.tf:12:14 [terraform_data.site]"]
    );
    // Alone, as terraform wrote it (one line): at each address in the plan.
    std::fs::create_dir_all(dir.join("alone")).unwrap();
    std::fs::write(dir.join("alone/plan.json"), &json).unwrap();
    let text = String::from_utf8_lossy(&json).into_owned();
    let col =
        |address: &str| text.find(&format!("\"address\":{}", serde_json::to_string(address).unwrap())).unwrap() + 11;
    assert_eq!(
        findings(&dir.join("alone/plan.json")),
        vec![
            format!("alone/plan.json:1:{} [terraform_data.site]", col("terraform_data.site")),
            format!(
                "alone/plan.json:1:{} [module.child.terraform_data.c[\"k\"]]",
                col("module.child.terraform_data.c[\"k\"]")
            ),
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn broken_and_hostile_plans_are_errors_or_quiet_never_panics() {
    let dir = common::temp_dir("plan-hostile");
    let cases: &[(&str, &str, i32)] = &[
        // Cut short: checked as a plan, so the error is said.
        ("cut.json", r#"{"format_version":"1","planned_values":{}"#, 2),
        ("null.json", r#"{"format_version":"1","planned_values":null}"#, 0),
        (
            "types.json",
            r#"{"format_version":"1","planned_values":{"root_module":{"resources":[5,{"address":"module.","mode":"managed","type":"x"}],"child_modules":7}},"resource_changes":"x"}"#,
            0,
        ),
        (
            "outside.json",
            r#"{"format_version":"1","planned_values":{"root_module":{"resources":[{"address":"module.x.aws_db_instance.y","mode":"managed","type":"aws_db_instance","values":{"publicly_accessible":false,"storage_encrypted":true}}]}},"configuration":{"root_module":{"module_calls":{"x":{"source":"../../../../etc"}}}}}"#,
            0,
        ),
        (
            "unknown-shapes.json",
            r#"{"format_version":"1","resource_changes":[{"address":"aws_db_instance.x","mode":"managed","type":"aws_db_instance","change":{"actions":["create"],"after":{"storage_encrypted":true},"after_unknown":{"publicly_accessible":[true,{"a":[[[true]]]}],"storage_encrypted":{"x":true}}}}]}"#,
            0,
        ),
    ];
    for (name, text, code) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let out = run(&["check", path.to_str().unwrap()]);
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert_eq!(out.status.code(), Some(*code), "{name}: {said}");
    }
    let nested = format!(r#"{{"format_version":"1","resource_changes":[{}{}]}}"#, "[".repeat(150), "]".repeat(150));
    std::fs::write(dir.join("deep.json"), nested).unwrap();
    assert_eq!(run(&["check", dir.join("deep.json").to_str().unwrap()]).status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_ignore_comment_on_a_module_block_covers_a_remote_modules_resources() {
    let dir = common::temp_dir("plan-remote");
    std::fs::write(
        dir.join("main.tf"),
        "# tflint-rs:ignore:aws-rds-publicly-accessible -- a public demo database\nmodule \"remote\" {\n  source = \"terraform-aws-modules/rds/aws\"\n}\n",
    )
    .unwrap();
    let plan = r#"{"format_version":"1.2","planned_values":{"root_module":{"child_modules":[{"address":"module.remote","resources":[
        {"address":"module.remote.aws_db_instance.this[0]","mode":"managed","type":"aws_db_instance","name":"this","index":0,
         "values":{"publicly_accessible":true,"storage_encrypted":true}}]}]}},
      "configuration":{"root_module":{"module_calls":{"remote":{"source":"terraform-aws-modules/rds/aws","module":{}}}}}}"#;
    std::fs::write(dir.join("plan.json"), plan).unwrap();
    let out = stdout(&["check", dir.join("plan.json").to_str().unwrap(), "-f", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // Not read from anywhere: placed in the plan, and ignored by the comment.
    assert_eq!(v["findings"], serde_json::json!([]), "{v}");
    assert_eq!(v["summary"]["suppressed"], 1, "{v}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_baseline_and_profiles_hold_for_plans() {
    let dir = common::temp_dir("plan-baseline");
    let baseline = dir.join("baseline.json");
    let b = baseline.to_str().unwrap();
    let plan = "testdata/plan/aws/plan.json";
    assert_eq!(run(&["check", plan, "--write-baseline", b]).status.code(), Some(0));
    let out = run(&["check", plan, "--baseline", b, "-f", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    // The strict profile adds hardening rules: more findings, the same places.
    let count = |args: &[&str]| {
        let v: serde_json::Value = serde_json::from_str(&stdout(args)).unwrap();
        v["findings"].as_array().unwrap().len()
    };
    assert!(count(&["check", plan, "-f", "json", "--profile", "strict"]) > count(&["check", plan, "-f", "json"]));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn resources_of_installed_remote_modules_are_placed_in_their_installed_source() {
    // `terraform init` installed the registry module where modules.json says.
    let (f, e) = check(&["testdata/plan/installed/plan.json"]);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(
        f,
        vec!["testdata/plan/installed/.terraform/modules/db/main.tf:10:25 aws-rds-publicly-accessible [module.db.aws_db_instance.this]"]
    );
}
