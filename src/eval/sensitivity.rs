//! `issensitive(x)`: whether Terraform marks the value of `x` sensitive.
//!
//! Values here carry no sensitivity marks, so the marks are read from the
//! expression, following locals, a called module's inputs (marked in its
//! caller) and the parts of literals, and answered only where that is
//! certain; anything else is Unknown, never a guess.
//!
//! Terraform's marks are deep: `[var.secret]` is an unmarked list holding a
//! marked element, and what an operation does with its operands' marks
//! depends on the operation. Each rule below was checked against
//! `terraform console` (the cases are in `tests/sensitivity.rs`):
//! - templates, operators, index keys and most functions mark their result
//!   with every mark of their operands, nested ones included
//!   (`jsonencode([var.secret])`, `join(",", local.list)`, `local.l == [..]`);
//! - a conditional takes the marks of its condition and of both results, but
//!   only their own (`false ? var.secret : "x"` is sensitive,
//!   `false ? [var.secret] : ["x"]` is not);
//! - a `for` takes its collection's, its condition's and its keys' marks;
//! - the functions that keep collections as they are (`length`, `concat`,
//!   `keys`, `merge`, ...) take only their arguments' own marks;
//! - `issensitive`, `can` and `nonsensitive` give unmarked results, `try`
//!   the marks of whichever argument succeeds.

use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl_edit::template::{Directive, Element, Template};

use super::expr::span_of;
use super::{Ctx, Local};
use crate::source::FileId;

/// What is known of a value's marks: `own` (the value itself is marked) and
/// `any` (it or some part of it is); `None` where that is not certain.
/// `own` implies `any`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marks {
    pub own: Option<bool>,
    pub any: Option<bool>,
}

impl Marks {
    pub const NONE: Marks = Marks { own: Some(false), any: Some(false) };
    pub const MARKED: Marks = Marks { own: Some(true), any: Some(true) };
    pub const UNKNOWN: Marks = Marks { own: None, any: None };

    /// A value marked when `own` is, unmarked when no part of what it is
    /// taken from is (`any`), else not known.
    fn decided(own: Option<bool>, any: Option<bool>) -> Marks {
        match (own, any) {
            (Some(true), _) => Marks::MARKED,
            (_, Some(false)) => Marks::NONE,
            _ => Marks::UNKNOWN,
        }
    }

    /// A value marked exactly when `marked` (a primitive: its own marks are all it has).
    fn primitive(marked: Option<bool>) -> Marks {
        Marks { own: marked, any: marked }
    }

    /// A result marked with the own marks `own`, holding parts whose marks
    /// are `any` (the result's own marks count too).
    fn of(own: Option<bool>, any: Option<bool>) -> Marks {
        match own {
            Some(true) => Marks::MARKED,
            _ => Marks { own, any: either(own, any) },
        }
    }
}

/// The marks of a called module's input, part by part where the caller wrote
/// it as a literal (`{ a = var.secret, b = "x" }`, directly or in a local),
/// so that `var.input.b` in the module is known unmarked.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkTree {
    pub marks: Marks,
    pub parts: Parts,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Parts {
    /// Not written as a literal: only the whole is known.
    Whole,
    /// An object's attributes (those whose keys are written literally).
    Keys(Vec<(String, MarkTree)>),
    /// A tuple's elements.
    Items(Vec<MarkTree>),
}

/// How deep module inputs are followed part by part.
const MAX_TREE_DEPTH: usize = 8;

/// Whether any of `flags` is true: `Some(true)` as soon as one is, `Some(false)`
/// when all are known false, else `None`.
fn any_of(flags: impl IntoIterator<Item = Option<bool>>) -> Option<bool> {
    let mut all_known = true;
    for f in flags {
        match f {
            Some(true) => return Some(true),
            Some(false) => {}
            None => all_known = false,
        }
    }
    all_known.then_some(false)
}

fn either(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    any_of([a, b])
}

/// How deep the analysis follows locals that refer to each other (as the
/// evaluator does): a longer chain is Unknown.
const MAX_DEPTH: usize = super::MAX_REFERENCE_DEPTH;

/// Names a `for` binds while its body is read, with their marks.
type Bound<'b> = Vec<(&'b str, Marks)>;

