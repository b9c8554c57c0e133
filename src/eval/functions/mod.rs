//! Terraform's built-in functions, with Terraform's semantics: every pure
//! function is evaluated as Terraform would, and anything Terraform itself
//! would reject (a wrong type, an index out of range) is Unknown, never a
//! guess. Impure functions (`timestamp`, `uuid`, `bcrypt`), functions of the
//! machine (`abspath`, `pathexpand`) and a few pure ones not written yet
//! are Unknown too; see [`UNKNOWN`].
//!
//! An Unknown argument makes the result Unknown. What a function builds is
//! charged to the task's budget before it is built (elements copied as
//! steps, text as bytes, neither larger than a value may be): a function
//! that would exceed it is Unknown, and the budget records where.
//!
//! `tests/terraform_functions.rs` evaluates a generated set of calls of every
//! function here with both this evaluator and `terraform console`, and
//! requires identical results.

mod collections;
mod crypto;
mod datetime;
mod encoding;
mod files;
mod hash;
mod network;
mod numeric;
mod paths;
mod regex;
mod strings;
#[cfg(test)]
mod tests;
mod types;
mod uuid;
mod yaml;

use std::borrow::Cow;
use std::rc::Rc;

pub use encoding::{base64_decode, base64_encode, encoded_text, to_json, TooLarge};

use super::budget::Budget;
use super::Ctx;
use crate::model::{Encoding, Text, Val, V};
use crate::source::Span;

/// Functions evaluated here, by family: each name is Terraform's, and
/// each is tested against Terraform (`tests/terraform_functions.rs`).
pub const IMPLEMENTED: &[&[&str]] = &[
    strings::NAMES,
    collections::NAMES,
    numeric::NAMES,
    encoding::NAMES,
    yaml::NAMES,
    network::NAMES,
    regex::NAMES,
    types::NAMES,
    hash::NAMES,
    datetime::NAMES,
    uuid::NAMES,
    crypto::NAMES,
    files::NAMES,
    paths::NAMES,
    // Renders a string given by reference (see [`Ctx::template_string`]).
    &["templatestring"],
    // Read files inside the module tree (see [`Ctx::read_file`]).
    &["file", "templatefile"],
    // Read from the expression where the answer is certain (see `eval/sensitivity.rs`).
    &["issensitive"],
];

/// Terraform functions whose result is always Unknown here: impure ones
/// (a different value at every run), ones that depend on the machine, and
/// pure ones not evaluated yet.
pub const UNKNOWN: &[&str] = &[
    // Its text is kept for the rules to look into; the compressed bytes are not.
    "base64gzip",
    "timestamp",
    "plantimestamp",
    "uuid",
    "bcrypt",
    "abspath",
    "pathexpand",
];

/// Whether `name` is evaluated here (as opposed to always Unknown).
pub fn is_implemented(name: &str) -> bool {
    IMPLEMENTED.iter().any(|family| family.contains(&name))
}

/// One function call being evaluated: its arguments, where it is written,
/// and the budget it spends.
pub(super) struct Call<'c, 'a> {
    pub ctx: &'c Ctx<'a>,
    pub args: &'c [Val],
    pub span: Span,
}

impl<'c, 'a> Call<'c, 'a> {
    pub fn budget(&self) -> &'c Budget {
        &self.ctx.sources.budget
    }

    /// Charges `n` elements copied into a value of `size` bytes.
    pub fn items(&self, n: usize, size: u64) -> bool {
        self.budget().steps(n as u64, self.span) && self.budget().fits(size, self.span)
    }

    /// Charges `len` bytes of text built.
    pub fn text(&self, len: usize) -> bool {
        self.budget().fits(len as u64, self.span) && self.budget().bytes(len as u64, self.span)
    }

    /// A value made by this call (seen at the call).
    pub fn val(&self, v: V) -> Val {
        Val::new(v, self.span)
    }

    /// A string made by this call, charged to the budget.
    pub fn string(&self, s: impl Into<compact_str::CompactString>) -> Option<Val> {
        let s = s.into();
        self.text(s.len()).then(|| self.val(V::Str(Rc::new(Text::plain(s)))))
    }

    /// What `derive` makes of `arg` at this call, computed again only when
    /// the call is given another value: a `for` that asks
    /// `index(keys(var.rules), rule.key)` or `contains(local.names, name)`
    /// once per element gives the same collection (the same allocation,
    /// not an equal one) each time, and each answer cost a pass over it,
    /// so the loop was quadratic. Only the last argument is kept for each
    /// call site (it is kept alive, so its allocation is not reused), which
    /// bounds the memory by the number of calls written.
    pub fn again<T: Clone + 'static>(&self, arg: &Val, derive: impl FnOnce() -> T) -> T {
        let same = |kept: &Val| match (&kept.v, &arg.v) {
            (V::List(a), V::List(b)) => Rc::ptr_eq(a, b),
            (V::Map(a), V::Map(b)) => Rc::ptr_eq(a, b),
            _ => false,
        };
        let key = (self.span, std::any::TypeId::of::<T>());
        if let Some((kept, answer)) = self.ctx.last_answers.borrow().get(&key) {
            if same(kept) {
                if let Some(answer) = answer.downcast_ref::<T>() {
                    return answer.clone();
                }
            }
        }
        let answer = derive();
        if matches!(arg.v, V::List(_) | V::Map(_)) {
            self.ctx.last_answers.borrow_mut().insert(key, (arg.clone(), Rc::new(answer.clone())));
        }
        answer
    }

    pub fn list(&self, items: Vec<Val>) -> Val {
        self.val(V::List(Rc::new(items)))
    }

    pub fn num(&self, n: f64) -> Option<Val> {
        n.is_finite().then(|| self.val(V::Num(n)))
    }

    pub fn bool(&self, b: bool) -> Val {
        self.val(V::Bool(b))
    }

    pub fn arg(&self, i: usize) -> Option<&'c Val> {
        self.args.get(i)
    }

    /// Argument `i` as a string parameter: numbers and bools convert as
    /// Terraform converts them; `null` is an error.
    pub fn str(&self, i: usize) -> Option<Cow<'c, str>> {
        self.str_of(self.args.get(i)?)
    }

    /// A value as a string (a `jsonencode(...)` written out).
    pub fn str_of(&self, v: &'c Val) -> Option<Cow<'c, str>> {
        match &v.v {
            V::Encoded(..) => {
                let mut t = Text::default();
                if !super::expr::push_interpolated(&mut t, v, self.budget(), self.span) || !t.is_fully_known() {
                    return None;
                }
                Some(Cow::Owned(t.text.into()))
            }
            _ => v.as_str(),
        }
    }

    /// Argument `i` as a number parameter (a string converts, strictly).
    pub fn num_arg(&self, i: usize) -> Option<f64> {
        types::to_number(self.args.get(i)?)
    }

    /// Argument `i` as a whole number.
    pub fn int_arg(&self, i: usize) -> Option<i64> {
        let n = self.num_arg(i)?;
        (n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15).then_some(n as i64)
    }

    pub fn list_arg(&self, i: usize) -> Option<&'c [Val]> {
        self.args.get(i)?.as_list()
    }
}

