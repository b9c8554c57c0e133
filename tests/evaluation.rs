//! The evaluator, seen through findings: values are followed to the end
//! (templates, heredocs, modules, dynamic blocks, templatefile) and Unknowns
//! stay quiet. Also: valid Terraform that hcl-edit rejects must parse.

use std::path::Path;

use tflint_rs::pipeline::{self, Options};
use tflint_rs::rules::{engine::Engine, load_catalogue, Profile};

mod common;

fn findings(path: &str) -> (Vec<String>, Vec<String>) {
    common::check(&[path])
}

#[test]
fn heredoc_json_findings_point_at_the_exact_line_after_interpolations_and_dedent() {
    let (f, e) = findings("testdata/eval/heredoc-lines");
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(f, vec!["testdata/eval/heredoc-lines/main.tf:17:46 aws-ecs-container-env-secret [aws_ecs_task_definition.app.container.app]"]);
}

#[test]
fn local_modules_get_their_callers_inputs_per_instance() {
    let (f, e) = findings("testdata/eval/module-for-each");
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(f, vec!["testdata/eval/module-for-each/modules/bucket/main.tf:6:12 aws-s3-public-acl [module.bucket[\"b\"].aws_s3_bucket_acl.this]"]);
}

#[test]
fn count_zero_creates_nothing() {
    let (f, e) = findings("testdata/eval/count-zero");
    assert!(e.is_empty() && f.is_empty(), "{f:?} {e:?}");
}

#[test]
fn dynamic_blocks_are_expanded_when_for_each_is_known() {
    let (f, _) = findings("testdata/eval/dynamic-blocks");
    assert_eq!(
        f,
        vec!["testdata/eval/dynamic-blocks/main.tf:18:22 aws-sg-public-ingress-ssh [aws_security_group.web]"]
    );
}

#[test]
fn templatefile_inside_base64encode_is_followed_into_the_template() {
    let (f, e) = findings("testdata/eval/templatefile");
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(f, vec!["testdata/eval/templatefile/main.tf:3:28 aws-ec2-user-data-secret [aws_launch_template.app]"]);
}

#[test]
fn unknown_values_never_produce_findings() {
    let (f, e) = findings("testdata/eval/unknowns");
    assert!(e.is_empty(), "{e:?}");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn valid_terraform_that_hcl_edit_rejects_still_parses() {
    for entry in std::fs::read_dir("testdata/parse/valid").unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if let Err(e) = tflint_rs::parse::hcl::parse_terraform(&text) {
            panic!("{}:{}:{}: {}", path.display(), e.line, e.column, e.message);
        }
    }
    let (_, e) = findings("testdata/parse/valid");
    assert!(e.is_empty(), "{e:?}");
}

#[test]
fn an_argument_set_twice_is_a_parse_error_as_in_terraform() {
    let text = std::fs::read_to_string(Path::new("testdata/parse/invalid/attribute-redefined.tf")).unwrap();
    let e = tflint_rs::parse::hcl::parse_terraform(&text).unwrap_err();
    assert_eq!(e.line, 3);
}

#[test]
fn module_outputs_carry_values_back_to_the_caller() {
    let (f, e) = findings("testdata/eval/module-outputs");
    assert!(e.is_empty(), "{e:?}");
    // `module.network.admin_cidr` is decided in the module from the caller's input;
    // `module.network.vpc_id` is a resource attribute there: Unknown here.
    assert_eq!(
        f,
        vec!["testdata/eval/module-outputs/main.tf:15:20 aws-sg-public-ingress-ssh [aws_security_group.bastion]"]
    );
}

#[test]
fn module_calls_are_bound_in_the_order_their_references_give() {
    // `relay` and `relay_local` pass on the outputs of `network`, declared
    // after them (in a later file), directly and through a local: Terraform
    // evaluates `network` first, and so must the evaluator.
    let (f, e) = findings("testdata/eval/module-order");
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(
        f,
        vec![
            "testdata/eval/module-order/main.tf:26:20 aws-sg-public-ingress-ssh [aws_security_group.ssh]",
            "testdata/eval/module-order/main.tf:37:20 aws-sg-public-ingress-rdp [aws_security_group.rdp]",
            "testdata/eval/module-order/main.tf:49:20 aws-sg-public-ingress-ssh [aws_security_group.direct]",
        ]
    );
    // Calls reading each other (a cycle): evaluated once each, nothing guessed.
    let (f, e) = findings("testdata/eval/module-order-cycle");
    assert!(e.is_empty() && f.is_empty(), "{f:?} {e:?}");
}

