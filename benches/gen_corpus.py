#!/usr/bin/env python3
"""Deterministic generator of Terraform (AWS) + ECS task-definition corpora.

    python3 benches/gen_corpus.py --files N --out DIR [--seed S]

Writes about N files (exactly N unless N is tiny) spread over many module
directories shaped like real infrastructure repositories: main.tf,
variables.tf, outputs.tf, locals.tf, versions.tf, one resource file per
concern (rds_api.tf, iam_worker.tf, ...), sometimes terraform.tfvars and
*.auto.tfvars, sometimes standalone ECS task-definition JSON files under
taskdefs/, and sometimes a local module under modules/<name> that the parent
calls with inputs.

The code is mostly clean; a small seeded fraction (~5% of security-relevant
settings) is insecure: public databases, SSH open to 0.0.0.0/0, literal
passwords in locals, IAM "*" actions, containers without logConfiguration,
and so on. Some insecure values arrive indirectly (a variable overridden in
terraform.tfvars, an input passed to a local module) so that a linter has to
evaluate across files to see them.

Same --seed and --files => byte-identical output. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys

# --------------------------------------------------------------------------
# HCL rendering helpers
# --------------------------------------------------------------------------


class E(str):
    """A raw HCL expression (rendered verbatim, re-indented)."""


class Flush(E):
    """A raw expression whose continuation lines must not be re-indented
    (a flush `<<EOF` heredoc)."""


class Blk:
    __slots__ = ("head", "items")

    def __init__(self, head: str, items: list):
        self.head = head
        self.items = items


IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def hstr(s: str) -> str:
    """An HCL quoted string. `${` / `%{` are kept (they are templates)."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _scalar(v) -> bool:
    return not isinstance(v, (list, dict)) and not (isinstance(v, E) and "\n" in v)


def hv(v, ind: int = 0, quote_keys: bool = False) -> str:
    """Render a Python value as an HCL expression; nested lines are indented
    relative to `ind` levels."""
    pad = "  " * ind
    if isinstance(v, E):
        return _reindent(v, pad)
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return hstr(v)
    if isinstance(v, list):
        if not v:
            return "[]"
        if all(_scalar(x) for x in v):
            one = "[" + ", ".join(hv(x, ind) for x in v) + "]"
            if len(one) + len(pad) < 100:
                return one
        inner = ",\n".join(pad + "  " + hv(x, ind + 1, quote_keys) for x in v)
        return "[\n" + inner + ",\n" + pad + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        keys = []
        for k in v:
            if quote_keys or not IDENT_RE.match(k):
                keys.append(hstr(k))
            else:
                keys.append(k)
        w = max(len(k) for k in keys)
        lines = []
        for k, (_, val) in zip(keys, v.items()):
            lines.append(pad + "  " + k.ljust(w) + " = " + hv(val, ind + 1, quote_keys))
        return "{\n" + "\n".join(lines) + "\n" + pad + "}"
    raise TypeError(type(v))


def _reindent(e: E, pad: str) -> str:
    if "\n" not in e or isinstance(e, Flush) or not pad:
        return str(e)
    first, *rest = e.split("\n")
    return first + "\n" + "\n".join((pad + ln) if ln else ln for ln in rest)


def render(blk: Blk, ind: int = 0) -> str:
    pad = "  " * ind
    if not blk.items:
        return pad + blk.head + " {}"
    out = [pad + blk.head + " {"]
    run: list = []

    def flush_run():
        # like `terraform fmt`: align `=` over consecutive attributes; a
        # multi-line value ends the aligned group
        if not run:
            return
        rendered = [(k, hv(val, ind + 1)) for k, val in run]
        group: list = []

        def emit():
            if group:
                w = max(len(k) for k, _ in group)
                for k, txt in group:
                    out.append(pad + "  " + k.ljust(w) + " = " + txt)
                group.clear()

        for k, txt in rendered:
            group.append((k, txt))
            if "\n" in txt:
                emit()
        emit()
        run.clear()

    for it in blk.items:
        if it is None:
            flush_run()
            if out[-1] != "":
                out.append("")
        elif isinstance(it, Blk):
            flush_run()
            out.append(render(it, ind + 1))
        elif isinstance(it, tuple) and it[0] == "#":
            flush_run()
            out.append(pad + "  # " + it[1])
        else:
            k, val = it
            if val is _SKIP:
                continue
            run.append((k, val))
    flush_run()
    while out and out[-1] == "":
        out.pop()
    out.append(pad + "}")
    return "\n".join(out)


_SKIP = object()


def res(rtype: str, name: str, items: list) -> Blk:
    return Blk(f'resource "{rtype}" "{name}"', items)


def data(dtype: str, name: str, items: list) -> Blk:
    return Blk(f'data "{dtype}" "{name}"', items)


def jsonenc(v, quote_keys: bool = True) -> E:
    return E("jsonencode(" + hv(v, 0, quote_keys) + ")")


_RAW_RE = re.compile(r'"__RAW(\d+)__"')


def json_with_raw(obj, indent: int = 2) -> str:
    """json.dumps where E values are emitted unquoted (e.g. `${var.cpu}`)."""
    raws: list[str] = []

    def sub(o):
        if isinstance(o, E):
            raws.append(str(o))
            return f"__RAW{len(raws) - 1}__"
        if isinstance(o, dict):
            return {k: sub(v) for k, v in o.items()}
        if isinstance(o, list):
            return [sub(x) for x in o]
        return o

    text = json.dumps(sub(obj), indent=indent)
    return _RAW_RE.sub(lambda m: raws[int(m.group(1))], text)


def heredoc(text: str, rng: random.Random, marker: str | None = None,
            prefix: str = "", suffix: str = "") -> E:
    marker = marker or rng.choice(["EOF", "EOT", "JSON", "POLICY", "DEFINITION"])
    if rng.random() < 0.7:
        body = "\n".join(("  " + ln) if ln else ln for ln in text.split("\n"))
        return E(f"{prefix}<<-{marker}\n{body}\n{marker}{suffix}")
    return Flush(f"{prefix}<<{marker}\n{text}\n{marker}{suffix}")


# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

TEAMS = ["platform", "payments", "commerce", "identity", "data", "growth",
         "core", "infra", "security", "mobile", "search", "logistics"]
SERVICES = ["orders", "billing", "catalog", "auth", "inventory", "shipping",
            "notifications", "reporting", "analytics", "gateway", "users",
            "profile", "checkout", "ledger", "audit", "media", "ingest",
            "scheduler", "pricing", "recommendations", "fulfillment", "invoices",
            "accounts", "sessions", "webhooks", "exports", "imports", "tenants",
            "subscriptions", "messaging", "geo", "fraud", "kyc", "rewards"]
ENVS = ["dev", "staging", "prod", "qa", "sandbox", "perf"]
COMPONENTS = ["api", "worker", "admin", "web", "jobs", "consumer", "events",
              "sync", "public", "internal", "batch", "stream"]
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]

CATEGORIES = ["rds", "sg", "iam", "ecs", "ecr", "s3", "ec2", "kms",
              "dynamodb", "alb", "logs"]
CAT_WEIGHTS = [10, 12, 14, 14, 5, 11, 8, 5, 6, 7, 6]
CAT_FILE = {"rds": "rds", "sg": "security_groups", "iam": "iam", "ecs": "ecs",
            "ecr": "ecr", "s3": "s3", "ec2": "compute", "kms": "kms",
            "dynamodb": "dynamodb", "alb": "alb", "logs": "monitoring"}
SUBMODULE_CATS = ["rds", "sg", "s3", "ecs", "dynamodb", "iam", "alb"]

SECRETS = ["SuperSecret123!", "changeme", "P@ssw0rd2023", "admin1234",
           "hunter2hunter2", "Passw0rd!", "letmein-prod"]

# --------------------------------------------------------------------------
# Module context
# --------------------------------------------------------------------------


class Mod:
    def __init__(self, rng: random.Random, svc: str, env: str, p_bad: float,
                 is_sub: bool, has_tfvars: bool):
        self.rng = rng
        self.svc = svc
        self.env = env
        self.p_bad = p_bad
        self.is_sub = is_sub
        self.has_tfvars = has_tfvars
        self.vars: dict[str, dict] = {}
        self.locals: dict[str, E] = {}
        self.outputs: list[tuple] = []
        self.tfvars: dict[str, object] = {}
        self.call_inputs: dict[str, object] = {}  # submodule: values the parent passes
        self.names: dict[str, int] = {}
        self.once: set[str] = set()
        self.taskdefs: list[dict] = []  # container definitions usable for JSON files

    # -- randomness
    def bad(self) -> bool:
        return self.rng.random() < self.p_bad

    def ch(self, seq):
        return self.rng.choice(seq)

    def p(self, prob: float) -> bool:
        return self.rng.random() < prob

    # -- declarations
    def var(self, name, type_="string", default=_SKIP, desc=None, sensitive=False,
            validation=None) -> E:
        if name not in self.vars:
            self.vars[name] = {
                "type": type_, "default": default,
                "desc": desc or name.replace("_", " ").capitalize() + ".",
                "sensitive": sensitive, "validation": validation,
            }
        return E("var." + name)

    def local(self, name, expr) -> E:
        if name not in self.locals:
            self.locals[name] = E(expr) if not isinstance(expr, E) else expr
        return E("local." + name)

    def output(self, name, value, desc=None, sensitive=False):
        if all(o[0] != name for o in self.outputs):
            self.outputs.append((name, value, desc, sensitive))

    def uniq(self, rtype: str, base: str) -> str:
        key = rtype + "." + base
        n = self.names.get(key, 0)
        self.names[key] = n + 1
        return base if n == 0 else f"{base}_{n + 1}"

    # -- common expressions
    def prefix(self) -> E:
        self.local("name_prefix", '"${local.service}-${var.environment}"')
        self.local("service", "var.service_name")
        self.var("service_name", "string", self.svc, "Name of the service, used in resource names.")
        self.var("environment", "string", _SKIP, "Deployment environment.",
                 validation=('contains(["dev", "staging", "prod", "qa", "sandbox", "perf"], var.environment)',
                             "environment must be one of dev, staging, prod, qa, sandbox, perf."))
        return E("local.name_prefix")

    def name(self, suffix: str) -> E:
        self.prefix()
        return E(f'"${{local.name_prefix}}-{suffix}"')

    def tags(self, suffix: str | None = None) -> E:
        self.prefix()
        self.local("common_tags", E("merge(var.tags, " + hv({
            "Environment": E("var.environment"),
            "Service": E("local.service"),
            "Team": self.ch(TEAMS),
            "ManagedBy": "terraform",
            "Repository": f"github.com/acme/{self.svc}-infra",
        }) + ")"))
        self.var("tags", "map(string)", {}, "Additional tags applied to every resource.")
        if suffix is None or self.p(0.25):
            return E("local.common_tags")
        return E('merge(local.common_tags, {\n  Name = "${local.name_prefix}-' + suffix + '"\n})')

    def vpc_id(self) -> E:
        return self.var("vpc_id", "string", _SKIP, "ID of the VPC the service runs in.")

    def vpc_cidr(self) -> E:
        return self.var("vpc_cidr", "string", "10.0.0.0/16", "CIDR block of the VPC.",
                        validation=("can(cidrhost(var.vpc_cidr, 0))", "vpc_cidr must be a valid CIDR block."))

    def subnets(self, public: bool = False) -> E:
        n = "public_subnet_ids" if public else "private_subnet_ids"
        return self.var(n, "list(string)", _SKIP, f"{'Public' if public else 'Private'} subnet IDs.")

    def kms_arn(self) -> E:
        return self.var("kms_key_arn", "string", None,
                        "ARN of a customer managed KMS key; null uses the AWS managed key.")

    def account(self) -> E:
        self.once.add("caller_identity")
        return self.local("account_id", "data.aws_caller_identity.current.account_id")

    def region(self) -> E:
        self.once.add("region")
        return self.local("region", "data.aws_region.current.name")

    def knob(self, name: str, secure, insecure, desc: str, type_: str | None = None):
        """A security-relevant setting. Usually a literal; sometimes a variable
        whose value comes from terraform.tfvars or a module call. `bad()`
        decides whether the effective value is the insecure one."""
        bad = self.bad()
        if type_ is None:
            type_ = ("bool" if isinstance(secure, bool) else
                     "number" if isinstance(secure, int) else
                     "list(string)" if isinstance(secure, list) else "string")
        if self.is_sub and self.p(0.6):
            v = self.var(name, type_, secure, desc)
            if bad:
                self.call_inputs[name] = insecure
            elif self.p(0.4):
                self.call_inputs[name] = secure
            return v
        if self.has_tfvars and self.p(0.3):
            v = self.var(name, type_, secure, desc)
            if bad:
                self.tfvars[name] = insecure
            elif self.p(0.5):
                self.tfvars[name] = secure
            return v
        if self.p(0.1):
            # insecure value hidden in a variable default
            return self.var(name, type_, insecure if bad else secure, desc)
        return insecure if bad else secure


