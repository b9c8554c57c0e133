//! `issensitive(x)`: whether Terraform marks the value of `x` sensitive.
//!
//! Values here carry no sensitivity marks, so the answer is read from the
//! expression, and given only where it is certain: `sensitive(...)` is,
//! `nonsensitive(...)` is not, a constant is not, and `var.NAME` is exactly
//! when the variable is declared `sensitive = true` (a root module's other
//! variables come from variable files and defaults, which carry no marks; a
//! called module's may be given a marked value by its caller). Anything else
//! (a local, an interpolation, another function's result) is Unknown, as
//! Terraform's own answer depends on marks carried through evaluation.

use hcl_edit::expr::{Expression, TraversalOperator};

use super::Ctx;

impl Ctx<'_> {
    /// `issensitive(e)`, or `None` where it is not certain.
    pub(super) fn issensitive(&self, e: &Expression) -> Option<bool> {
        match e {
            Expression::Parenthesis(p) => self.issensitive(p.inner()),
            Expression::FuncCall(call) if call.name.namespace.is_empty() => match call.name.name.as_str() {
                "sensitive" => Some(true),
                "nonsensitive" => Some(false),
                _ => None,
            },
            Expression::Traversal(t) => match (&t.expr, t.operators.as_slice()) {
                (Expression::Variable(root), [op]) if root.as_str() == "var" => match op.value() {
                    TraversalOperator::GetAttr(name) => self.variable_is_sensitive(name.as_str()),
                    _ => None,
                },
                _ => None,
            },
            _ if super::module::not_constant(e).is_none() => Some(false),
            _ => None,
        }
    }

    fn variable_is_sensitive(&self, name: &str) -> Option<bool> {
        let (block, f) = self.var_blocks.get(name).copied()?;
        let declared = match super::module::attr(&block.body, "sensitive") {
            Some(e) => self.eval(e, f, None).as_bool()?,
            None => false,
        };
        (declared || self.instance_prefix.is_empty()).then_some(declared)
    }
}