impl<'a> Ctx<'a> {
    /// `issensitive(e)`, or `None` where it is not certain.
    pub(super) fn issensitive(&self, e: &Expression, f: FileId) -> Option<bool> {
        self.marks(e, f).own
    }

    /// The marks of the value of `e` (written in file `f`).
    pub(super) fn marks(&self, e: &Expression, f: FileId) -> Marks {
        self.marks_in(e, f, &mut Vec::new(), 0)
    }

    fn marks_in<'e>(&self, e: &'e Expression, f: FileId, bound: &mut Bound<'e>, depth: usize) -> Marks
    where
        'a: 'e,
    {
        // One evaluation step per expression read, from the task's budget:
        // a part of a local reached through a path (`local.m.x`) is read
        // again for each path that reaches it.
        if !self.sources.budget.steps(1, span_of(e, f)) {
            return Marks::UNKNOWN;
        }
        match e {
            Expression::Null(_) | Expression::Bool(_) | Expression::Number(_) | Expression::String(_) => Marks::NONE,
            Expression::Parenthesis(p) => self.marks_in(p.inner(), f, bound, depth),
            Expression::Array(items) => {
                let any = any_of(items.iter().map(|x| self.marks_in(x, f, bound, depth).any));
                Marks::of(Some(false), any)
            }
            Expression::Object(o) => {
                let mut own = Some(false);
                let mut parts = Vec::with_capacity(o.len());
                for (k, v) in o.iter() {
                    if let ObjectKey::Expression(ke) = k {
                        if !matches!(ke, Expression::Variable(_)) {
                            // A marked key marks the whole object.
                            own = either(own, self.marks_in(ke, f, bound, depth).any);
                        }
                    }
                    parts.push(self.marks_in(v.expr(), f, bound, depth).any);
                }
                Marks::of(own, any_of(parts))
            }
            // `"${x}"` alone is `x` itself, with its type and marks.
            Expression::StringTemplate(t) => match t.as_single_element() {
                Some(Element::Interpolation(i)) => self.marks_in(&i.expr, f, bound, depth),
                _ => self.template_marks(t, f, bound, depth),
            },
            Expression::HeredocTemplate(h) => self.template_marks(&h.template, f, bound, depth),
            Expression::Variable(id) => match bound.iter().rev().find(|(n, _)| *n == id.as_str()) {
                Some((_, m)) => *m,
                None => Marks::UNKNOWN,
            },
            Expression::Conditional(c) => {
                let own =
                    any_of([&c.cond_expr, &c.true_expr, &c.false_expr].map(|x| self.marks_in(x, f, bound, depth).own));
                let any = any_of([&c.true_expr, &c.false_expr].map(|x| self.marks_in(x, f, bound, depth).any));
                Marks::of(own, any)
            }
            Expression::UnaryOp(op) => Marks::primitive(self.marks_in(&op.expr, f, bound, depth).any),
            Expression::BinaryOp(op) => Marks::primitive(either(
                self.marks_in(&op.lhs_expr, f, bound, depth).any,
                self.marks_in(&op.rhs_expr, f, bound, depth).any,
            )),
            Expression::ForExpr(fe) => {
                let coll = self.marks_in(&fe.intro.collection_expr, f, bound, depth);
                let n = bind_iteration(bound, coll, fe.intro.key_var.as_deref(), &fe.intro.value_var);
                let mut own = vec![coll.own];
                if let Some(c) = &fe.cond {
                    own.push(self.marks_in(&c.expr, f, bound, depth).any);
                }
                if let Some(k) = &fe.key_expr {
                    own.push(self.marks_in(k, f, bound, depth).any);
                }
                let value = self.marks_in(&fe.value_expr, f, bound, depth).any;
                bound.truncate(n);
                Marks::of(any_of(own), value)
            }
            Expression::FuncCall(call) => {
                let namespace = &call.name.namespace;
                if !(namespace.is_empty() || namespace.len() == 1 && namespace[0].as_str() == "core") {
                    return Marks::UNKNOWN;
                }
                let name = call.name.name.as_str();
                let written: Vec<&Expression> = call.args.iter().collect();
                if let Some(m) = self.picked_marks(name, &written, f, bound, depth) {
                    return m;
                }
                let args: Vec<Marks> = written.iter().map(|a| self.marks_in(a, f, bound, depth)).collect();
                function_marks(name, &args)
            }
            Expression::Traversal(t) => {
                let ops: Vec<&TraversalOperator> = t.operators.iter().map(|o| o.value()).collect();
                self.path_marks(&t.expr, f, &ops, bound, depth)
            }
        }
    }

