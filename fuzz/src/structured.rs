//! Structure-aware input: a Terraform tree built from an arbitrary structure.
//!
//! Byte-level mutation rarely produces valid Terraform whose evaluation grows:
//! chains of locals that each use the previous one twice, module trees that
//! call each other with fan-out, nested `for` expressions, `concat`,
//! `flatten`, `jsonencode`, `replace`, `format` of shared values, `count` and
//! `for_each`. This module builds exactly such trees (always syntactically
//! valid HCL; names usually defined) and writes them to a directory.
//!
//! Layout: the root module in `DIR/` (with a `terraform.tfvars`), the other
//! modules in `DIR/modules/mN/`. Module N calls module M with
//! `source = "../mM"` (the root with `./modules/mM`), self-calls and cycles
//! included.

use std::fmt::Write as _;
use std::path::Path;

use arbitrary::Arbitrary;

/// Caps on what one input renders (the structure may hold more).
const MAX_MODULES: usize = 8;
const MAX_LOCALS: usize = 48;
const MAX_CALLS: usize = 12;
const MAX_RESOURCES: usize = 6;
const MAX_OUTPUTS: usize = 4;
const MAX_ITEMS: usize = 6;
const MAX_DEPTH: usize = 6;
const VARS: usize = 3;

#[derive(Arbitrary, Debug)]
pub struct Case {
    /// `modules[0]` is the root module.
    pub modules: Vec<Module>,
    /// The root's `terraform.tfvars`: `inN = literal`.
    pub tfvars: Vec<(u8, Lit)>,
}

#[derive(Arbitrary, Debug)]
pub struct Module {
    /// A chain appended to the locals: `aN = op(aN-1, aN-1)`, up to
    /// `MAX_LOCALS` long (byte mutation alone rarely builds one).
    pub chain: Option<(Op, u8)>,
    pub locals: Vec<Local>,
    pub calls: Vec<Call>,
    pub resources: Vec<Resource>,
    pub outputs: Vec<Expr>,
}

