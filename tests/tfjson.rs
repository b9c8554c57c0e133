//! Terraform's JSON syntax (`*.tf.json`): one module with the `.tf` files
//! beside it, strings read as templates in the module's context, findings at
//! the exact line of the JSON file, parse errors like HCL's.

use std::path::Path;

use tflint_rs::discover::{classify, FileKind};
mod common;
use common::check;

#[test]
fn json_and_hcl_files_form_one_module() {
    let (f, e) = check(&["testdata/tfjson/mixed"]);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(
        f,
        vec![
            // `"${var.public}"`: the variable is declared in variables.tf.
            "testdata/tfjson/mixed/main.tf.json:16:32 aws-rds-publicly-accessible [aws_db_instance.main]",
            // The second block of an `ingress` array, through a JSON local and an HCL one.
            "testdata/tfjson/mixed/main.tf.json:34:29 aws-sg-public-ingress-ssh [aws_security_group.web]",
            // `metadata_options` written as one object, not a list.
            "testdata/tfjson/mixed/main.tf.json:43:46 aws-ec2-imdsv2-not-required [aws_instance.web]",
            // A local module in JSON, called from JSON with a template input.
            "testdata/tfjson/mixed/modules/bucket/main.tf.json:9:16 aws-s3-public-acl [module.assets.aws_s3_bucket_acl.this]",
            // HCL reading a JSON variable default and a JSON local.
            "testdata/tfjson/mixed/variables.tf:20:20 aws-sg-public-ingress-database [aws_security_group.db]",
        ]
    );
}

#[test]
fn a_json_file_named_alone_is_evaluated_with_its_module() {
    let (f, e) = check(&["testdata/tfjson/mixed/main.tf.json"]);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(
        f,
        vec![
            "testdata/tfjson/mixed/main.tf.json:16:32 aws-rds-publicly-accessible [aws_db_instance.main]",
            "testdata/tfjson/mixed/main.tf.json:34:29 aws-sg-public-ingress-ssh [aws_security_group.web]",
            "testdata/tfjson/mixed/main.tf.json:43:46 aws-ec2-imdsv2-not-required [aws_instance.web]",
            // The `module` block in main.tf.json passes the ACL the module uses.
            "testdata/tfjson/mixed/modules/bucket/main.tf.json:9:16 aws-s3-public-acl [module.assets.aws_s3_bucket_acl.this]",
        ]
    );
}

#[test]
fn providers_instances_and_dynamic_blocks_in_json() {
    let (f, e) = check(&["testdata/tfjson/blocks"]);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(
        f,
        vec![
            // The second of an array of `aws` provider blocks.
            "testdata/tfjson/blocks/main.tf.json:8:23 terraform-provider-hardcoded-credentials [provider.aws.legacy]",
            // `for_each` over a variable's map: only the public instance.
            "testdata/tfjson/blocks/main.tf.json:21:16 aws-s3-public-acl [aws_s3_bucket_acl.each[\"site\"]]",
            // A template with JSON escapes inside: still the right line.
            "testdata/tfjson/blocks/main.tf.json:27:16 aws-s3-public-acl [aws_s3_bucket.legacy]",
            // `dynamic` with a literal `for_each`; `count = 0` creates nothing.
            "testdata/tfjson/blocks/main.tf.json:40:31 aws-sg-public-ingress-ssh [aws_security_group.dynamic]",
        ]
    );
}

#[test]
fn json_syntax_at_its_edges() {
    let (f, e) = check(&["testdata/tfjson/edge-cases"]);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(
        f,
        vec![
            // The second of an array of blocks, under an array of `resource` objects.
            "testdata/tfjson/edge-cases/main.tf.json:15:40 aws-s3-public-acl [aws_s3_bucket_acl.array_form]",
            // A variable's `default` is literal: `${not a template}` is its text.
            "testdata/tfjson/edge-cases/main.tf.json:19:18 aws-s3-public-acl [aws_s3_bucket_acl.default_is_literal]",
            // The output of a module called from JSON.
            "testdata/tfjson/edge-cases/main.tf.json:23:18 aws-s3-public-acl [aws_s3_bucket_acl.from_module_output]",
            // A variable's `type`, written as a string, fills in an `optional` attribute's default.
            "testdata/tfjson/edge-cases/main.tf.json:27:18 aws-s3-public-acl [aws_s3_bucket_acl.typed_default]",
            // Strings that are not valid templates are Unknown; the rest of the block is read.
            "testdata/tfjson/edge-cases/main.tf.json:33:18 aws-s3-public-acl [aws_s3_bucket_acl.bad_template]",
            // A policy document written in JSON, rebuilt as the policy it renders.
            "testdata/tfjson/edge-cases/main.tf.json:41:21 aws-s3-bucket-policy-public [aws_s3_bucket_policy.uploads]",
            // `0.0.0.0\/0`: an escape HCL does not have, in a literal...
            "testdata/tfjson/edge-cases/main.tf.json:52:31 aws-sg-public-ingress-ssh [aws_security_group.escapes]",
            // ... and in a template.
            "testdata/tfjson/edge-cases/main.tf.json:61:29 aws-sg-public-ingress-rdp [aws_security_group.escaped_template]",
            // (`unknown_for_each`: a `dynamic` block over an Unknown collection is
            // one Unknown block, as in the native syntax: nothing fires.)
            // `iterator` names the dynamic block's iterator; `content` in array form.
            "testdata/tfjson/edge-cases/main.tf.json:87:35 aws-sg-public-ingress-ssh [aws_security_group.iterator]",
            // A module called with `for_each` from JSON: only the public instance.
            "testdata/tfjson/edge-cases/modules/bucket/main.tf:7:12 aws-s3-public-acl [module.buckets[\"one\"].aws_s3_bucket_acl.this]",
        ]
    );
}

#[test]
fn terraform_tfvars_json_sets_root_variables() {
    let (f, e) = check(&["testdata/tfjson/tfvars-json"]);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(f, vec!["testdata/tfjson/tfvars-json/main.tf:8:25 aws-rds-publicly-accessible [aws_db_instance.main]"]);
}

#[test]
fn a_broken_json_file_is_a_parse_error_at_its_position() {
    let (f, e) = check(&["testdata/tfjson/parse-error"]);
    assert!(f.is_empty(), "{f:?}");
    assert_eq!(
        e,
        vec![
            "testdata/tfjson/parse-error/main.tf.json:4:34: cannot parse Terraform JSON: expected `,` or `}` in object"
        ]
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tflint-rs"))
        .args(["check", "testdata/tfjson/parse-error"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn json_file_names_are_classified_as_terraform() {
    let kind = |p: &str| classify(Path::new(p));
    assert_eq!(kind("main.tf.json"), Some(FileKind::Terraform));
    assert_eq!(kind("terraform.tfvars.json"), Some(FileKind::AutoTfvars));
    assert_eq!(kind("prod.auto.tfvars.json"), Some(FileKind::AutoTfvars));
    assert_eq!(kind("prod.tfvars.json"), Some(FileKind::Tfvars));
    assert_eq!(kind("task-definition.json"), Some(FileKind::Json));
}
