//! Baselines: accept today's findings, fail only on new ones.
//!
//! `--write-baseline FILE` records each finding by rule, path, resource
//! address and a fingerprint that ignores line numbers; `--baseline FILE` then
//! marks findings found in it as suppressed (`external`), so code can move
//! around without the baseline going stale.
//!
//! Paths are relative to the repository root (the git work tree that holds
//! the first scanned path; outside one, the directory of the baseline file),
//! so a baseline written at the root matches a run started in a subdirectory
//! and the other way round. Version 1 baselines, which stored paths as the
//! run that wrote them reached them (relative to its working directory), are
//! still read: a finding matches them by either path.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Finding, Suppression, SuppressionKind};

#[derive(Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Hash)]
pub struct Entry {
    pub rule_id: String,
    pub file: String,
    pub resource: String,
    pub fingerprint: String,
}

/// FNV-1a, 64 bits: stable across runs, platforms and versions (unlike std's hasher).
pub fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0u8)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The version written: paths relative to the repository root.
pub const VERSION: u32 = 2;

/// One fingerprint per finding: rule, path, resource and the finding's rank
/// among findings sharing those three (in source order), never its line.
/// `paths[i]` is the path recorded for `findings[i]`.
pub fn fingerprints(findings: &[Finding], paths: &[String]) -> Vec<String> {
    let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| (&findings[i].file, findings[i].line, findings[i].column, &findings[i].rule_id));
    let mut out = vec![String::new(); findings.len()];
    for i in order {
        let f = &findings[i];
        let n = seen.entry((&f.rule_id, &paths[i], &f.resource)).or_default();
        out[i] = format!("{:016x}", fnv1a(&[&f.rule_id, &paths[i], &f.resource, &n.to_string()]));
        *n += 1;
    }
    out
}

fn normalize(path: &str) -> String {
    path.trim_start_matches("./").replace('\\', "/")
}

/// Where paths in a baseline are relative to: the git work tree holding the
/// first scanned path, else the directory of the baseline file. Absolute and
/// with symlinks resolved, as finding paths are before they are compared.
pub fn root_for(scanned: &[PathBuf], baseline_file: &Path) -> PathBuf {
    let dir = scanned
        .first()
        .and_then(|p| crate::git::work_tree_of(p))
        .or_else(|| std::path::absolute(baseline_file).ok().and_then(|p| p.parent().map(Path::to_path_buf)))
        .unwrap_or_default();
    std::fs::canonicalize(&dir).unwrap_or(dir)
}

/// Each finding's path relative to `root` (`/`-separated), or as reached when
/// it is outside `root`.
fn relative_paths(findings: &[Finding], root: &Path) -> Vec<String> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut cache: HashMap<&str, String> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            cache
                .entry(f.file.as_str())
                .or_insert_with(|| {
                    let joined = crate::discover::normalize(&cwd.join(&f.file));
                    // The file's directory resolved (the file itself may be a symlink).
                    let abs = match (joined.parent(), joined.file_name()) {
                        (Some(dir), Some(name)) => {
                            std::fs::canonicalize(dir).map(|d| d.join(name)).unwrap_or(joined.clone())
                        }
                        _ => joined.clone(),
                    };
                    match abs.strip_prefix(root) {
                        Ok(rel) if !rel.as_os_str().is_empty() => normalize(&rel.to_string_lossy()),
                        _ => normalize(&f.file),
                    }
                })
                .clone()
        })
        .collect()
}

fn entries(findings: &[Finding], paths: Vec<String>) -> Vec<Entry> {
    let prints = fingerprints(findings, &paths);
    findings
        .iter()
        .zip(paths)
        .zip(prints)
        .map(|((f, file), fingerprint)| Entry {
            rule_id: f.rule_id.clone(),
            file,
            resource: f.resource.clone(),
            fingerprint,
        })
        .collect()
}

pub fn write(path: &Path, findings: &[Finding], root: &Path) -> Result<(), String> {
    let b = Baseline { version: VERSION, findings: entries(findings, relative_paths(findings, root)) };
    let text = serde_json::to_string_pretty(&b).map_err(|e| e.to_string())? + "\n";
    std::fs::write(path, text).map_err(|e| format!("cannot write baseline {}: {e}", path.display()))
}

pub fn read(path: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
    let b: Baseline = serde_json::from_str(&text)
        .map_err(|e| format!("invalid baseline {}: line {}: {e}", path.display(), e.line()))?;
    if b.version > VERSION {
        return Err(format!(
            "baseline {} is version {}, newer than this tflint-rs reads (up to {VERSION})",
            path.display(),
            b.version
        ));
    }
    Ok(b)
}

/// Marks the findings the baseline knows as suppressed (`external`). Paths
/// are compared relative to `root`; a version 1 baseline also matches a
/// finding by its path as reached (what version 1 recorded).
pub fn apply(baseline: &Baseline, findings: &mut [Finding], root: &Path) {
    let mut known: HashMap<&Entry, usize> = HashMap::new();
    for e in &baseline.findings {
        *known.entry(e).or_default() += 1;
    }
    let current = entries(findings, relative_paths(findings, root));
    let legacy =
        (baseline.version < 2).then(|| entries(findings, findings.iter().map(|f| normalize(&f.file)).collect()));
    for (i, f) in findings.iter_mut().enumerate() {
        let candidates = std::iter::once(&current[i]).chain(legacy.as_ref().map(|l| &l[i]));
        for e in candidates {
            if let Some(n) = known.get_mut(e).filter(|n| **n > 0) {
                *n -= 1;
                f.suppression = Some(Suppression {
                    kind: SuppressionKind::External,
                    justification: Some("in the baseline".into()),
                });
                break;
            }
        }
    }
}