/// `aN = ...`
#[derive(Arbitrary, Debug)]
pub enum Local {
    Expr(Expr),
    /// `aN = op(aN-1, aN-1)`: each step doubles the value (a DAG, a tree once
    /// copied out).
    Double(Op),
    /// `aN = op(aM, aK)` for any earlier (or later: cycles) locals.
    Pair(Op, u8, u8),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Op {
    Interp,
    Concat,
    List,
    Object,
    Format,
    Join,
    Jsonencode,
    Flatten,
    Replace,
    For,
    ForObject,
    Merge,
    Setproduct,
    Heredoc,
    TemplateFor,
}

#[derive(Arbitrary, Debug)]
pub struct Call {
    pub target: u8,
    pub meta: Meta,
    pub args: Vec<Expr>,
}

#[derive(Arbitrary, Debug)]
pub enum Meta {
    None,
    Count(u8),
    ForEach(Expr),
}

#[derive(Arbitrary, Debug)]
pub struct Resource {
    pub kind: ResKind,
    pub meta: Meta,
    pub value: Expr,
    pub other: Expr,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum ResKind {
    S3Bucket,
    SecurityGroup,
    DbInstance,
    EcsTask,
    IamPolicy,
    Ecr,
    Lambda,
    Instance,
    DynamicIngress,
}

#[derive(Arbitrary, Debug)]
pub enum Lit {
    Str(Word),
    Num(i16),
    Bool(bool),
    Null,
    List(Vec<Lit>),
    Object(Vec<(Word, Lit)>),
}

/// A string from a small vocabulary that rules care about (or not).
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Word {
    Empty,
    X,
    Star,
    Cidr,
    Mutable,
    Latest,
    Admin,
    Key,
    Unicode,
    Quote,
    Dollar,
    Newline,
    FormatVerb,
}

impl Word {
    fn hcl(self) -> &'static str {
        match self {
            Word::Empty => "",
            Word::X => "x",
            Word::Star => "*",
            Word::Cidr => "0.0.0.0/0",
            Word::Mutable => "MUTABLE",
            Word::Latest => "nginx:latest",
            Word::Admin => "arn:aws:iam::aws:policy/AdministratorAccess",
            Word::Key => "AKIAIOSFODNN7EXAMPLE",
            Word::Unicode => "é\u{1F600}",
            Word::Quote => "\\\"",
            Word::Dollar => "$${x}",
            Word::Newline => "a\\nb",
            Word::FormatVerb => "%s%v%%",
        }
    }
}

#[derive(Arbitrary, Debug)]
pub enum Expr {
    Lit(Lit),
    Local(u8),
    Var(u8),
    ModOut(u8, u8),
    Each,
    CountIndex,
    /// The innermost `for` variable (an error outside a `for`).
    Iter,
    Interp(Vec<Expr>),
    List(Vec<Expr>),
    Object(Vec<(Word, Expr)>),
    Call(Func, Vec<Expr>),
    ForList(Box<Expr>, Box<Expr>),
    ForObject(Box<Expr>, Box<Expr>),
    ForFiltered(Box<Expr>, Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    Index(Box<Expr>, Box<Expr>),
    Splat(Box<Expr>),
    Heredoc(Vec<Expr>),
    TemplateFor(Box<Expr>, Box<Expr>),
    Range(u8),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Func {
    Concat,
    Flatten,
    Jsonencode,
    Jsondecode,
    Replace,
    Format,
    Formatlist,
    Join,
    Split,
    Merge,
    Tostring,
    Tolist,
    Toset,
    Tomap,
    Length,
    Keys,
    Values,
    Lookup,
    Coalesce,
    Distinct,
    Setproduct,
    Zipmap,
    Element,
    Try,
    Upper,
    Compact,
    Contains,
    Sort,
    Reverse,
    Slice,
    Chunklist,
    Transpose,
    Base64encode,
    Yamlencode,
    Sum,
    Max,
    Regexall,
    Trimspace,
    Substr,
    Strrev,
    Can,
    Templatestring,
}

impl Func {
    fn name(self) -> &'static str {
        match self {
            Func::Concat => "concat",
            Func::Flatten => "flatten",
            Func::Jsonencode => "jsonencode",
            Func::Jsondecode => "jsondecode",
            Func::Replace => "replace",
            Func::Format => "format",
            Func::Formatlist => "formatlist",
            Func::Join => "join",
            Func::Split => "split",
            Func::Merge => "merge",
            Func::Tostring => "tostring",
            Func::Tolist => "tolist",
            Func::Toset => "toset",
            Func::Tomap => "tomap",
            Func::Length => "length",
            Func::Keys => "keys",
            Func::Values => "values",
            Func::Lookup => "lookup",
            Func::Coalesce => "coalesce",
            Func::Distinct => "distinct",
            Func::Setproduct => "setproduct",
            Func::Zipmap => "zipmap",
            Func::Element => "element",
            Func::Try => "try",
            Func::Upper => "upper",
            Func::Compact => "compact",
            Func::Contains => "contains",
            Func::Sort => "sort",
            Func::Reverse => "reverse",
            Func::Slice => "slice",
            Func::Chunklist => "chunklist",
            Func::Transpose => "transpose",
            Func::Base64encode => "base64encode",
            Func::Yamlencode => "yamlencode",
            Func::Sum => "sum",
            Func::Max => "max",
            Func::Regexall => "regexall",
            Func::Trimspace => "trimspace",
            Func::Substr => "substr",
            Func::Strrev => "strrev",
            Func::Can => "can",
            Func::Templatestring => "templatestring",
        }
    }
}

/// What names an expression may use where it is rendered.
struct Scope {
    locals: usize,
    /// Module calls of this module and their meta-argument (0 none, 1 count, 2 for_each).
    calls: Vec<u8>,
    in_for: usize,
    /// Inside `"${...}"`: no newlines (so no heredocs).
    inline: usize,
    each: bool,
    count: bool,
}

fn lit(out: &mut String, l: &Lit, depth: usize) {
    if depth > MAX_DEPTH {
        out.push_str("\"x\"");
        return;
    }
    match l {
        Lit::Str(w) => {
            let _ = write!(out, "\"{}\"", w.hcl());
        }
        Lit::Num(n) => {
            let _ = write!(out, "{n}");
        }
        Lit::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        Lit::Null => out.push_str("null"),
        Lit::List(items) => {
            out.push('[');
            for (i, it) in items.iter().take(MAX_ITEMS).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                lit(out, it, depth + 1);
            }
            out.push(']');
        }
        Lit::Object(items) => {
            out.push('{');
            for (i, (k, v)) in items.iter().take(MAX_ITEMS).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "\"k{}{}\" = ", i, k.hcl());
                lit(out, v, depth + 1);
            }
            out.push('}');
        }
    }
}

