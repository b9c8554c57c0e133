#!/usr/bin/env python3
"""Scaling check: does the cost of a check grow linearly with its input?

    python3 benches/scaling.py [--bin target/release/tflint-rs] [--factor 4]
                               [--only SHAPE[,SHAPE...]] [--scale X] [--keep DIR]

For each input shape (a heredoc of JSON, a template with thousands of
interpolations, thousands of files, a report with many findings in every
format, ...) writes the input at size n and at factor*n, runs
`tflint-rs check` on both under `/usr/bin/time -f '%e %M'`, and prints wall
time, peak RSS and the ratio of the times. A ratio far above the factor
(more than twice it, once the small run takes long enough to measure) is
flagged `SUPER-LINEAR`: the shape has a path whose cost grows faster than the
input. `--scale` multiplies every n (use it to move the sizes to where a run
takes 0.1-2 s on the machine at hand). Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

# A resource with findings (log group without retention or a customer key).
LOG_GROUP = 'resource "aws_cloudwatch_log_group" "g{i}" {{\n  name = "g{i}"\n}}\n'


def write(root: str, rel: str, text: str) -> None:
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def containers(n: int) -> list:
    return [
        {
            "name": f"c{i}",
            "image": "nginx:latest",
            "essential": True,
            "privileged": True,
            "environment": [{"name": "DB_PASSWORD", "value": f"Zq8vLr2pW{i}xTq"}],
        }
        for i in range(n)
    ]


def statements(n: int) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [{"Sid": f"S{i}", "Effect": "Allow", "Action": "*", "Resource": "*"} for i in range(n)],
    }


def task(body: str) -> str:
    return f'resource "aws_ecs_task_definition" "t" {{\n  family = "t"\n  container_definitions = {body}\n}}\n'


def policy(body: str) -> str:
    return f'resource "aws_iam_policy" "p" {{\n  name = "p"\n  policy = {body}\n}}\n'


def heredoc(text: str) -> str:
    return f"<<EOF\n{text}\nEOF"


# Each shape: (n, generator(root, n), extra command-line arguments).
def s_heredoc_json_lines(root, n):
    write(root, "main.tf", task(heredoc(json.dumps(containers(n), indent=2)))
          + policy(heredoc(json.dumps(statements(n), indent=2))))


def s_heredoc_json_one_line(root, n):
    write(root, "main.tf", task(heredoc(json.dumps(containers(n)))) + policy(heredoc(json.dumps(statements(n)))))


def s_template_interpolations(root, n):
    parts = "".join(f"${{local.v{i % 50}}}-" for i in range(n))
    lets = "".join(f'  v{i} = "x{i}"\n' for i in range(50))
    write(root, "main.tf", f'locals {{\n{lets}  s = "{parts}"\n}}\n'
          'resource "aws_ssm_parameter" "p" {\n  name = "p"\n  type = "String"\n  value = local.s\n}\n'
          'resource "aws_instance" "i" {\n  ami = "ami-1"\n  instance_type = "t3.micro"\n  user_data = local.s\n}\n')


def s_jsonencode_literal(root, n):
    stmts = ",\n".join(f'      {{ Sid = "S{i}", Effect = "Allow", Action = "*", Resource = "*" }}' for i in range(n))
    write(root, "main.tf", policy(f'jsonencode({{\n    Version = "2012-10-17"\n    Statement = [\n{stmts}\n    ]\n  }})'))


def s_locals_map_many_refs(root, n):
    m = "".join(f'    k{i} = "v{i}"\n' for i in range(n))
    refs = "".join(f'resource "aws_cloudwatch_log_group" "g{i}" {{\n  name = local.m["k{i}"]\n  tags = local.m\n}}\n'
                   for i in range(n))
    write(root, "main.tf", f"locals {{\n  m = {{\n{m}  }}\n}}\n{refs}")


def s_resource_chains(root, n):
    out = []
    for i in range(n):
        prev = f"aws_cloudwatch_log_group.g{i - 1}" if i else None
        name = f'"${{{prev}.name}}-x"' if prev else '"g0"'
        dep = f"  depends_on = [{prev}]\n" if prev else ""
        out.append(f'resource "aws_cloudwatch_log_group" "g{i}" {{\n  name = {name}\n{dep}}}\n')
    write(root, "main.tf", "".join(out))


def s_for_if(root, n):
    items = ", ".join(f'"i{i}"' for i in range(n))
    write(root, "main.tf", f"locals {{\n  l = [{items}]\n"
          "  f = [for i, x in local.l : upper(x) if i % 2 == 0]\n"
          "  m = { for i, x in local.l : x => i if i % 3 != 0 }\n}\n"
          'resource "aws_cloudwatch_log_group" "g" {\n  for_each = local.m\n  name = each.key\n}\n')


def s_concat_merge_flatten(root, n):
    items = ", ".join(f'{{ name = "i{i}", tags = {{ a = "{i}" }} }}' for i in range(n))
    write(root, "main.tf", f"locals {{\n  l = [{items}]\n"
          "  merged = { for x in local.l : x.name => merge(x.tags, { b = x.name }) }\n"
          "  flat = flatten([for x in local.l : [x.name, [x.tags.a]]])\n"
          "  cat = concat([for x in local.l : x.name], local.flat)\n}\n"
          'resource "aws_cloudwatch_log_group" "g" {\n  for_each = local.merged\n  name = each.key\n  tags = each.value\n}\n')


def s_dynamic_blocks(root, n):
    items = ", ".join(f"{1000 + i}" for i in range(n))
    dyn = "".join(f'  dynamic "ingress" {{\n    for_each = [{i}]\n    content {{\n      from_port = ingress.value\n'
                  f'      to_port = ingress.value\n      protocol = "tcp"\n      cidr_blocks = ["0.0.0.0/0"]\n    }}\n  }}\n'
                  for i in range(n))
    write(root, "main.tf", f"locals {{\n  ports = [{items}]\n}}\n"
          'resource "aws_security_group" "a" {\n  dynamic "ingress" {\n    for_each = local.ports\n    content {\n'
          '      from_port = ingress.value\n      to_port = ingress.value\n      protocol = "tcp"\n'
          '      cidr_blocks = ["0.0.0.0/0"]\n    }\n  }\n}\n'
          f'resource "aws_security_group" "b" {{\n{dyn}}}\n')


def s_many_files(root, n):
    for i in range(n):
        write(root, f"f{i}.tf", LOG_GROUP.format(i=i))


def s_many_dirs(root, n):
    for i in range(n):
        write(root, f"d{i}/main.tf", LOG_GROUP.format(i=i))


MODULE = ('variable "name" {}\nvariable "retention" { default = null }\n'
          'resource "aws_cloudwatch_log_group" "g" {\n  name = var.name\n  retention_in_days = var.retention\n}\n'
          'output "name" { value = aws_cloudwatch_log_group.g.name }\n')


def s_module_same_inputs(root, n):
    write(root, "mod/main.tf", MODULE)
    write(root, "main.tf", "".join(f'module "m{i}" {{\n  source = "./mod"\n  name = "same"\n}}\n' for i in range(n)))


def s_module_different_inputs(root, n):
    write(root, "mod/main.tf", MODULE)
    write(root, "main.tf", "".join(f'module "m{i}" {{\n  source = "./mod"\n  name = "n{i}"\n}}\n' for i in range(n)))


def s_user_data_secrets(root, n):
    lines = "\n".join(f"export DB_PASSWORD=Zq8vLr2pW{i}xTqM3\nexport AWS_SECRET_ACCESS_KEY="
                      f"wJalrXUtnFEMI/K7MDENG/bPxRfiCY{i:010d}" for i in range(n))
    write(root, "main.tf", 'resource "aws_instance" "i" {\n  ami = "ami-1"\n  instance_type = "t3.micro"\n'
          f'  user_data = <<EOF\n#!/bin/sh\n{lines}\nEOF\n}}\n')


def s_ignore_comments(root, n):
    write(root, "main.tf", "".join(
        f"#tfsec:ignore:aws-cloudwatch-log-group-customer-key\n#checkov:skip=CKV_AWS_158:ok\n"
        f"# tflint-ignore: aws-cloudwatch-log-retention-unset\n{LOG_GROUP.format(i=i)}" for i in range(n)))


def s_tfvars(root, n):
    write(root, "main.tf", 'variable "m" {}\nvariable "j" {}\n'
          'resource "aws_cloudwatch_log_group" "g" {\n  for_each = var.m\n  name = each.value\n}\n'
          'resource "aws_cloudwatch_log_group" "h" {\n  for_each = var.j\n  name = each.value\n}\n')
    write(root, "terraform.tfvars", "m = {\n" + "".join(f'  k{i} = "v{i}"\n' for i in range(n)) + "}\n")
    write(root, "j.auto.tfvars.json", json.dumps({"j": {f"k{i}": f"v{i}" for i in range(n)}}))


def s_findings_format(fmt):
    def gen(root, n):
        write(root, "main.tf", "".join(LOG_GROUP.format(i=i) for i in range(n)))
    gen.format = fmt
    return gen


def s_plan_json(root, n):
    res = [{"address": f"aws_cloudwatch_log_group.g{i}", "mode": "managed", "type": "aws_cloudwatch_log_group",
            "name": f"g{i}", "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
            "values": {"name": f"g{i}", "retention_in_days": 0, "kms_key_id": None}} for i in range(n)]
    plan = {"format_version": "1.2", "terraform_version": "1.11.4",
            "planned_values": {"root_module": {"resources": res}},
            "resource_changes": [{"address": r["address"], "mode": "managed", "type": r["type"], "name": r["name"],
                                  "provider_name": r["provider_name"],
                                  "change": {"actions": ["create"], "before": None, "after": r["values"]}}
                                 for r in res],
            "configuration": {"root_module": {"resources": [
                {"address": r["address"], "mode": "managed", "type": r["type"], "name": r["name"],
                 "expressions": {"name": {"constant_value": r["name"]}}} for r in res]}}}
    write(root, "plan.json", json.dumps(plan))
    s_plan_json.target = "plan.json"


def s_long_multibyte_lines(root, n):
    # A .tf.json on one line, non-ASCII text before every finding on that line.
    res = {f"g{i}": {"name": "é日本語" * 3 + f"\"{i}", "tags": {"d": "ü" * 20}} for i in range(n)}
    write(root, "main.tf.json", json.dumps({"resource": {"aws_cloudwatch_log_group": res}}, ensure_ascii=False))


def s_env_secrets(root, n):
    write(root, ".env", "".join(f"DB_PASSWORD_{i}=Zq8vLr2pW{i}xTqM3\nAPI_TOKEN_{i}=ghp_{i:036d}\n" for i in range(n)))
    write(root, "credentials", "".join(f"[p{i}]\naws_access_key_id = AKIA{i:016d}\n"
                                       f"aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY{i:010d}\n"
                                       for i in range(n)))


def s_deep_nesting(root, n):
    write(root, "main.tf", "locals {\n  d = " + "[" * n + "1" + "]" * n + "\n  o = " + "{a = " * n + "1" + "}" * n
          + "\n}\n")
    write(root, "d.tf.json", json.dumps({"locals": {"x": json.loads("[" * n + "1" + "]" * n)}}) if n < 900 else "{}")


SHAPES = {
    "heredoc_json_lines": (2000, s_heredoc_json_lines),
    "heredoc_json_one_line": (2000, s_heredoc_json_one_line),
    "template_interpolations": (5000, s_template_interpolations),
    "jsonencode_literal": (3000, s_jsonencode_literal),
    "locals_map_many_refs": (1000, s_locals_map_many_refs),
    "resource_chains": (1000, s_resource_chains),
    "for_if": (10000, s_for_if),
    "concat_merge_flatten": (5000, s_concat_merge_flatten),
    "dynamic_blocks": (1000, s_dynamic_blocks),
    "many_files": (1000, s_many_files),
    "many_dirs": (500, s_many_dirs),
    "module_same_inputs": (300, s_module_same_inputs),
    "module_different_inputs": (300, s_module_different_inputs),
    "user_data_secrets": (1000, s_user_data_secrets),
    "ignore_comments": (2000, s_ignore_comments),
    "tfvars": (10000, s_tfvars),
    "plan_json": (2000, s_plan_json),
    "long_multibyte_lines": (3000, s_long_multibyte_lines),
    "env_secrets": (2000, s_env_secrets),
    "deep_nesting": (60, s_deep_nesting),
}
for _fmt in ["text", "json", "sarif", "github", "gitlab", "junit", "graphical"]:
    SHAPES[f"findings_{_fmt}"] = (3000, s_findings_format(_fmt))


def run(binary: str, root: str, gen) -> tuple[float, int, int]:
    target = os.path.join(root, getattr(gen, "target", ""))
    fmt = getattr(gen, "format", "json")
    args = [binary, "check", target, "--profile", "strict", "--format", "text" if fmt == "graphical" else fmt]
    if fmt == "graphical":
        args += ["--color", "always"]  # the graphical report, as at a terminal
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M", *args], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    secs, kib = out.stderr.strip().splitlines()[-1].split()
    return float(secs), int(kib), out.returncode


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bin", default="target/release/tflint-rs")
    p.add_argument("--factor", type=int, default=4)
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--only", default="")
    p.add_argument("--keep", help="write the inputs under DIR and keep them")
    a = p.parse_args()
    binary = os.path.abspath(a.bin)
    only = [s for s in a.only.split(",") if s]
    base = a.keep or tempfile.mkdtemp(prefix="tflint-rs-scaling-")
    print(f"{'shape':28} {'n':>7} {'time':>7} {'MB':>6}   {'k*n':>7} {'time':>7} {'MB':>6}  ratio  (linear: {a.factor})")
    for name, (n0, gen) in SHAPES.items():
        if only and name not in only:
            continue
        n = max(1, int(n0 * a.scale))
        row = []
        for size in (n, n * a.factor):
            root = os.path.join(base, f"{name}-{size}")
            shutil.rmtree(root, ignore_errors=True)
            gen(root, size)
            secs, kib, code = run(binary, root, gen)
            row.append((size, secs, kib, code))
            if not a.keep:
                shutil.rmtree(root, ignore_errors=True)
        (n1, t1, m1, c1), (n2, t2, m2, c2) = row
        ratio = t2 / max(t1, 0.01)
        flag = "SUPER-LINEAR" if t2 > 0.5 and ratio > 2 * a.factor else ""
        bad = "" if {c1, c2} <= {0, 1} else f" exit {c1}/{c2}"
        print(f"{name:28} {n1:7} {t1:7.2f} {m1 // 1024:6}   {n2:7} {t2:7.2f} {m2 // 1024:6}  {ratio:5.1f}  {flag}{bad}",
              flush=True)
    if not a.keep:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
