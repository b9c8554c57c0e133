#!/usr/bin/env python3
"""Recall and precision on other scanners' labelled test cases.

    python3 benches/labelled.py [--binary target/release/tflint-rs]
                                [--trivy-checks PATH] [--checkov PATH] [--list]

Other scanners ship small Terraform examples labelled bad or good for each of
their checks. Where a rule of ours lists that check among its `equivalents`,
the bad examples should give a finding of that rule and the good ones none:

  trivy-checks  checks/cloud/aws/**/X.yaml (terraform good/bad examples) with
                the AVD id of X.rego; matched through `equivalents.tfsec`.
  checkov       tests/terraform/checks/resource/aws/test_X.py, its
                example_X directory and its passing_resources /
                failing_resources; matched through `equivalents.checkov`.

PATH is a checkout or a bare git directory (read with `git show`, nothing is
written to it). The cases are not part of this repository; nothing here
downloads them. Every example is checked with `--profile strict`. The report
counts hits, misses and false alarms, and `--list` lists each miss and false
alarm: a place to look, not a verdict (the scanners disagree with each other,
and some examples are not valid Terraform). Needs PyYAML for trivy-checks.
"""

from __future__ import annotations

import argparse
import ast
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Source:
    """Files of a checkout or a bare git directory, at HEAD."""

    def __init__(self, path: str):
        git_dir = os.path.join(path, ".git")
        self.git_dir = git_dir if os.path.isdir(git_dir) else path
        out = subprocess.run(["git", "--git-dir", self.git_dir, "ls-tree", "-r", "--name-only", "HEAD"],
                             capture_output=True, text=True, check=True).stdout
        self.names = out.split("\n")

    def read(self, name: str) -> str:
        return subprocess.run(["git", "--git-dir", self.git_dir, "show", "HEAD:" + name],
                              capture_output=True, text=True).stdout


def rules_by(binary: str, tool: str) -> dict[str, list[str]]:
    out = subprocess.run([binary, "rules", "--format", "json"], capture_output=True, text=True, check=True).stdout
    found: dict[str, list[str]] = collections.defaultdict(list)
    for rule in json.loads(out):
        for name in rule["equivalents"].get(tool, []):
            found[name].append(rule["id"])
    return found


def check(binary: str, files: dict[str, str]) -> list[dict] | None:
    with tempfile.TemporaryDirectory(prefix="tflint-rs-labelled-") as d:
        for name, text in files.items():
            p = os.path.join(d, name)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w") as f:
                f.write(text)
        out = subprocess.run([binary, "check", d, "--format", "json", "--profile", "strict"],
                             capture_output=True, text=True).stdout
    try:
        return json.loads(out)["findings"]
    except (ValueError, KeyError):
        return None


def trivy(binary: str, src: Source, stats: collections.Counter, notes: list[str]) -> None:
    import yaml  # only this part needs it

    ours = {re.sub(r"^AVD-AWS-", "", k): v for k, v in rules_by(binary, "tfsec").items() if k.startswith("AVD-AWS-")}
    for name in src.names:
        if not (name.startswith("checks/cloud/aws/") and name.endswith(".yaml")):
            continue
        m = re.search(r"#\s+id: AWS-(\d+)", src.read(name[:-5] + ".rego"))
        rules = ours.get(m.group(1)) if m else None
        if not rules:
            continue
        examples = (yaml.safe_load(src.read(name)) or {}).get("terraform") or {}
        for label in ("bad", "good"):
            for i, tf in enumerate(examples.get(label) or []):
                findings = check(binary, {"main.tf": tf})
                if findings is None:
                    stats["trivy: no report"] += 1
                    continue
                fired = any(f["rule_id"] in rules for f in findings)
                if label == "bad":
                    stats["trivy: bad found" if fired else "trivy: bad missed"] += 1
                    if not fired:
                        notes.append(f"trivy miss  AVD-AWS-{m.group(1)} {name} bad[{i}] ({', '.join(rules)})")
                else:
                    stats["trivy: good flagged" if fired else "trivy: good quiet"] += 1
                    if fired:
                        notes.append(f"trivy alarm AVD-AWS-{m.group(1)} {name} good[{i}] ({', '.join(rules)})")


