//! OpenTofu's files: `.tofu` and `.tofu.json` are loaded like `.tf` and
//! `.tf.json` (root modules, local modules, files named alone), and a `.tf`
//! file with a `.tofu` twin of the same base name is ignored, as OpenTofu
//! ignores it: neither its findings nor its syntax errors are reported.

mod common;
use common::check;

#[test]
fn a_tofu_file_replaces_the_tf_file_of_the_same_name() {
    let (f, e) = check(&["testdata/opentofu/precedence"]);
    assert!(e.is_empty(), "main.tf is ignored, its syntax error too: {e:?}");
    assert_eq!(
        f,
        vec!["testdata/opentofu/precedence/main.tofu:6:25 aws-rds-publicly-accessible [aws_db_instance.main]"]
    );
}

#[test]
fn a_tofu_json_file_replaces_the_tf_json_file_only() {
    let (f, e) = check(&["testdata/opentofu/json"]);
    assert!(e.is_empty(), "main.tf.json is ignored, its syntax error too: {e:?}");
    assert_eq!(
        f,
        vec![
            "testdata/opentofu/json/main.tf:7:20 aws-sg-public-ingress-ssh [aws_security_group.ssh]",
            "testdata/opentofu/json/main.tofu.json:6:16 aws-s3-public-acl [aws_s3_bucket_acl.site]",
        ]
    );
}

#[test]
fn local_modules_written_for_opentofu_are_evaluated_with_their_inputs() {
    // The module's variable is declared in `variables.tofu.json`; its
    // `main.tf` is replaced by `main.tofu`; the caller's ignore comment in a
    // `.tofu` file is honoured.
    let (f, e) = check(&["testdata/opentofu/module"]);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(
        f,
        vec!["testdata/opentofu/module/modules/db/main.tofu:5:25 aws-rds-publicly-accessible [module.db.aws_db_instance.this]"]
    );
}

#[test]
fn files_named_alone_follow_the_same_precedence() {
    // What pre-commit passes: the `.tofu` file is evaluated with its module;
    // a replaced `.tf` file has nothing to report.
    let (f, e) = check(&["testdata/opentofu/precedence/main.tofu"]);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(
        f,
        vec!["testdata/opentofu/precedence/main.tofu:6:25 aws-rds-publicly-accessible [aws_db_instance.main]"]
    );
    let (f, e) = check(&["testdata/opentofu/precedence/main.tf"]);
    assert!(f.is_empty() && e.is_empty(), "{f:?} {e:?}");
    let (f, e) = check(&["testdata/opentofu/module/modules/db/main.tf"]);
    assert!(f.is_empty() && e.is_empty(), "{f:?} {e:?}");
}

/// A copy of `from` at `to`, with every `main.tf` under `.terraform` renamed `main.tofu`.
fn copy_as_tofu(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_as_tofu(&e.path(), &target);
        } else if e.file_name() == "main.tf" && to.components().any(|c| c.as_os_str() == ".terraform") {
            std::fs::copy(e.path(), target.with_extension("tofu")).unwrap();
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn installed_modules_written_for_opentofu_are_evaluated() {
    let dir = std::env::temp_dir().join(format!("tflint-rs-tofu-installed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_as_tofu(std::path::Path::new("testdata/e2e/installed-modules"), &dir);
    let root = dir.to_string_lossy().into_owned();
    let (tf, _) = check(&["testdata/e2e/installed-modules"]);
    let (tofu, _) = check(&[&root]);
    let tf: Vec<String> = tf
        .iter()
        .map(|f| f.replace("testdata/e2e/installed-modules", &root))
        .map(|f| if f.contains("/.terraform/") { f.replacen("/main.tf:", "/main.tofu:", 1) } else { f })
        .collect();
    // The copy leaves out the module the manifest places outside the fixture.
    let tf: Vec<String> = tf.into_iter().filter(|f| !f.contains(".container.")).collect();
    assert!(tofu.iter().any(|f| f.contains("main.tofu:")), "{tofu:?}");
    assert_eq!(tofu, tf);
    let _ = std::fs::remove_dir_all(&dir);
}
