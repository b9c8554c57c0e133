//! What every fuzz target shares: a scratch directory per process (reused from
//! one input to the next), the engine with every built-in rule, and one call
//! that runs the whole pipeline on a directory and renders every output format.
//!
//! A panic anywhere (parse, evaluation, rules, any reporter) is a crash; so is
//! JSON or SARIF output that is not valid JSON.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tflint_rs::pipeline::{self, Options};
use tflint_rs::report::{self, Report};
use tflint_rs::rules::{self, engine::Engine, Profile};

mod cpu_watch;
pub mod structured;

/// Every built-in rule, default and strict profile alike (the more rules, the
/// more code each input reaches).
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        // As `tflint-rs check` does it: 16 MiB stacks for deep (but bounded)
        // nesting. One worker: the machine is shared, and a run is reproducible.
        let _ = rayon::ThreadPoolBuilder::new().stack_size(16 << 20).num_threads(1).build_global();
        let catalogue = rules::load_catalogue(&[]).expect("built-in rules load");
        Engine::new(catalogue, Profile::Strict)
    })
}

/// This process's scratch directory, created (empty) on first use. Set
/// `TFLINT_RS_FUZZ_DIR` to use a fixed directory instead: what the last input
/// wrote is then left there, ready to be checked by hand with the CLI.
pub fn workdir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = match std::env::var_os("TFLINT_RS_FUZZ_DIR") {
            Some(d) => PathBuf::from(d),
            None => {
                let tmp = std::env::temp_dir();
                remove_stale(&tmp);
                tmp.join(format!("{PREFIX}{}", std::process::id()))
            }
        };
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the scratch directory");
        dir
    })
}

const PREFIX: &str = "tflint-rs-fuzz-";

/// Scratch directories of fuzzing processes that are gone (libFuzzer ends a
/// process with `exit`, so nothing cleans up behind it).
fn remove_stale(tmp: &Path) {
    let Ok(rd) = std::fs::read_dir(tmp) else { return };
    for e in rd.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(PREFIX)) else { continue };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// `dir` emptied (created if need be).
pub fn fresh(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("create a case directory");
}

/// Writes `files` (name, content) into the scratch directory, replacing
/// whatever the previous input left, and checks it.
pub fn check_files(files: &[(&str, &[u8])]) {
    let dir = workdir().join("case");
    fresh(&dir);
    for (name, data) in files {
        std::fs::write(dir.join(name), data).expect("write a case file");
    }
    check_dir(&dir);
}

/// `data` as `plan.json`, named alone (so it is read as a plan), beside the
/// source of the plan fixture in testdata/plan/aws, whose blocks findings are
/// placed in.
pub fn check_plan(data: &[u8]) {
    let dir = workdir().join("plan");
    if !dir.join("main.tf").exists() {
        fresh(&dir);
        std::fs::write(dir.join("main.tf"), include_str!("../../testdata/plan/aws/main.tf")).expect("write main.tf");
        let module = dir.join("modules/db");
        std::fs::create_dir_all(&module).expect("create the module directory");
        std::fs::write(module.join("main.tf"), include_str!("../../testdata/plan/aws/modules/db/main.tf"))
            .expect("write the module");
    }
    std::fs::write(dir.join("plan.json"), data).expect("write plan.json");
    check_paths(vec![dir.join("plan.json")]);
}

/// The whole pipeline on `dir` (as `tflint-rs check DIR` with every rule), then
/// every output format.
pub fn check_dir(dir: &Path) {
    check_paths(vec![dir.to_path_buf()]);
}

fn check_paths(paths: Vec<PathBuf>) {
    let _watch = cpu_watch::Input::start();
    let opts = Options { paths, report_unused_ignores: true, ..Options::default() };
    let outcome = pipeline::run(&opts, engine()).expect("no excludes, so the pipeline cannot refuse to run");
    let r = Report {
        findings: &outcome.findings,
        secrets: &outcome.secrets,
        errors: &outcome.errors,
        files: outcome.files,
        rules: &engine().rules,
        suppressed: &outcome.suppressed,
        notices: &outcome.notices,
        docs_url: tflint_rs::docs::DEFAULT_BASE_URL,
    };
    render_all(&r);
    if std::env::var_os("TFLINT_RS_FUZZ_VERBOSE").is_some() {
        eprintln!("{}", report::text::render_concise(&r));
    }
}

/// Every output format; the JSON ones must parse.
pub fn render_all(r: &Report) {
    let _ = report::text::render_graphical(r, true);
    let _ = report::text::render_graphical(r, false);
    let _ = report::text::render_concise(r);
    let json = report::json::render(r);
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
        panic!("--format json is not JSON ({e}):\n{json}");
    }
    // SARIF lists every rule that was run: the whole catalogue, the same text
    // for every input, and most of the time of a run. Only the rules that the
    // findings name are given (the reporter looks rules up by id).
    let used: Vec<_> = r
        .rules
        .iter()
        .filter(|rule| r.findings.iter().chain(r.suppressed).any(|f| f.rule_id == rule.id))
        .cloned()
        .collect();
    let sarif = report::sarif::render(&Report { rules: &used, ..*r });
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&sarif) {
        panic!("--format sarif is not JSON ({e}):\n{sarif}");
    }
    let gitlab = report::gitlab::render(r);
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&gitlab) {
        panic!("--format gitlab is not JSON ({e}):\n{gitlab}");
    }
    let _ = report::github::render(r);
    let _ = report::junit::render(r);
}

/// The root module beside the fuzzed `terraform.tfvars`: the variables that
/// testdata's `.tfvars` files set, each used where a rule looks.
pub const TFVARS_SIBLING: &str = r#"
variable "public" {}
variable "public_ips" {}
variable "iam_auth" {}
variable "deletion_protection" {}
variable "db_password" {}
variable "api_token" {}
variable "admin_cidr" {}
variable "image_tag" {}
variable "tag_mutability" {}
variable "backup_days" {}
variable "containers" {}
variable "policy" {}
variable "tags" {}
variable "names" {}

resource "aws_db_instance" "db" {
  publicly_accessible = var.public
  iam_database_authentication_enabled = var.iam_auth
  deletion_protection = var.deletion_protection
  password = var.db_password
  backup_retention_period = var.backup_days
  tags = var.tags
}

resource "aws_subnet" "s" {
  for_each = toset(var.names)
  map_public_ip_on_launch = var.public_ips
  tags = { Name = each.key }
}

resource "aws_security_group" "sg" {
  ingress {
    from_port = 22
    to_port = 22
    protocol = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}

resource "aws_ecr_repository" "r" {
  image_tag_mutability = var.tag_mutability
}

resource "aws_ecs_task_definition" "t" {
  family = "app"
  container_definitions = jsonencode(var.containers)
}

resource "aws_iam_policy" "p" {
  policy = jsonencode(var.policy)
}

resource "aws_lambda_function" "f" {
  function_name = "f"
  environment {
    variables = { API_TOKEN = var.api_token, IMAGE = "app:${var.image_tag}" }
  }
}
"#;