    /// A template is a string: marked by every mark of what it interpolates
    /// or decides on.
    fn template_marks<'e>(&self, t: &'e Template, f: FileId, bound: &mut Bound<'e>, depth: usize) -> Marks
    where
        'a: 'e,
    {
        let mut parts = Vec::new();
        for el in t.iter() {
            match el {
                Element::Literal(_) => {}
                Element::Interpolation(i) => parts.push(self.marks_in(&i.expr, f, bound, depth).any),
                Element::Directive(d) => match d.as_ref() {
                    Directive::If(d) => {
                        parts.push(self.marks_in(&d.if_expr.cond_expr, f, bound, depth).any);
                        parts.push(self.template_marks(&d.if_expr.template, f, bound, depth).any);
                        if let Some(e) = &d.else_expr {
                            parts.push(self.template_marks(&e.template, f, bound, depth).any);
                        }
                    }
                    Directive::For(d) => {
                        let fe = &d.for_expr;
                        let coll = self.marks_in(&fe.collection_expr, f, bound, depth);
                        parts.push(coll.own);
                        let n = bind_iteration(bound, coll, fe.key_var.as_deref(), &fe.value_var);
                        parts.push(self.template_marks(&fe.template, f, bound, depth).any);
                        bound.truncate(n);
                    }
                },
            }
        }
        Marks::primitive(any_of(parts))
    }

    /// The marks of `root` followed by `ops` (`local.m.a`, `var.x[0]`):
    /// through literals written in the configuration, part by part.
    fn path_marks<'e>(
        &self,
        root: &'e Expression,
        f: FileId,
        ops: &[&'e TraversalOperator],
        bound: &mut Bound<'e>,
        depth: usize,
    ) -> Marks
    where
        'a: 'e,
    {
        let Some((op, rest)) = ops.split_first() else {
            return self.marks_in(root, f, bound, depth);
        };
        match root {
            Expression::Parenthesis(p) => return self.path_marks(p.inner(), f, ops, bound, depth),
            // `a.b.c` written as one traversal after another.
            Expression::Traversal(t) => {
                let mut all: Vec<&TraversalOperator> = t.operators.iter().map(|o| o.value()).collect();
                all.extend_from_slice(ops);
                return self.path_marks(&t.expr, f, &all, bound, depth);
            }
            Expression::Variable(id) if !bound.iter().any(|(n, _)| *n == id.as_str()) => {
                return self.reference_marks(id.as_str(), op, rest, f, bound, depth);
            }
            Expression::Object(o) => {
                if let Some(name) = literal_key(op) {
                    // Terraform keeps the last of repeated keys.
                    let found = o.iter().filter(|(k, _)| object_key(k) == Some(name)).last();
                    return match found {
                        Some((_, v)) => self.path_marks(v.expr(), f, rest, bound, depth),
                        None => Marks::UNKNOWN,
                    };
                }
            }
            Expression::Array(items) => {
                if let Some(i) = literal_index(op) {
                    return match items.iter().nth(i) {
                        Some(x) => self.path_marks(x, f, rest, bound, depth),
                        None => Marks::UNKNOWN,
                    };
                }
            }
            _ => {}
        }
        let base = self.marks_in(root, f, bound, depth);
        self.apply_ops(base, ops, f, bound, depth)
    }

    /// The marks of a part of a value whose marks are `base`, reached by
    /// `ops`: marked when the value or a key is; unmarked when no part of the
    /// value is and no key is marked; else not known.
    fn apply_ops<'e>(
        &self,
        base: Marks,
        ops: &[&'e TraversalOperator],
        f: FileId,
        bound: &mut Bound<'e>,
        depth: usize,
    ) -> Marks
    where
        'a: 'e,
    {
        if ops.is_empty() {
            return base;
        }
        let mut own = vec![base.own];
        let mut clean = vec![base.any];
        for op in ops {
            if let TraversalOperator::Index(k) = op {
                let m = self.marks_in(k, f, bound, depth).any;
                own.push(m);
                clean.push(m);
            }
        }
        Marks::decided(any_of(own), any_of(clean))
    }