/// Findings as `file:line rule_id`, and notices as `file:line:col message`.
fn findings_and_notices(path: &str) -> (Vec<String>, Vec<String>) {
    let engine = Engine::new(load_catalogue(&[]).unwrap(), Profile::Default);
    let opts = Options { paths: vec![path.into()], ..Default::default() };
    let out = pipeline::run(&opts, &engine).unwrap();
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    (
        out.findings.iter().map(|f| format!("{}:{} {}", f.file, f.line, f.rule_id)).collect(),
        out.notices.iter().map(|n| format!("{}:{}:{} {}", n.file, n.line, n.column, n.message)).collect(),
    )
}

#[test]
fn a_module_calling_its_own_directory_is_a_located_notice_and_its_blocks_are_checked_once() {
    let (found, notices) = findings_and_notices("testdata/eval/module-recursion");
    assert_eq!(found, vec!["testdata/eval/module-recursion/main.tf:13 aws-rds-publicly-accessible"]);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].starts_with("testdata/eval/module-recursion/main.tf:4:1 this module call names")
            && notices[0].contains("the calls form a cycle"),
        "{notices:?}"
    );
}

#[test]
fn a_local_module_source_that_is_not_a_directory_is_a_located_notice() {
    let (found, notices) = findings_and_notices("testdata/eval/module-missing-dir");
    assert_eq!(found, vec!["testdata/eval/module-missing-dir/main.tf:12 aws-rds-publicly-accessible"]);
    assert_eq!(
        notices,
        vec!["testdata/eval/module-missing-dir/main.tf:4:1 module `network` (source `./modules/network`) is not checked: `testdata/eval/module-missing-dir/modules/network` is not a directory, so Terraform cannot load it either"]
    );
}

#[test]
fn outputs_of_modules_with_count_and_for_each_come_back_per_instance() {
    let (f, e) = findings("testdata/eval/module-instances");
    assert!(e.is_empty(), "{e:?}");
    // `module.counted[*].cidr` holds the second instance's 0.0.0.0/0,
    // `module.by_env["dev"].cidr` the dev instance's; the prod instance, the
    // instances of an unknown `for_each` and those of `count = 0` stay quiet.
    assert_eq!(
        f,
        vec![
            "testdata/eval/module-instances/main.tf:13:19 aws-sg-public-ingress-ssh [aws_security_group.ssh]",
            "testdata/eval/module-instances/main.tf:29:20 aws-sg-public-ingress-rdp [aws_security_group.rdp]",
        ]
    );
}

#[test]
fn containers_built_by_a_for_each_module_are_each_checked_where_the_caller_wrote_them() {
    // The terraform-aws-modules/ecs pattern: one container-definition module
    // instance per container, gathered by a `for` into the task definition.
    let (f, e) = findings("testdata/rules/aws-ecs-container-env-secret/bad/module-for-each");
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(f, vec!["testdata/rules/aws-ecs-container-env-secret/bad/module-for-each/main.tf:10:41 aws-ecs-container-env-secret [aws_ecs_task_definition.app.container.web]"]);
    let (f, e) = findings("testdata/rules/aws-ecs-container-no-logging/bad/module-for-each");
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(f, vec!["testdata/rules/aws-ecs-container-no-logging/bad/module-for-each/main.tf:6:14 aws-ecs-container-no-logging [aws_ecs_task_definition.app.container.worker]"]);
}

#[test]
fn files_that_declare_nothing_still_see_the_module_and_keep_their_ignore_comments() {
    // The resource files are evaluated apart from (and after) the files that
    // declare variables and locals; one of them does not parse.
    let (f, e) = findings("testdata/eval/split-module");
    assert_eq!(
        f,
        vec!["testdata/eval/split-module/a_network.tf:9:20 aws-sg-public-ingress-ssh [aws_security_group.bastion]"]
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("testdata/eval/split-module/c_broken.tf:2:"), "{e:?}");
}

