//! The evaluator, seen through findings: values are followed to the end
//! (templates, heredocs, modules, dynamic blocks, templatefile) and Unknowns
//! stay quiet. Also: valid Terraform that hcl-edit rejects must parse.

use std::path::Path;

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
    assert_eq!(f, vec!["testdata/eval/module-for-each/modules/bucket/main.tf:6:12 aws-s3-public-acl [module.bucket.aws_s3_bucket_acl.this]"]);
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

#[test]
fn rules_see_values_built_with_functions() {
    // `sort(distinct(concat(...)))`, `zipmap`, `lookup`, `one`, `slice`: the
    // open SSH rule is found; the rule built from `timestamp()` is not.
    let (f, e) = findings("testdata/eval/functions");
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(f, vec!["testdata/eval/functions/main.tf:21:19 aws-sg-public-ingress-ssh [aws_security_group.admin]"]);
}