    /// `NAME.op.rest...` where `NAME` is a named value (`var`, `local`,
    /// `count`, `path`, a resource type...).
    fn reference_marks<'e>(
        &self,
        name: &str,
        op: &'e TraversalOperator,
        rest: &[&'e TraversalOperator],
        f: FileId,
        bound: &mut Bound<'e>,
        depth: usize,
    ) -> Marks
    where
        'a: 'e,
    {
        let TraversalOperator::GetAttr(attr) = op else { return Marks::UNKNOWN };
        let attr = attr.as_str();
        let base = match name {
            "var" => match self.input_tree(attr) {
                Some(tree) => return self.tree_part_marks(tree, rest, f, bound, depth),
                None => self.variable_marks(attr),
            },
            // A local sees none of the names bound where it is used.
            "local" => {
                if depth >= MAX_DEPTH {
                    return Marks::UNKNOWN;
                }
                let depth = depth + 1;
                return match self.locals.get_key_value(attr) {
                    Some((name, Local::Hcl(e, lf))) if rest.is_empty() => self.local_marks(name, e, *lf, depth),
                    Some((_, Local::Hcl(e, lf))) => self.path_marks(e, *lf, rest, &mut Vec::new(), depth),
                    None => Marks::UNKNOWN,
                };
            }
            // Values Terraform knows from the configuration's place, never marked.
            "path" | "terraform" | "count" => Marks::NONE,
            // `each.key` is a string key (which cannot be marked); `each.value`
            // is an element of what `for_each` was given.
            "each" if attr == "key" => Marks::NONE,
            _ => return Marks::UNKNOWN,
        };
        self.apply_ops(base, rest, f, bound, depth)
    }

    /// The marks of what `lookup`, `element` or `one` picks, where it is
    /// written as a literal (in place or in a local) and the key is a literal;
    /// `None` where the general rule applies.
    fn picked_marks<'e>(
        &self,
        name: &str,
        args: &[&'e Expression],
        f: FileId,
        bound: &mut Bound<'e>,
        depth: usize,
    ) -> Option<Marks>
    where
        'a: 'e,
    {
        let (collection, key) = match (name, args) {
            ("lookup", [c, Expression::String(k), ..]) => (*c, Some(k.value().as_str())),
            ("element", [c, Expression::Number(_)]) | ("one", [c]) => (*c, None),
            _ => return None,
        };
        let (literal, lf, moved) = self.literal(collection, f, 0)?;
        // A literal read through a local sees none of the names bound here.
        let mut fresh = Vec::new();
        let bound = if moved { &mut fresh } else { bound };
        let picked = match (name, literal, args) {
            ("lookup", Expression::Object(o), [_, _, rest @ ..]) => {
                let key = key.expect("a lookup key");
                match o.iter().filter(|(k, _)| object_key(k) == Some(key)).last() {
                    Some((_, v)) => self.marks_in(v.expr(), lf, bound, depth),
                    // Not there: the default (written at the call, not in the local).
                    None => match rest {
                        [default] if !moved => self.marks_in(default, f, bound, depth),
                        _ => return None,
                    },
                }
            }
            ("element", Expression::Array(items), [_, Expression::Number(n)]) => {
                let (len, i) = (items.len(), n.value().as_u64()? as usize);
                // `element` wraps around the list's length.
                self.marks_in(items.iter().nth(i.checked_rem(len)?)?, lf, bound, depth)
            }
            ("one", Expression::Array(items), _) => match items.len() {
                0 => Marks::NONE,
                1 => self.marks_in(items.iter().next()?, lf, bound, depth),
                _ => return None,
            },
            _ => return None,
        };
        Some(picked)
    }

