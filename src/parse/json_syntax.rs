//! Terraform's JSON syntax (`*.tf.json`), converted into the native syntax's
//! tree, so that one evaluator reads both.
//!
//! The span-keeping JSON parser reads the file (its errors are the file's);
//! the document is then rebuilt as an hcl-edit [`Body`] whose every node
//! carries the byte offsets where the JSON file wrote it: a block spans its
//! body object (`{...}`), an argument its value. What JSON cannot write is an
//! expression: Terraform reads every string there as a template, so a string
//! holding `${` or `%{` is parsed as an HCL template, placed where it is
//! written; one that is not a valid template is Unknown (that value only).
//! Inside `variable` blocks nothing is a template (Terraform reads them
//! without an evaluation context), so strings stay literal; `type` is a type
//! expression written as a string, parsed as one.
//!
//! Nested blocks are kept as JSON writes them, as object- or array-valued
//! arguments: without provider schemas a block cannot be told from an
//! object-valued argument, and the rules walk maps and lists alike. Only
//! what the evaluator reads as blocks is made one: the top-level blocks,
//! `dynamic` (and its `content`) and the `backend` of a `terraform` block.

use std::ops::Range;
use std::path::Path;

use hcl_edit::expr::{Array, Expression, Object, ObjectKey, ObjectValue};
use hcl_edit::structure::{Attribute, Block, BlockLabel, Body, Structure};
use hcl_edit::template::{Element, StringTemplate};
use hcl_edit::visit_mut::{self, VisitMut};
use hcl_edit::{Decorated, Formatted, Ident, Number, SetSpan, Span as _};

use super::json::JsonError;
use crate::model::{Val, V};

/// `.tf.json` and `.tfvars.json` files are read as JSON.
pub fn is_json_syntax(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// A `.tf.json` file as the native syntax's tree; `Err` when it is not JSON
/// (located) or not a JSON object.
pub fn parse_file(text: &str) -> Result<Body, JsonError> {
    let doc = super::json::parse_file(text, 0)?;
    if doc.as_map().is_none() {
        return Err(JsonError { offset: doc.span.start as usize, message: "the file must hold a JSON object".into() });
    }
    let conv = Converter { text };
    let mut blocks = Vec::new();
    for (key, v) in doc.as_map().unwrap_or_default() {
        let labels = match &**key {
            "resource" | "data" => 2,
            "provider" | "module" | "variable" | "output" => 1,
            "locals" | "terraform" => 0,
            // Nothing the evaluator reads (`moved`, `import`, `check`, ...).
            _ => continue,
        };
        for (names, b) in labelled(v, labels) {
            blocks.push(Structure::Block(conv.block(key, &names, b, key.as_ref() != "variable")));
        }
    }
    Ok(Body::from_vec_unchecked(blocks))
}

/// The objects at a block position: one object, or an array of them (both
/// are valid wherever JSON syntax expects blocks).
fn objects(v: &Val) -> Vec<&Val> {
    v.items().into_iter().filter(|x| x.as_map().is_some()).collect()
}

/// The blocks under `v` with `n` labels: `{"L1": {"L2": {...}}}`, where any
/// level may also be an array of such objects, as (labels, body) pairs.
fn labelled(v: &Val, n: usize) -> Vec<(Vec<&str>, &Val)> {
    if n == 0 {
        return objects(v).into_iter().map(|b| (Vec::new(), b)).collect();
    }
    let mut out = Vec::new();
    for o in objects(v) {
        for (k, x) in o.as_map().unwrap_or_default() {
            for (mut rest, b) in labelled(x, n - 1) {
                rest.insert(0, &**k);
                out.push((rest, b));
            }
        }
    }
    out
}

/// A name that no reference can make (not an identifier): a variable by
/// this name is Unknown wherever it is read.
const UNKNOWN: &str = "<unknown in JSON syntax>";

struct Converter<'t> {
    text: &'t str,
}