/// The notices of a run, as `file:line:col: message`.
fn notices(path: &str) -> Vec<String> {
    use tflint_rs::pipeline::{self, Options};
    use tflint_rs::rules::{engine::Engine, load_catalogue, Profile};
    let engine = Engine::new(load_catalogue(&[]).unwrap(), Profile::Default);
    let out = pipeline::run(&Options { paths: vec![path.into()], ..Default::default() }, &engine).unwrap();
    out.notices.iter().map(|n| format!("{}:{}:{}: {}", n.file, n.line, n.column, n.message)).collect()
}

#[test]
fn modules_installed_by_terraform_init_are_evaluated_with_their_callers_inputs() {
    let (f, e) = findings("testdata/e2e/installed-modules");
    assert!(e.is_empty(), "{e:?}");
    let dir = "testdata/e2e/installed-modules";
    assert_eq!(
        f,
        vec![
            // The module's own default (a nested module, `db.sg` in modules.json):
            // reported in the installed module's file, as Checkov and Trivy do.
            format!("{dir}/.terraform/modules/db.sg/main.tf:17:19 aws-sg-public-ingress-database [module.db.module.sg.aws_security_group.this]"),
            // A git source with a subdirectory.
            format!("{dir}/.terraform/modules/logs/s3-bucket/main.tf:11:12 aws-s3-public-acl [module.logs.aws_s3_bucket_acl.this]"),
            // The caller's input: reported where the caller wrote it.
            format!("{dir}/main.tf:8:25 aws-rds-publicly-accessible [module.db.aws_db_instance.this]"),
            // Once: the module's `aws_db_instance.password`, moved to the
            // caller's literal, says what the module input says already.
            format!("{dir}/main.tf:9:25 secret-hardcoded-attribute [module.db]"),
            // A registry container-definition module called with `for_each`:
            // its outputs come back per instance, to the caller's literal.
            format!("{dir}/main.tf:36:22 aws-ecs-container-env-secret [aws_ecs_task_definition.orders.container.api]"),
        ]
    );
    // A module that is not installed is said once per call (not once per
    // instance); an installed directory out of the scanned tree is not read.
    assert_eq!(
        notices(dir),
        vec![
            format!("{dir}/main.tf:18:1: module `cdn` (source `cloudposse/cloudfront-s3-cdn/aws`) is not checked: it is not downloaded (run `terraform init` before the scan to check it)"),
            format!("{dir}/main.tf:26:1: module `shared` (source `app.terraform.io/acme/shared/aws`) is not loaded: `.terraform/modules/modules.json` names `/` for it, which is not read: it is outside the scanned tree"),
        ]
    );
}

#[test]
fn installed_modules_under_instances_of_a_counted_call_are_found_by_the_call_s_key() {
    // `modules.json` keys the nested call `replicas.sg`, whichever instance of
    // `replicas` makes it (not `replicas[0].sg`).
    let dir = "testdata/e2e/installed-module-instances";
    let (f, e) = findings(dir);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(
        f,
        vec!["testdata/e2e/installed-modules/.terraform/modules/db.sg/main.tf:17:19 aws-sg-public-ingress-database [module.replicas[0].module.sg.aws_security_group.this]".to_string()]
    );
    assert_eq!(notices(dir), Vec::<String>::new());
}

#[test]
fn templates_of_other_tools_are_notices_and_broken_terraform_an_error() {
    let dir = "testdata/eval/foreign-template";
    let (f, e) = findings(dir);
    assert!(f.is_empty(), "{f:?}");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with(&format!("{dir}/main.tf:3:12: cannot parse Terraform")),
        "a file without template syntax stays an error: {e:?}"
    );
    assert_eq!(
        notices(dir),
        vec![
            format!("{dir}/task-definition.json:7:14: not checked: a template (`$` where JSON cannot have it); check the task definition once it is rendered"),
            format!("{dir}/{{{{cookiecutter.project}}}}/main.tf:4:1: not checked: `{{{{` is template syntax of another tool (Jinja, Go templates, cookiecutter, ERB), not Terraform; check the file once it is rendered"),
        ]
    );
}