# --------------------------------------------------------------------------
# Resource generators: each returns a list of top-level blocks
# --------------------------------------------------------------------------


def sg_block(m: Mod, comp: str, what: str, ingress: list[dict], egress_all=True,
             dynamic_var: str | None = None) -> tuple[str, Blk]:
    n = m.uniq("aws_security_group", f"{comp}_{what}")
    items: list = [
        ("name", m.name(f"{comp}-{what}") if m.p(0.5) else _SKIP),
        ("description", f"Security group for the {comp} {what}"),
        ("vpc_id", m.vpc_id()),
        None,
    ]
    if items[0][1] is _SKIP:
        items[0] = ("name_prefix", E(f'"${{local.name_prefix}}-{comp}-{what}-"'))
    for r in ingress:
        items.append(Blk("ingress", [(k, v) for k, v in r.items()]))
    if dynamic_var:
        items.append(Blk('dynamic "ingress"', [
            ("for_each", E("var." + dynamic_var)),
            Blk("content", [
                ("description", E("ingress.value.description")),
                ("from_port", E("ingress.value.from_port")),
                ("to_port", E("ingress.value.to_port")),
                ("protocol", E("ingress.value.protocol")),
                ("cidr_blocks", E("ingress.value.cidr_blocks")),
            ]),
        ]))
    if egress_all:
        items.append(Blk("egress", [
            ("description", "Allow all outbound traffic"),
            ("from_port", 0), ("to_port", 0), ("protocol", "-1"),
            ("cidr_blocks", ["0.0.0.0/0"]),
            ("ipv6_cidr_blocks", ["::/0"]) if m.p(0.3) else ("x", _SKIP),
        ]))
    else:
        items.append(Blk("egress", [
            ("description", "HTTPS to AWS APIs"),
            ("from_port", 443), ("to_port", 443), ("protocol", "tcp"),
            ("cidr_blocks", ["0.0.0.0/0"]),
        ]))
    items.append(None)
    items.append(("tags", m.tags(f"{comp}-{what}")))
    if m.p(0.5):
        items.append(None)
        items.append(Blk("lifecycle", [("create_before_destroy", True)]))
    return n, res("aws_security_group", n, items)


def gen_sg(m: Mod, comp: str) -> list[Blk]:
    rng = m.rng
    out = []
    port = m.ch([8080, 3000, 8000, 9090, 5000])
    m.local(f"{comp}_port", str(port))
    # bastion / app SG with inline rules
    ssh_cidr = m.knob(f"{comp}_ssh_cidr_blocks", ["10.0.0.0/8"],
                      ["0.0.0.0/0"], f"CIDR blocks allowed to SSH to {comp} hosts.")
    m.vpc_cidr()
    ingress = [
        {"description": "App traffic from the VPC", "from_port": E(f"local.{comp}_port"),
         "to_port": E(f"local.{comp}_port"), "protocol": "tcp", "cidr_blocks": [E("var.vpc_cidr")]},
        {"description": "SSH from the corporate network", "from_port": 22, "to_port": 22,
         "protocol": "tcp", "cidr_blocks": ssh_cidr},
    ]
    if m.p(0.4):
        ingress.append({"description": "Health checks", "from_port": 8081, "to_port": 8081,
                        "protocol": "tcp", "self": True})
    dyn = None
    if m.p(0.45):
        dyn = f"{comp}_ingress_rules"
        bad = m.bad()
        m.var(dyn, "list(object({\n  description = string\n  from_port   = number\n  to_port     = number\n"
                   "  protocol    = string\n  cidr_blocks = list(string)\n}))", [
            {"description": "HTTPS from the VPC", "from_port": 443, "to_port": 443, "protocol": "tcp",
             "cidr_blocks": ["10.0.0.0/8"]},
            {"description": "RDP from anywhere" if bad else "Metrics scraping",
             "from_port": 3389 if bad else 9100, "to_port": 3389 if bad else 9100, "protocol": "tcp",
             "cidr_blocks": ["0.0.0.0/0"] if bad else ["10.20.0.0/16"]},
        ], f"Extra ingress rules for the {comp} security group.")
    sg_name, blk = sg_block(m, comp, "app", ingress, egress_all=m.p(0.7), dynamic_var=dyn)
    out.append(blk)
    m.output(f"{comp}_security_group_id", E(f"aws_security_group.{sg_name}.id"),
             f"ID of the {comp} security group.")

    # standalone rules
    lb_sg = m.uniq("aws_security_group", f"{comp}_lb")
    out.append(res("aws_security_group", lb_sg, [
        ("name", m.name(f"{comp}-lb")),
        ("description", f"Load balancer in front of {comp}"),
        ("vpc_id", m.vpc_id()),
        ("tags", m.tags(f"{comp}-lb")),
    ]))
    r1 = m.uniq("aws_security_group_rule", f"{comp}_lb_https")
    out.append(res("aws_security_group_rule", r1, [
        ("type", "ingress"),
        ("description", "HTTPS from the internet"),
        ("from_port", 443), ("to_port", 443), ("protocol", "tcp"),
        ("cidr_blocks", ["0.0.0.0/0"]),
        ("security_group_id", E(f"aws_security_group.{lb_sg}.id")),
    ]))
    r2 = m.uniq("aws_security_group_rule", f"{comp}_from_lb")
    out.append(res("aws_security_group_rule", r2, [
        ("type", "ingress"),
        ("description", "Traffic from the load balancer"),
        ("from_port", E(f"local.{comp}_port")), ("to_port", E(f"local.{comp}_port")),
        ("protocol", "tcp"),
        ("source_security_group_id", E(f"aws_security_group.{lb_sg}.id")),
        ("security_group_id", E(f"aws_security_group.{sg_name}.id")),
    ]))
    if m.p(0.5):
        cidrs = m.var(f"{comp}_admin_cidrs", "list(string)", ["10.100.0.0/16", "10.101.0.0/16"],
                      "CIDRs of the admin VPN.")
        bad = m.bad()
        r3 = m.uniq("aws_security_group_rule", f"{comp}_admin")
        out.append(res("aws_security_group_rule", r3, [
            ("for_each", E(f"toset({cidrs})") if not bad else _SKIP),
            ("type", "ingress"),
            ("description", "Admin access" + ("" if not bad else " (temporary)")),
            ("from_port", 22 if bad else 8443), ("to_port", 22 if bad else 8443), ("protocol", "tcp"),
            ("cidr_blocks", [E("each.value")] if not bad else ["0.0.0.0/0"]),
            ("security_group_id", E(f"aws_security_group.{sg_name}.id")),
        ]))
    # vpc_security_group_ingress_rule (newer resource)
    for i, (p_, d_) in enumerate(rng.sample([(443, "HTTPS"), (80, "HTTP"), (8443, "Admin TLS"), (6443, "K8s API"),
                                             (5432, "PostgreSQL"), (6379, "Redis")], rng.randint(1, 3))):
        rn = m.uniq("aws_vpc_security_group_ingress_rule", f"{comp}_{d_.lower().replace(' ', '_')}")
        if p_ in (5432, 6379) and m.bad():
            cidr = "0.0.0.0/0"
        elif p_ in (443, 80):
            cidr = E("var.vpc_cidr") if m.p(0.5) else "0.0.0.0/0"
        else:
            cidr = E("var.vpc_cidr")
        out.append(res("aws_vpc_security_group_ingress_rule", rn, [
            ("security_group_id", E(f"aws_security_group.{sg_name}.id")),
            ("description", d_),
            ("cidr_ipv4", cidr),
            ("from_port", p_), ("to_port", p_), ("ip_protocol", "tcp"),
            None, ("tags", m.tags(f"{comp}-{p_}")),
        ]))
    eg = m.uniq("aws_vpc_security_group_egress_rule", f"{comp}_all")
    out.append(res("aws_vpc_security_group_egress_rule", eg, [
        ("security_group_id", E(f"aws_security_group.{lb_sg}.id")),
        ("cidr_ipv4", E("var.vpc_cidr")),
        ("ip_protocol", "-1"),
    ]))
    return out