def literal_set(text: str, name: str) -> set[str] | None:
    m = re.search(name + r"\s*=\s*(\{.*?\}|set\(\)|\[.*?\])", text, re.S)
    if not m:
        return None
    try:
        return set() if m.group(1) == "set()" else set(ast.literal_eval(m.group(1)))
    except (ValueError, SyntaxError):
        return None


def checkov(binary: str, src: Source, stats: collections.Counter, notes: list[str]) -> None:
    ours = rules_by(binary, "checkov")
    base = "tests/terraform/checks/resource/aws/"
    # An instance key, and the container a finding on a task definition's container names.
    strip = lambda a: re.sub(r"\[[^\]]*\]$", "", re.sub(r"\.container\..*$", "", a))  # noqa: E731
    for name in src.names:
        m = re.match(re.escape(base) + r"test_(\w+)\.py$", name)
        if not m:
            continue
        test = src.read(name)
        module = re.search(r"from checkov\.terraform\.checks\.resource\.aws\.(\w+) import check", test)
        # `current_dir + "/example_X"` or `Path(__file__).parent / "example_X"`
        example = re.search(r'"/(example_\w+)"', test) or re.search(r'/\s*"(example_\w+)"', test)
        if not module or not example:
            continue
        ident = re.search(r'id\s*=\s*"(CKV2?_AWS_\d+)"',
                          src.read(f"checkov/terraform/checks/resource/aws/{module.group(1)}.py"))
        rules = ours.get(ident.group(1)) if ident else None
        if not rules:
            continue
        passing, failing = literal_set(test, "passing_resources"), literal_set(test, "failing_resources")
        if passing is None or failing is None:
            stats["checkov: unread test"] += 1
            continue
        prefix = base + example.group(1) + "/"
        files = {n[len(prefix):]: src.read(n) for n in src.names
                 if n.startswith(prefix) and n.endswith((".tf", ".tfvars", ".json"))}
        findings = check(binary, files)
        if findings is None:
            stats["checkov: no report"] += 1
            continue
        hit = {strip(f["resource"]) for f in findings if f["rule_id"] in rules}
        for r in sorted(failing):
            found = strip(r) in hit
            stats["checkov: failing found" if found else "checkov: failing missed"] += 1
            if not found:
                notes.append(f"checkov miss  {ident.group(1)} {example.group(1)} {r} ({', '.join(rules)})")
        for r in sorted(passing):
            flagged = strip(r) in hit
            stats["checkov: passing flagged" if flagged else "checkov: passing quiet"] += 1
            if flagged:
                notes.append(f"checkov alarm {ident.group(1)} {example.group(1)} {r} ({', '.join(rules)})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "tflint-rs"))
    ap.add_argument("--trivy-checks", metavar="PATH")
    ap.add_argument("--checkov", metavar="PATH")
    ap.add_argument("--list", action="store_true", help="list every miss and false alarm")
    args = ap.parse_args()
    if not (args.trivy_checks or args.checkov):
        ap.error("give --trivy-checks PATH and/or --checkov PATH")
    stats: collections.Counter = collections.Counter()
    notes: list[str] = []
    if args.trivy_checks:
        trivy(args.binary, Source(args.trivy_checks), stats, notes)
    if args.checkov:
        checkov(args.binary, Source(args.checkov), stats, notes)
    for tool in ("trivy", "checkov"):
        rows = {k.split(": ")[1]: v for k, v in stats.items() if k.startswith(tool + ":")}
        if rows:
            print(f"{tool}: " + ", ".join(f"{k} {v}" for k, v in sorted(rows.items())))
    if args.list:
        print("\n".join(sorted(notes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