#[test]
fn container_definitions_formatted_into_a_string_say_where_the_caller_wrote_them() {
    use tflint_rs::pipeline::{self, Options};
    use tflint_rs::rules::{engine::Engine, load_catalogue, Profile};
    let dir = "testdata/eval/formatted-containers";
    let engine = Engine::new(load_catalogue(&[]).unwrap(), Profile::Default);
    let out = pipeline::run(&Options { paths: vec![dir.into()], ..Default::default() }, &engine).unwrap();
    let found: Vec<String> = out
        .findings
        .iter()
        .map(|f| {
            let at: Vec<String> = f.written_at.iter().map(|w| format!("{}:{}:{}", w.file, w.line, w.column)).collect();
            format!("{}:{}:{} {} <- {}", f.file, f.line, f.column, f.rule_id, at.join(", "))
        })
        .collect();
    assert_eq!(found, vec![format!("{dir}/svc/main.tf:7:27 aws-ecs-container-image-latest <- {dir}/main.tf:6:16")]);
}

#[test]
fn issensitive_is_answered_where_the_expression_decides_it() {
    // The databases made public by a marked value: a variable declared
    // sensitive, a template made from it through a local, and the called
    // module's variable given it. The unmarked twins stay quiet (a map that
    // only holds a marked value, another key of it, another input).
    let (f, e) = findings("testdata/eval/issensitive");
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(
        f,
        vec![
            "testdata/eval/issensitive/child/main.tf:10:25 aws-rds-publicly-accessible [module.child.aws_db_instance.given_marked]",
            "testdata/eval/issensitive/main.tf:17:25 aws-rds-publicly-accessible [aws_db_instance.marked]",
            "testdata/eval/issensitive/main.tf:33:25 aws-rds-publicly-accessible [aws_db_instance.through_local]",
        ]
    );
}

#[test]
fn instances_from_several_root_modules_are_one_finding_naming_them_all() {
    // Each directory task merges its own instances first; the run merges the tasks'.
    use tflint_rs::pipeline::{self, Options};
    use tflint_rs::rules::{engine::Engine, load_catalogue, Profile};
    let dir = "testdata/eval/shared-module-instances";
    let engine = Engine::new(load_catalogue(&[]).unwrap(), Profile::Default);
    let out = pipeline::run(&Options { paths: vec![dir.into()], ..Default::default() }, &engine).unwrap();
    let public: Vec<_> = out.findings.iter().filter(|f| f.rule_id == "aws-rds-publicly-accessible").collect();
    assert_eq!(public.len(), 1, "{public:?}");
    assert_eq!(public[0].file, format!("{dir}/modules/db/main.tf"));
    assert_eq!(
        public[0].instances,
        vec![
            "module.api[\"x\"].aws_db_instance.this",
            "module.api[\"y\"].aws_db_instance.this",
            "module.web[0].aws_db_instance.this",
            "module.web[1].aws_db_instance.this",
        ]
    );
}

#[test]
fn a_remote_module_without_terraform_init_is_a_notice_and_nothing_else() {
    // `source = "terraform-aws-modules/rds/aws"`, and no `.terraform` here.
    let dir = "testdata/rules/secret-hardcoded-attribute/bad/module-input";
    let n = notices(dir);
    assert_eq!(n.len(), 1, "{n:?}");
    assert!(n[0].starts_with(&format!("{dir}/main.tf:")) && n[0].contains("run `terraform init`"), "{n:?}");
    let (_, e) = findings(dir);
    assert!(e.is_empty(), "{e:?}");
}

#[test]
fn rules_see_values_built_with_functions() {
    // `sort(distinct(concat(...)))`, `zipmap`, `lookup`, `one`, `slice`: the
    // open SSH rule is found; the rule built from `timestamp()` is not.
    let (f, e) = findings("testdata/eval/functions");
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(f, vec!["testdata/eval/functions/main.tf:21:19 aws-sg-public-ingress-ssh [aws_security_group.admin]"]);
}

