//! Evaluates hcl-edit expressions into [`Val`]s, keeping spans.
//!
//! hcl-rs can evaluate expressions too, but it has no notion of an Unknown
//! value (an apply-time attribute is an error there) and its values carry no
//! spans. Evaluating hcl-edit's tree directly gives both: every value knows
//! where it was written, and anything Terraform only knows at apply time is
//! `V::Unknown`, which no rule ever reports on.

use std::rc::Rc;

use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::template::{Element, Template};

use super::{Ctx, Env};
use crate::model::value::{key, MapBuilder, Seg};
use crate::model::{Text, Val, UNKNOWN_MARK, V};
use crate::source::{FileId, Span};

/// A reference to a named value: a name, then attributes and literal
/// indexes (`local.t`, `var.m["k"]`, `t`), without parentheses or splats.
fn is_reference(e: &Expression) -> bool {
    match e {
        Expression::Variable(_) => true,
        Expression::Traversal(t) => {
            matches!(t.expr, Expression::Variable(_))
                && t.operators.iter().all(|op| match op.value() {
                    TraversalOperator::GetAttr(_) | TraversalOperator::LegacyIndex(_) => true,
                    TraversalOperator::Index(i) => {
                        matches!(i, Expression::String(_) | Expression::Number(_))
                    }
                    _ => false,
                })
        }
        _ => false,
    }
}

pub fn span_of(x: &impl hcl_edit::Span, file: FileId) -> Span {
    x.span().map(|r| Span::new(file, r)).unwrap_or(Span { file, start: 0, end: 0 })
}

impl<'a> Ctx<'a> {
    /// Evaluates an expression within the task's budget: one step, and a
    /// result no larger than [`super::budget::MAX_VALUE_BYTES`] (else Unknown).
    pub fn eval(&self, e: &Expression, f: FileId, env: Option<&Env<'_>>) -> Val {
        let span = span_of(e, f);
        let budget = &self.sources.budget;
        if !budget.steps(1, span) {
            return Val::unknown(span);
        }
        let v = self.eval_unbudgeted(e, span, f, env);
        if budget.fits(v.size(), span) {
            v
        } else {
            Val::unknown(span)
        }
    }