fn iter_name(depth: usize) -> String {
    format!("x{depth}")
}

fn expr(out: &mut String, e: &Expr, sc: &mut Scope, depth: usize) {
    if depth > MAX_DEPTH {
        out.push_str("\"x\"");
        return;
    }
    let d = depth + 1;
    match e {
        Expr::Lit(l) => lit(out, l, depth),
        Expr::Local(n) => {
            let _ = write!(out, "local.a{}", *n as usize % sc.locals.max(1));
        }
        Expr::Var(n) => {
            let _ = write!(out, "var.in{}", *n as usize % VARS);
        }
        Expr::ModOut(c, o) => {
            if sc.calls.is_empty() {
                out.push_str("\"no-module\"");
            } else {
                let i = *c as usize % sc.calls.len();
                let o = *o as usize % MAX_OUTPUTS;
                let _ = match sc.calls[i] {
                    0 => write!(out, "module.c{i}.out{o}"),
                    1 => write!(out, "module.c{i}[*].out{o}"),
                    _ => write!(out, "[for m in module.c{i} : m.out{o}]"),
                };
            }
        }
        Expr::Each => out.push_str(if sc.each { "each.value" } else { "\"no-each\"" }),
        Expr::CountIndex => out.push_str(if sc.count { "count.index" } else { "0" }),
        Expr::Iter => {
            if sc.in_for > 0 {
                out.push_str(&iter_name(sc.in_for - 1));
            } else {
                out.push_str("\"no-iter\"");
            }
        }
        Expr::Interp(parts) => {
            out.push('"');
            sc.inline += 1;
            for p in parts.iter().take(MAX_ITEMS) {
                out.push_str("${");
                expr(out, p, sc, d);
                out.push('}');
            }
            sc.inline -= 1;
            out.push('"');
        }
        Expr::List(items) => {
            out.push('[');
            for (i, it) in items.iter().take(MAX_ITEMS).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                expr(out, it, sc, d);
            }
            out.push(']');
        }
        Expr::Object(items) => {
            out.push('{');
            for (i, (k, v)) in items.iter().take(MAX_ITEMS).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "\"k{}{}\" = ", i, k.hcl());
                expr(out, v, sc, d);
            }
            out.push('}');
        }
        Expr::Call(f, args) => {
            out.push_str(f.name());
            out.push('(');
            if matches!(f, Func::Format | Func::Formatlist) {
                out.push_str("\"%v-%s\", ");
            }
            for (i, a) in args.iter().take(4).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                expr(out, a, sc, d);
            }
            out.push(')');
        }
        Expr::ForList(coll, body) => {
            out.push_str("[for ");
            out.push_str(&iter_name(sc.in_for));
            out.push_str(" in ");
            expr(out, coll, sc, d);
            out.push_str(" : ");
            sc.in_for += 1;
            expr(out, body, sc, d);
            sc.in_for -= 1;
            out.push(']');
        }
        Expr::ForObject(coll, body) => {
            let v = iter_name(sc.in_for);
            let _ = write!(out, "{{for k{v}, {v} in ");
            expr(out, coll, sc, d);
            let _ = write!(out, " : \"${{k{v}}}\" => ");
            sc.in_for += 1;
            expr(out, body, sc, d);
            sc.in_for -= 1;
            out.push_str("...}");
        }
        Expr::ForFiltered(coll, body, cond) => {
            out.push_str("[for ");
            out.push_str(&iter_name(sc.in_for));
            out.push_str(" in ");
            expr(out, coll, sc, d);
            out.push_str(" : ");
            sc.in_for += 1;
            expr(out, body, sc, d);
            out.push_str(" if ");
            expr(out, cond, sc, d);
            sc.in_for -= 1;
            out.push(']');
        }
        Expr::Cond(c, a, b) => {
            out.push('(');
            expr(out, c, sc, d);
            out.push_str(" ? ");
            expr(out, a, sc, d);
            out.push_str(" : ");
            expr(out, b, sc, d);
            out.push(')');
        }
        Expr::Index(a, i) => {
            out.push('(');
            expr(out, a, sc, d);
            out.push_str(")[");
            expr(out, i, sc, d);
            out.push(']');
        }
        Expr::Splat(a) => {
            out.push('(');
            expr(out, a, sc, d);
            out.push_str(")[*]");
        }
        // A heredoc only as a whole attribute value: HCL wants its closing
        // marker alone on a line, so no `,` `)` `]` after it.
        Expr::Heredoc(parts) if sc.inline > 0 || depth > 1 => {
            out.push('"');
            for p in parts.iter().take(MAX_ITEMS) {
                out.push_str("line ${");
                expr(out, p, sc, d);
                out.push_str("}\\n");
            }
            out.push('"');
        }
        Expr::Heredoc(parts) => {
            out.push_str("<<-EOT\n");
            for p in parts.iter().take(MAX_ITEMS) {
                out.push_str("  line ${");
                expr(out, p, sc, d);
                out.push_str("}\n");
            }
            out.push_str("  EOT\n");
        }
        Expr::TemplateFor(coll, body) => {
            let v = iter_name(sc.in_for);
            let _ = write!(out, "\"%{{ for {v} in ");
            sc.inline += 1;
            expr(out, coll, sc, d);
            out.push_str(" }${");
            sc.in_for += 1;
            expr(out, body, sc, d);
            sc.in_for -= 1;
            sc.inline -= 1;
            out.push_str("}%{ endfor }\"");
        }
        Expr::Range(n) => {
            let _ = write!(out, "range({})", n % 16);
        }
    }
}