impl Converter<'_> {
    /// A block `ident "labels"... { body }`, spanning its JSON body object.
    fn block(&self, ident: &str, labels: &[&str], body: &Val, templates: bool) -> Block {
        let mut b = Block::new(Decorated::new(Ident::new_unchecked(ident)));
        b.labels = labels.iter().map(|l| BlockLabel::String(Decorated::new(l.to_string()))).collect();
        b.body = self.body(ident, body, templates);
        b.set_span(range(body));
        b
    }

    /// A block body: its arguments, `"//"` comments left out, `dynamic` (and
    /// a `terraform` block's `backend`) as blocks.
    fn body(&self, ident: &str, v: &Val, templates: bool) -> Body {
        let mut out = Vec::new();
        for (k, x) in last_of_each(v) {
            match (k, ident) {
                ("//", _) => {}
                ("dynamic", _) if templates => {
                    for (label, d) in labelled(x, 1) {
                        out.push(Structure::Block(self.dynamic(label[0], d)));
                    }
                }
                ("backend", "terraform") => {
                    for (label, b) in labelled(x, 1) {
                        out.push(Structure::Block(self.block("backend", &label, b, templates)));
                    }
                }
                ("type", "variable") => out.push(Structure::Attribute(self.type_constraint(x))),
                _ => out.push(Structure::Attribute(self.attribute(k, x, templates))),
            }
        }
        // Each attribute once (`last_of_each`): built at once, not checked one by one.
        Body::from_vec_unchecked(out)
    }

    /// An argument, spanning its value.
    fn attribute(&self, key: &str, v: &Val, templates: bool) -> Attribute {
        let mut a = Attribute::new(Decorated::new(Ident::new_unchecked(key)), self.expr(v, templates));
        a.set_span(range(v));
        a
    }

    /// A variable's `type`: a type expression written as a string (kept a
    /// string when it is not an expression).
    fn type_constraint(&self, v: &Val) -> Attribute {
        let parsed = v.as_text().and_then(|t| hcl_edit::parser::parse_expr(&t.text).ok().map(|e| (e, t.text.len())));
        let Some((mut e, len)) = parsed else { return self.attribute("type", v, false) };
        let at = range(v);
        // As written (no escapes), every piece is where the file has it.
        let exact = at.len() == len + 2;
        within_string(&mut e, &at, exact);
        e.set_span(at.clone());
        let mut a = Attribute::new(Decorated::new(Ident::new_unchecked("type")), e);
        a.set_span(at);
        a
    }

    /// `"dynamic": {"L": {"for_each": ..., "iterator": "it", "content": {...}}}`
    /// as `dynamic "L" { for_each = ...  iterator = it  content {...} }`.
    fn dynamic(&self, label: &str, d: &Val) -> Block {
        let mut b = Block::new(Decorated::new(Ident::new_unchecked("dynamic")));
        b.labels = vec![BlockLabel::String(Decorated::new(label.to_string()))];
        if let Some(f) = d.get("for_each") {
            b.body.push(self.attribute("for_each", f, true));
        }
        // `iterator` is a bare name, written as a plain string.
        if let Some(it) = d.get("iterator") {
            if let Some(name) = it.as_str() {
                let mut var = Decorated::new(Ident::new_unchecked(&*name));
                var.set_span(range(it));
                let mut a = Attribute::new(Decorated::new(Ident::new_unchecked("iterator")), Expression::Variable(var));
                a.set_span(range(it));
                b.body.push(a);
            }
        }
        // One `content` block: an object, or (array form) the first object of an array.
        if let Some(c) = d.get("content").and_then(|c| objects(c).into_iter().next()) {
            b.body.push(self.block("content", &[], c, true));
        }
        b.set_span(range(d));
        b
    }

    /// A JSON value as an expression, placed where it is written.
    fn expr(&self, v: &Val, templates: bool) -> Expression {
        let at = range(v);
        let mut e = match &v.v {
            V::Null => Expression::null(),
            V::Bool(b) => Expression::Bool(Decorated::new(*b)),
            V::Num(n) => match Number::from_f64(*n) {
                Some(n) => Expression::Number(Formatted::new(n)),
                None => unknown(),
            },
            V::Str(t) if templates && is_template(&t.text) => return self.template(&t.text, Some(at.clone()), at),
            V::Str(t) => Expression::String(Decorated::new(t.text.to_string())),
            V::List(items) => {
                let mut a = Array::new();
                for x in items.iter() {
                    a.push(self.expr(x, templates));
                }
                Expression::Array(a)
            }
            V::Map(_) => {
                let mut items = Vec::new();
                for (k, x) in last_of_each(v) {
                    let key = if templates && is_template(k) {
                        // Key spans are not kept: the value's stands in.
                        self.template(k, None, range(x))
                    } else {
                        let mut s = Expression::String(Decorated::new(k.to_string()));
                        s.set_span(range(x));
                        s
                    };
                    items.push((ObjectKey::Expression(key), ObjectValue::new(self.expr(x, templates))));
                }
                // SAFETY: no two keys are the same (`last_of_each`), so no two
                // key expressions are (templates are parsed from their text).
                Expression::Object(Object::from(unsafe { vecmap::VecMap::from_vec_unchecked(items) }))
            }
            // The parser makes no others from a file.
            _ => unknown(),
        };
        e.set_span(at);
        e
    }

    /// The template `text` (a JSON string, already unescaped) written at
    /// `at` (the string with its quotes; `None` for an object key, whose
    /// place is not kept); its pieces are placed within `home` (the string,
    /// or the key's value). When the string as written is also an HCL quoted string
    /// (JSON's escapes are HCL's, but for `\/`, `\b` and `\f`), it is parsed
    /// as written and every piece is where the file has it; otherwise the
    /// unescaped text is parsed, and positions are kept within the string
    /// (the line is right, the column approximate). Not a template Terraform
    /// accepts either: nothing is known.
    fn template(&self, text: &str, at: Option<Range<usize>>, home: Range<usize>) -> Expression {
        let written = at.as_ref().and_then(|at| self.text.get(at.clone())).unwrap_or("");
        let exact = match hcl_edit::parser::parse_expr(written) {
            Ok(e @ (Expression::String(_) | Expression::StringTemplate(_))) if written.starts_with('"') => Some(e),
            _ => None,
        };
        let mut e = match exact {
            Some(mut e) => {
                let shift = home.start;
                Place(&|r: Range<usize>| r.start + shift..r.end + shift).visit_expr_mut(&mut e);
                e
            }
            None => match hcl_edit::parser::parse_template(text) {
                Ok(t) => {
                    let mut e = Expression::StringTemplate(StringTemplate::from(t));
                    within_string(&mut e, &home, false);
                    e
                }
                Err(_) => unknown(),
            },
        };
        e.set_span(home);
        e
    }
}

