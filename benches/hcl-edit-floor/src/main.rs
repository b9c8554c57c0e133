//! `hcl-edit-floor PATH... [--threads N]`: walks PATH as tflint-rs does
//! (`.gitignore` honoured, hidden files looked at, `.git`, `.terraform` and
//! `node_modules` skipped), then reads and parses every Terraform, variable
//! and JSON file in parallel, each text and tree dropped at once, with
//! hcl-edit 0.10.0 as published (and serde_json). It prints the files and
//! bytes read, as `tflint-rs debug parse` does, so that `benches/run.py
//! --reference-floor` can put the check beside the parse floor measured with
//! the published parser as well as beside its own.

use rayon::prelude::*;
use std::path::PathBuf;

/// Files tflint-rs parses: `.tf`, `.tofu` and `.tfvars` (HCL, `Some(true)`),
/// their JSON forms and other `.json` (`Some(false)`).
fn parsed_kind(name: &str) -> Option<bool> {
    if name.ends_with(".json") {
        Some(false)
    } else {
        [".tf", ".tofu", ".tfvars"].iter().any(|s| name.ends_with(s)).then_some(true)
    }
}

fn main() {
    let mut paths = Vec::new();
    let mut threads = 0;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--threads" {
            threads = args.next().and_then(|n| n.parse().ok()).expect("--threads N");
        } else {
            paths.push(PathBuf::from(a));
        }
    }
    if threads > 0 {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build_global().expect("one pool");
    }
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    for p in &paths {
        let walk = ignore::WalkBuilder::new(p)
            .hidden(false)
            .require_git(false)
            .filter_entry(|e| !matches!(e.file_name().to_str(), Some(".git" | ".terraform" | "node_modules")))
            .build();
        for e in walk.flatten() {
            if e.file_type().is_some_and(|t| t.is_file()) {
                if let Some(hcl) = e.file_name().to_str().and_then(parsed_kind) {
                    files.push((e.into_path(), hcl));
                }
            }
        }
    }
    let bytes: usize = files
        .par_iter()
        .map(|(path, hcl)| {
            let Ok(text) = std::fs::read_to_string(path) else { return 0 };
            if *hcl {
                let body = hcl_edit::parser::parse_body(&text).map(|b| b.len()).unwrap_or(0);
                std::hint::black_box(body);
            } else {
                let doc = serde_json::from_str::<serde_json::Value>(&text).is_ok();
                std::hint::black_box(doc);
            }
            text.len()
        })
        .sum();
    println!("{} files, {} bytes", files.len(), bytes);
}