    /// The object or tuple literal `e` is, in place or as the value of a
    /// local (`local.m`), with its file and whether it was reached through a
    /// local.
    fn literal<'e>(&self, e: &'e Expression, f: FileId, hops: usize) -> Option<(&'e Expression, FileId, bool)>
    where
        'a: 'e,
    {
        match e {
            Expression::Parenthesis(p) => self.literal(p.inner(), f, hops),
            Expression::Object(_) | Expression::Array(_) => Some((e, f, hops > 0)),
            Expression::Traversal(t) if hops < MAX_DEPTH => match (&t.expr, t.operators.as_slice()) {
                (Expression::Variable(root), [op]) if root.as_str() == "local" => match op.value() {
                    TraversalOperator::GetAttr(name) => match self.locals.get(name.as_str())? {
                        Local::Hcl(le, lf) => self.literal(le, *lf, hops + 1),
                    },
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        }
    }

    /// The marks of a module input written as `e`, part by part where it is
    /// a literal (see [`MarkTree`]).
    pub(super) fn mark_tree(&self, e: &Expression, f: FileId) -> MarkTree {
        self.tree_in(e, f, 0)
    }

    fn tree_in<'e>(&self, e: &'e Expression, f: FileId, depth: usize) -> MarkTree
    where
        'a: 'e,
    {
        let marks = self.marks(e, f);
        let parts = match self.literal(e, f, 0) {
            _ if depth >= MAX_TREE_DEPTH || marks.any == Some(false) => Parts::Whole,
            Some((Expression::Object(o), lf, _)) => Parts::Keys(
                o.iter()
                    .filter_map(|(k, v)| Some((object_key(k)?.to_string(), self.tree_in(v.expr(), lf, depth + 1))))
                    .collect(),
            ),
            Some((Expression::Array(items), lf, _)) => {
                Parts::Items(items.iter().map(|x| self.tree_in(x, lf, depth + 1)).collect())
            }
            _ => Parts::Whole,
        };
        MarkTree { marks, parts }
    }

    /// The caller's marks of the input `name`, when this module's variable
    /// carries them (not declared sensitive; a called module's).
    fn input_tree(&self, name: &str) -> Option<&MarkTree> {
        if self.instance_prefix.is_empty() || self.variable_marks(name) == Marks::MARKED {
            return None;
        }
        self.input_marks.as_ref()?.iter().find(|(n, _)| n == name).map(|(_, t)| t)
    }

    /// The marks of the part of an input (`tree`) that `ops` reach.
    fn tree_part_marks<'e>(
        &self,
        mut tree: &MarkTree,
        mut ops: &[&'e TraversalOperator],
        f: FileId,
        bound: &mut Bound<'e>,
        depth: usize,
    ) -> Marks
    where
        'a: 'e,
    {
        // A marked container marks what is taken from it.
        let mut container_marked = false;
        while let Some((op, rest)) = ops.split_first() {
            let part = match &tree.parts {
                Parts::Keys(keys) => {
                    literal_key(op).and_then(|k| keys.iter().rev().find(|(n, _)| n == k).map(|(_, t)| t))
                }
                Parts::Items(items) => literal_index(op).and_then(|i| items.get(i)),
                Parts::Whole => None,
            };
            let Some(part) = part else { break };
            container_marked |= tree.marks.own == Some(true);
            tree = part;
            ops = rest;
        }
        if container_marked {
            return Marks::MARKED;
        }
        self.apply_ops(tree.marks, ops, f, bound, depth)
    }

    /// The marks of `local.NAME` (its expression `e`), worked out once: a
    /// local used twice by each of forty others would otherwise be read 2^40
    /// times. One reached again while it is being worked out (a cycle) is
    /// Unknown.
    fn local_marks(&self, name: &'a str, e: &'a Expression, f: FileId, depth: usize) -> Marks {
        if let Some(m) = self.local_marks.borrow().get(name) {
            return *m;
        }
        self.local_marks.borrow_mut().insert(name, Marks::UNKNOWN);
        let m = self.marks_in(e, f, &mut Vec::new(), depth);
        self.local_marks.borrow_mut().insert(name, m);
        m
    }

    /// The marks of `var.NAME`: a variable declared `sensitive` is marked; a
    /// root module's others come from variable files and defaults, which
    /// carry no marks; a called module's carry what its caller passed.
    pub(super) fn variable_marks(&self, name: &str) -> Marks {
        let Some((block, f)) = self.var_blocks.get(name).copied() else { return Marks::UNKNOWN };
        let declared = match super::module::attr(&block.body, "sensitive") {
            Some(e) => match self.eval(e, f, None).as_bool() {
                Some(b) => b,
                None => return Marks::UNKNOWN,
            },
            None => false,
        };
        if declared {
            return Marks::MARKED;
        }
        if self.instance_prefix.is_empty() {
            return Marks::NONE;
        }
        match &self.input_marks {
            // Not passed: the default, a literal.
            Some(given) => given.iter().find(|(n, _)| n == name).map_or(Marks::NONE, |(_, t)| t.marks),
            None => Marks::UNKNOWN,
        }
    }
}

/// Binds the names a `for` (expression or template directive) iterates
/// with over a collection marked `coll`; returns how many were bound before,
/// to truncate `bound` to. Each element is part of the collection: unmarked
/// when no part of it is, else not known here.
fn bind_iteration<'e>(
    bound: &mut Bound<'e>,
    coll: Marks,
    key: Option<&'e hcl_edit::Ident>,
    value: &'e hcl_edit::Ident,
) -> usize {
    let element = if coll.any == Some(false) { Marks::NONE } else { Marks::UNKNOWN };
    let n = bound.len();
    if let Some(k) = key {
        bound.push((k.as_str(), element));
    }
    bound.push((value.as_str(), element));
    n
}