/// The entries of a JSON object, each key once: a repeated key keeps its
/// last value (as an object constructor does), in the place it is written.
fn last_of_each(v: &Val) -> Vec<(&str, &Val)> {
    let entries = v.as_map().unwrap_or_default();
    let mut seen: foldhash::HashSet<&str> = Default::default();
    let mut out: Vec<(&str, &Val)> =
        entries.iter().rev().filter(|(k, _)| seen.insert(k)).map(|(k, x)| (&**k, x)).collect();
    out.reverse();
    out
}

/// Terraform reads a JSON string as a template only when it could be one.
fn is_template(s: &str) -> bool {
    s.contains("${") || s.contains("%{")
}

/// Where a value is written.
fn range(v: &Val) -> Range<usize> {
    v.span.start as usize..v.span.end as usize
}

/// An expression that is Unknown wherever it is evaluated.
fn unknown() -> Expression {
    Expression::Variable(Decorated::new(Ident::new_unchecked(UNKNOWN)))
}

/// Places `e`, parsed from the unescaped text of the string written at
/// `at`, within that string: `exact` when the text is written as it is
/// (no escapes), else kept within the string (the line is right, the
/// column approximate).
fn within_string(e: &mut Expression, at: &Range<usize>, exact: bool) {
    let (shift, last) = (at.start + 1, at.end.saturating_sub(1).max(at.start + 1));
    if exact {
        Place(&|r: Range<usize>| r.start + shift..r.end + shift).visit_expr_mut(e);
    } else {
        let clamp = |o: usize| (o + shift).min(last);
        Place(&|r: Range<usize>| clamp(r.start)..clamp(r.end).max(clamp(r.start))).visit_expr_mut(e);
    }
}

/// Moves every span the evaluator reads (expressions, template pieces) of a
/// template parsed on its own to where the file writes it.
struct Place<'f>(&'f dyn Fn(Range<usize>) -> Range<usize>);