    fn eval_unbudgeted(&self, e: &Expression, span: Span, f: FileId, env: Option<&Env<'_>>) -> Val {
        match e {
            Expression::Null(_) => Val::new(V::Null, span),
            Expression::Bool(b) => Val::new(V::Bool(*b.value()), span),
            Expression::Number(n) => Val::new(n.value().as_f64().map_or(V::Unknown, V::Num), span),
            // A quoted string is one line: mapping any offset inside it to its
            // start keeps the line exact, and saves a source map per literal.
            Expression::String(s) => Val::new(V::Str(Rc::new(Text::plain(s.value().as_str()))), span),
            Expression::Array(a) => {
                let items = a.iter().map(|x| self.eval(x, f, env)).collect();
                Val::new(V::List(Rc::new(items)), span)
            }
            Expression::Object(o) => {
                let mut entries = MapBuilder::with_capacity(o.len());
                for (k, v) in o.iter() {
                    let key = match k {
                        ObjectKey::Ident(id) => Some(key(id.as_str())),
                        ObjectKey::Expression(ke) => match ke {
                            // `(var.x)` or `"${...}"` keys are evaluated; a bare name is literal.
                            Expression::Variable(id) => Some(key(id.as_str())),
                            _ => self.eval(ke, f, env).as_str().map(|s| key(&s)),
                        },
                    };
                    match key {
                        Some(key) => {
                            let val = self.eval(v.expr(), f, env);
                            // Terraform keeps the last of repeated keys.
                            entries.insert(key, val);
                        }
                        // An unknown key makes the whole object's shape unknown.
                        None => return Val::unknown(span),
                    }
                }
                Val::new(V::Map(Rc::new(entries.finish())), span)
            }
            Expression::StringTemplate(t) => self.eval_template(t, span, f, env, false),
            Expression::HeredocTemplate(h) => self.eval_template(&h.template, span, f, env, true),
            Expression::Parenthesis(p) => self.eval(p.inner(), f, env).rehome(span),
            Expression::Variable(id) => match env.and_then(|e| e.lookup(id.as_str())) {
                Some(v) => v.clone().rehome(span),
                None => Val::unknown(span),
            },
            Expression::Conditional(c) => {
                let cond = self.eval(&c.cond_expr, f, env);
                match cond.as_bool() {
                    Some(true) => self.eval(&c.true_expr, f, env).derived_from([&cond]),
                    Some(false) => self.eval(&c.false_expr, f, env).derived_from([&cond]),
                    None => Val::unknown(span),
                }
            }
            Expression::FuncCall(call) => {
                let name = call.name.name.as_str();
                // Only Terraform's own functions (`core::` or no namespace);
                // a provider's function is Unknown.
                let namespace: Vec<&str> = call.name.namespace.iter().map(|n| n.as_str()).collect();
                if !(namespace.is_empty() || namespace == ["core"]) {
                    return Val::unknown(span);
                }
                if name == "try" || name == "can" {
                    return self.eval_try(name, call.args.iter(), span, f, env);
                }
                if name == "issensitive" {
                    let mut args = call.args.iter();
                    return match (args.next(), args.next()) {
                        (Some(arg), None) => {
                            self.issensitive(arg, f).map_or(Val::unknown(span), |b| Val::new(V::Bool(b), span))
                        }
                        _ => Val::unknown(span),
                    };
                }
                // Terraform takes a template only from a reference to a named
                // value (`local.tpl`, `var.t`), never written in place.
                if name == "templatestring" && !call.args.iter().next().is_some_and(is_reference) {
                    return Val::unknown(span);
                }
                let mut args: Vec<Val> = call.args.iter().map(|a| self.eval(a, f, env)).collect();
                // `f(a, list...)`: the list's elements are the last arguments.
                if call.args.expand_final() {
                    match args.pop().map(|l| l.v) {
                        Some(V::List(l)) if self.sources.budget.steps(l.len() as u64, span) => {
                            args.extend(l.iter().cloned())
                        }
                        _ => return Val::unknown(span),
                    }
                }
                self.call(name, args, span)
            }
            Expression::Traversal(t) => self.eval_traversal(&t.expr, &t.operators, span, f, env),
            Expression::UnaryOp(op) => {
                let v = self.eval(&op.expr, f, env);
                let out = match (op.operator.value(), &v.v) {
                    (UnaryOperator::Neg, V::Num(n)) => Val::new(V::Num(-n), span),
                    (UnaryOperator::Not, _) => v.as_bool().map_or(Val::unknown(span), |b| Val::new(V::Bool(!b), span)),
                    _ => Val::unknown(span),
                };
                out.derived_from([&v])
            }
            Expression::BinaryOp(op) => {
                let l = self.eval(&op.lhs_expr, f, env);
                let r = self.eval(&op.rhs_expr, f, env);
                binary(*op.operator.value(), &l, &r)
                    .map_or(Val::unknown(span), |v| Val::new(v, span).derived_from([&l, &r]))
            }
            Expression::ForExpr(fe) => self.eval_for(fe, span, f, env),
        }
    }

