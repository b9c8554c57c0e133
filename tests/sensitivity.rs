//! `issensitive` compared with Terraform itself: marks carried through
//! locals, templates, functions, conditionals, `for` expressions and a
//! called module's inputs. Each case is asked of `terraform console` and of
//! a check in which a database is made public by the answer (and another by
//! its negation), so the check says true, false or Unknown (neither fires).
//! An answer must be Terraform's; Unknown is allowed only for the cases
//! listed as not decided here.
//!
//! Skipped, with a message, where `terraform` is not installed.

mod common;

use std::path::Path;
use std::process::Command;

/// The root module's declarations, shared by both runs.
const ROOT: &str = r#"
variable "s" {
  type      = string
  default   = "secret"
  sensitive = true
}

variable "p" {
  type    = string
  default = "plain"
}

locals {
  l = var.s
  m = { a = var.s, b = "x" }
  t = [var.s, "x"]
  u = local.m
  d = "${local.l}-${var.p}"
}
"#;

/// Arguments of `issensitive(...)` in the root module.
const ROOT_CASES: &[&str] = &[
    "var.s",
    "var.p",
    "\"x\"",
    "sensitive(\"x\")",
    "nonsensitive(var.s)",
    "(var.s)",
    "local.l",
    "local.m",
    "local.m.a",
    "local.m.b",
    "local.m[\"a\"]",
    "local.t",
    "local.t[0]",
    "local.t[1]",
    "local.u.a",
    "local.u.b",
    "local.d",
    "\"${var.s}\"",
    "\"a${var.p}\"",
    "\"a${var.s}b\"",
    "\"%{if var.s == \"x\"}a%{endif}\"",
    "\"%{for x in local.t}${x}%{endfor}\"",
    "\"%{for x in [\"a\"]}${x}%{endfor}\"",
    "upper(var.s)",
    "upper(var.p)",
    "length(var.s)",
    "length([var.s])",
    "length(local.t)",
    "length(sensitive([1]))",
    "jsonencode(var.s)",
    "jsonencode([var.s])",
    "jsonencode(local.m)",
    "jsonencode([var.p])",
    "join(\",\", [var.s])",
    "join(\",\", local.t)",
    "concat(local.t, [\"y\"])",
    "concat(sensitive([1]), [2])",
    "lookup(local.m, \"a\", \"z\")",
    "lookup(sensitive({ a = 1 }), \"a\")",
    "coalesce(var.s, \"x\")",
    "coalesce(\"\", var.p)",
    "coalesce(\"x\", var.s)",
    "try(var.p, \"x\")",
    "can(var.s)",
    "tostring(var.s)",
    "keys(local.m)",
    "keys(sensitive({ a = 1 }))",
    "values(local.m)",
    "merge(local.m, {})",
    "tomap(local.m)",
    "tolist(local.t)",
    "flatten([local.t])",
    "slice(local.t, 0, 1)",
    "reverse(local.t)",
    "zipmap([\"a\"], [var.s])",
    "distinct(local.t)",
    "sort(local.t)",
    "toset(local.t)",
    "toset([\"a\"])",
    "contains(local.t, \"x\")",
    "element(sensitive([1]), 0)",
    "one([var.s])",
    "format(\"%s\", var.s)",
    "base64encode(var.s)",
    "sha256(var.p)",
    "replace(var.p, \"a\", var.s)",
    "split(\",\", var.s)",
    "abs(length(var.s))",
    "startswith(var.s, \"x\")",
    "var.s == \"x\"",
    "local.t == [\"a\"]",
    "-length(var.s)",
    "!issensitive(var.s)",
    "issensitive(var.s)",
    "true ? var.s : \"x\"",
    "false ? var.s : \"x\"",
    "var.s != \"\" ? \"a\" : \"b\"",
    "false ? [var.s] : [\"x\"]",
    "[for x in local.t : x]",
    "[for x in sensitive([1]) : x]",
    "[for x in [\"a\"] : x if var.s == \"z\"]",
    "{ for x in [\"a\"] : x => var.s }",
    "{ for x in [\"a\"] : var.s => x }",
    "{ a = var.s }",
    "[var.s][0]",
    "[\"a\", \"b\"][length(var.s) > 3 ? 0 : 1]",
    "sensitive([1])[*]",
    "path.module",
    "terraform.workspace",
    "lookup(local.m, \"b\", \"z\")",
    "lookup(local.m, \"q\", var.s)",
    "lookup({ a = var.p }, \"q\", var.s)",
    "element(local.t, 0)",
    "element(local.t, 1)",
    "element(local.t, 2)",
    "one([var.p])",
    "one([])",
];

/// Cases the check leaves Unknown: Terraform's answer depends on which
/// element a loop takes from a value with marked parts, on which argument of
/// `try` succeeds, on a default that a literal read through a local does
/// not need, or on the part of a module input a function picks.
const UNDECIDED: &[&str] = &[
    "try(var.p, \"x\")",
    "\"%{for x in local.t}${x}%{endfor}\"",
    "lookup(local.m, \"q\", var.s)",
    "module.c.lookup(var.w, \"b\", \"z\")",
];

