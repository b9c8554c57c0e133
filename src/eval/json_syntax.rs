//! Terraform's JSON syntax (`*.tf.json`): the same module, written as JSON.
//!
//! The span-keeping JSON parser already turns such a file into [`Val`]s, so
//! literals need no evaluation. What JSON cannot write is an expression:
//! Terraform reads every string there as a template, so a string holding `${`
//! or `%{` is parsed as an HCL template and evaluated in the module's context
//! (the same variables, locals and functions the `.tf` files see).
//!
//! Nested blocks are kept as JSON writes them (an object for one block, an
//! array for several): without provider schemas a block cannot be told from
//! an object-valued argument, and the rules walk maps and lists alike.

use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

use hcl_edit::expr::Expression;

use super::module::{instances_of, Loader, ModuleCall};
use super::{expand, iter_val, Ctx, Env, Expansion, Local, VarSlot};
use crate::model::value::Seg;
use crate::model::{Element, Kind, Text, Val, V};
use crate::source::{SourceFile, Span};

/// `.tf.json` and `.tfvars.json` files are read as JSON.
pub fn is_json_syntax(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Terraform reads a JSON string as a template only when it could be one.
fn is_template(s: &str) -> bool {
    s.contains("${") || s.contains("%{")
}

/// The objects at a block position: one object, or an array of them (both
/// are valid wherever JSON syntax expects blocks).
fn objects(v: &Val) -> Vec<&Val> {
    v.items().into_iter().filter(|x| x.as_map().is_some()).collect()
}

/// `{"LABEL": {...}}` (or `{"LABEL": [{...}, {...}]}`, or an array of such
/// objects) as (label, body) pairs.
fn labelled(v: &Val) -> Vec<(&str, &Val)> {
    let mut out = Vec::new();
    for o in objects(v) {
        for (k, x) in o.as_map().unwrap_or_default() {
            out.extend(objects(x).into_iter().map(|b| (&**k, b)));
        }
    }
    out
}

/// Variables and locals declared in a JSON file, into the module's context.
pub(super) fn declare<'a>(ctx: &mut Ctx<'a>, doc: &'a Val) {
    for (key, v) in doc.as_map().unwrap_or_default() {
        match &**key {
            "variable" => {
                for (name, body) in labelled(v) {
                    let slot = match body.get("default") {
                        Some(d) => VarSlot::JsonDefault(d),
                        None => VarSlot::Missing(body.span),
                    };
                    ctx.vars.insert(name, slot);
                }
            }
            "locals" => {
                for o in objects(v) {
                    for (name, x) in o.as_map().unwrap_or_default() {
                        ctx.locals.insert(name, Local::Json(x));
                    }
                }
            }
            _ => {}
        }
    }
}