#[test]
fn path_module_of_a_sibling_module_is_relative_to_the_root_as_in_terraform() {
    // root/ calls ../mod, whose templatefile reads "${path.module}/policies/p.json":
    // path.module is "../mod" from the root, so the policy is read and checked
    // whether the scan is given the parent directory or the root itself.
    let (f, e) = findings("testdata/eval/path-module-sibling");
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(
        f,
        vec!["testdata/eval/path-module-sibling/mod/main.tf:4:12 aws-iam-policy-service-wildcard [module.iam.aws_iam_policy.deploy]"]
    );
    let dir = std::env::temp_dir().join(format!("tflint-rs-path-module-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for f in ["root/main.tf", "mod/main.tf", "mod/policies/p.json"] {
        let to = dir.join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(Path::new("testdata/eval/path-module-sibling").join(f), to).unwrap();
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tflint-rs"))
        .args(["check", ".", "--format", "json"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["findings"], 1, "{v}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_dynamic_block_whose_for_each_is_unknown_is_not_known_to_exist() {
    // Two `dynamic "ingress"` blocks under opposite conditions on an Unknown
    // variable: neither is known to be there, so the world-open one is not a
    // finding, and the Unknown block does not make a missing block either.
    let (f, e) = findings("testdata/eval/dynamic-unknown");
    assert!(e.is_empty(), "{e:?}");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn templatestring_of_a_local_is_rendered_like_templatefile() {
    let (f, e) = findings("testdata/eval/templatestring");
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(
        f,
        vec!["testdata/eval/templatestring/main.tf:11:28 aws-ec2-user-data-secret [aws_launch_template.app]"]
    );
}

#[test]
fn module_outputs_are_computed_per_instance_down_a_module_tree() {
    let engine = Engine::new(load_catalogue(&[]).unwrap(), Profile::Default);
    let opts = Options { paths: vec!["testdata/eval/module-outputs-per-instance".into()], ..Default::default() };
    let out = pipeline::run(&opts, &engine).unwrap();
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    // One finding at the rule, naming exactly the two instances whose
    // grandchild returns the open CIDR.
    let shown: Vec<(String, Vec<String>)> =
        out.findings.iter().map(|f| (format!("{}:{} {}", f.file, f.line, f.rule_id), f.instances.clone())).collect();
    let instances = |kind: &str| {
        vec![
            format!("module.counted[1].aws_security_group_rule.{kind}"),
            format!("module.team[\"web\"].aws_security_group_rule.{kind}"),
        ]
    };
    let file = "testdata/eval/module-outputs-per-instance/modules/team/main.tf";
    assert_eq!(
        shown,
        vec![
            (format!("{file}:21 aws-sg-public-ingress-ssh"), instances("ssh")),
            (format!("{file}:30 aws-sg-public-ingress-rdp"), instances("rdp")),
        ]
    );
}

#[test]
fn variable_types_fill_optional_attributes_and_non_nullable_variables_take_their_default() {
    // Checked against `terraform console`: `orders = {}` becomes
    // `{ public = true, encrypted = null }`, and `null` passed to a variable
    // with `nullable = false` is its default.
    let (f, e) = findings("testdata/eval/variable-types");
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(
        f,
        vec![
            "testdata/eval/variable-types/modules/db/main.tf:18:25 aws-rds-publicly-accessible [module.db[\"orders\"].aws_db_instance.this]",
            "testdata/eval/variable-types/modules/db/main.tf:19:25 aws-rds-storage-unencrypted [module.db[\"orders\"].aws_db_instance.this]",
        ]
    );
}

#[test]
fn issensitive_in_a_module_the_walk_does_not_list_still_gets_its_callers_marks() {
    // Marks of module inputs are worked out only when some file asks
    // `issensitive`: the first pass looks in the walked files, and in the
    // called modules it did not walk (here ignored by git).
    let dir = common::temp_dir("issensitive-unwalked");
    std::fs::create_dir_all(dir.join("child")).unwrap();
    std::fs::write(dir.join(".gitignore"), "child/\n").unwrap();
    std::fs::write(
        dir.join("main.tf"),
        "variable \"secret\" {\n  type      = string\n  sensitive = true\n  default   = \"x\"\n}\n\nmodule \"child\" {\n  source = \"./child\"\n  name   = var.secret\n  label  = \"plain\"\n}\n",
    )
    .unwrap();
    std::fs::copy("testdata/eval/issensitive/child/main.tf", dir.join("child/main.tf")).unwrap();
    let (f, e) = findings(dir.to_str().unwrap());
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].ends_with("child/main.tf:10:25 aws-rds-publicly-accessible [module.child.aws_db_instance.given_marked]"),
        "{f:?}"
    );
}