/// `op(a, b)` where `a` and `b` are expressions already rendered.
fn op(o: Op, a: &str, b: &str) -> String {
    match o {
        Op::Interp => format!("\"${{{a}}}${{{b}}}\""),
        Op::Concat => format!("concat({a}, {b})"),
        Op::List => format!("[{a}, {b}]"),
        Op::Object => format!("{{ l = {a}, r = {b} }}"),
        Op::Format => format!("format(\"%v%v\", {a}, {b})"),
        Op::Join => format!("join(\",\", [{a}, {b}])"),
        Op::Jsonencode => format!("jsonencode([{a}, {b}])"),
        Op::Flatten => format!("flatten([{a}, {b}])"),
        Op::Replace => format!("replace({a}, \"\", {b})"),
        Op::For => format!("[for x in {a} : [x, {b}]]"),
        Op::ForObject => format!("{{ for k, v in {a} : k => [v, {b}] }}"),
        Op::Merge => format!("merge({a}, {{ m = {b} }})"),
        Op::Setproduct => format!("setproduct({a}, {b})"),
        Op::Heredoc => format!("<<EOT\n${{{a}}}\n${{{b}}}\nEOT\n"),
        Op::TemplateFor => format!("\"%{{ for x in {a} }}${{x}}${{{b}}}%{{ endfor }}\""),
    }
}

fn meta(out: &mut String, m: &Meta, sc: &mut Scope) -> u8 {
    match m {
        Meta::None => 0,
        Meta::Count(n) => {
            let _ = writeln!(out, "  count = {}", n % 8);
            1
        }
        Meta::ForEach(e) => {
            out.push_str("  for_each = ");
            expr(out, e, sc, 1);
            out.push('\n');
            2
        }
    }
}