def gen_rds(m: Mod, comp: str) -> list[Blk]:
    out = []
    engine, version, port, family = m.ch([
        ("postgres", "15.5", 5432, "postgres15"), ("postgres", "16.2", 5432, "postgres16"),
        ("mysql", "8.0.36", 3306, "mysql8.0"), ("aurora-postgresql", "15.4", 5432, "aurora-postgresql15"),
        ("aurora-mysql", "8.0.mysql_aurora.3.05.2", 3306, "aurora-mysql8.0")])
    aurora = engine.startswith("aurora")
    m.local(f"{comp}_db_port", str(port))
    m.vpc_cidr()
    # security group for the db
    sgn = m.uniq("aws_security_group", f"{comp}_db")
    out.append(res("aws_security_group", sgn, [
        ("name", m.name(f"{comp}-db")),
        ("description", f"Access to the {comp} database"),
        ("vpc_id", m.vpc_id()),
        None,
        Blk("ingress", [
            ("description", "Database from the VPC"),
            ("from_port", E(f"local.{comp}_db_port")),
            ("to_port", E(f"local.{comp}_db_port")),
            ("protocol", "tcp"),
            ("cidr_blocks", ["0.0.0.0/0"] if m.bad() else [E("var.vpc_cidr")]),
        ]),
        None,
        ("tags", m.tags(f"{comp}-db")),
    ]))
    subn = m.uniq("aws_db_subnet_group", comp)
    out.append(res("aws_db_subnet_group", subn, [
        ("name", m.name(f"{comp}-db")),
        ("description", f"Subnets for the {comp} database"),
        ("subnet_ids", m.subnets()),
        ("tags", m.tags(f"{comp}-db")),
    ]))
    pg_type = "aws_rds_cluster_parameter_group" if aurora else "aws_db_parameter_group"
    pgn = m.uniq(pg_type, comp)
    params = ([("log_min_duration_statement", "500"), ("rds.force_ssl", "1"),
               ("log_connections", "1"), ("shared_preload_libraries", "pg_stat_statements")]
              if "postgres" in engine else
              [("require_secure_transport", "ON"), ("slow_query_log", "1"),
               ("long_query_time", "2"), ("character_set_server", "utf8mb4")])
    out.append(res(pg_type, pgn, [
        ("name", m.name(f"{comp}-{family.replace('.', '-')}")),
        ("family", family),
        ("description", f"Parameters for {comp}"),
        None,
        *[Blk("parameter", [("name", k), ("value", v),
                            ("apply_method", "pending-reboot") if k.startswith(("shared", "rds")) else ("a", _SKIP)])
          for k, v in params],
        None,
        ("tags", m.tags()),
    ]))

    # credentials
    pw_mode = m.ch(["managed", "managed", "random", "var"])
    literal_pw = m.bad()
    pw_items: list = []
    user = m.ch(["app", "admin", "dbadmin", comp.replace("-", "_")])
    if literal_pw:
        if m.p(0.6):
            m.local(f"{comp}_db_password", hstr(m.ch(SECRETS)))
            pw = E(f"local.{comp}_db_password")
        else:
            pw = m.ch(SECRETS)
        pw_items = [("password" if not aurora else "master_password", pw)]
    elif pw_mode == "managed":
        pw_items = [("manage_master_user_password", True),
                    ("master_user_secret_kms_key_id", m.kms_arn())]
    elif pw_mode == "random":
        rp = m.uniq("random_password", f"{comp}_db")
        out.append(res("random_password", rp, [
            ("length", 32), ("special", True), ("override_special", "!#$%&*()-_=+[]{}<>:?"),
        ]))
        pw_items = [("password" if not aurora else "master_password", E(f"random_password.{rp}.result"))]
    else:
        v = m.var(f"{comp}_db_password", "string", _SKIP, f"Master password for the {comp} database.",
                  sensitive=True)
        pw_items = [("password" if not aurora else "master_password", v)]

    public = m.knob(f"{comp}_db_publicly_accessible", False, True,
                    f"Whether the {comp} database gets a public address.")
    encrypted = m.knob(f"{comp}_db_storage_encrypted", True, False,
                       f"Encrypt the {comp} database storage.")
    klass = m.var(f"{comp}_db_instance_class", "string",
                  m.ch(["db.t4g.medium", "db.r6g.large", "db.r6g.xlarge", "db.m6g.large"]),
                  f"Instance class of the {comp} database.")
    backup = m.var("backup_retention_days", "number", m.ch([7, 14, 30, 35]),
                   "Days of automated backups to keep.")
    is_prod = E('var.environment == "prod"')
    if not aurora:
        n = m.uniq("aws_db_instance", comp)
        out.append(res("aws_db_instance", n, [
            ("identifier", m.name(f"{comp}")),
            ("engine", engine),
            ("engine_version", version),
            ("instance_class", klass),
            ("allocated_storage", m.ch([20, 50, 100, 200])),
            ("max_allocated_storage", m.ch([200, 500, 1000])),
            ("storage_type", "gp3"),
            ("storage_encrypted", encrypted),
            ("kms_key_id", m.kms_arn()),
            None,
            ("db_name", comp.replace("-", "_")),
            ("username", user),
            *pw_items,
            ("port", E(f"local.{comp}_db_port")),
            None,
            ("db_subnet_group_name", E(f"aws_db_subnet_group.{subn}.name")),
            ("vpc_security_group_ids", [E(f"aws_security_group.{sgn}.id")]),
            ("parameter_group_name", E(f"aws_db_parameter_group.{pgn}.name")),
            ("publicly_accessible", public),
            ("multi_az", is_prod),
            ("ca_cert_identifier", "rds-ca-rsa2048-g1") if m.p(0.5) else ("x", _SKIP),
            None,
            ("backup_retention_period", backup),
            ("backup_window", "03:00-04:00"),
            ("maintenance_window", m.ch(["sun:05:00-sun:06:00", "mon:04:00-mon:05:00"])),
            ("copy_tags_to_snapshot", True),
            ("deletion_protection", is_prod),
            ("skip_final_snapshot", E('var.environment != "prod"')),
            ("final_snapshot_identifier", E(f'"${{local.name_prefix}}-{comp}-final"')),
            ("auto_minor_version_upgrade", True),
            ("apply_immediately", False),
            None,
            ("iam_database_authentication_enabled", m.knob(f"{comp}_db_iam_auth", True, False,
                                                            "Enable IAM database authentication.")),
            ("performance_insights_enabled", True),
            ("performance_insights_kms_key_id", m.kms_arn()),
            ("performance_insights_retention_period", 7),
            ("monitoring_interval", 60),
            ("enabled_cloudwatch_logs_exports",
             ["postgresql", "upgrade"] if "postgres" in engine else ["audit", "error", "slowquery"]),
            None,
            ("tags", m.tags(f"{comp}-db")),
            None,
            Blk("lifecycle", [("ignore_changes", [E("password")] if pw_items[0][0] == "password" else
                                                 [E("engine_version")])]) if m.p(0.5) else ("x", _SKIP),
        ]))
        m.output(f"{comp}_db_endpoint", E(f"aws_db_instance.{n}.endpoint"), f"Endpoint of the {comp} database.")
        m.output(f"{comp}_db_arn", E(f"aws_db_instance.{n}.arn"))
    else:
        n = m.uniq("aws_rds_cluster", comp)
        cnt = m.var(f"{comp}_db_instance_count", "number", m.ch([1, 2, 3]),
                    f"Number of {comp} cluster instances.")
        out.append(res("aws_rds_cluster", n, [
            ("cluster_identifier", m.name(comp)),
            ("engine", engine),
            ("engine_version", version),
            ("engine_mode", "provisioned") if m.p(0.4) else ("x", _SKIP),
            ("database_name", comp.replace("-", "_")),
            ("master_username", user),
            *[("master_password", v) if k == "password" else (k, v) for k, v in pw_items],
            ("port", E(f"local.{comp}_db_port")),
            None,
            ("db_subnet_group_name", E(f"aws_db_subnet_group.{subn}.name")),
            ("db_cluster_parameter_group_name", E(f"aws_rds_cluster_parameter_group.{pgn}.name")),
            ("vpc_security_group_ids", [E(f"aws_security_group.{sgn}.id")]),
            None,
            ("storage_encrypted", encrypted),
            ("kms_key_id", m.kms_arn()),
            ("backup_retention_period", backup),
            ("preferred_backup_window", "02:00-03:00"),
            ("copy_tags_to_snapshot", True),
            ("deletion_protection", is_prod),
            ("skip_final_snapshot", E('var.environment != "prod"')),
            ("final_snapshot_identifier", E(f'"${{local.name_prefix}}-{comp}-final"')),
            ("iam_database_authentication_enabled", True),
            ("enabled_cloudwatch_logs_exports",
             ["postgresql"] if "postgres" in engine else ["audit", "error", "slowquery"]),
            None,
            ("tags", m.tags(f"{comp}-db")),
        ]))
        ci = m.uniq("aws_rds_cluster_instance", comp)
        out.append(res("aws_rds_cluster_instance", ci, [
            ("count", cnt),
            None,
            ("identifier", E(f'"${{local.name_prefix}}-{comp}-${{count.index}}"')),
            ("cluster_identifier", E(f"aws_rds_cluster.{n}.id")),
            ("instance_class", klass),
            ("engine", E(f"aws_rds_cluster.{n}.engine")),
            ("engine_version", E(f"aws_rds_cluster.{n}.engine_version")),
            ("db_subnet_group_name", E(f"aws_db_subnet_group.{subn}.name")),
            ("publicly_accessible", public),
            ("performance_insights_enabled", True),
            ("auto_minor_version_upgrade", True),
            ("tags", m.tags()),
        ]))
        m.output(f"{comp}_cluster_endpoint", E(f"aws_rds_cluster.{n}.endpoint"))
        m.output(f"{comp}_reader_endpoint", E(f"aws_rds_cluster.{n}.reader_endpoint"))
    return out


