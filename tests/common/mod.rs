//! What the integration tests share: running the pipeline on paths and
//! reading its outcome as short lines that are easy to assert on.

// Each test binary uses a part of this module.
#![allow(dead_code)]

use tflint_rs::pipeline::{self, Options};
use tflint_rs::rules::{engine::Engine, load_catalogue, Profile};

/// Findings as `file:line:col rule_id [resource]`, errors as `file:line:col: message`.
pub fn check(paths: &[&str]) -> (Vec<String>, Vec<String>) {
    let engine = Engine::new(load_catalogue(&[]).unwrap(), Profile::Default);
    let opts = Options { paths: paths.iter().map(|p| p.into()).collect(), ..Default::default() };
    let out = pipeline::run(&opts, &engine).unwrap();
    (
        out.findings
            .iter()
            .map(|f| format!("{}:{}:{} {} [{}]", f.file, f.line, f.column, f.rule_id, f.resource))
            .collect(),
        out.errors.iter().map(|e| format!("{}:{}:{}: {}", e.file, e.line, e.column, e.message)).collect(),
    )
}

/// A fresh, empty directory under the system temp dir (`tflint-rs-NAME-PID`),
/// removed with what it holds when the test is done with it.
pub fn temp_dir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("tflint-rs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

pub struct TempDir(std::path::PathBuf);

impl std::ops::Deref for TempDir {
    type Target = std::path::PathBuf;
    fn deref(&self) -> &std::path::PathBuf {
        &self.0
    }
}

impl AsRef<std::path::Path> for TempDir {
    fn as_ref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `from` copied into `to`, recursively.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs `terraform ARGS` in `dir` with `input` on its standard input, offline
/// (an empty CLI configuration, no version check), and returns its output;
/// panics with Terraform's error if it fails.
pub fn terraform(dir: &std::path::Path, args: &[&str], input: &str) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let rc = std::env::temp_dir().join(format!("tflint-rs-terraformrc-{}", std::process::id()));
    std::fs::write(&rc, "").unwrap();
    let mut child = Command::new("terraform")
        .args(args)
        .current_dir(dir)
        .env("TF_CLI_CONFIG_FILE", &rc)
        .env("CHECKPOINT_DISABLE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("terraform runs");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let _ = std::fs::remove_file(&rc);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success() && (args[0] != "console" || !stdout.trim().is_empty()),
        "terraform {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// Whether `terraform` is missing; says so, naming the test `what` that it
/// skips.
pub fn terraform_missing(what: &str) -> bool {
    let missing = std::process::Command::new("terraform").arg("version").output().is_err();
    if missing {
        eprintln!("SKIPPED: `terraform` is not on PATH; {what} needs it");
    }
    missing
}