impl Ctx<'_> {
    /// A JSON value as Terraform reads it: strings may be templates, object
    /// keys included; everything else is literal.
    pub fn eval_json(&self, v: &Val, env: Option<&Env<'_>>) -> Val {
        match &v.v {
            V::Str(t) if is_template(&t.text) => self.json_template(&t.text, v.span, env),
            V::List(items) => {
                Val::new(V::List(Rc::new(items.iter().map(|x| self.eval_json(x, env)).collect())), v.span)
            }
            V::Map(entries) => {
                let mut out: Vec<(Rc<str>, Val)> = Vec::with_capacity(entries.len());
                for (k, x) in entries.iter() {
                    let key = if is_template(k) {
                        // Key spans are not kept: the value's stands in.
                        match self.json_template(k, x.span, env).as_str() {
                            Some(s) => Rc::from(&*s),
                            None => return Val::unknown(v.span),
                        }
                    } else {
                        k.clone()
                    };
                    out.push((key, self.eval_json(x, env)));
                }
                Val::new(V::Map(Rc::new(out)), v.span)
            }
            _ => v.clone(),
        }
    }

    /// A block body in JSON: its arguments evaluated, `"//"` comments left
    /// out, and `dynamic` blocks expanded as in HCL.
    pub fn eval_json_body(&self, body: &Val, env: Option<&Env<'_>>) -> Val {
        let mut out: Vec<(Rc<str>, Val)> = Vec::new();
        for (k, x) in body.as_map().unwrap_or_default() {
            match &**k {
                "//" => {}
                "dynamic" => {
                    for (label, d) in labelled(x) {
                        let blocks = self.json_dynamic(label, d, env);
                        out.push((Rc::from(label), Val::new(V::List(Rc::new(blocks)), d.span)));
                    }
                }
                _ => out.push((k.clone(), self.eval_json(x, env))),
            }
        }
        Val::new(V::Map(Rc::new(out)), body.span)
    }

    /// `"dynamic": {"ingress": {"for_each": ..., "iterator": ..., "content": {...}}}`.
    fn json_dynamic(&self, label: &str, d: &Val, env: Option<&Env<'_>>) -> Vec<Val> {
        let Some(content) = d.get("content") else { return Vec::new() };
        // `iterator` is a bare name, written as a plain string.
        let iterator = d.get("iterator").and_then(|i| i.as_text()).map_or(label, |t| t.text.as_str());
        let items = d.get("for_each").map(|v| expand(&self.eval_json(v, env))).unwrap_or(Expansion::Unknown);
        let bind = |val: Val| {
            let e = Env { name: iterator, val, parent: env };
            self.eval_json_body(content, Some(&e))
        };
        match items {
            // Within the budget, as in HCL: a step per block, and a block
            // refused for its size inside stops the expansion.
            Expansion::Items(items) => {
                let budget = &self.sources.budget;
                let (mut out, mut size) = (Vec::with_capacity(items.len()), 0);
                for (k, v) in items {
                    let refusals = budget.refusals();
                    if !budget.steps(1, content.span) {
                        out.push(Val::unknown(content.span));
                        break;
                    }
                    let body = bind(iter_val(k, v, content.span));
                    size += body.size();
                    if !budget.fits(size, content.span) || budget.refusals() > refusals {
                        out.push(Val::unknown(content.span));
                        break;
                    }
                    out.push(body);
                }
                out
            }
            Expansion::Unknown => vec![bind(Val::unknown(content.span))],
        }
    }

    /// Evaluates the template `text` (a JSON string, already unescaped)
    /// written at `at` (the string with its quotes).
    ///
    /// hcl-edit's spans are offsets in the text it parsed and cannot be moved,
    /// so the template is parsed from a copy registered as a source of its
    /// own, then every span in the result is moved into the JSON file. When
    /// the string as written is also a valid HCL quoted string (JSON's escapes
    /// are HCL's, but for `\/`, `\b` and `\f`), that copy is the exact text
    /// of the file and so are the spans; otherwise the unescaped text is
    /// parsed and positions are kept within the string (the line is right,
    /// the column approximate).
    fn json_template(&self, text: &str, at: Span, env: Option<&Env<'_>>) -> Val {
        let file = self.sources.get(at.file);
        let written = file.text.get(at.start as usize..at.end as usize).unwrap_or("");
        let exact = match hcl_edit::parser::parse_expr(written) {
            Ok(e @ (Expression::String(_) | Expression::StringTemplate(_))) if written.starts_with('"') => Some(e),
            _ => None,
        };
        let (copy, shift) = match exact {
            Some(_) => (written, at.start),
            None => (text, at.start + 1),
        };
        let last = at.end.saturating_sub(1).max(shift);
        let id = self.sources.add(SourceFile::new(file.display.clone(), Default::default(), Arc::from(copy)));
        let v = match &exact {
            Some(e) => self.eval(e, id, env),
            None => match hcl_edit::parser::parse_template(text) {
                Ok(t) => self.eval_template(&t, Span::new(id, 0..text.len()), id, env, false),
                // Not a template Terraform accepts either: nothing is known.
                Err(_) => return Val::unknown(at),
            },
        };
        let exact = exact.is_some();
        let place = move |s: Span| {
            if s.file != id {
                s
            } else if exact {
                Span { file: at.file, start: s.start + shift, end: s.end + shift }
            } else {
                let clamp = |o: u32| (o + shift).min(last);
                Span { file: at.file, start: clamp(s.start), end: clamp(s.end).max(clamp(s.start)) }
            }
        };
        for (span, _) in self.errors.borrow_mut().iter_mut() {
            *span = place(*span);
        }
        let mut v = replace_spans(v, &place);
        if v.span == place(Span::new(id, 0..copy.len())) {
            v.span = at;
        }
        v
    }
}

/// `v` with every span passed through `place` (values and string pieces).
pub(super) fn replace_spans(v: Val, place: &impl Fn(Span) -> Span) -> Val {
    let inner = match v.v {
        V::Str(t) if !t.segs.is_empty() => V::Str(Rc::new(Text {
            text: t.text.clone(),
            segs: t.segs.iter().map(|s| Seg { src: place(s.src), ..s.clone() }).collect(),
        })),
        V::List(l) => V::List(Rc::new(l.iter().map(|x| replace_spans(x.clone(), place)).collect())),
        V::Map(m) => V::Map(Rc::new(m.iter().map(|(k, x)| (k.clone(), replace_spans(x.clone(), place))).collect())),
        V::Encoded(enc, x) => V::Encoded(enc, Box::new(replace_spans(*x, place))),
        other => other,
    };
    let mut out = Val::new(inner, place(v.span));
    out.origin = v.origin.map(place);
    out
}

