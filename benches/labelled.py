#!/usr/bin/env python3
"""Recall and precision on other scanners' labelled test cases.

    python3 benches/labelled.py [--binary target/release/tflint-rs]
                                [--trivy-checks PATH] [--checkov PATH]
                                [--kics DIR] [--list]

Other scanners ship small Terraform examples labelled bad or good for each of
their checks. Where a rule of ours lists that check among its `equivalents`,
the bad examples should give a finding of that rule and the good ones none:

  trivy-checks  checks/cloud/aws/**/X.yaml (terraform good/bad examples) with
                the AVD id of X.rego; matched through `equivalents.tfsec`.
  checkov       tests/terraform/checks/resource/aws/test_X.py, its
                example_X directory and its passing_resources /
                failing_resources; or, for tests that scan one resource
                each, every test method's resource (written in HCL, or as
                the parsed dictionary, which is written back as HCL) and
                the result it asserts; and the graph checks (CKV2_AWS_*,
                checkov/terraform/checks/graph_checks/aws/X.yaml) with the
                pass / fail lists of tests/terraform/graph/checks/resources/X/;
                matched through `equivalents.checkov`.

  kics          --kics DIR: every query directory under DIR (a KICS checkout's
                assets/queries/terraform, or a copy of its query directories)
                with metadata.json, test/positive*.tf, test/negative*.tf and
                test/positive_expected_result.json; matched through
                `equivalents.kics` (the query id). Each test file is checked
                on its own: an expected result counts as found when one of
                our rules reports its resource (or, without a resource in the
                result, the block holding its line); a negative file is
                flagged when one of our rules reports anything in it.

PATH is a checkout or a bare git directory (read with `git show`, nothing is
written to it). The cases are not part of this repository; nothing here
downloads them. Every example is checked with `--profile strict`. The report
counts hits, misses and false alarms, and `--list` lists each miss and false
alarm: a place to look, not a verdict (the scanners disagree with each other,
and some examples are not valid Terraform). Needs PyYAML (trivy-checks, Checkov's graph checks).
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
                tally(stats, notes, "trivy", label == "bad", fired, f"AVD-AWS-{m.group(1)} {name} {label}[{i}]", rules)


LABELS = {
    "trivy": ("bad found", "bad missed", "good flagged", "good quiet"),
    "checkov": ("failing found", "failing missed", "passing flagged", "passing quiet"),
    "kics": ("positive found", "positive missed", "negative flagged", "negative quiet"),
}


def tally(stats: collections.Counter, notes: list[str], tool: str, bad: bool, fired: bool, case: str,
          rules: list[str]) -> None:
    """Counts one labelled case, and notes a miss or a false alarm."""
    found, missed, flagged, quiet = LABELS[tool]
    if bad:
        stats[f"{tool}: {found if fired else missed}"] += 1
    else:
        stats[f"{tool}: {flagged if fired else quiet}"] += 1
    if fired != bad:
        notes.append(f"{tool} {'miss ' if bad else 'alarm'} {case} ({', '.join(rules)})")


def address_of(resource: str) -> str:
    """A finding's resource without its instance key, and a finding on a task
    definition's container as one on the task definition."""
    return re.sub(r"\[[^\]]*\]$", "", re.sub(r"\.container\..*$", "", resource))


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
    for name in src.names:
        m = re.match(re.escape(base) + r"test_(\w+)\.py$", name)
        if not m:
            continue
        test = src.read(name)
        module = re.search(r"from checkov\.terraform\.checks\.resource\.aws\.(\w+) import check", test)
        # `current_dir + "/example_X"` or `Path(__file__).parent / "example_X"`
        example = re.search(r'"/(example_\w+)"', test) or re.search(r'/\s*"(example_\w+)"', test)
        if not module:
            continue
        check_source = src.read(f"checkov/terraform/checks/resource/aws/{module.group(1)}.py")
        ident = re.search(r'id\s*=\s*"(CKV2?_AWS_\d+)"', check_source)
        rules = ours.get(ident.group(1)) if ident else None
        if not rules:
            continue
        if not example:
            unit_tests(binary, test, check_source, ident.group(1), rules, name, stats, notes)
            continue
        passing, failing = literal_set(test, "passing_resources"), literal_set(test, "failing_resources")
        if passing is None or failing is None:
            stats["checkov: unread test"] += 1
            continue
        prefix = base + example.group(1) + "/"
        hit = resources_hit(binary, src, prefix, rules, stats)
        if hit is None:
            continue
        for bad, resources in ((True, failing), (False, passing)):
            for r in sorted(resources):
                tally(stats, notes, "checkov", bad, address_of(r) in hit, f"{ident.group(1)} {example.group(1)} {r}", rules)


