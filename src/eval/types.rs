//! What a variable's declaration does to the value it is given, as Terraform
//! does it before the module sees the value:
//!
//! - `nullable = false`: a `null` from the caller (or a tfvars file) is the
//!   variable's `default`;
//! - the `type` constraint's `optional(TYPE, DEFAULT)` attributes: an object
//!   attribute that is not given, or given as `null`, is the default (or
//!   `null` when there is none), through `object`, `map`, `list`, `set` and
//!   `tuple`, at any depth. Modules such as terraform-aws-modules' read their
//!   inputs this way (`each.value.enable_monitoring` of a map of objects
//!   whose type says `optional(bool)`); without it those reads were Unknown.
//!
//! Other conversions (`"1"` to a number, dropping attributes an object type
//! does not list) are left out: a rule reads the values as written.

use std::rc::Rc;

use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::Block;

use super::expr::span_of;
use super::module::attr;
use super::Ctx;
use crate::model::{Val, V};
use crate::source::FileId;

impl Ctx<'_> {
    /// The value of a variable declared by `b` (in file `f`) that is given `v`.
    pub(super) fn given(&self, v: Val, b: &Block, f: FileId) -> Val {
        if v.is_null() {
            let nullable = attr(&b.body, "nullable").map(|e| self.eval(e, f, None).as_bool());
            if nullable == Some(Some(false)) {
                if let Some(d) = attr(&b.body, "default") {
                    return self.typed(self.eval(d, f, None), b, f);
                }
            }
            return v;
        }
        self.typed(v, b, f)
    }

    /// `v` with the optional attributes of the variable's `type` filled in.
    pub(super) fn typed(&self, v: Val, b: &Block, f: FileId) -> Val {
        match attr(&b.body, "type") {
            Some(t) => self.conform(v, t, f, 0),
            None => v,
        }
    }

    fn conform(&self, v: Val, t: &Expression, f: FileId, depth: usize) -> Val {
        // Type expressions nest a few levels; a value deeper than its type is
        // left as it is.
        if depth > 32 || v.is_unknown() || v.is_null() {
            return v;
        }
        let Some(call) = t.as_func_call() else { return v };
        let arg = |i: usize| call.args.iter().nth(i);
        let Some(inner) = arg(0) else { return v };
        match (call.name.name.as_str(), &v.v) {
            ("object", V::Map(entries)) => {
                let Some(fields) = inner.as_object() else { return v };
                let mut out: Vec<(Rc<str>, Val)> = entries.to_vec();
                for (k, field) in fields.iter() {
                    let name: Rc<str> = match k {
                        ObjectKey::Ident(i) => i.as_str().into(),
                        ObjectKey::Expression(Expression::String(s)) => s.as_str().into(),
                        ObjectKey::Expression(_) => continue,
                    };
                    let field = field.expr();
                    let optional = field.as_func_call().filter(|c| c.name.name.as_str() == "optional");
                    let (ty, default) = match optional {
                        Some(c) => (c.args.iter().next(), c.args.iter().nth(1)),
                        None => (Some(field), None),
                    };
                    let at = out.iter().rposition(|(key, _)| *key == name);
                    let given = at.map(|i| out[i].1.clone()).filter(|x| !x.is_null());
                    let value = match (given, optional) {
                        (Some(x), _) => ty.map_or(x.clone(), |ty| self.conform(x, ty, f, depth + 1)),
                        (None, Some(_)) => match default {
                            Some(d) => {
                                let d = self.eval(d, f, None);
                                ty.map_or(d.clone(), |ty| self.conform(d, ty, f, depth + 1))
                            }
                            None => Val::new(V::Null, span_of(field, f)),
                        },
                        // A required attribute left out: Terraform refuses the value.
                        (None, None) => continue,
                    };
                    match at {
                        Some(i) => out[i].1 = value,
                        None => out.push((name, value)),
                    }
                }
                rebuilt(&v, V::Map(Rc::new(out)))
            }
            ("map", V::Map(entries)) => {
                let out = entries.iter().map(|(k, x)| (k.clone(), self.conform(x.clone(), inner, f, depth + 1)));
                rebuilt(&v, V::Map(Rc::new(out.collect())))
            }
            ("list" | "set", V::List(items)) => {
                let out = items.iter().map(|x| self.conform(x.clone(), inner, f, depth + 1));
                rebuilt(&v, V::List(Rc::new(out.collect())))
            }
            ("tuple", V::List(items)) => {
                let Some(types) = inner.as_array() else { return v };
                let out = items.iter().enumerate().map(|(i, x)| match types.iter().nth(i) {
                    Some(ty) => self.conform(x.clone(), ty, f, depth + 1),
                    None => x.clone(),
                });
                rebuilt(&v, V::List(Rc::new(out.collect())))
            }
            _ => v,
        }
    }
}

/// `v`'s place and provenance, holding `inner` instead.
fn rebuilt(v: &Val, inner: V) -> Val {
    let mut out = Val::new(inner, v.span);
    out.origin = v.origin;
    out
}