def policy_statements(m: Mod, comp: str, bad: bool) -> list[dict]:
    acct = m.account()
    reg = m.region()
    pool = [
        {"Sid": "ReadConfig", "Effect": "Allow",
         "Action": ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
         "Resource": E(f'"arn:aws:ssm:${{{reg}}}:${{{acct}}}:parameter/${{local.name_prefix}}/*"')},
        {"Sid": "Secrets", "Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"],
         "Resource": E(f'"arn:aws:secretsmanager:${{{reg}}}:${{{acct}}}:secret:${{local.name_prefix}}/{comp}-*"')},
        {"Sid": "Queue", "Effect": "Allow",
         "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:SendMessage"],
         "Resource": E(f'"arn:aws:sqs:${{{reg}}}:${{{acct}}}:${{local.name_prefix}}-{comp}*"')},
        {"Sid": "Table", "Effect": "Allow",
         "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem",
                    "dynamodb:BatchGetItem"],
         "Resource": [E(f'"arn:aws:dynamodb:${{{reg}}}:${{{acct}}}:table/${{local.name_prefix}}-{comp}"'),
                      E(f'"arn:aws:dynamodb:${{{reg}}}:${{{acct}}}:table/${{local.name_prefix}}-{comp}/index/*"')]},
        {"Sid": "Objects", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
         "Resource": E(f'"arn:aws:s3:::${{local.name_prefix}}-{comp}-data/*"')},
        {"Sid": "Decrypt", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
         "Resource": "*",
         "Condition": {"StringEquals": {"kms:ViaService": E(f'"s3.${{{reg}}}.amazonaws.com"')}}},
        {"Sid": "Logs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
         "Resource": E(f'"arn:aws:logs:${{{reg}}}:${{{acct}}}:log-group:/ecs/${{local.name_prefix}}*:*"')},
        {"Sid": "Xray", "Effect": "Allow", "Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
         "Resource": "*"},
    ]
    st = m.rng.sample(pool, m.rng.randint(2, 5))
    if bad:
        st.append(m.ch([
            {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Sid": "S3Everything", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
            {"Sid": "IamPassRole", "Effect": "Allow", "Action": ["iam:*"], "Resource": "*"},
            {"Sid": "Everything", "Effect": "Allow", "NotAction": ["iam:DeleteUser"], "Resource": "*"},
        ]))
    return st


def assume_role(service: str, m: Mod, bad: bool = False) -> dict:
    st = {"Effect": "Allow", "Action": "sts:AssumeRole",
          "Principal": {"Service": service} if not bad else {"AWS": "*"}}
    if not bad and service == "ecs-tasks.amazonaws.com" and m.p(0.4):
        st["Condition"] = {"StringEquals": {"aws:SourceAccount": E(str(m.account()))}}
    return {"Version": "2012-10-17", "Statement": [st]}


def stmt_to_hcl_doc(st: dict) -> Blk:
    items: list = []
    if "Sid" in st:
        items.append(("sid", st["Sid"]))
    items.append(("effect", st["Effect"]))
    for key, attr in (("Action", "actions"), ("NotAction", "not_actions")):
        if key in st:
            a = st[key]
            items.append((attr, a if isinstance(a, list) else [a]))
    if "Resource" in st:
        r = st["Resource"]
        items.append(("resources", r if isinstance(r, list) else [r]))
    if "Principal" in st:
        for t, idents in st["Principal"].items():
            items.append(Blk("principals", [("type", t), ("identifiers", idents if isinstance(idents, list) else [idents])]))
    for test, kv in st.get("Condition", {}).items():
        for var, val in kv.items():
            items.append(Blk("condition", [("test", test), ("variable", var),
                                           ("values", val if isinstance(val, list) else [val])]))
    return Blk("statement", items)


def stmt_to_json(st):
    """Statement dict → plain JSON-able with E converted to template strings."""
    if isinstance(st, E):
        s = str(st)
        return s[1:-1] if s.startswith('"') else "${" + s + "}"
    if isinstance(st, dict):
        return {k: stmt_to_json(v) for k, v in st.items()}
    if isinstance(st, list):
        return [stmt_to_json(x) for x in st]
    return st


def gen_iam(m: Mod, comp: str) -> list[Blk]:
    out = []
    svc = m.ch(["ecs-tasks.amazonaws.com", "ecs-tasks.amazonaws.com", "ec2.amazonaws.com",
                "lambda.amazonaws.com"])
    role = m.uniq("aws_iam_role", comp)
    bad_trust = m.bad() and m.p(0.3)
    form = m.rng.random()
    if form < 0.6:
        arp = jsonenc(assume_role(svc, m, bad_trust))
    else:
        dn = m.uniq("aws_iam_policy_document", f"{comp}_assume")
        st = assume_role(svc, m, bad_trust)["Statement"][0]
        out.append(data("aws_iam_policy_document", dn, [stmt_to_hcl_doc(st)]))
        arp = E(f"data.aws_iam_policy_document.{dn}.json")
    out.append(res("aws_iam_role", role, [
        ("name", m.name(f"{comp}-role")),
        ("description", f"Role assumed by the {comp} workload"),
        ("path", "/service/") if m.p(0.3) else ("x", _SKIP),
        ("assume_role_policy", arp),
        ("max_session_duration", 3600),
        ("permissions_boundary", m.var("permissions_boundary_arn", "string", None,
                                       "Permissions boundary attached to every role.")) if m.p(0.3) else ("x", _SKIP),
        None,
        ("tags", m.tags(f"{comp}-role")),
    ]))
    m.output(f"{comp}_role_arn", E(f"aws_iam_role.{role}.arn"), f"ARN of the {comp} role.")

    for i in range(m.rng.randint(1, 3)):
        bad = m.bad()
        sts = policy_statements(m, comp, bad)
        style = m.ch(["jsonencode", "jsonencode", "heredoc", "document"])
        if style == "jsonencode":
            pol = jsonenc({"Version": "2012-10-17", "Statement": sts}, quote_keys=m.p(0.3))
        elif style == "heredoc":
            pol = heredoc(json.dumps({"Version": "2012-10-17", "Statement": stmt_to_json(sts)}, indent=2),
                          m.rng, "POLICY")
        else:
            dn = m.uniq("aws_iam_policy_document", f"{comp}_{i}")
            out.append(data("aws_iam_policy_document", dn, [stmt_to_hcl_doc(s) for s in sts]))
            pol = E(f"data.aws_iam_policy_document.{dn}.json")
        if m.p(0.5):
            pn = m.uniq("aws_iam_policy", f"{comp}_{i}")
            out.append(res("aws_iam_policy", pn, [
                ("name", m.name(f"{comp}-policy-{i}")),
                ("description", f"Permissions for {comp}"),
                ("policy", pol),
                ("tags", m.tags()),
            ]))
            an = m.uniq("aws_iam_role_policy_attachment", f"{comp}_{i}")
            out.append(res("aws_iam_role_policy_attachment", an, [
                ("role", E(f"aws_iam_role.{role}.name")),
                ("policy_arn", E(f"aws_iam_policy.{pn}.arn")),
            ]))
        else:
            pn = m.uniq("aws_iam_role_policy", f"{comp}_{i}")
            out.append(res("aws_iam_role_policy", pn, [
                ("name", f"{comp}-inline-{i}"),
                ("role", E(f"aws_iam_role.{role}.id")),
                ("policy", pol),
            ]))
    managed = m.rng.sample([
        "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
        "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
        "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
    ], m.rng.randint(1, 2))
    if m.bad():
        managed.append("arn:aws:iam::aws:policy/AdministratorAccess")
    an = m.uniq("aws_iam_role_policy_attachment", f"{comp}_managed")
    out.append(res("aws_iam_role_policy_attachment", an, [
        ("for_each", E("toset(" + hv(managed, 0) + ")")),
        None,
        ("role", E(f"aws_iam_role.{role}.name")),
        ("policy_arn", E("each.value")),
    ]))
    if svc == "ec2.amazonaws.com":
        ip = m.uniq("aws_iam_instance_profile", comp)
        out.append(res("aws_iam_instance_profile", ip, [
            ("name", m.name(f"{comp}-profile")),
            ("role", E(f"aws_iam_role.{role}.name")),
        ]))
    return out


def container_def(m: Mod, comp: str, cname: str, main: bool, hcl: bool) -> dict:
    """One container definition. `hcl` True → E values are HCL expressions
    (for jsonencode); otherwise strings with ${} interpolations."""
    def x(expr: str):
        return E(expr) if hcl else "${" + expr + "}"

    m.var("image_tag", "string", "latest" if m.bad() else "1.0.0", "Container image tag to deploy.")
    repo = m.var(f"{comp}_image_repository", "string",
                 f"123456789012.dkr.ecr.us-east-1.amazonaws.com/{m.svc}-{comp}",
                 f"ECR repository of the {comp} image.")
    m.region()
    port = m.ch([8080, 3000, 8000, 9000])
    cd: dict = {"name": cname}
    if main:
        cd["image"] = E(f'"${{{repo}}}:${{var.image_tag}}"') if hcl else f"${{{repo}}}:${{var.image_tag}}"
    else:
        cd["image"] = m.ch(["public.ecr.aws/datadog/agent:7.50.3", "public.ecr.aws/aws-observability/aws-otel-collector:v0.38.1",
                            "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.27.2.0-prod",
                            "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0"])
    cd["essential"] = main
    cd["cpu"] = m.ch([128, 256, 512]) if main else 64
    cd["memory"] = m.ch([512, 1024, 2048]) if main else 256
    if main and m.p(0.5):
        cd["memoryReservation"] = cd["memory"] // 2
    if main:
        cd["portMappings"] = [{"containerPort": port, "hostPort": port, "protocol": "tcp", "name": "http"}]
        env = [{"name": "ENVIRONMENT", "value": x("var.environment")},
               {"name": "SERVICE_NAME", "value": cname},
               {"name": "PORT", "value": str(port)},
               {"name": "LOG_LEVEL", "value": m.ch(["info", "warn", "debug"])},
               {"name": "AWS_REGION", "value": x("local.region")}]
        if m.p(0.5):
            env.append({"name": "OTEL_EXPORTER_OTLP_ENDPOINT", "value": "http://localhost:4317"})
        if m.bad():
            env.append({"name": m.ch(["DB_PASSWORD", "API_SECRET", "AWS_SECRET_ACCESS_KEY", "STRIPE_API_KEY"]),
                        "value": m.ch(SECRETS + ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"])})
        cd["environment"] = env
        acct = m.account()
        cd["secrets"] = [
            {"name": "DATABASE_URL", "valueFrom":
                E(f'"arn:aws:secretsmanager:${{local.region}}:${{{acct}}}:secret:${{local.name_prefix}}/{comp}/database-url"')
                if hcl else f"arn:aws:secretsmanager:${{local.region}}:${{{acct}}}:secret:${{local.name_prefix}}/{comp}/database-url"},
            {"name": "API_TOKEN", "valueFrom":
                E(f'"arn:aws:ssm:${{local.region}}:${{{acct}}}:parameter/${{local.name_prefix}}/{comp}/api-token"')
                if hcl else f"arn:aws:ssm:${{local.region}}:${{{acct}}}:parameter/${{local.name_prefix}}/{comp}/api-token"},
        ]
        cd["healthCheck"] = {"command": ["CMD-SHELL", f"curl -fsS http://localhost:{port}/health || exit 1"],
                             "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 60}
    if not m.bad():
        lg = m.local(f"{comp}_log_group", f'"/ecs/${{local.name_prefix}}/{comp}"')
        cd["logConfiguration"] = {"logDriver": "awslogs", "options": {
            "awslogs-group": x(str(lg)), "awslogs-region": x("local.region"),
            "awslogs-stream-prefix": cname}}
    if m.bad():
        cd["privileged"] = True
    if main:
        cd["readonlyRootFilesystem"] = not m.bad()
        cd["user"] = "0" if m.bad() else "1000:1000"
        cd["linuxParameters"] = {"initProcessEnabled": True,
                                 "capabilities": {"drop": ["ALL"]} if not m.bad() else {"add": ["SYS_ADMIN"]}}
        cd["mountPoints"] = [{"sourceVolume": "tmp", "containerPath": "/tmp", "readOnly": False}]
        cd["ulimits"] = [{"name": "nofile", "softLimit": 65536, "hardLimit": 65536}]
        if m.p(0.3):
            cd["dependsOn"] = [{"containerName": "log-router", "condition": "START"}]
    return cd


def gen_ecs(m: Mod, comp: str) -> list[Blk]:
    out = []
    rng = m.rng
    if "ecs_cluster" not in m.once:
        m.once.add("ecs_cluster")
        out.append(res("aws_ecs_cluster", "this", [
            ("name", m.prefix()),
            None,
            Blk("setting", [("name", "containerInsights"), ("value", "disabled" if m.bad() else "enabled")]),
            Blk("configuration", [Blk("execute_command_configuration", [
                ("kms_key_id", m.kms_arn()),
                ("logging", "DEFAULT"),
            ])]) if m.p(0.5) else ("x", _SKIP),
            None,
            ("tags", m.tags()),
        ]))
        m.output("ecs_cluster_arn", E("aws_ecs_cluster.this.arn"), "ARN of the ECS cluster.")
    lg = m.uniq("aws_cloudwatch_log_group", comp)
    m.local(f"{comp}_log_group", f'"/ecs/${{local.name_prefix}}/{comp}"')
    out.append(res("aws_cloudwatch_log_group", lg, [
        ("name", E(f"local.{comp}_log_group")),
        ("retention_in_days", m.var("log_retention_days", "number", m.ch([30, 90, 365]),
                                    "How long to keep container logs.")),
        ("kms_key_id", m.kms_arn()),
        ("tags", m.tags()),
    ]))
    exe = m.uniq("aws_iam_role", f"{comp}_execution")
    out.append(res("aws_iam_role", exe, [
        ("name", m.name(f"{comp}-exec")),
        ("assume_role_policy", jsonenc(assume_role("ecs-tasks.amazonaws.com", m), quote_keys=m.p(0.5))),
        ("tags", m.tags()),
    ]))
    out.append(res("aws_iam_role_policy_attachment", m.uniq("aws_iam_role_policy_attachment", f"{comp}_execution"), [
        ("role", E(f"aws_iam_role.{exe}.name")),
        ("policy_arn", "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"),
    ]))

    cpu = m.var(f"{comp}_cpu", "number", m.ch([256, 512, 1024, 2048]), f"Task CPU units for {comp}.")
    mem = m.var(f"{comp}_memory", "number", m.ch([512, 1024, 2048, 4096]), f"Task memory (MiB) for {comp}.")
    workers = m.p(0.25)
    if workers:
        # for_each over a map of workers
        wl = {f"{w}": {"command": ["bundle", "exec", "sidekiq", "-q", w] if m.p(0.5) else ["node", f"dist/{w}.js"],
                       "cpu": m.ch([256, 512]), "memory": m.ch([512, 1024])}
              for w in rng.sample(["mailer", "exports", "billing", "cleanup", "webhooks", "indexer"], 3)}
        m.local(f"{comp}_workers", E(hv(wl)))
        td = m.uniq("aws_ecs_task_definition", f"{comp}_workers")
        cd = container_def(m, comp, "worker", True, True)
        cd["name"] = E("each.key")
        cd["command"] = E("each.value.command")
        cd["cpu"] = E("each.value.cpu")
        cd["memory"] = E("each.value.memory")
        cd.pop("portMappings", None)
        cd.pop("healthCheck", None)
        if "logConfiguration" in cd:
            cd["logConfiguration"]["options"]["awslogs-stream-prefix"] = E("each.key")
        out.append(res("aws_ecs_task_definition", td, [
            ("for_each", E(f"local.{comp}_workers")),
            None,
            ("family", E(f'"${{local.name_prefix}}-{comp}-${{each.key}}"')),
            ("requires_compatibilities", ["FARGATE"]),
            ("network_mode", "awsvpc"),
            ("cpu", E("each.value.cpu")),
            ("memory", E("each.value.memory")),
            ("execution_role_arn", E(f"aws_iam_role.{exe}.arn")),
            ("task_role_arn", m.var(f"{comp}_task_role_arn", "string", None, "Task role ARN.")),
            None,
            ("container_definitions", jsonenc([cd], quote_keys=False)),
            None,
            Blk("volume", [("name", "tmp")]),
            ("tags", m.tags()),
        ]))
    names = [comp] + rng.sample(["log-router", "datadog-agent", "envoy", "otel-collector"], rng.randint(0, 2))
    style = m.rng.random()
    defs = [container_def(m, comp, cn, i == 0, style < 0.6) for i, cn in enumerate(names)]
    if style < 0.6:
        if m.p(0.3):
            # environment built with a for expression over a local map
            envl = {e["name"]: e["value"] for e in defs[0].get("environment", [])}
            m.local(f"{comp}_env", E(hv(envl)))
            defs[0]["environment"] = E(f"[for k, v in local.{comp}_env : {{ name = k, value = v }}]")
        cdefs = jsonenc(defs, quote_keys=m.p(0.3))
    else:
        raw = []
        for d in defs:
            d = dict(d)
            if m.p(0.5) and isinstance(d.get("cpu"), int) and d is not None and d["name"] == comp:
                d["cpu"] = E("${var.%s_container_cpu}" % comp)
                m.var(f"{comp}_container_cpu", "number", 256, "CPU units of the main container.")
            raw.append(d)
        cdefs = heredoc(json_with_raw(raw), rng, m.ch(["DEFINITION", "EOF", "TASK"]))
    m.taskdefs.append({"comp": comp, "names": names})
    td = m.uniq("aws_ecs_task_definition", comp)
    out.append(res("aws_ecs_task_definition", td, [
        ("family", m.name(comp)),
        ("requires_compatibilities", ["FARGATE"]),
        ("network_mode", "awsvpc"),
        ("cpu", cpu),
        ("memory", mem),
        ("execution_role_arn", E(f"aws_iam_role.{exe}.arn")),
        ("task_role_arn", m.var(f"{comp}_task_role_arn", "string", None, "Task role ARN.")),
        None,
        ("container_definitions", cdefs),
        None,
        Blk("runtime_platform", [("operating_system_family", "LINUX"),
                                 ("cpu_architecture", m.ch(["X86_64", "ARM64"]))]),
        Blk("volume", [("name", "tmp")]),
        None,
        ("tags", m.tags(comp)),
    ]))
    m.output(f"{comp}_task_definition_arn", E(f"aws_ecs_task_definition.{td}.arn"))

    sgn = m.uniq("aws_security_group", f"{comp}_service")
    out.append(res("aws_security_group", sgn, [
        ("name", m.name(f"{comp}-svc")),
        ("description", f"ECS service {comp}"),
        ("vpc_id", m.vpc_id()),
        None,
        Blk("egress", [("from_port", 0), ("to_port", 0), ("protocol", "-1"), ("cidr_blocks", ["0.0.0.0/0"])]),
        None,
        ("tags", m.tags()),
    ]))
    sv = m.uniq("aws_ecs_service", comp)
    public_ip = m.knob(f"{comp}_assign_public_ip", False, True, f"Give {comp} tasks a public IP.")
    tg = m.var(f"{comp}_target_group_arn", "string", None, "Target group to register tasks in.")
    out.append(res("aws_ecs_service", sv, [
        ("name", E(f'"{comp}"') if m.p(0.3) else m.name(comp)),
        ("cluster", E("aws_ecs_cluster.this.id")),
        ("task_definition", E(f"aws_ecs_task_definition.{td}.arn")),
        ("desired_count", m.var(f"{comp}_desired_count", "number", m.ch([1, 2, 3, 4]), "Running tasks.")),
        ("launch_type", "FARGATE") if m.p(0.6) else ("x", _SKIP),
        ("platform_version", "LATEST"),
        ("propagate_tags", "SERVICE"),
        ("enable_execute_command", m.knob(f"{comp}_enable_exec", False, True, "Allow ECS exec.")),
        ("health_check_grace_period_seconds", 60),
        ("wait_for_steady_state", False) if m.p(0.3) else ("x", _SKIP),
        None,
        Blk("network_configuration", [
            ("subnets", m.subnets()),
            ("security_groups", [E(f"aws_security_group.{sgn}.id")]),
            ("assign_public_ip", public_ip),
        ]),
        None,
        Blk('dynamic "load_balancer"', [
            ("for_each", E(f"{tg} == null ? [] : [{tg}]")),
            Blk("content", [("target_group_arn", E("load_balancer.value")),
                            ("container_name", comp),
                            ("container_port", E(str(defs[0].get("portMappings", [{"containerPort": 8080}])[0]["containerPort"])))]),
        ]),
        None,
        Blk("deployment_circuit_breaker", [("enable", True), ("rollback", True)]),
        Blk("deployment_controller", [("type", "ECS")]),
        None,
        ("tags", m.tags(comp)),
        None,
        Blk("lifecycle", [("ignore_changes", [E("desired_count")])]),
    ]))
    return out


def gen_ecr(m: Mod, comp: str) -> list[Blk]:
    out = []
    repos = [comp] + m.rng.sample(["base", "migrations", "sidecar", "nginx", "cron"], m.rng.randint(0, 2))
    n = m.uniq("aws_ecr_repository", comp)
    many = len(repos) > 1
    if many:
        m.local(f"{comp}_repositories", E(hv(repos)))
    out.append(res("aws_ecr_repository", n, [
        ("for_each", E(f"toset(local.{comp}_repositories)")) if many else ("x", _SKIP),
        None if many else ("x", _SKIP),
        ("name", E(f'"${{local.service}}/${{each.value}}"') if many else E(f'"${{local.service}}/{comp}"')),
        ("image_tag_mutability", m.knob(f"{comp}_image_tag_mutability", "IMMUTABLE", "MUTABLE",
                                        "Tag mutability of the repository.")),
        ("force_delete", False),
        None,
        Blk("image_scanning_configuration", [("scan_on_push", m.knob(f"{comp}_scan_on_push", True, False,
                                                                     "Scan images on push."))]),
        Blk("encryption_configuration", [("encryption_type", "KMS"), ("kms_key", m.kms_arn())])
        if not m.bad() else ("x", _SKIP),
        None,
        ("tags", m.tags()),
    ]))
    lp = {"rules": [
        {"rulePriority": 1, "description": "Keep last 30 release images",
         "selection": {"tagStatus": "tagged", "tagPrefixList": ["v", "release"], "countType": "imageCountMoreThan",
                       "countNumber": 30},
         "action": {"type": "expire"}},
        {"rulePriority": 2, "description": "Expire untagged images after 14 days",
         "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days",
                       "countNumber": 14},
         "action": {"type": "expire"}},
    ]}
    out.append(res("aws_ecr_lifecycle_policy", m.uniq("aws_ecr_lifecycle_policy", comp), [
        ("for_each", E(f"aws_ecr_repository.{n}")) if many else ("x", _SKIP),
        ("repository", E("each.value.name") if many else E(f"aws_ecr_repository.{n}.name")),
        ("policy", jsonenc(lp, quote_keys=False) if m.p(0.6) else heredoc(json.dumps(lp, indent=2), m.rng)),
    ]))
    if m.p(0.4):
        acct = m.var("ci_account_id", "string", "210987654321", "Account that pushes images.")
        princ = "*" if m.bad() else E(f'"arn:aws:iam::${{{acct}}}:root"')
        out.append(res("aws_ecr_repository_policy", m.uniq("aws_ecr_repository_policy", comp), [
            ("for_each", E(f"aws_ecr_repository.{n}")) if many else ("x", _SKIP),
            ("repository", E("each.value.name") if many else E(f"aws_ecr_repository.{n}.name")),
            ("policy", jsonenc({"Version": "2012-10-17", "Statement": [{
                "Sid": "CrossAccountPull", "Effect": "Allow",
                "Principal": {"AWS": princ},
                "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]}]})),
        ]))
    m.output(f"{comp}_repository_url" if not many else f"{comp}_repository_urls",
             E(f"aws_ecr_repository.{n}.repository_url") if not many else
             E(f"{{ for k, r in aws_ecr_repository.{n} : k => r.repository_url }}"))
    return out


def gen_s3(m: Mod, comp: str) -> list[Blk]:
    out = []
    many = m.p(0.35)
    kinds = ["data", "artifacts", "exports", "uploads", "backups", "reports", "assets"]
    if many:
        bl = m.rng.sample(kinds, 3)
        m.local(f"{comp}_buckets", E(hv({k: {"versioned": m.p(0.8), "expire_days": m.ch([30, 90, 365])} for k in bl})))
    kind = m.ch(kinds)
    b = m.uniq("aws_s3_bucket", f"{comp}_{kind}" if not many else f"{comp}_buckets")
    fe = ("for_each", E(f"local.{comp}_buckets")) if many else ("x", _SKIP)
    fe2 = ("for_each", E(f"aws_s3_bucket.{b}")) if many else ("x", _SKIP)
    bid = E("each.value.id") if many else E(f"aws_s3_bucket.{b}.id")
    out.append(res("aws_s3_bucket", b, [
        fe, None if many else ("x", _SKIP),
        ("bucket", E(f'"${{local.name_prefix}}-{comp}-${{each.key}}"') if many else m.name(f"{comp}-{kind}")),
        ("force_destroy", E('var.environment != "prod"') if m.p(0.5) else False),
        ("object_lock_enabled", True) if kind == "backups" and m.p(0.5) else ("x", _SKIP),
        None,
        ("tags", m.tags(f"{comp}-{kind}")),
    ]))
    own = m.uniq("aws_s3_bucket_ownership_controls", b)
    acl_bad = m.bad()
    if m.p(0.4) or acl_bad:
        out.append(res("aws_s3_bucket_ownership_controls", own, [
            fe2, ("bucket", bid),
            Blk("rule", [("object_ownership", "BucketOwnerPreferred")]),
        ]))
        out.append(res("aws_s3_bucket_acl", m.uniq("aws_s3_bucket_acl", b), [
            fe2, ("bucket", bid),
            ("acl", m.ch(["public-read", "public-read-write"]) if acl_bad else "private"),
            None,
            ("depends_on", [E(f"aws_s3_bucket_ownership_controls.{own}")]),
        ]))
    pab = m.knob(f"{comp}_block_public_access", True, False, "Block all public access to the bucket.")
    out.append(res("aws_s3_bucket_public_access_block", m.uniq("aws_s3_bucket_public_access_block", b), [
        fe2, ("bucket", bid),
        None,
        ("block_public_acls", pab),
        ("block_public_policy", pab),
        ("ignore_public_acls", pab if not isinstance(pab, bool) else True),
        ("restrict_public_buckets", pab if not isinstance(pab, bool) else True),
    ]))
    out.append(res("aws_s3_bucket_versioning", m.uniq("aws_s3_bucket_versioning", b), [
        fe2, ("bucket", bid),
        Blk("versioning_configuration", [
            ("status", E(f'local.{comp}_buckets[each.key].versioned ? "Enabled" : "Suspended"') if many else
             m.knob(f"{comp}_versioning", "Enabled", "Suspended", "Versioning status."))]),
    ]))
    if not m.bad():
        kms = m.p(0.6)
        out.append(res("aws_s3_bucket_server_side_encryption_configuration",
                       m.uniq("aws_s3_bucket_server_side_encryption_configuration", b), [
            fe2, ("bucket", bid),
            None,
            Blk("rule", [
                Blk("apply_server_side_encryption_by_default", [
                    ("sse_algorithm", "aws:kms" if kms else "AES256"),
                    ("kms_master_key_id", m.kms_arn()) if kms else ("x", _SKIP),
                ]),
                ("bucket_key_enabled", True) if kms else ("x", _SKIP),
            ]),
        ]))
    if m.p(0.5):
        out.append(res("aws_s3_bucket_lifecycle_configuration", m.uniq("aws_s3_bucket_lifecycle_configuration", b), [
            fe2, ("bucket", bid),
            None,
            Blk("rule", [
                ("id", "expire-old-versions"),
                ("status", "Enabled"),
                Blk("filter", []),
                Blk("noncurrent_version_expiration", [("noncurrent_days", 90)]),
                Blk("abort_incomplete_multipart_upload", [("days_after_initiation", 7)]),
            ]),
            Blk("rule", [
                ("id", "transition"),
                ("status", "Enabled"),
                Blk("filter", [("prefix", "logs/")]),
                Blk("transition", [("days", 30), ("storage_class", "STANDARD_IA")]),
                Blk("expiration", [("days", E(f"local.{comp}_buckets[each.key].expire_days") if many else 365)]),
            ]),
        ]))
    if not many and m.p(0.5):
        dn = m.uniq("aws_iam_policy_document", f"{comp}_{kind}_bucket")
        bad = m.bad()
        sts = [{"Sid": "DenyInsecureTransport", "Effect": "Deny", "Action": ["s3:*"],
                "Resource": [E(f"aws_s3_bucket.{b}.arn"), E(f'"${{aws_s3_bucket.{b}.arn}}/*"')],
                "Principal": {"AWS": ["*"]},
                "Condition": {"Bool": {"aws:SecureTransport": ["false"]}}}]
        if bad:
            sts.append({"Sid": "PublicRead", "Effect": "Allow", "Action": ["s3:GetObject"],
                        "Resource": [E(f'"${{aws_s3_bucket.{b}.arn}}/*"')], "Principal": {"AWS": ["*"]}})
        out.append(data("aws_iam_policy_document", dn, [stmt_to_hcl_doc(s) for s in sts]))
        out.append(res("aws_s3_bucket_policy", m.uniq("aws_s3_bucket_policy", b), [
            ("bucket", bid),
            ("policy", E(f"data.aws_iam_policy_document.{dn}.json")),
        ]))
    if m.p(0.3) and not many:
        lb = m.var("access_log_bucket", "string", f"acme-{m.env}-s3-access-logs", "Bucket receiving access logs.")
        out.append(res("aws_s3_bucket_logging", m.uniq("aws_s3_bucket_logging", b), [
            ("bucket", bid), ("target_bucket", lb),
            ("target_prefix", E(f'"s3/${{aws_s3_bucket.{b}.id}}/"')),
        ]))
    m.output(f"{comp}_bucket_{'names' if many else 'name'}",
             E(f"[for b in aws_s3_bucket.{b} : b.bucket]") if many else E(f"aws_s3_bucket.{b}.bucket"))
    return out


USER_DATA = """#!/bin/bash
set -euo pipefail
yum update -y
yum install -y amazon-cloudwatch-agent jq
echo "ENVIRONMENT=${var.environment}" >> /etc/environment
echo "SERVICE=${local.service}" >> /etc/environment
%{ for k, v in var.extra_env ~}
echo "${k}=${v}" >> /etc/environment
%{ endfor ~}
systemctl enable --now amazon-cloudwatch-agent
aws ssm get-parameter --name "/${local.name_prefix}/bootstrap" --region ${local.region} \\
  --query Parameter.Value --output text | bash"""


def gen_ec2(m: Mod, comp: str) -> list[Blk]:
    out = []
    ami = m.uniq("aws_ami", comp)
    out.append(data("aws_ami", ami, [
        ("most_recent", True),
        ("owners", ["amazon"]),
        None,
        Blk("filter", [("name", "name"), ("values", ["al2023-ami-*-x86_64"])]),
        Blk("filter", [("name", "virtualization-type"), ("values", ["hvm"])]),
    ]))
    m.var("extra_env", "map(string)", {"TZ": "UTC"}, "Extra environment written to /etc/environment.")
    m.region()
    m.prefix()
    ud = heredoc(USER_DATA, m.rng, "USERDATA")
    tokens = m.knob(f"{comp}_http_tokens", "required", "optional", "IMDS token requirement.")
    enc = m.knob(f"{comp}_ebs_encrypted", True, False, "Encrypt EBS volumes.")
    itype = m.var(f"{comp}_instance_type", "string", m.ch(["t3.medium", "m6i.large", "c6i.xlarge", "t3.small"]),
                  f"Instance type for {comp}.")
    if m.p(0.5):
        n = m.uniq("aws_instance", comp)
        cnt = m.var(f"{comp}_instance_count", "number", m.ch([1, 2, 3]), "Number of instances.")
        out.append(res("aws_instance", n, [
            ("count", cnt),
            None,
            ("ami", E(f"data.aws_ami.{ami}.id")),
            ("instance_type", itype),
            ("subnet_id", E(f"element({m.subnets()}, count.index)")),
            ("vpc_security_group_ids", m.var(f"{comp}_security_group_ids", "list(string)", [],
                                             "Security groups attached to the instances.")),
            ("iam_instance_profile", m.var(f"{comp}_instance_profile", "string", None, "Instance profile name.")),
            ("associate_public_ip_address", m.knob(f"{comp}_public_ip", False, True, "Assign public IPs.")),
            ("ebs_optimized", True),
            ("monitoring", True),
            ("user_data", ud),
            ("user_data_replace_on_change", True) if m.p(0.3) else ("x", _SKIP),
            None,
            Blk("metadata_options", [("http_endpoint", "enabled"), ("http_tokens", tokens),
                                     ("http_put_response_hop_limit", 1), ("instance_metadata_tags", "enabled")]),
            None,
            Blk("root_block_device", [("volume_size", m.ch([20, 30, 50])), ("volume_type", "gp3"),
                                      ("encrypted", enc), ("kms_key_id", m.kms_arn()),
                                      ("delete_on_termination", True)]),
            Blk("ebs_block_device", [("device_name", "/dev/xvdb"), ("volume_size", 100), ("volume_type", "gp3"),
                                     ("encrypted", True if not m.bad() else False)]) if m.p(0.4) else ("x", _SKIP),
            None,
            ("tags", E(f'merge({m.tags()}, {{\n  Name = "${{local.name_prefix}}-{comp}-${{count.index + 1}}"\n}})')),
            ("volume_tags", m.tags()) if m.p(0.3) else ("x", _SKIP),
            None,
            Blk("lifecycle", [("ignore_changes", [E("ami")])]),
        ]))
        m.output(f"{comp}_instance_ids", E(f"aws_instance.{n}[*].id"))
    else:
        n = m.uniq("aws_launch_template", comp)
        out.append(res("aws_launch_template", n, [
            ("name_prefix", E(f'"${{local.name_prefix}}-{comp}-"')),
            ("description", f"Launch template for {comp}"),
            ("image_id", E(f"data.aws_ami.{ami}.id")),
            ("instance_type", itype),
            ("update_default_version", True),
            ("user_data", E("base64encode(" + ud + "\n)") if not isinstance(ud, Flush) else
             Flush("base64encode(" + ud + "\n)")),
            None,
            Blk("iam_instance_profile", [("name", m.var(f"{comp}_instance_profile", "string", None,
                                                        "Instance profile name."))]),
            Blk("metadata_options", [("http_endpoint", "enabled"), ("http_tokens", tokens),
                                     ("http_put_response_hop_limit", 2)]),
            Blk("monitoring", [("enabled", True)]),
            Blk("network_interfaces", [("associate_public_ip_address",
                                        m.knob(f"{comp}_public_ip", False, True, "Assign public IPs.")),
                                       ("delete_on_termination", True),
                                       ("security_groups", m.var(f"{comp}_security_group_ids", "list(string)", [],
                                                                 "Security groups."))]),
            Blk("block_device_mappings", [("device_name", "/dev/xvda"), Blk("ebs", [
                ("volume_size", 30), ("volume_type", "gp3"), ("encrypted", enc), ("kms_key_id", m.kms_arn()),
                ("delete_on_termination", True)])]),
            Blk("tag_specifications", [("resource_type", "instance"), ("tags", m.tags(comp))]),
            Blk("tag_specifications", [("resource_type", "volume"), ("tags", m.tags())]),
            None,
            ("tags", m.tags()),
            None,
            Blk("lifecycle", [("create_before_destroy", True)]),
        ]))
        asg = m.uniq("aws_autoscaling_group", comp)
        out.append(res("aws_autoscaling_group", asg, [
            ("name_prefix", E(f'"${{local.name_prefix}}-{comp}-"')),
            ("min_size", 1), ("max_size", m.ch([3, 6, 10])), ("desired_capacity", 2),
            ("vpc_zone_identifier", m.subnets()),
            ("health_check_type", "EC2"),
            None,
            Blk("launch_template", [("id", E(f"aws_launch_template.{n}.id")), ("version", "$Latest")]),
            Blk("instance_refresh", [("strategy", "Rolling"),
                                     Blk("preferences", [("min_healthy_percentage", 50)])]),
            Blk('dynamic "tag"', [("for_each", E("local.common_tags")), Blk("content", [
                ("key", E("tag.key")), ("value", E("tag.value")), ("propagate_at_launch", True)])]),
        ]))
        m.output(f"{comp}_launch_template_id", E(f"aws_launch_template.{n}.id"))
    return out


def gen_kms(m: Mod, comp: str) -> list[Blk]:
    out = []
    n = m.uniq("aws_kms_key", comp)
    acct = m.account()
    pol = {"Version": "2012-10-17", "Id": f"{comp}-key-policy", "Statement": [
        {"Sid": "EnableRootPermissions", "Effect": "Allow",
         "Principal": {"AWS": E(f'"arn:aws:iam::${{{acct}}}:root"')}, "Action": "kms:*", "Resource": "*"},
        {"Sid": "AllowCloudWatchLogs", "Effect": "Allow",
         "Principal": {"Service": E('"logs.${local.region}.amazonaws.com"')},
         "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
         "Resource": "*",
         "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn":
                                   E(f'"arn:aws:logs:${{local.region}}:${{{acct}}}:log-group:*"')}}},
    ]}
    m.region()
    if m.bad():
        pol["Statement"].append({"Sid": "AllowEveryone", "Effect": "Allow", "Principal": {"AWS": "*"},
                                 "Action": "kms:*", "Resource": "*"})
    out.append(res("aws_kms_key", n, [
        ("description", f"Encryption key for {comp} ({m.env})"),
        ("deletion_window_in_days", m.ch([7, 14, 30])),
        ("enable_key_rotation", m.knob(f"{comp}_key_rotation", True, False, "Rotate the key yearly.")),
        ("rotation_period_in_days", 365) if m.p(0.3) else ("x", _SKIP),
        ("multi_region", False),
        ("policy", jsonenc(pol, quote_keys=m.p(0.5))),
        None,
        ("tags", m.tags(f"{comp}-key")),
    ]))
    out.append(res("aws_kms_alias", m.uniq("aws_kms_alias", comp), [
        ("name", E(f'"alias/${{local.name_prefix}}-{comp}"')),
        ("target_key_id", E(f"aws_kms_key.{n}.key_id")),
    ]))
    m.output(f"{comp}_kms_key_arn", E(f"aws_kms_key.{n}.arn"))
    return out


def gen_dynamodb(m: Mod, comp: str) -> list[Blk]:
    out = []
    n = m.uniq("aws_dynamodb_table", comp)
    hk, rk = m.ch([("pk", "sk"), ("id", None), ("tenant_id", "created_at"), ("user_id", "session_id")])
    attrs = [Blk("attribute", [("name", hk), ("type", "S")])]
    if rk:
        attrs.append(Blk("attribute", [("name", rk), ("type", "S")]))
    gsis = []
    if m.p(0.6):
        attrs.append(Blk("attribute", [("name", "gsi1pk"), ("type", "S")]))
        attrs.append(Blk("attribute", [("name", "gsi1sk"), ("type", "N")]))
        gsis.append(Blk("global_secondary_index", [("name", "gsi1"), ("hash_key", "gsi1pk"), ("range_key", "gsi1sk"),
                                                   ("projection_type", "ALL")]))
    pitr = m.knob(f"{comp}_point_in_time_recovery", True, False, "Enable point-in-time recovery.")
    out.append(res("aws_dynamodb_table", n, [
        ("name", m.name(comp)),
        ("billing_mode", "PAY_PER_REQUEST"),
        ("hash_key", hk),
        ("range_key", rk) if rk else ("x", _SKIP),
        ("deletion_protection_enabled", E('var.environment == "prod"')),
        ("stream_enabled", True) if m.p(0.4) else ("x", _SKIP),
        ("stream_view_type", "NEW_AND_OLD_IMAGES") if m.p(0.4) else ("x", _SKIP),
        ("table_class", "STANDARD"),
        None,
        *attrs,
        *gsis,
        Blk("ttl", [("attribute_name", "expires_at"), ("enabled", True)]),
        Blk("point_in_time_recovery", [("enabled", pitr)]),
        Blk("server_side_encryption", [("enabled", True), ("kms_key_arn", m.kms_arn())]) if not m.bad() else ("x", _SKIP),
        None,
        ("tags", m.tags(comp)),
    ]))
    m.output(f"{comp}_table_name", E(f"aws_dynamodb_table.{n}.name"))
    m.output(f"{comp}_table_arn", E(f"aws_dynamodb_table.{n}.arn"))
    return out


def gen_alb(m: Mod, comp: str) -> list[Blk]:
    out = []
    internal = m.p(0.5)
    lb = m.uniq("aws_lb", comp)
    out.append(res("aws_lb", lb, [
        ("name", E(f'substr("${{local.name_prefix}}-{comp}", 0, 32)')),
        ("internal", internal),
        ("load_balancer_type", "application"),
        ("subnets", m.subnets(public=not internal)),
        ("security_groups", m.var(f"{comp}_lb_security_group_ids", "list(string)", [], "LB security groups.")),
        ("drop_invalid_header_fields", m.knob(f"{comp}_drop_invalid_headers", True, False, "Drop invalid headers.")),
        ("enable_deletion_protection", E('var.environment == "prod"')),
        ("idle_timeout", 60),
        None,
        Blk("access_logs", [("bucket", m.var("lb_access_log_bucket", "string", f"acme-{m.env}-lb-logs",
                                              "Bucket for LB access logs.")),
                            ("prefix", E(f'"${{local.name_prefix}}/{comp}"')), ("enabled", True)]),
        None,
        ("tags", m.tags(f"{comp}-lb")),
    ]))
    tg = m.uniq("aws_lb_target_group", comp)
    out.append(res("aws_lb_target_group", tg, [
        ("name_prefix", comp[:5] + "-" if len(comp) >= 5 else comp + "-"),
        ("port", 8080), ("protocol", "HTTP"), ("target_type", "ip"),
        ("vpc_id", m.vpc_id()),
        ("deregistration_delay", 30),
        None,
        Blk("health_check", [("path", "/health"), ("matcher", "200-299"), ("interval", 15),
                             ("healthy_threshold", 2), ("unhealthy_threshold", 3)]),
        Blk("lifecycle", [("create_before_destroy", True)]),
    ]))
    cert = m.var(f"{comp}_certificate_arn", "string", _SKIP, "ACM certificate for the HTTPS listener.")
    ssl = m.knob(f"{comp}_ssl_policy", "ELBSecurityPolicy-TLS13-1-2-2021-06", m.ch(["ELBSecurityPolicy-2016-08",
                                                                                    "ELBSecurityPolicy-TLS-1-0-2015-04"]),
                 "TLS policy of the HTTPS listener.")
    out.append(res("aws_lb_listener", m.uniq("aws_lb_listener", f"{comp}_https"), [
        ("load_balancer_arn", E(f"aws_lb.{lb}.arn")),
        ("port", 443), ("protocol", "HTTPS"), ("ssl_policy", ssl), ("certificate_arn", cert),
        None,
        Blk("default_action", [("type", "forward"), ("target_group_arn", E(f"aws_lb_target_group.{tg}.arn"))]),
    ]))
    if m.bad():
        http_action = Blk("default_action", [("type", "forward"), ("target_group_arn", E(f"aws_lb_target_group.{tg}.arn"))])
    else:
        http_action = Blk("default_action", [("type", "redirect"), Blk("redirect", [
            ("port", "443"), ("protocol", "HTTPS"), ("status_code", "HTTP_301")])])
    out.append(res("aws_lb_listener", m.uniq("aws_lb_listener", f"{comp}_http"), [
        ("load_balancer_arn", E(f"aws_lb.{lb}.arn")),
        ("port", 80), ("protocol", "HTTP"),
        None,
        http_action,
    ]))
    m.output(f"{comp}_lb_dns_name", E(f"aws_lb.{lb}.dns_name"))
    m.output(f"{comp}_target_group_arn", E(f"aws_lb_target_group.{tg}.arn"))
    return out


def gen_logs(m: Mod, comp: str) -> list[Blk]:
    out = []
    groups = m.rng.sample(["application", "access", "audit", "slow-queries", "cron"], m.rng.randint(1, 3))
    for g in groups:
        n = m.uniq("aws_cloudwatch_log_group", f"{comp}_{g.replace('-', '_')}")
        bad = m.bad()
        out.append(res("aws_cloudwatch_log_group", n, [
            ("name", E(f'"/aws/${{local.name_prefix}}/{comp}/{g}"')),
            ("retention_in_days", 0 if bad and m.p(0.5) else m.ch([14, 30, 90, 365])),
            ("kms_key_id", m.kms_arn()) if not bad else ("x", _SKIP),
            ("tags", m.tags()),
        ]))
        m.prefix()
        if m.p(0.6):
            mf = m.uniq("aws_cloudwatch_log_metric_filter", f"{comp}_{g.replace('-', '_')}_errors")
            out.append(res("aws_cloudwatch_log_metric_filter", mf, [
                ("name", f"{comp}-{g}-errors"),
                ("log_group_name", E(f"aws_cloudwatch_log_group.{n}.name")),
                ("pattern", m.ch(['{ $.level = "error" }', "?ERROR ?Exception", '[ip, id, user, ts, req, status=5*, size]'])),
                None,
                Blk("metric_transformation", [("name", f"{comp}-{g}-errors"),
                                              ("namespace", E('"${local.service}/${var.environment}"')),
                                              ("value", "1"), ("default_value", "0")]),
            ]))
            al = m.uniq("aws_cloudwatch_metric_alarm", f"{comp}_{g.replace('-', '_')}_errors")
            out.append(res("aws_cloudwatch_metric_alarm", al, [
                ("alarm_name", E(f'"${{local.name_prefix}}-{comp}-{g}-errors"')),
                ("alarm_description", f"Errors in the {comp} {g} log"),
                ("comparison_operator", "GreaterThanThreshold"),
                ("evaluation_periods", 2),
                ("metric_name", f"{comp}-{g}-errors"),
                ("namespace", E('"${local.service}/${var.environment}"')),
                ("period", 300), ("statistic", "Sum"),
                ("threshold", m.ch([1, 5, 10, 50])),
                ("treat_missing_data", "notBreaching"),
                ("alarm_actions", m.var("alarm_topic_arns", "list(string)", [], "SNS topics notified by alarms.")),
                ("ok_actions", E("var.alarm_topic_arns")),
                ("tags", m.tags()),
            ]))
    return out


GENERATORS = {"rds": gen_rds, "sg": gen_sg, "iam": gen_iam, "ecs": gen_ecs, "ecr": gen_ecr, "s3": gen_s3,
              "ec2": gen_ec2, "kms": gen_kms, "dynamodb": gen_dynamodb, "alb": gen_alb, "logs": gen_logs}

# --------------------------------------------------------------------------
# File assembly
# --------------------------------------------------------------------------


def render_file(blocks: list, header: str | None = None) -> str:
    parts = []
    if header:
        parts.append(header)
    for b in blocks:
        parts.append(render(b) if isinstance(b, Blk) else b)
    return "\n\n".join(parts) + "\n"


def render_variables(m: Mod) -> str:
    blocks = []
    for name, v in m.vars.items():
        items: list = [("description", v["desc"]), ("type", E(v["type"]))]
        if v["default"] is not _SKIP:
            items.append(("default", v["default"]))
        if v["sensitive"]:
            items.append(("sensitive", True))
        if v["type"] == "string" and v["default"] is None:
            items.append(("nullable", True))
        if v["validation"]:
            cond, msg = v["validation"]
            items.append(None)
            items.append(Blk("validation", [("condition", E(cond)), ("error_message", msg)]))
        blocks.append(Blk(f'variable "{name}"', items))
    return render_file(blocks)


def render_locals(m: Mod) -> str:
    items = list(m.locals.items())
    m.rng.shuffle(items)  # locals refer to each other in varied order
    split = len(items) > 6 and m.p(0.4)
    if split:
        k = m.rng.randint(2, len(items) - 2)
        groups = [items[:k], items[k:]]
    else:
        groups = [items]
    blocks = []
    for g in groups:
        blocks.append(Blk("locals", [(k, v) for k, v in g]))
    return render_file(blocks)


def render_outputs(m: Mod) -> str:
    blocks = []
    for name, val, desc, sens in m.outputs:
        items = [("description", desc or name.replace("_", " ").capitalize() + "."), ("value", val)]
        if sens:
            items.append(("sensitive", True))
        blocks.append(Blk(f'output "{name}"', items))
    if not blocks:
        blocks.append(Blk('output "name_prefix"', [("description", "Prefix used for resource names."),
                                                  ("value", E("local.name_prefix"))]))
    return render_file(blocks)


def render_versions(m: Mod) -> str:
    return render_file([Blk("terraform", [
        ("required_version", m.ch([">= 1.5.0", ">= 1.3", "~> 1.6"])),
        None,
        Blk("required_providers", [
            ("aws", {"source": "hashicorp/aws", "version": m.ch([">= 5.30", "~> 5.0", ">= 5.40, < 6.0"])}),
            ("random", {"source": "hashicorp/random", "version": "~> 3.6"}),
        ]),
    ])])


def tfvars_text(assign: dict) -> str:
    if not assign:
        return "# No overrides for this environment.\n"
    w = max(len(k) for k in assign)
    lines = []
    for k, v in assign.items():
        lines.append(k.ljust(w) + " = " + hv(v, 0))
    return "\n".join(lines) + "\n"


def taskdef_json(m: Mod, comp: str) -> str:
    names = [comp] + m.rng.sample(["log-router", "datadog-agent", "envoy"], m.rng.randint(0, 2))
    defs = []
    for i, cn in enumerate(names):
        d = container_def(m, comp, cn, i == 0, True)
        defs.append(stmt_to_json(_literalize(d, m, comp)))
    td = {
        "family": f"{m.svc}-{m.env}-{comp}",
        "taskRoleArn": f"arn:aws:iam::123456789012:role/{m.svc}-{m.env}-{comp}-task",
        "executionRoleArn": f"arn:aws:iam::123456789012:role/{m.svc}-{m.env}-{comp}-exec",
        "networkMode": "awsvpc",
        "requiresCompatibilities": ["FARGATE"],
        "cpu": str(m.ch([256, 512, 1024])),
        "memory": str(m.ch([512, 1024, 2048])),
        "runtimePlatform": {"operatingSystemFamily": "LINUX", "cpuArchitecture": m.ch(["X86_64", "ARM64"])},
        "containerDefinitions": defs,
        "volumes": [{"name": "tmp"}],
        "tags": [{"key": "Service", "value": m.svc}, {"key": "Environment", "value": m.env}],
    }
    return json.dumps(td, indent=m.ch([2, 2, 4])) + "\n"


def _literalize(d, m: Mod, comp: str):
    """Replace HCL expressions in a container definition with concrete values
    (standalone JSON has no interpolation)."""
    region = m.ch(REGIONS)
    subst = {
        "var.environment": m.env, "local.region": region,
        f"local.{comp}_log_group": f"/ecs/{m.svc}-{m.env}/{comp}",
    }

    def conv(v):
        if isinstance(v, E):
            s = str(v)
            if s in subst:
                return subst[s]
            s = s.strip('"')
            s = re.sub(r"\$\{var\.[a-z_]+_image_repository\}",
                       f"123456789012.dkr.ecr.{region}.amazonaws.com/{m.svc}-{comp}", s)
            s = s.replace("${var.image_tag}", m.ch(["1.4.2", "2.0.1", "v20240115"]))
            s = s.replace("${local.region}", region).replace("${local.account_id}", "123456789012")
            s = s.replace("${local.name_prefix}", f"{m.svc}-{m.env}")
            return s
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        if isinstance(v, list):
            return [conv(x) for x in v]
        return v
    return conv(d)


def write(path: str, text: str, stats: dict):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data_ = text.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data_)
    stats["files"] += 1
    stats["bytes"] += len(data_)


def comp_names(rng: random.Random, n: int) -> list[str]:
    base = rng.sample(COMPONENTS, min(n, len(COMPONENTS)))
    while len(base) < n:
        base.append(f"{rng.choice(COMPONENTS)}{len(base)}")
    return base


def build_module_files(m: Mod, n_res_files: int, in_main: int) -> tuple[dict[str, list[Blk]], list]:
    """Generate resource blocks: returns {filename: blocks} plus blocks to go
    in main.tf."""
    rng = m.rng
    cats = rng.choices(CATEGORIES, CAT_WEIGHTS, k=n_res_files + in_main)
    comps = comp_names(rng, 4)
    files: dict[str, list] = {}
    main_blocks: list = []
    for i, cat in enumerate(cats):
        comp = rng.choice(comps)
        blocks: list[str] = []
        # several generator invocations per file until it reaches a target
        # size, so that files are a few KB like real module code
        target = rng.randint(3000, 14000) if i < n_res_files else rng.randint(1000, 5000)
        size = 0
        for r in range(6):
            c = comp if r == 0 else rng.choice(comps)
            for b in GENERATORS[cat](m, c):
                t = render(b)
                blocks.append(t)
                size += len(t) + 2
            if size >= target:
                break
        if i < n_res_files:
            fname = f"{CAT_FILE[cat]}.tf"
            if fname in files:
                fname = f"{CAT_FILE[cat]}_{comp}.tf"
                k = 2
                while fname in files:
                    fname = f"{CAT_FILE[cat]}_{comp}_{k}.tf"
                    k += 1
            files[fname] = blocks
        else:
            main_blocks.extend(blocks)
    return files, main_blocks


def gen_submodule(rng: random.Random, svc: str, env: str, p_bad: float, base: str, name: str,
                  nfiles: int, stats: dict) -> Mod:
    sm = Mod(rng, svc, env, p_bad, is_sub=True, has_tfvars=False)
    cat = rng.choice(SUBMODULE_CATS)
    blocks = GENERATORS[cat](sm, rng.choice(COMPONENTS[:6]))
    if rng.random() < 0.5:
        blocks += GENERATORS[rng.choice(SUBMODULE_CATS)](sm, rng.choice(COMPONENTS[6:]))
    d = os.path.join(base, "modules", name)
    # main.tf with the resources; data sources used by locals
    pre = []
    if "caller_identity" in sm.once:
        pre.append(data("aws_caller_identity", "current", []))
    if "region" in sm.once:
        pre.append(data("aws_region", "current", []))
    loc = render_locals(sm) if sm.locals else ""
    main_text = render_file(pre + blocks)
    if nfiles <= 3 and loc:
        main_text = loc + "\n" + main_text
    write(os.path.join(d, "main.tf"), main_text, stats)
    write(os.path.join(d, "variables.tf"), render_variables(sm), stats)
    write(os.path.join(d, "outputs.tf"), render_outputs(sm), stats)
    if nfiles > 3 and loc:
        write(os.path.join(d, "locals.tf"), loc, stats)
    elif nfiles > 3:
        write(os.path.join(d, "versions.tf"), render_versions(sm), stats)
    return sm


PARENT_EXPR = {
    "service_name": "local.service", "environment": "var.environment", "vpc_id": "var.vpc_id",
    "vpc_cidr": "var.vpc_cidr", "private_subnet_ids": "var.private_subnet_ids",
    "public_subnet_ids": "var.public_subnet_ids", "tags": "local.common_tags", "kms_key_arn": "var.kms_key_arn",
}


def gen_module(idx: int, nfiles: int, out: str, seed: int, stats: dict):
    rng = random.Random(seed * 1_000_003 + idx)
    team = rng.choice(TEAMS)
    svc = rng.choice(SERVICES)
    env = rng.choice(ENVS)
    layout = rng.random()
    if layout < 0.5:
        rel = os.path.join(team, f"{svc}-{idx:05d}", env)
    elif layout < 0.8:
        rel = os.path.join("live", env, rng.choice(REGIONS), f"{svc}-{idx:05d}")
    else:
        rel = os.path.join("stacks", f"{team}-{svc}-{idx:05d}")
    base = os.path.join(out, rel)

    # ---- decide the layout (file budget)
    budget = nfiles - 4  # main, variables, outputs, locals
    has_versions = budget >= 2 and rng.random() < 0.5
    budget -= has_versions
    has_tfvars = budget >= 2 and rng.random() < 0.35
    budget -= has_tfvars
    n_auto = 1 if budget >= 2 and rng.random() < 0.2 else 0
    budget -= n_auto
    sub_files = 0
    if budget >= 4 and rng.random() < 0.2:
        sub_files = rng.choice([3, 4]) if budget >= 5 else 3
        budget -= sub_files
    n_json = 0
    if budget >= 2 and rng.random() < 0.25:
        n_json = min(rng.randint(1, 3), budget - 1)
        budget -= n_json
    n_res = max(budget, 0)
    p_bad = 0.05
    m = Mod(rng, svc, env, p_bad, is_sub=False, has_tfvars=has_tfvars or n_auto > 0)

    files, main_blocks = build_module_files(m, n_res, rng.randint(0, 1) if n_res > 0 else 1)

    # ---- main.tf
    main_items: list = []
    root = rng.random() < 0.6
    if root:
        region = m.var("aws_region", "string", rng.choice(REGIONS), "AWS region to deploy into.")
        m.tags()
        main_items.append(Blk('provider "aws"', [
            ("region", region),
            None,
            Blk("default_tags", [("tags", E("local.common_tags"))]),
        ]))
    m.once.add("caller_identity")
    m.account()
    main_items.append(data("aws_caller_identity", "current", []))
    main_items.append(data("aws_region", "current", []))
    m.region()
    m.prefix()
    if rng.random() < 0.3:
        main_items.append(data("aws_vpc", "selected", [("id", m.vpc_id())]))
        m.output("vpc_cidr_block", E("data.aws_vpc.selected.cidr_block"))
    if sub_files:
        sname = rng.choice(["database", "bucket", "service", "network", "table", "storage", "queue"])
        sub_rng = random.Random(seed * 7_000_003 + idx)
        sm = gen_submodule(sub_rng, svc, env, p_bad, base, sname, sub_files, stats)
        inputs: list = [("source", f"./modules/{sname}"), None]
        for vn, v in sm.vars.items():
            if vn in PARENT_EXPR:
                expr = E(PARENT_EXPR[vn])
                if vn == "service_name":
                    m.prefix()
                elif vn == "tags":
                    m.tags()
                elif vn == "vpc_id":
                    m.vpc_id()
                elif vn == "vpc_cidr":
                    m.vpc_cidr()
                elif vn.endswith("subnet_ids"):
                    m.subnets(public=vn.startswith("public"))
                elif vn == "kms_key_arn":
                    m.kms_arn()
                inputs.append((vn, expr))
            elif vn in sm.call_inputs:
                inputs.append((vn, sm.call_inputs[vn]))
            elif v["default"] is _SKIP:
                if v["sensitive"]:
                    inputs.append((vn, m.var(vn, v["type"], _SKIP, v["desc"], sensitive=True)))
                else:
                    inputs.append((vn, m.var(vn, v["type"], _SKIP, v["desc"])))
            elif rng.random() < 0.3 and v["default"] is not None:
                inputs.append((vn, v["default"]))
        mod_blk = Blk(f'module "{sname}"', inputs)
        main_items.append(mod_blk)
        for on, *_ in sm.outputs[:3]:
            m.output(f"{sname}_{on}", E(f"module.{sname}.{on}"))
    text_main = render_file(main_items + main_blocks,
                            header=f"# {svc} ({env}) — managed by terraform. Do not edit by hand.")

    for fname, blocks in files.items():
        write(os.path.join(base, fname), render_file(blocks), stats)
    write(os.path.join(base, "main.tf"), text_main, stats)
    write(os.path.join(base, "outputs.tf"), render_outputs(m), stats)

    # json task definitions (standalone, `aws ecs register-task-definition` style)
    jnames = comp_names(rng, 3)
    for j in range(n_json):
        comp = jnames[j]
        write(os.path.join(base, "taskdefs", f"{comp}.json"), taskdef_json(m, comp), stats)

    # tfvars: concrete values for required variables + overrides decided by knob()
    if has_tfvars or n_auto:
        assign: dict = {}
        for vn, v in m.vars.items():
            if v["default"] is _SKIP and not v["sensitive"]:
                assign[vn] = sample_value(vn, v["type"], m)
        assign.update({k: v for k, v in m.tfvars.items()})
        if has_tfvars:
            keys = list(assign)
            t1 = {k: assign[k] for k in keys if not n_auto or k not in m.tfvars or rng.random() < 0.5}
            rest = {k: assign[k] for k in keys if k not in t1}
            write(os.path.join(base, "terraform.tfvars"), tfvars_text(t1), stats)
        else:
            rest = assign
        if n_auto:
            write(os.path.join(base, f"{rng.choice([env, 'common', 'overrides', 'network'])}.auto.tfvars"),
                  tfvars_text(rest), stats)

    write(os.path.join(base, "locals.tf"), render_locals(m), stats)
    write(os.path.join(base, "variables.tf"), render_variables(m), stats)
    if has_versions:
        write(os.path.join(base, "versions.tf"), render_versions(m), stats)


def sample_value(name: str, type_: str, m: Mod):
    if name == "environment":
        return m.env
    if name == "vpc_id":
        return "vpc-0" + "".join(m.rng.choice("0123456789abcdef") for _ in range(16))
    if name.endswith("subnet_ids"):
        return ["subnet-0" + "".join(m.rng.choice("0123456789abcdef") for _ in range(16)) for _ in range(3)]
    if name.endswith("certificate_arn"):
        return f"arn:aws:acm:us-east-1:123456789012:certificate/{m.rng.getrandbits(64):016x}"
    if type_ == "number":
        return 1
    if type_ == "bool":
        return False
    if type_.startswith("list"):
        return []
    if type_.startswith("map"):
        return {}
    return f"{m.svc}-{name}"


def plan_sizes(n: int, rng: random.Random) -> list[int]:
    sizes = []
    total = 0
    while total < n:
        k = rng.randint(5, 20)
        sizes.append(k)
        total += k
    over = total - n
    if over:
        sizes[-1] -= over
        if sizes[-1] < 5:
            short = sizes.pop()
            if sizes:
                sizes[-1] += short
            else:
                sizes.append(short)
    return sizes


def generate(n: int, out: str, seed: int) -> dict:
    stats = {"files": 0, "bytes": 0, "modules": 0}
    sizes = plan_sizes(n, random.Random(seed))
    for i, k in enumerate(sizes):
        gen_module(i, k, out, seed, stats)
        stats["modules"] += 1
    return stats


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, required=True, help="approximate number of files")
    ap.add_argument("--out", required=True, help="output directory (emptied first)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.files < 1:
        ap.error("--files must be >= 1")
    if os.path.isdir(args.out) and os.listdir(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out, exist_ok=True)
    st = generate(args.files, args.out, args.seed)
    if not args.quiet:
        print(f"files={st['files']} modules={st['modules']} bytes={st['bytes']} "
              f"({st['bytes'] / 1e6:.1f} MB, {st['bytes'] / max(st['files'], 1) / 1e3:.1f} KB/file) "
              f"seed={args.seed} out={args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