def resources_hit(binary: str, src: Source, prefix: str, rules: list[str], stats: collections.Counter) -> set[str] | None:
    """The resources our `rules` report in the directory `prefix` of `src`."""
    files = {n[len(prefix):]: src.read(n) for n in src.names
             if n.startswith(prefix) and n.endswith((".tf", ".tfvars", ".json"))}
    findings = check(binary, files)
    if findings is None:
        stats["checkov: no report"] += 1
        return None
    return {address_of(f["resource"]) for f in findings if f["rule_id"] in rules}


def checkov_graph(binary: str, src: Source, stats: collections.Counter, notes: list[str]) -> None:
    """Checkov's graph checks: a directory of Terraform per check, and its
    expected.yaml listing the resources that pass and fail."""
    import yaml

    ours = rules_by(binary, "checkov")
    base = "tests/terraform/graph/checks/resources/"
    for name in src.names:
        m = re.match(r"checkov/terraform/checks/graph_checks/aws/(\w+)\.yaml$", name)
        if not m:
            continue
        ident = re.search(r'id:\s*"?(CKV2?_AWS_\d+)', src.read(name))
        rules = ours.get(ident.group(1)) if ident else None
        prefix = base + m.group(1) + "/"
        if not rules or prefix + "expected.yaml" not in src.names:
            continue
        expected = yaml.safe_load(src.read(prefix + "expected.yaml")) or {}
        hit = resources_hit(binary, src, prefix, rules, stats)
        if hit is None:
            continue
        # A graph check judges a resource by those attached to it; ours are
        # reported where the setting is written (the `aws_s3_bucket_acl` of a
        # bucket). The cases name an attached resource as the one it is
        # attached to: `aws_s3_bucket_acl.x` counts for `aws_s3_bucket.x`.
        def attached(r: str) -> bool:
            ty, _, name = r.partition(".")
            return any(h.startswith(ty + "_") and h.split(".", 1)[-1] == name for h in hit)

        for label, bad in (("fail", True), ("pass", False)):
            for r in expected.get(label) or []:
                # (Checkov names a data source without `data.`.)
                found = any(a in hit or attached(a) for a in (address_of(r), "data." + address_of(r)))
                tally(stats, notes, "checkov", bad, found, f"{ident.group(1)} graph/{m.group(1)} {r}", rules)


def block_lines(text: str) -> list[tuple[str, int, int]]:
    """The top-level blocks of `text`: (address, first line, last line),
    found by braces (enough for small test files)."""
    out = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r'\s*(resource|data|module)\s+"([^"]+)"(?:\s+"([^"]+)")?', lines[i])
        if not m:
            i += 1
            continue
        kind, a, b = m.groups()
        address = {"resource": f"{a}.{b}", "data": f"data.{a}.{b}", "module": f"module.{a}"}[kind]
        depth, j = 0, i
        while j < len(lines):
            depth += lines[j].count("{") - lines[j].count("}")
            if depth <= 0 and "{" in "".join(lines[i:j + 1]):
                break
            j += 1
        out.append((address, i + 1, j + 1))
        i = j + 1
    return out


def kics(binary: str, root: str, stats: collections.Counter, notes: list[str]) -> None:
    ours = rules_by(binary, "kics")
    for d, _, files in sorted(os.walk(root)):
        if "metadata.json" not in files or not os.path.isdir(os.path.join(d, "test")):
            continue
        with open(os.path.join(d, "metadata.json")) as f:
            meta = json.load(f)
        rules = ours.get(meta.get("id", ""))
        if not rules:
            continue
        test = os.path.join(d, "test")
        try:
            with open(os.path.join(test, "positive_expected_result.json")) as f:
                expected = json.load(f)
        except (OSError, ValueError):
            stats["kics: unread test"] += 1
            continue
        query = os.path.basename(d)
        for name in sorted(os.listdir(test)):
            bad = name.startswith("positive")
            if not (name.endswith(".tf") and (bad or name.startswith("negative"))):
                continue
            with open(os.path.join(test, name)) as f:
                text = f.read()
            findings = check(binary, {"main.tf": text})
            if findings is None:
                stats["kics: no report"] += 1
                continue
            ours_here = [f for f in findings if f["rule_id"] in rules]
            if not bad:
                tally(stats, notes, "kics", False, bool(ours_here), f"{meta['id']} {query}/{name}", rules)
                continue
            hit = {address_of(f["resource"]) for f in ours_here}
            lines = {f["line"] for f in ours_here}
            blocks = block_lines(text)
            for e in (e for e in expected if e.get("fileName") == name):
                address = f"{e['resourceType']}.{e['resourceName']}" if e.get("resourceType") and e.get("resourceName") else None
                within = [(a, lo, hi) for a, lo, hi in blocks if lo <= e.get("line", 0) <= hi]
                found = (address is not None and (address in hit or "data." + address in hit)) \
                    or any(a in hit or any(lo <= n <= hi for n in lines) for a, lo, hi in within)
                tally(stats, notes, "kics", True, found, f"{meta['id']} {query}/{name}:{e.get('line')}", rules)


