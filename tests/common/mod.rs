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

/// A fresh, empty directory under the system temp dir (`tflint-rs-NAME-PID`).
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tflint-rs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
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
