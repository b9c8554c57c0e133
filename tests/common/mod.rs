//! What the integration tests share: running the pipeline on paths and
//! reading its outcome as short lines that are easy to assert on.

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