    /// `try(a, b, ...)`: the first argument that evaluates to a known value.
    /// An Unknown argument may be an apply-time value (Terraform would return
    /// it) or an error (Terraform would move on): either way the result is
    /// not known, unless every remaining candidate agrees.
    fn eval_try<'x>(
        &self,
        name: &str,
        args: impl Iterator<Item = &'x Expression>,
        span: Span,
        f: FileId,
        env: Option<&Env<'_>>,
    ) -> Val {
        let first = args.into_iter().next().map(|a| self.eval(a, f, env));
        match (name, first) {
            ("can", Some(v)) if !v.is_unknown() => Val::new(V::Bool(true), span),
            ("try", Some(v)) if !v.is_unknown() => v,
            _ => Val::unknown(span),
        }
    }

    pub(super) fn eval_template(
        &self,
        t: &Template,
        span: Span,
        f: FileId,
        env: Option<&Env<'_>>,
        heredoc: bool,
    ) -> Val {
        // `"${x}"` alone is `x` itself, with its type (Terraform semantics).
        if !heredoc {
            if let Some(Element::Interpolation(i)) = t.as_single_element() {
                return self.eval(&i.expr, f, env).rehome(span);
            }
        }
        // Sized up front: literals as they are, a guess for each interpolation.
        let (mut len, mut parts) = (0, 0);
        for el in t.iter() {
            len += match el {
                Element::Literal(lit) => lit.value().len(),
                _ => 16,
            };
            parts += 1;
        }
        let mut text = Text { text: compact_str::CompactString::with_capacity(len), segs: Vec::with_capacity(parts) };
        for el in t.iter() {
            let start = text.text.len() as u32;
            match el {
                Element::Literal(lit) => {
                    text.text.push_str(lit.value());
                    text.segs.push(Seg {
                        out: (start, text.text.len() as u32),
                        src: span_of(lit, f),
                        literal: true,
                        reference: None,
                    });
                }
                Element::Interpolation(i) => {
                    let v = self.eval(&i.expr, f, env);
                    let src = span_of(&i.expr, f);
                    // Checked before the text grows (a value is at most as
                    // large as its size, or its JSON encoding, checked inside).
                    if !self.sources.budget.fits(text.text.len() as u64 + v.size(), src)
                        || !push_interpolated(&mut text, &v, &self.sources.budget, src)
                    {
                        return Val::unknown(span);
                    }
                    match &v.v {
                        // A string that carries references (`"${local.url}?ssl=1"`):
                        // its pieces keep them, all mapped to this interpolation.
                        V::Str(t) if t.segs.iter().any(|g| g.reference.is_some()) && covers(t) => {
                            text.segs.extend(t.segs.iter().map(|g| Seg {
                                out: (start + g.out.0, start + g.out.1),
                                src,
                                literal: false,
                                reference: g.reference.clone(),
                            }))
                        }
                        _ => {
                            // `${pw}`, or `${jsonencode(pw)}` in a JSON template.
                            let reference = match &v.v {
                                V::Ref(r) => Some(r.clone()),
                                V::Encoded(crate::model::Encoding::Json, inner) => {
                                    inner.as_ref_path().map(|r| Rc::new(r.to_string()))
                                }
                                _ => None,
                            };
                            text.segs.push(Seg { out: (start, text.text.len() as u32), src, literal: false, reference })
                        }
                    }
                }
                Element::Directive(d) => {
                    text.text.push(UNKNOWN_MARK);
                    text.segs.push(Seg {
                        out: (start, text.text.len() as u32),
                        src: span_of(d, f),
                        literal: false,
                        reference: None,
                    });
                }
            }
        }
        if !self.sources.budget.bytes(text.text.len() as u64, span) {
            return Val::unknown(span);
        }
        Val::new(V::Str(Rc::new(text)), span)
    }

    fn eval_traversal(
        &self,
        root: &Expression,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        span: Span,
        f: FileId,
        env: Option<&Env<'_>>,
    ) -> Val {
        let attr = |i: usize| match ops.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(id)) => Some(id.as_str()),
            _ => None,
        };
        let (base, rest) = match root {
            Expression::Variable(id) => {
                let name = id.as_str();
                if let Some(v) = env.and_then(|e| e.lookup(name)) {
                    (v.clone(), 0)
                } else {
                    match (name, attr(0)) {
                        ("var", Some(n)) => (self.var(n), 1),
                        ("local", Some(n)) => (self.local(n), 1),
                        ("module", Some(m)) if self.module_outputs.contains_key(m) => {
                            (self.module_outputs[m].clone(), 1)
                        }
                        ("path", Some("module")) => (Val::str(self.path_module(), span), 1),
                        ("path", Some("root")) => (Val::str(".", span), 1),
                        ("path", Some("cwd")) => (Val::str(".", span), 1),
                        ("data", Some(ty)) => {
                            // `data.T.x.rendered`, or `data.T.x[0].rendered` (made with
                            // `count = var.create ? 1 : 0`, or one of `for_each`): every
                            // instance renders the same, but for what reads `count` or
                            // `each`, which is Unknown here.
                            let third = ops.get(2).map(|o| o.value());
                            let indexed =
                                matches!(third, Some(TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_)));
                            // `one(data.aws_iam_policy_document.x[*].json)`: as many
                            // documents as the data source has instances, when known.
                            let splat = matches!(
                                third,
                                Some(TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_))
                            );
                            if splat && ty == "aws_iam_policy_document" && attr(3) == Some("json") && ops.len() == 4 {
                                let data = attr(1).unwrap_or_default();
                                return match self.policy_document_instances(data) {
                                    Some(n) if self.sources.budget.steps(n as u64, span) => {
                                        let doc = self.policy_document(data).rehome(span);
                                        Val::new(V::List(Rc::new(vec![doc; n])), span)
                                    }
                                    _ => Val::unknown(span),
                                };
                            }
                            let (result, used) = match (attr(2), indexed) {
                                (Some(a), _) => (Some(a), 3),
                                (None, true) => (attr(3), 4),
                                (None, false) => (None, 0),
                            };
                            match (ty, attr(1), result) {
                                ("aws_iam_policy_document", Some(data), Some("json")) => {
                                    (self.policy_document(data), used)
                                }
                                ("template_file", Some(data), Some("rendered")) => {
                                    (self.template_file_data(data), used)
                                }
                                _ => return Val::new(V::Ref(Rc::new(ref_path(name, ops))), span),
                            }
                        }
                        ("self", _) | ("terraform", _) | ("count", _) | ("each", _) => return Val::unknown(span),
                        // Resources, data sources, modules: apply time, but remember which.
                        _ => return Val::new(V::Ref(Rc::new(ref_path(name, ops))), span),
                    }
                }
            }
            other => (self.eval(other, f, env), 0),
        };
        let mut cur = base;
        let mut i = rest;
        while i < ops.len() {
            if cur.is_unknown() {
                return Val::unknown(span);
            }
            cur = match ops[i].value() {
                TraversalOperator::GetAttr(id) => match cur.get(id.as_str()) {
                    Some(v) => v.clone(),
                    None => return Val::unknown(span),
                },
                TraversalOperator::Index(ix) => {
                    let k = self.eval(ix, f, env);
                    match index(&cur, &k) {
                        Some(v) => v,
                        None => return Val::unknown(span),
                    }
                }
                TraversalOperator::LegacyIndex(n) => match cur.as_list().and_then(|l| l.get(*n.value() as usize)) {
                    Some(v) => v.clone(),
                    None => return Val::unknown(span),
                },
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    // `list[*].attr`: apply the remaining attribute lookups to each element.
                    let Some(items) = cur.as_list() else { return Val::unknown(span) };
                    if !self.sources.budget.steps(items.len() as u64, span) {
                        return Val::unknown(span);
                    }
                    let mut out = Vec::with_capacity(items.len());
                    for item in items {
                        let mut v = item.clone();
                        for op in &ops[i + 1..] {
                            v = match op.value() {
                                TraversalOperator::GetAttr(id) => match v.get(id.as_str()) {
                                    Some(x) => x.clone(),
                                    None => return Val::unknown(span),
                                },
                                _ => return Val::unknown(span),
                            };
                        }
                        out.push(v);
                    }
                    return Val::new(V::List(Rc::new(out)), span);
                }
            };
            i += 1;
        }
        cur.rehome(span)
    }

    fn eval_for(&self, fe: &hcl_edit::expr::ForExpr, span: Span, f: FileId, env: Option<&Env<'_>>) -> Val {
        let coll = self.eval(&fe.intro.collection_expr, f, env);
        // Any number of elements, as Terraform (each one a step of the
        // budget, whatever is done with it: a large collection is still
        // followed to the end, and an absurd one is a located error).
        let n = match &coll.v {
            V::List(l) => l.len(),
            V::Map(m) => m.len(),
            _ => return Val::unknown(span),
        };
        if !self.sources.budget.steps(n as u64, span) {
            return Val::unknown(span);
        }
        let pairs: Vec<(Val, Val)> = match &coll.v {
            V::List(l) => l.iter().enumerate().map(|(i, v)| (Val::new(V::Num(i as f64), v.span), v.clone())).collect(),
            V::Map(m) => m.iter().map(|(k, v)| (Val::str(&**k, v.span), v.clone())).collect(),
            _ => return Val::unknown(span),
        };
        let kname = fe.intro.key_var.as_ref().map(|k| k.as_str());
        let vname = fe.intro.value_var.as_str();
        let mut list = Vec::new();
        let mut map = MapBuilder::default();
        // `{ for s in var.subnets : s.az => s.id... }`: each key's values, in order.
        let mut groups: Vec<(Rc<str>, Vec<Val>)> = Vec::new();
        let mut group_of: foldhash::HashMap<Rc<str>, usize> = Default::default();
        // The result's size so far: a `for` inside a `for` multiplies.
        let mut size = 0u64;
        for (k, v) in pairs {
            let venv = Env { name: vname, val: v, parent: env };
            let kenv;
            let e = match kname {
                Some(kn) => {
                    kenv = Env { name: kn, val: k, parent: Some(&venv) };
                    &kenv
                }
                None => &venv,
            };
            if let Some(c) = &fe.cond {
                match self.eval(&c.expr, f, Some(e)).as_bool() {
                    Some(true) => {}
                    Some(false) => continue,
                    None => return Val::unknown(span),
                }
            }
            let refusals = self.sources.budget.refusals();
            let value = self.eval(&fe.value_expr, f, Some(e));
            size += value.size();
            if !self.sources.budget.fits(size, span) || self.sources.budget.refusals() > refusals {
                return Val::unknown(span);
            }
            match &fe.key_expr {
                Some(ke) => {
                    let Some(key) = self.eval(ke, f, Some(e)).as_str().map(|s| Rc::<str>::from(&*s)) else {
                        return Val::unknown(span);
                    };
                    if fe.grouping {
                        let i = *group_of.entry(key.clone()).or_insert_with(|| {
                            groups.push((key, Vec::new()));
                            groups.len() - 1
                        });
                        groups[i].1.push(value);
                    } else {
                        map.insert(key, value);
                    }
                }
                None => list.push(value),
            }
        }
        for (key, values) in groups {
            map.insert(key, Val::new(V::List(Rc::new(values)), span));
        }
        if fe.key_expr.is_some() {
            Val::new(V::Map(Rc::new(map.finish())), span)
        } else {
            Val::new(V::List(Rc::new(list)), span)
        }
    }
}