impl<'a> Ctx<'a> {
    /// Calls Terraform function `name` (`core::` namespace or none). A provider's
    /// function (`provider::aws::arn_parse`), an unknown function, an Unknown
    /// argument or an error is Unknown.
    pub fn call(&self, name: &str, args: Vec<Val>, span: Span) -> Val {
        let c = Call { ctx: self, args: &args, span };
        // `jsonencode(pw)` of a reference stays Unknown written out, but
        // keeps where it points (a secret in a JSON template).
        let keeps_reference = |a: &Val| name == "jsonencode" && a.as_ref_path().is_some();
        let result = if args.iter().any(|a| a.is_unknown() && !keeps_reference(a)) { None } else { dispatch(&c, name) };
        // A value the function built (not one of its inputs, or a part of one,
        // which keeps its own place) is written where its inputs are.
        result.map_or_else(|| Val::unknown(span), |v| if v.span == span { v.derived_from(&args) } else { v })
    }
}

fn dispatch(c: &Call, name: &str) -> Option<Val> {
    match name {
        _ if c.ctx.refused_in_template(name) => None,
        "file" => c.ctx.read_file(&c.str(0)?, c.span),
        "templatestring" if c.args.len() == 2 => c.ctx.template_string(c.arg(0)?, c.arg(1)?, c.span),
        "templatefile" => c.ctx.template_file(&c.str(0)?, c.arg(1)?, c.span),
        // Unknown written out, but the rules see the text inside.
        "base64gzip" => encoding::call(c, name),
        _ if strings::NAMES.contains(&name) => strings::call(c, name),
        _ if collections::NAMES.contains(&name) => collections::call(c, name),
        _ if numeric::NAMES.contains(&name) => numeric::call(c, name),
        _ if encoding::NAMES.contains(&name) => encoding::call(c, name),
        _ if yaml::NAMES.contains(&name) => yaml::call(c, name),
        _ if network::NAMES.contains(&name) => network::call(c, name),
        _ if regex::NAMES.contains(&name) => regex::call(c, name),
        _ if types::NAMES.contains(&name) => types::call(c, name),
        _ if hash::NAMES.contains(&name) => hash::call(c, name),
        _ if datetime::NAMES.contains(&name) => datetime::call(c, name),
        _ if uuid::NAMES.contains(&name) => uuid::call(c, name),
        _ if crypto::NAMES.contains(&name) => crypto::call(c, name),
        _ if files::NAMES.contains(&name) => files::call(c, name),
        _ if paths::NAMES.contains(&name) => paths::call(c, name),
        _ => None,
    }
}

/// Whether every part of `v` is known (one step per node visited).
pub(super) fn fully_known(v: &Val, budget: &Budget, at: Span) -> bool {
    if !budget.steps(1, at) {
        return false;
    }
    match &v.v {
        V::Unknown | V::Ref(_) => false,
        V::Str(t) => t.is_fully_known(),
        V::List(l) => l.iter().all(|x| fully_known(x, budget, at)),
        V::Map(m) => m.iter().all(|(_, x)| fully_known(x, budget, at)),
        V::Encoded(Encoding::Json, inner) => fully_known(inner, budget, at),
        V::Encoded(_, inner) => inner.as_str().is_some(),
        V::Null | V::Bool(_) | V::Num(_) => true,
    }
}