fn resource(out: &mut String, i: usize, r: &Resource, sc: &mut Scope) {
    let ty = match r.kind {
        ResKind::S3Bucket => "aws_s3_bucket",
        ResKind::SecurityGroup | ResKind::DynamicIngress => "aws_security_group",
        ResKind::DbInstance => "aws_db_instance",
        ResKind::EcsTask => "aws_ecs_task_definition",
        ResKind::IamPolicy => "aws_iam_policy",
        ResKind::Ecr => "aws_ecr_repository",
        ResKind::Lambda => "aws_lambda_function",
        ResKind::Instance => "aws_instance",
    };
    let _ = writeln!(out, "resource \"{ty}\" \"r{i}\" {{");
    let m = meta(out, &r.meta, sc);
    sc.count = m == 1;
    sc.each = m == 2;
    // Values go inside one-line objects and lists, except `user_data`.
    let inline = !matches!(r.kind, ResKind::Instance) as usize;
    sc.inline += inline;
    let mut v = String::new();
    expr(&mut v, &r.value, sc, 1);
    sc.inline -= inline;
    sc.inline += 1;
    let mut o = String::new();
    expr(&mut o, &r.other, sc, 1);
    sc.inline -= 1;
    match r.kind {
        ResKind::S3Bucket => {
            let _ = writeln!(out, "  bucket = {v}\n  acl = {o}\n  tags = {{ Name = {v} }}");
        }
        ResKind::SecurityGroup => {
            let _ = writeln!(
                out,
                "  ingress {{\n    from_port = 22\n    to_port = {o}\n    protocol = \"tcp\"\n    cidr_blocks = {v}\n  }}"
            );
        }
        ResKind::DynamicIngress => {
            let _ = writeln!(
                out,
                "  dynamic \"ingress\" {{\n    for_each = {v}\n    content {{\n      from_port = 0\n      to_port = 0\n      protocol = \"-1\"\n      cidr_blocks = [ingress.value, {o}]\n    }}\n  }}"
            );
        }
        ResKind::DbInstance => {
            let _ = writeln!(out, "  publicly_accessible = {o}\n  password = {v}\n  storage_encrypted = {o}");
        }
        ResKind::EcsTask => {
            let _ = writeln!(
                out,
                "  family = \"f\"\n  container_definitions = jsonencode([{{ name = \"c\", image = {v}, privileged = {o}, environment = [{{ name = \"SECRET_KEY\", value = {v} }}] }}])"
            );
        }
        ResKind::IamPolicy => {
            let _ = writeln!(
                out,
                "  policy = jsonencode({{ Version = \"2012-10-17\", Statement = [{{ Effect = \"Allow\", Action = {v}, Resource = {o} }}] }})"
            );
        }
        ResKind::Ecr => {
            let _ = writeln!(out, "  name = {o}\n  image_tag_mutability = {v}");
        }
        ResKind::Lambda => {
            let _ = writeln!(
                out,
                "  function_name = \"f\"\n  environment {{\n    variables = {{ API_TOKEN = {v}, OTHER = {o} }}\n  }}"
            );
        }
        ResKind::Instance => {
            let _ = writeln!(out, "  ami = {o}\n  user_data = {v}");
        }
    }
    sc.count = false;
    sc.each = false;
    out.push_str("}\n\n");
}