/// `aws_s3_bucket.docs.id`, `aws_subnet.public[0].id`, `data.aws_vpc.main.id`.
fn ref_path(root: &str, ops: &[hcl_edit::Decorated<TraversalOperator>]) -> String {
    let mut s = root.to_string();
    for op in ops {
        match op.value() {
            TraversalOperator::GetAttr(id) => {
                s.push('.');
                s.push_str(id.as_str());
            }
            TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => s.push_str("[*]"),
            TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_) => s.push_str("[]"),
        }
    }
    s
}

/// Whether the pieces of `t` cover its text, in order and without gaps.
fn covers(t: &Text) -> bool {
    let mut at = 0;
    for g in &t.segs {
        if g.out.0 != at || g.out.1 < g.out.0 {
            return false;
        }
        at = g.out.1;
    }
    at as usize == t.text.len()
}

/// Appends an interpolated value to a template's text as Terraform would
/// render it; anything not known becomes one [`UNKNOWN_MARK`]. False when a
/// JSON encoding would be larger than a value may be.
pub fn push_interpolated(text: &mut Text, v: &Val, budget: &super::budget::Budget, at: Span) -> bool {
    match &v.v {
        V::Str(t) => text.text.push_str(&t.text),
        V::Num(_) | V::Bool(_) => text.text.push_str(&v.as_str().unwrap_or_default()),
        V::Encoded(..) => match super::functions::encoded_text(v, budget, at) {
            Ok(Some(s)) => text.text.push_str(&s),
            Ok(None) => text.text.push(UNKNOWN_MARK),
            Err(_) => return false,
        },
        _ => text.text.push(UNKNOWN_MARK),
    }
    true
}