def hcl_of(v, indent: str = "  ") -> str:
    """A value of a dictionary as python-hcl2 parses it, written back as HCL."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if v is None:
        return "null"
    if isinstance(v, str):
        m = re.fullmatch(r"\$\{(.*)\}", v, re.S)
        if m and "${" not in m.group(1):
            return m.group(1)  # a lone interpolation is the expression
        return json.dumps(v).replace("%{", "%%{")
    if isinstance(v, list):
        return "[" + ", ".join(hcl_of(x, indent) for x in v) + "]"
    if isinstance(v, dict):
        inner = indent + "  "
        return "{\n" + "".join(f"{inner}{json.dumps(k)} = {hcl_of(x, inner)}\n" for k, x in v.items()) + indent + "}"
    raise ValueError(type(v))


def body_of(conf: dict, indent: str = "  ") -> str:
    """A resource's body from python-hcl2's dictionary: each argument's value
    is wrapped in a list; a nested block is a list of such dictionaries."""
    out = []
    for k, v in conf.items():
        if isinstance(v, list) and len(v) == 1 and not isinstance(v[0], dict):
            out.append(f"{indent}{k} = {hcl_of(v[0], indent)}\n")
        elif isinstance(v, list) and v and all(isinstance(b, dict) and all(isinstance(x, list) for x in b.values())
                                                for b in v):
            for b in v:
                out.append(f"{indent}{k} {{\n{body_of(b, indent + '  ')}{indent}}}\n")
        elif isinstance(v, list) and len(v) == 1:
            out.append(f"{indent}{k} = {hcl_of(v[0], indent)}\n")
        else:
            out.append(f"{indent}{k} = {hcl_of(v, indent)}\n")
    return "".join(out)


def unit_tests(binary: str, test: str, check_source: str, ident: str, rules: list[str], name: str,
               stats: collections.Counter, notes: list[str]) -> None:
    """Checkov's tests that call `scan_resource_conf` on one resource per test
    method: its HCL (`hcl2.loads`) or its parsed dictionary, and the result
    asserted (PASSED or FAILED; UNKNOWN is not counted)."""
    types = re.search(r"supported_resources\s*=\s*[\[(]\s*['\"]([\w]+)['\"]", check_source)
    try:
        tree = ast.parse(test)
    except SyntaxError:
        stats["checkov: unread test"] += 1
        return
    for fn in ast.walk(tree):
        if not (isinstance(fn, ast.FunctionDef) and fn.name.startswith("test")):
            continue
        text, address, expected = None, None, None
        for node in ast.walk(fn):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "loads" and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                text = node.args[0].value
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict) and text is None:
                try:
                    conf = ast.literal_eval(node.value)
                    body = body_of(conf)
                except (ValueError, TypeError, SyntaxError):
                    continue
                if types:
                    text = f'resource "{types.group(1)}" "test" {{\n{body}}}\n'
                    address = f"{types.group(1)}.test"
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id == "CheckResult" and node.attr in ("PASSED", "FAILED"):
                expected = node.attr
        if text is None or expected is None:
            continue
        picked = re.search(r"\['resource'\]\[0\]\['([\w-]+)'\]\['([\w-]+)'\]", ast.get_source_segment(test, fn) or "")
        if picked:
            address = f"{picked.group(1)}.{picked.group(2)}"
        findings = check(binary, {"main.tf": text})
        if findings is None:
            stats["checkov: no report"] += 1
            continue
        hit = any(f["rule_id"] in rules and (address is None or address_of(f["resource"]) == address) for f in findings)
        tally(stats, notes, "checkov", expected == "FAILED", hit, f"{ident} {name.rsplit('/', 1)[-1]}::{fn.name}", rules)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "tflint-rs"))
    ap.add_argument("--trivy-checks", metavar="PATH")
    ap.add_argument("--checkov", metavar="PATH")
    ap.add_argument("--kics", metavar="DIR", help="a directory of KICS query directories (see above)")
    ap.add_argument("--list", action="store_true", help="list every miss and false alarm")
    args = ap.parse_args()
    if not (args.trivy_checks or args.checkov or args.kics):
        ap.error("give --trivy-checks PATH, --checkov PATH and/or --kics DIR")
    stats: collections.Counter = collections.Counter()
    notes: list[str] = []
    if args.trivy_checks:
        trivy(args.binary, Source(args.trivy_checks), stats, notes)
    if args.checkov:
        checkov_source = Source(args.checkov)
        checkov(args.binary, checkov_source, stats, notes)
        checkov_graph(args.binary, checkov_source, stats, notes)
    if args.kics:
        kics(args.binary, args.kics, stats, notes)
    for tool in ("trivy", "checkov", "kics"):
        rows = {k.split(": ")[1]: v for k, v in stats.items() if k.startswith(tool + ":")}
        if rows:
            print(f"{tool}: " + ", ".join(f"{k} {v}" for k, v in sorted(rows.items())))
    if args.list:
        print("\n".join(sorted(notes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