/// The called module: `x` is given a marked value, `y` an unmarked one, `z`
/// a list holding a marked value, `w` a map of them, `v` nothing (its default).
const CALL: &str = r#"
module "c" {
  source = "./c"
  x      = local.l
  y      = var.p
  z      = [var.s]
  w      = local.m
}
"#;

const CHILD: &str = r#"
variable "x" {}
variable "y" {}
variable "z" {}
variable "w" {}
variable "v" {
  default = "v"
}
"#;

const CHILD_CASES: &[&str] = &[
    "var.x",
    "var.y",
    "var.z",
    "var.z[0]",
    "var.w",
    "var.w.a",
    "var.w.b",
    "var.w[\"b\"]",
    "var.v",
    "\"${var.x}\"",
    "length(var.z)",
    "jsonencode(var.w)",
    "lookup(var.w, \"b\", \"z\")",
];

#[test]
fn issensitive_gives_what_terraform_gives() {
    if common::terraform_missing("the differential test of `issensitive`") {
        return;
    }
    let base = std::env::temp_dir().join(format!("tflint-rs-sensitivity-{}", std::process::id()));
    let (tf_dir, check_dir) = (base.join("terraform"), base.join("check"));
    let list = |cases: &[&str]| cases.iter().map(|c| format!("issensitive({c})")).collect::<Vec<_>>().join(", ");
    write(&tf_dir, "main.tf", &format!("{ROOT}{CALL}locals {{\n  answers = [{}]\n}}\n", list(ROOT_CASES)));
    write(&tf_dir, "c/main.tf", &format!("{CHILD}output \"r\" {{\n  value = [{}]\n}}\n", list(CHILD_CASES)));
    let databases = |cases: &[&str]| {
        let mut text = String::new();
        for (i, c) in cases.iter().enumerate() {
            for (name, answer) in [("t", format!("issensitive({c})")), ("f", format!("!issensitive({c})"))] {
                text.push_str(&format!(
                    "resource \"aws_db_instance\" \"{name}{i}\" {{\n  publicly_accessible = {answer}\n  storage_encrypted   = true\n}}\n"
                ));
            }
        }
        text
    };
    write(&check_dir, "main.tf", &format!("{ROOT}{CALL}{}", databases(ROOT_CASES)));
    write(&check_dir, "c/main.tf", &format!("{CHILD}{}", databases(CHILD_CASES)));

    let expected_root = terraform(&tf_dir, "local.answers", ROOT_CASES.len());
    let expected_child = terraform(&tf_dir, "module.c.r", CHILD_CASES.len());
    let answers = check(&check_dir);
    std::fs::remove_dir_all(&base).unwrap();

    let mut wrong = Vec::new();
    for (prefix, cases, expected) in [("", ROOT_CASES, &expected_root), ("module.c.", CHILD_CASES, &expected_child)] {
        for (i, (case, want)) in cases.iter().zip(expected.iter()).enumerate() {
            let (t, f) = (
                answers.contains(&format!("{prefix}aws_db_instance.t{i}")),
                answers.contains(&format!("{prefix}aws_db_instance.f{i}")),
            );
            let got = match (t, f) {
                (true, false) => Some(true),
                (false, true) => Some(false),
                (false, false) => None,
                (true, true) => panic!("{prefix}{case}: both answers"),
            };
            let allowed_unknown = UNDECIDED.contains(&format!("{prefix}{case}").as_str());
            if got != Some(*want) && !(got.is_none() && allowed_unknown) {
                wrong.push(format!("{prefix}issensitive({case}): terraform {want}, tflint-rs {got:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{} differ:\n{}", wrong.len(), wrong.join("\n"));
}

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Terraform's answers: the list `expr` (a local of the root module, or the
/// called module's output), from `terraform console` after an offline `init`
/// (which only records where the local module is).
fn terraform(dir: &Path, expr: &str, n: usize) -> Vec<bool> {
    if !dir.join(".terraform").exists() {
        common::terraform(dir, &["init", "-backend=false", "-input=false", "-no-color"], "");
    }
    let out = common::terraform(dir, &["console", "-no-color"], &format!("jsonencode({expr})\n"));
    let text: String = serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"));
    let answers: Vec<bool> = serde_json::from_str(&text).unwrap();
    assert_eq!(answers.len(), n);
    answers
}

/// The addresses of the databases the check makes public.
fn check(dir: &Path) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_tflint-rs"))
        .args(["check", dir.to_str().unwrap(), "--format", "json", "--no-config"])
        .output()
        .expect("binary runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    assert!(report["errors"].as_array().unwrap().is_empty(), "{:#}", report["errors"]);
    let mut addresses = Vec::new();
    for f in report["findings"].as_array().unwrap() {
        if f["rule_id"] == "aws-rds-publicly-accessible" {
            addresses.push(f["resource"].as_str().unwrap().to_string());
            if let Some(more) = f["instances"].as_array() {
                addresses.extend(more.iter().map(|i| i.as_str().unwrap().to_string()));
            }
        }
    }
    addresses
}