fn module_text(m: &Module, idx: usize, n_modules: usize) -> String {
    let mut out = String::new();
    for v in 0..VARS {
        let _ = writeln!(out, "variable \"in{v}\" {{\n  default = null\n}}\n");
    }
    let chain = m.chain.map_or(0, |(_, n)| n as usize % (MAX_LOCALS + 1));
    let locals = m.locals.len().min(MAX_LOCALS) + chain;
    let calls: Vec<&Call> = if n_modules > 1 { m.calls.iter().take(MAX_CALLS).collect() } else { Vec::new() };
    let call_kinds: Vec<u8> = calls
        .iter()
        .map(|c| match c.meta {
            Meta::None => 0,
            Meta::Count(_) => 1,
            Meta::ForEach(_) => 2,
        })
        .collect();
    let mut sc = Scope { locals, calls: call_kinds, in_for: 0, inline: 0, each: false, count: false };

    if locals > 0 {
        out.push_str("locals {\n");
        for (i, l) in m.locals.iter().take(MAX_LOCALS).enumerate() {
            let _ = write!(out, "  a{i} = ");
            match l {
                Local::Expr(e) => expr(&mut out, e, &mut sc, 0),
                Local::Double(o) => {
                    if i == 0 {
                        out.push_str("[\"x\", \"y\"]");
                    } else {
                        let p = format!("local.a{}", i - 1);
                        out.push_str(&op(*o, &p, &p));
                    }
                }
                Local::Pair(o, a, b) => {
                    let a = format!("local.a{}", *a as usize % locals);
                    let b = format!("local.a{}", *b as usize % locals);
                    out.push_str(&op(*o, &a, &b));
                }
            }
            out.push('\n');
        }
        if let Some((o, _)) = m.chain {
            for i in locals - chain..locals {
                let _ = write!(out, "  a{i} = ");
                if i == 0 {
                    out.push_str("[\"x\", \"y\"]");
                } else {
                    let p = format!("local.a{}", i - 1);
                    out.push_str(&op(o, &p, &p));
                }
                out.push('\n');
            }
        }
        out.push_str("}\n\n");
    }

    for (i, c) in calls.iter().enumerate() {
        let target = 1 + c.target as usize % (n_modules - 1);
        let source = if idx == 0 { format!("./modules/m{target}") } else { format!("../m{target}") };
        let _ = writeln!(out, "module \"c{i}\" {{\n  source = \"{source}\"");
        meta(&mut out, &c.meta, &mut sc);
        sc.count = matches!(c.meta, Meta::Count(_));
        sc.each = matches!(c.meta, Meta::ForEach(_));
        for (k, a) in c.args.iter().take(VARS).enumerate() {
            let _ = write!(out, "  in{k} = ");
            expr(&mut out, a, &mut sc, 1);
            out.push('\n');
        }
        sc.count = false;
        sc.each = false;
        out.push_str("}\n\n");
    }

    for (i, r) in m.resources.iter().take(MAX_RESOURCES).enumerate() {
        resource(&mut out, i, r, &mut sc);
    }

    // A resource that reads the last local and every module call's output:
    // values nothing reads may never be evaluated.
    let mut sink = String::new();
    if locals > 0 {
        let _ = write!(sink, "l = local.a{}, ", locals - 1);
    }
    for (i, k) in sc.calls.iter().enumerate() {
        let _ = match k {
            0 => write!(sink, "c{i} = module.c{i}.out0, "),
            1 => write!(sink, "c{i} = module.c{i}[*].out0, "),
            _ => write!(sink, "c{i} = [for m in module.c{i} : m.out0], "),
        };
    }
    let _ = writeln!(out, "resource \"aws_s3_bucket\" \"sink\" {{\n  bucket = \"sink\"\n  tags = {{ {sink}}}\n}}\n");

    // Every module has all its outputs, so that `module.cN.outM` resolves.
    for o in 0..MAX_OUTPUTS {
        let _ = write!(out, "output \"out{o}\" {{\n  value = ");
        match m.outputs.get(o) {
            Some(e) => expr(&mut out, e, &mut sc, 1),
            None if locals > 0 => {
                let _ = write!(out, "local.a{}", locals - 1);
            }
            None => {
                let _ = write!(out, "var.in{}", o % VARS);
            }
        }
        out.push_str("\n}\n\n");
    }
    out
}

impl Case {
    /// The files of this case: (path relative to the root, content).
    pub fn files(&self) -> Vec<(String, String)> {
        let n = self.modules.len().min(MAX_MODULES);
        let mut files = Vec::new();
        if n == 0 {
            files.push(("main.tf".to_string(), String::new()));
        }
        for (i, m) in self.modules.iter().take(n).enumerate() {
            let dir = if i == 0 { String::new() } else { format!("modules/m{i}/") };
            files.push((format!("{dir}main.tf"), module_text(m, i, n)));
        }
        if !self.tfvars.is_empty() {
            let mut t = String::new();
            let mut set = [false; VARS];
            for (k, v) in self.tfvars.iter() {
                let k = *k as usize % VARS;
                if std::mem::replace(&mut set[k], true) {
                    continue;
                }
                let _ = write!(t, "in{k} = ");
                lit(&mut t, v, 0);
                t.push('\n');
            }
            files.push(("terraform.tfvars".to_string(), t));
        }
        files
    }

    /// Writes the case into `dir` (emptied first).
    pub fn write(&self, dir: &Path) {
        crate::fresh(dir);
        for (path, text) in self.files() {
            let p = dir.join(path);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent).expect("create a module directory");
            }
            std::fs::write(p, text).expect("write a case file");
        }
    }
}