impl VisitMut for Place<'_> {
    fn visit_expr_mut(&mut self, e: &mut Expression) {
        if let Some(r) = e.span() {
            e.set_span((self.0)(r));
        }
        visit_mut::visit_expr_mut(self, e);
    }

    fn visit_element_mut(&mut self, el: &mut Element) {
        if let Some(r) = el.span() {
            el.set_span((self.0)(r));
        }
        visit_mut::visit_element_mut(self, el);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        parse_file(text).unwrap().into_iter().filter_map(|s| s.as_block().cloned()).collect()
    }

    #[test]
    fn blocks_span_their_body_objects() {
        let text = r#"{"resource": {"aws_s3_bucket": {"a": {"acl": "private"}, "b": [{"x": 1}, {"x": 2}]}}}"#;
        let bs = blocks(text);
        assert_eq!(bs.len(), 3);
        let a = &bs[0];
        assert_eq!(a.labels.iter().map(|l| l.as_str()).collect::<Vec<_>>(), ["aws_s3_bucket", "a"]);
        assert_eq!(&text[a.span().unwrap()], r#"{"acl": "private"}"#);
        let acl = a.body.get_attribute("acl").unwrap();
        assert_eq!(&text[acl.value.span().unwrap()], "\"private\"");
        assert_eq!(&text[bs[2].span().unwrap()], r#"{"x": 2}"#);
    }

    #[test]
    fn templates_are_placed_where_written() {
        let text = r#"{"locals": {"a": "x-${var.y}", "b": "a\/${var.y}", "c": "%{ if", "d": "${"}}"#;
        let bs = blocks(text);
        let attr = |n: &str| bs[0].body.get_attribute(n).unwrap().value.clone();
        let Expression::StringTemplate(t) = attr("a") else { panic!() };
        let Some(Element::Interpolation(i)) = t.iter().nth(1) else { panic!() };
        assert_eq!(&text[i.expr.span().unwrap()], "var.y");
        // `\/` is not an HCL escape: the unescaped text, kept within the string.
        let b = attr("b");
        let r = b.span().unwrap();
        assert_eq!(&text[r.clone()], r#""a\/${var.y}""#);
        assert!(matches!(b, Expression::StringTemplate(_)));
        for n in ["c", "d"] {
            let e = attr(n);
            assert!(matches!(&e, Expression::Variable(v) if v.as_str() == UNKNOWN), "{n}");
        }
        assert!(bs[0].body.iter().all(|s| matches!(s, Structure::Attribute(_))));
    }

    #[test]
    fn variables_are_literal_and_dynamic_is_a_block() {
        let text = r#"{"variable": {"v": {"default": "${x}"}}, "resource": {"t": {"n": {"dynamic": {"rule": {"for_each": "${var.l}", "iterator": "r", "content": {"p": "${r.value}"}}}, "//": "note"}}}}"#;
        let bs = blocks(text);
        let d = bs[0].body.get_attribute("default").unwrap();
        assert!(matches!(&d.value, Expression::String(s) if s.as_str() == "${x}"));
        let dynamic = bs[1].body.iter().filter_map(Structure::as_block).next().unwrap();
        assert_eq!(dynamic.ident.as_str(), "dynamic");
        assert!(
            matches!(&dynamic.body.get_attribute("iterator").unwrap().value, Expression::Variable(v) if v.as_str() == "r")
        );
        assert_eq!(dynamic.body.iter().filter_map(Structure::as_block).next().unwrap().ident.as_str(), "content");
        assert!(bs[1].body.get_attribute("//").is_none());
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value() {
        let text = r#"{"locals": {"a": 1, "a": {"k": 1, "k": 2}}}"#;
        let bs = blocks(text);
        assert_eq!(bs[0].body.iter().count(), 1);
        let Expression::Object(o) = &bs[0].body.get_attribute("a").unwrap().value else { panic!() };
        assert_eq!(o.len(), 1);
        let v = o.iter().next().unwrap().1.expr();
        assert_eq!(&text[v.span().unwrap()], "2");
    }

    #[test]
    fn a_variable_type_is_a_type_expression() {
        let text = r#"{"variable": {"v": {"type": "map(object({a = optional(string, \"x\")}))"}, "w": {"type": "list(string)"}, "u": {"type": "=="}}}"#;
        let bs = blocks(text);
        let ty = |i: usize| bs[i].body.get_attribute("type").unwrap().value.clone();
        assert!(matches!(ty(0), Expression::FuncCall(_)));
        let Expression::FuncCall(call) = ty(1) else { panic!() };
        assert_eq!(&text[call.args.iter().next().unwrap().span().unwrap()], "string");
        assert!(matches!(ty(2), Expression::String(_)));
    }

    #[test]
    fn errors_are_located() {
        assert_eq!(parse_file("{\"a\": }").unwrap_err().offset, 6);
        assert!(parse_file("[1]").unwrap_err().message.contains("JSON object"));
    }
}
