#!/usr/bin/env python3
"""Precision triage: what does tflint-rs report on real code, and is it right?

    python3 benches/triage.py CORPUS [--binary target/release/tflint-rs]
                              [--strict] [--sample 5] [--seed 1]
                              [--rule ID ...] [--json] [--input REPORT.json]

Runs `BINARY check . --format json --no-config` in CORPUS (with
`--profile strict` if --strict is given) and prints, per rule, the number of
findings and a reproducible random sample of them (--sample N per rule, drawn
with --seed): file:line, resource address, message, and the source line(s)
the finding points at, read from the corpus file. --rule ID (repeatable)
shows every finding of that rule instead of a sample. --json prints the same
data as JSON. --input reads a report saved earlier with
`tflint-rs check ... --format json` instead of running the binary (its file
paths must be relative to CORPUS).

Source lines are printed as they are in the corpus, trimmed, with control
characters escaped, and never more than MAX_SOURCE_CHARS characters of a line
(a window around the finding's columns for long lines). Messages are the
tool's own, already masked. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
MAX_SOURCE_CHARS = 200
MAX_SOURCE_LINES = 4  # lines shown for a multi-line finding (first ones)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Running the linter
# --------------------------------------------------------------------------


def run_check(binary: str, corpus: str, strict: bool, extra: list[str], timeout: int) -> dict:
    cmd = [binary, "check", ".", "--format", "json", "--no-config"]
    if strict:
        cmd += ["--profile", "strict"]
    cmd += extra
    log(f"running: {' '.join(cmd)}  (in {corpus})")
    try:
        p = subprocess.run(cmd, cwd=corpus, capture_output=True, timeout=timeout)
    except FileNotFoundError:
        sys.exit(f"triage: binary not found: {binary} (cargo build --release?)")
    except subprocess.TimeoutExpired:
        sys.exit(f"triage: {binary} did not finish within {timeout}s")
    # 0: no findings, 1: findings, 2: some files could not be checked (the
    # report is still complete for the others and lists them under `errors`).
    try:
        report = json.loads(p.stdout)
    except json.JSONDecodeError:
        err = p.stderr.decode("utf-8", "replace").strip()
        sys.exit(f"triage: exit {p.returncode}, no JSON report on stdout\n{err[:2000]}")
    if p.returncode not in (0, 1, 2):
        sys.exit(f"triage: unexpected exit code {p.returncode}")
    report.setdefault("_exit", p.returncode)
    return report


# --------------------------------------------------------------------------
# Source lines
# --------------------------------------------------------------------------


_lines_cache: dict[str, list[str] | None] = {}


def file_lines(corpus: str, rel: str) -> list[str] | None:
    if rel not in _lines_cache:
        path = os.path.join(corpus, rel)
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            _lines_cache[rel] = None
        else:
            text = data.decode("utf-8", "replace")
            if text.startswith("\ufeff"):
                text = text[1:]
            _lines_cache[rel] = text.splitlines()
    return _lines_cache[rel]


def escape_controls(s: str) -> str:
    """Escape control and invisible format characters (a corpus line must not
    drive the terminal or hide what it says); tabs become spaces."""
    out = []
    for ch in s:
        if ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            cp = ord(ch)
            out.append(f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}")
        else:
            out.append(ch)
    return "".join(out)


def clip(line: str, col: int | None, end_col: int | None) -> str:
    """At most MAX_SOURCE_CHARS characters of the line, trimmed; for a long
    line a window around the columns (1-based, code points) of the finding."""
    stripped = line.strip()
    if len(stripped) <= MAX_SOURCE_CHARS:
        return escape_controls(stripped)
    lead = len(line) - len(line.lstrip())
    start = max(0, (col or 1) - 1 - lead)
    end = max(start + 1, (end_col or col or 1) - 1 - lead)
    # a window around the start of the span, as much of the span as fits;
    # two characters are kept for the "…" marks, so the whole stays within
    # MAX_SOURCE_CHARS
    width = MAX_SOURCE_CHARS - 2
    span = min(end - start, width)
    lo = max(0, start - (width - span) // 2)
    lo = min(lo, len(stripped) - width)
    hi = lo + width
    piece = stripped[lo:hi]
    return ("…" if lo > 0 else "") + escape_controls(piece) + ("…" if hi < len(stripped) else "")


def source_of(corpus: str, f: dict) -> list[str]:
    lines = file_lines(corpus, f.get("file", ""))
    line = f.get("line") or 0
    if lines is None or line < 1 or line > len(lines):
        return []
    end_line = max(line, min(f.get("end_line") or line, len(lines)))
    out = []
    for n in range(line, min(end_line, line + MAX_SOURCE_LINES - 1) + 1):
        col = f.get("column") if n == line else 1
        end_col = f.get("end_column") if n == end_line else None
        out.append(clip(lines[n - 1], col, end_col))
    if end_line - line + 1 > MAX_SOURCE_LINES:
        out.append(f"… ({end_line - line + 1 - MAX_SOURCE_LINES} more lines, to line {end_line})")
    return out


# --------------------------------------------------------------------------
# Triage
# --------------------------------------------------------------------------


def sort_key(f: dict) -> tuple:
    return (f.get("file", ""), f.get("line") or 0, f.get("column") or 0, f.get("rule_id", ""))


def triage(report: dict, corpus: str, sample: int, seed: int, rules: list[str]) -> dict:
    findings = report.get("findings", [])
    by_rule: dict[str, list[dict]] = {}
    for f in findings:
        by_rule.setdefault(f.get("rule_id", "?"), []).append(f)
    wanted = {r.lower() for r in rules}
    out_rules = []
    for rid in sorted(by_rule, key=lambda r: (-len(by_rule[r]), r)):
        fs = sorted(by_rule[rid], key=sort_key)
        if wanted and rid.lower() not in wanted:
            shown = []
        elif wanted:
            shown = fs
        else:
            # one generator per rule, seeded by (seed, rule id): a rule's sample
            # does not change when another rule's findings do
            rng = random.Random(f"{seed}:{rid}")
            shown = sorted(rng.sample(fs, min(sample, len(fs))), key=sort_key)
        out_rules.append({
            "rule_id": rid,
            "severity": fs[0].get("severity", ""),
            "findings": len(fs),
            "files": len({f.get("file") for f in fs}),
            "shown": [{
                "file": f.get("file"),
                "line": f.get("line"),
                "column": f.get("column"),
                "end_line": f.get("end_line"),
                "end_column": f.get("end_column"),
                "resource": f.get("resource"),
                "message": f.get("message"),
                "source": source_of(corpus, f),
            } for f in shown],
        })
    for r in sorted(wanted - {r["rule_id"].lower() for r in out_rules}):
        out_rules.append({"rule_id": r, "severity": "", "findings": 0, "files": 0, "shown": []})
    summary = dict(report.get("summary", {}))
    summary.setdefault("findings", len(findings))
    return {
        "tool": report.get("tool", {}),
        "summary": summary,
        "errors": report.get("errors", []),
        "rules": out_rules,
    }


def print_text(t: dict, meta: dict) -> None:
    s = t["summary"]
    tool = t.get("tool") or {}
    src = meta["binary"] or f"report {meta['input']}"
    print(f"# tflint-rs triage: {src} ({tool.get('version', '?')}) on {meta['corpus']}")
    print(f"# profile {meta['profile']}, seed {meta['seed']}, "
          + (f"rules {', '.join(meta['only_rules'])}" if meta["only_rules"] else f"sample {meta['sample']} per rule"))
    print(f"files {s.get('files', '?')}, findings {s.get('findings', '?')}, "
          f"errors {s.get('errors', len(t['errors']))}, suppressed {s.get('suppressed', '?')}")
    print()
    width = max([len(r["rule_id"]) for r in t["rules"]] + [4])
    print(f"{'rule':<{width}}  {'severity':<8}  {'findings':>8}  {'files':>5}")
    for r in t["rules"]:
        print(f"{r['rule_id']:<{width}}  {r['severity']:<8}  {r['findings']:>8}  {r['files']:>5}")
    for r in t["rules"]:
        if not r["shown"]:
            continue
        what = "all" if meta["only_rules"] else f"sample of {len(r['shown'])}"
        print()
        print(f"== {r['rule_id']} ({r['severity']}): {r['findings']} findings, {what}")
        for i, f in enumerate(r["shown"], 1):
            print(f"[{i}] {f['file']}:{f['line']}  {f['resource']}")
            print(f"    {escape_controls(f['message'] or '')}")
            for src in f["source"] or ["(source not found)"]:
                print(f"    | {src}")
    if t["errors"]:
        print()
        print(f"== errors: {len(t['errors'])} file(s) could not be checked")
        for e in t["errors"][:20]:
            print(f"  {e.get('file')}:{e.get('line')}: {escape_controls(str(e.get('message', '')))[:MAX_SOURCE_CHARS]}")
        if len(t["errors"]) > 20:
            print(f"  … {len(t['errors']) - 20} more")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", help="directory to check (e.g. /tmp/corpus)")
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "tflint-rs"),
                    help="tflint-rs binary (default: target/release/tflint-rs)")
    ap.add_argument("--strict", action="store_true", help="check with --profile strict")
    ap.add_argument("--sample", type=int, default=5, metavar="N", help="findings shown per rule (default 5)")
    ap.add_argument("--seed", default="1", help="seed of the sample (default 1)")
    ap.add_argument("--rule", action="append", default=[], metavar="ID",
                    help="show every finding of this rule (repeatable); other rules are only counted")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--input", metavar="REPORT", help="read this saved JSON report instead of running the binary")
    ap.add_argument("--save", metavar="REPORT", help="also save the binary's raw JSON report here")
    ap.add_argument("--no-inline-ignores", action="store_true",
                    help="pass --no-inline-ignores (count findings the corpus silences with comments)")
    ap.add_argument("--threads", type=int, metavar="N", help="pass --threads N to the check")
    ap.add_argument("--timeout", type=int, default=1800, help="time limit of the check, seconds")
    a = ap.parse_args()
    if a.sample < 0:
        ap.error("--sample must be >= 0")
    corpus = os.path.abspath(a.corpus)
    if not os.path.isdir(corpus):
        ap.error(f"not a directory: {a.corpus}")

    if a.input:
        with open(a.input, encoding="utf-8") as f:
            report = json.load(f)
    else:
        extra = ["--no-inline-ignores"] if a.no_inline_ignores else []
        if a.threads:
            extra += ["--threads", str(a.threads)]
        report = run_check(os.path.abspath(a.binary), corpus, a.strict, extra, a.timeout)
        if a.save:
            with open(a.save, "w", encoding="utf-8") as f:
                json.dump({k: v for k, v in report.items() if k != "_exit"}, f)
    t = triage(report, corpus, a.sample, a.seed, a.rule)
    meta = {
        "binary": None if a.input else a.binary,
        "input": a.input,
        "corpus": a.corpus,
        "profile": "strict" if a.strict else "default",
        "seed": a.seed,
        "sample": a.sample,
        "only_rules": a.rule,
    }
    if a.json:
        json.dump({**meta, **t}, sys.stdout, indent=1, ensure_ascii=False)
        print()
    else:
        print_text(t, meta)
    return 0


if __name__ == "__main__":
    sys.exit(main())
