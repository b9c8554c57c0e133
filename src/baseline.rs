//! Baselines: accept today's findings, fail only on new ones.
//!
//! `--write-baseline FILE` records each finding by rule, path, resource
//! address and a fingerprint that ignores line numbers; `--baseline FILE` then
//! marks findings found in it as suppressed (`external`), so code can move
//! around without the baseline going stale.

use std::collections::HashMap;

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

/// One fingerprint per finding: rule, path, resource and the finding's rank
/// among findings sharing those three (in source order), never its line.
pub fn fingerprints(findings: &[Finding]) -> Vec<String> {
    let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| (&findings[i].file, findings[i].line, findings[i].column, &findings[i].rule_id));
    let mut out = vec![String::new(); findings.len()];
    for i in order {
        let f = &findings[i];
        let n = seen.entry((&f.rule_id, &f.file, &f.resource)).or_default();
        out[i] = format!("{:016x}", fnv1a(&[&f.rule_id, &normalize(&f.file), &f.resource, &n.to_string()]));
        *n += 1;
    }
    out
}

fn normalize(path: &str) -> String {
    path.trim_start_matches("./").replace('\\', "/")
}

fn entries(findings: &[Finding]) -> Vec<Entry> {
    findings
        .iter()
        .zip(fingerprints(findings))
        .map(|(f, fingerprint)| Entry {
            rule_id: f.rule_id.clone(),
            file: normalize(&f.file),
            resource: f.resource.clone(),
            fingerprint,
        })
        .collect()
}

pub fn write(path: &std::path::Path, findings: &[Finding]) -> Result<(), String> {
    let b = Baseline { version: 1, findings: entries(findings) };
    let text = serde_json::to_string_pretty(&b).map_err(|e| e.to_string())? + "\n";
    std::fs::write(path, text).map_err(|e| format!("cannot write baseline {}: {e}", path.display()))
}

pub fn read(path: &std::path::Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("invalid baseline {}: line {}: {e}", path.display(), e.line()))
}

/// Marks the findings the baseline knows as suppressed (`external`).
pub fn apply(baseline: &Baseline, findings: &mut [Finding]) {
    let mut known: HashMap<&Entry, usize> = HashMap::new();
    for e in &baseline.findings {
        *known.entry(e).or_default() += 1;
    }
    let current = entries(findings);
    for (f, e) in findings.iter_mut().zip(current) {
        if let Some(n) = known.get_mut(&e).filter(|n| **n > 0) {
            *n -= 1;
            f.suppression =
                Some(Suppression { kind: SuppressionKind::External, justification: Some("in the baseline".into()) });
        }
    }
}