/// The marks of a call of the function `name` with arguments marked `args`.
fn function_marks(name: &str, args: &[Marks]) -> Marks {
    let own = || any_of(args.iter().map(|m| m.own));
    let any = || any_of(args.iter().map(|m| m.any));
    match name {
        "sensitive" => Marks::MARKED,
        "issensitive" | "can" => Marks::NONE,
        "nonsensitive" => Marks::of(Some(false), if any() == Some(false) { Some(false) } else { None }),
        // The argument that succeeds: unmarked when none is marked.
        "try" => {
            if any() == Some(false) {
                Marks::NONE
            } else {
                Marks::UNKNOWN
            }
        }
        // The collection functions that keep their arguments' parts as they
        // are: their own marks carry over, their parts' marks stay parts.
        "length" | "concat" | "flatten" | "tolist" | "tomap" | "keys" | "values" | "merge" | "slice" | "reverse"
        | "zipmap" => Marks::of(own(), if own() == Some(true) || any() == Some(false) { any() } else { None }),
        // One element of a collection: its marks are that element's.
        "element" | "lookup" | "one" => Marks::decided(own(), any()),
        // These mark their result with every mark of their arguments, their
        // parts' included.
        "jsonencode" | "yamlencode" | "join" | "distinct" | "sort" | "toset" | "contains" | "setunion"
        | "coalescelist" | "coalesce" | "index" | "compact" | "formatlist" | "split" => Marks::primitive(any()),
        // Every other function takes its arguments' own marks; what it does
        // with their parts' marks is not known here.
        _ => Marks::decided(own(), any()),
    }
}

/// `.name` or `["name"]`.
fn literal_key(op: &TraversalOperator) -> Option<&str> {
    match op {
        TraversalOperator::GetAttr(id) => Some(id.as_str()),
        TraversalOperator::Index(Expression::String(s)) => Some(s.value().as_str()),
        _ => None,
    }
}

/// `[0]` or `.0`.
fn literal_index(op: &TraversalOperator) -> Option<usize> {
    match op {
        TraversalOperator::Index(Expression::Number(n)) => n.value().as_u64().map(|n| n as usize),
        TraversalOperator::LegacyIndex(n) => Some(*n.value() as usize),
        _ => None,
    }
}

/// An object literal's key as written (`a`, `"a"`), if it is one.
fn object_key(k: &ObjectKey) -> Option<&str> {
    match k {
        ObjectKey::Ident(id) => Some(id.as_str()),
        ObjectKey::Expression(Expression::Variable(id)) => Some(id.as_str()),
        ObjectKey::Expression(Expression::String(s)) => Some(s.value().as_str()),
        _ => None,
    }
}