fn index(cur: &Val, k: &Val) -> Option<Val> {
    match &cur.v {
        V::List(l) => l.get(k.as_num()? as usize).cloned(),
        V::Map(_) => cur.get(&k.as_str()?).cloned(),
        _ => None,
    }
}

fn binary(op: BinaryOperator, l: &Val, r: &Val) -> Option<V> {
    use BinaryOperator::*;
    if l.is_unknown() || r.is_unknown() {
        return None;
    }
    Some(match op {
        Eq | NotEq => {
            let eq = match (&l.v, &r.v) {
                (V::Null, V::Null) => true,
                (V::Null, _) | (_, V::Null) => false,
                (V::Str(_), V::Str(_)) | (V::Num(_), V::Num(_)) | (V::Bool(_), V::Bool(_)) => {
                    l.as_str()? == r.as_str()?
                }
                // Collections are compared only when both are simple enough to be sure.
                _ => return None,
            };
            V::Bool(if op == Eq { eq } else { !eq })
        }
        And => V::Bool(l.as_bool()? && r.as_bool()?),
        Or => V::Bool(l.as_bool()? || r.as_bool()?),
        _ => {
            let (a, b) = (l.as_num()?, r.as_num()?);
            match op {
                Plus => V::Num(a + b),
                Minus => V::Num(a - b),
                Mul => V::Num(a * b),
                Div if b != 0.0 => V::Num(a / b),
                Mod if b != 0.0 => V::Num(a % b),
                Less => V::Bool(a < b),
                LessEq => V::Bool(a <= b),
                Greater => V::Bool(a > b),
                GreaterEq => V::Bool(a >= b),
                _ => return None,
            }
        }
    })
}