impl Loader<'_> {
    /// The top-level blocks of one JSON file, as [`Loader::block`] does for HCL.
    pub(super) fn json_blocks(&mut self, ctx: &Ctx, doc: &Val, prefix: &str, calls: &mut Vec<ModuleCall>) {
        for (key, v) in doc.as_map().unwrap_or_default() {
            match &**key {
                "resource" | "data" => {
                    let kind = if &**key == "resource" { Kind::Resource } else { Kind::Data };
                    for (ty, named) in labelled(v) {
                        if !self.globals.wanted.wants(kind, ty) {
                            continue;
                        }
                        for (name, body) in labelled(named) {
                            let address = match kind {
                                Kind::Data => format!("{prefix}data.{ty}.{name}"),
                                _ => format!("{prefix}{ty}.{name}"),
                            };
                            for env in json_instances(ctx, body) {
                                self.elements.push(Element {
                                    kind,
                                    type_name: ty.to_string(),
                                    address: format!("{address}{}", super::module::address_key(&env)),
                                    span: body.span,
                                    body: ctx.eval_json_body(body, env.as_ref().map(|e| e.as_env())),
                                });
                            }
                        }
                    }
                }
                "provider" => {
                    for (name, body) in labelled(v) {
                        let body = ctx.eval_json_body(body, None);
                        let alias =
                            body.get("alias").and_then(|a| a.as_str()).map(|a| format!(".{a}")).unwrap_or_default();
                        self.elements.push(Element {
                            kind: Kind::Provider,
                            type_name: name.to_string(),
                            address: format!("{prefix}provider.{name}{alias}"),
                            span: body.span,
                            body,
                        });
                    }
                }
                // A backend in a called module is ignored by Terraform (see module.rs).
                "terraform" if prefix.is_empty() => {
                    for t in objects(v) {
                        for (ty, body) in t.get("backend").map(labelled).unwrap_or_default() {
                            self.elements.push(Element {
                                kind: Kind::Backend,
                                type_name: ty.to_string(),
                                address: format!("{prefix}terraform.backend.{ty}"),
                                span: body.span,
                                body: ctx.eval_json_body(body, None),
                            });
                        }
                    }
                }
                "variable" if self.globals.wanted.wants(Kind::Variable, "variable") => {
                    for (name, body) in labelled(v) {
                        self.elements.push(Element {
                            kind: Kind::Variable,
                            type_name: "variable".into(),
                            address: format!("{prefix}var.{name}"),
                            span: body.span,
                            // Literal, as Terraform reads a JSON variable block.
                            body: body.clone(),
                        });
                    }
                }
                "locals" if self.globals.wanted.wants(Kind::Local, "locals") => {
                    for o in objects(v) {
                        for (name, x) in o.as_map().unwrap_or_default() {
                            let text = format!("{name} {}", self.sources.text(x.span));
                            if !crate::secrets::may_name_secret(&text) || !self.locals_seen.insert(x.span) {
                                continue;
                            }
                            let value = ctx.local(name);
                            self.elements.push(Element {
                                kind: Kind::Local,
                                type_name: "locals".into(),
                                address: format!("{prefix}local.{name}"),
                                span: x.span,
                                body: Val::new(V::Map(std::rc::Rc::new(vec![(name.clone(), value)])), x.span),
                            });
                        }
                    }
                }
                "module" => {
                    for (name, body) in labelled(v) {
                        let source = body.get("source").map(|s| ctx.eval_json(s, None));
                        let source = source.as_ref().and_then(|s| s.as_str());
                        for env in json_instances(ctx, body) {
                            let evaluated = ctx.eval_json_body(body, env.as_ref().map(|e| e.as_env()));
                            let instance = format!("{prefix}module.{name}{}", super::module::address_key(&env));
                            self.module_call(ctx, name, &instance, source.as_deref(), evaluated, body.span, calls);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

fn json_instances(ctx: &Ctx, body: &Val) -> Vec<Option<super::module::OwnedEnv>> {
    let count = body.get("count").map(|c| ctx.eval_json(c, None));
    let instances = instances_of(count, || body.get("for_each").map(|e| ctx.eval_json(e, None)), body.span);
    super::module::within_budget(ctx, instances, body.span)
}
