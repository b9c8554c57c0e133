//! Which blocks of a root module a run on named files (a pre-commit hook)
//! needs to evaluate.
//!
//! Such a run keeps only the findings about the named files: those located
//! there, and those whose value is written there (see `pipeline::run`). A
//! block in another file of the module can only give such a finding when a
//! value written in a named file reaches it, which in Terraform only happens
//! through a named value: a variable, local, module or data source declared
//! in a named file, or declared elsewhere from one of those (`local.a =
//! local.b`, however long the chain). Every other block of the other files
//! gives findings that are dropped, so it is not evaluated at all. In a large
//! module most of a one-file run went to evaluating them.
//!
//! Kept whatever they read: every block of the named files, and the kinds a
//! rule that relates elements reads (a versioning resource in another file
//! makes a bucket in the named file right or wrong). A `module` block that no
//! named value reaches is such a kind (rules on IAM policies read module
//! calls): its instance is evaluated for those kinds only, as nothing it
//! makes is reported either (see `Loader::partial`).
//!
//! A run on every file of a tree has no focus: each block is evaluated.

use foldhash::HashSet;

use hcl_edit::expr::{Expression, TraversalOperator};
use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::visit::{self, Visit};

use super::module::Parsed;
use crate::model::{Kind, Wanted};
use crate::source::FileId;

pub(super) struct Focus {
    /// The named files of the module.
    files: HashSet<FileId>,
    /// The named values a named file's value may reach.
    reached: Reached,
}

impl Focus {
    /// The focus on `files` (named files of the module whose held trees are
    /// `bodies`: every declaration of a named value is in one of those, as
    /// `declares_names` decides which trees are held).
    pub fn new(files: HashSet<FileId>, bodies: &Parsed) -> Focus {
        let mut reached = Reached::default();
        // The declarations of the other files, with what each reads.
        let mut others: Vec<(Name, Vec<Name>, bool)> = Vec::new();
        for (f, body) in &bodies.hcl {
            let named = files.contains(f);
            for b in body.iter().filter_map(Structure::as_block) {
                declarations(b, &mut |name, node| {
                    if named {
                        reached.insert(name);
                    } else {
                        let (mut refs, mut any) = (Vec::new(), false);
                        node.each_ref(&mut |r| {
                            match r {
                                Some(r) => refs.push(r.owned()),
                                None => any = true,
                            }
                            false
                        });
                        others.push((name, refs, any));
                    }
                });
            }
        }
        // Until nothing more is reached (a chain of locals written in reverse
        // order takes one round per link).
        loop {
            let before = reached.len;
            others.retain(|(name, refs, any)| {
                if reached.len > 0 && (*any || refs.iter().any(|r| reached.contains(r.as_ref()))) {
                    reached.insert(name.clone());
                    false
                } else {
                    true
                }
            });
            if reached.len == before {
                break;
            }
        }
        Focus { files, reached }
    }

    /// The focus of a module instance called from a block no named value
    /// reaches: nothing of it is reported, but what it makes of the kinds
    /// that rules relating elements read is read with the named files'.
    pub fn related_only() -> Focus {
        Focus { files: HashSet::default(), reached: Reached::default() }
    }

    /// Must block `b` of file `f` be evaluated? (`related`: the kinds read by
    /// rules that relate elements.) A `locals` block is, entry by entry
    /// (see [`Focus::keeps_local`]).
    pub fn keeps(&self, b: &Block, f: FileId, related: &Wanted) -> bool {
        if self.files.contains(&f) {
            return true;
        }
        let label = b.labels.first().map(|l| l.as_str()).unwrap_or_default();
        let kind = match b.ident.as_str() {
            "locals" => return true,
            // Whole, or for the related kinds only (see [`Focus::whole_call`]).
            "module" => return related.names(Kind::Module, "call") || self.reads_reached(Node::Body(&b.body)),
            "resource" => Kind::Resource,
            "data" => Kind::Data,
            "provider" => Kind::Provider,
            "variable" => Kind::Variable,
            "terraform" => Kind::Backend,
            _ => return false,
        };
        let related = match kind {
            Kind::Backend => related.names_any(kind),
            _ => related.names(kind, label),
        };
        related || self.reads_reached(Node::Body(&b.body))
    }

    /// Is the instance a kept `module` block `b` (in file `f`) makes
    /// evaluated whole? Only the kinds rules relating elements read are
    /// made in it otherwise.
    pub fn whole_call(&self, b: &Block, f: FileId) -> bool {
        self.files.contains(&f) || self.reads_reached(Node::Body(&b.body))
    }

    /// Must the `locals` entry `value` of file `f` be made an element?
    pub fn keeps_local(&self, value: &Expression, f: FileId) -> bool {
        self.files.contains(&f) || self.reads_reached(Node::Expr(value))
    }

    /// Might a block whose text is `text` read a named value a named file
    /// reaches ([`Focus::keeps`] of its tree)? Read off the text, before
    /// parsing it: whether it holds the name of one (a reference names it
    /// whole, as an identifier), or a `var`, `local`, `module` or `data` not
    /// followed by a `.` (read by index: any). Yes when unsure.
    pub fn text_may_read_reached(&self, text: &str) -> bool {
        if self.reached.len == 0 {
            return false;
        }
        let b = text.as_bytes();
        // HCL identifiers: letters, digits, `_`, `-`, and letters past ASCII.
        let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c >= 0x80;
        let mut i = 0;
        while i < b.len() {
            if !ident(b[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && ident(b[i]) {
                i += 1;
            }
            let word = &text[start..i];
            if is_named_value_root(word) {
                let next = b[i..].iter().find(|c| !matches!(c, b' ' | b'\t' | b'\r' | b'\n'));
                if next != Some(&b'.') {
                    return true;
                }
            } else if self.reached.names.contains(word) {
                return true;
            }
        }
        false
    }

    fn reads_reached(&self, node: Node) -> bool {
        self.reached.len > 0 && node.each_ref(&mut |r| r.is_none_or(|r| self.reached.contains(r)))
    }
}

/// A named value: `var.NAME`, `local.NAME`, `module.NAME` (`root`, `name`)
/// or `data.TYPE.NAME` (`data`, `TYPE`, `NAME`).
#[derive(Clone, Copy)]
struct NameRef<'a> {
    root: &'a str,
    name: &'a str,
    data_name: &'a str,
}

impl NameRef<'_> {
    fn owned(self) -> Name {
        Name { root: self.root.to_string(), name: self.name.to_string(), data_name: self.data_name.to_string() }
    }
}

#[derive(Clone)]
struct Name {
    root: String,
    name: String,
    data_name: String,
}

impl Name {
    fn as_ref(&self) -> NameRef<'_> {
        NameRef { root: &self.root, name: &self.name, data_name: &self.data_name }
    }
}

/// Named values, looked up without building their names.
#[derive(Default)]
struct Reached {
    /// By root (`var`, `local`, `module`, `data`), then name (a data
    /// source's type), then a data source's name (empty for the others).
    by_root: foldhash::HashMap<String, foldhash::HashMap<String, HashSet<String>>>,
    len: usize,
    /// Every name above, of any root (a data source's type and name), as
    /// a reference writes them: for [`Focus::text_may_read_reached`].
    names: HashSet<String>,
}

impl Reached {
    fn insert(&mut self, n: Name) {
        self.names.insert(n.name.clone());
        if !n.data_name.is_empty() {
            self.names.insert(n.data_name.clone());
        }
        let names = self.by_root.entry(n.root).or_default().entry(n.name).or_default();
        if names.insert(n.data_name) {
            self.len += 1;
        }
    }

    fn contains(&self, n: NameRef) -> bool {
        self.by_root.get(n.root).and_then(|m| m.get(n.name)).is_some_and(|s| s.contains(n.data_name))
    }
}

/// A declaration's definition: an expression (a local) or a block's body.
#[derive(Clone, Copy)]
enum Node<'a> {
    Expr(&'a Expression),
    Body(&'a Body),
}

impl Node<'_> {
    /// Gives `each` every named value read (`None`: one that may be any),
    /// until it says stop; whether it did.
    fn each_ref(self, each: &mut dyn FnMut(Option<NameRef>) -> bool) -> bool {
        let mut refs = Refs { each, stopped: false };
        match self {
            Node::Expr(e) => refs.visit_expr(e),
            Node::Body(b) => refs.visit_body(b),
        }
        refs.stopped
    }
}

/// The named values block `b` declares, each with its definition.
fn declarations<'a>(b: &'a Block, out: &mut dyn FnMut(Name, Node<'a>)) {
    let name = |root: &str, name: &str, data_name: &str| Name {
        root: root.to_string(),
        name: name.to_string(),
        data_name: data_name.to_string(),
    };
    match (b.ident.as_str(), b.labels.as_slice()) {
        ("locals", []) => {
            for a in b.body.iter().filter_map(Structure::as_attribute) {
                out(name("local", a.key.as_str(), ""), Node::Expr(&a.value));
            }
        }
        ("variable", [n]) => out(name("var", n.as_str(), ""), Node::Body(&b.body)),
        ("module", [n]) => out(name("module", n.as_str(), ""), Node::Body(&b.body)),
        ("data", [ty, n]) => out(name("data", ty.as_str(), n.as_str()), Node::Body(&b.body)),
        _ => {}
    }
}

/// Walks an expression or body for the named values it reads.
struct Refs<'e> {
    each: &'e mut dyn FnMut(Option<NameRef>) -> bool,
    stopped: bool,
}

impl Refs<'_> {
    fn give(&mut self, r: Option<NameRef>) {
        self.stopped = (self.each)(r);
    }
}

fn is_named_value_root(name: &str) -> bool {
    matches!(name, "var" | "local" | "module" | "data")
}

impl Visit for Refs<'_> {
    fn visit_expr(&mut self, e: &Expression) {
        if self.stopped {
            return;
        }
        match e {
            // A `var`, `local`, `module` or `data` not followed by names
            // (`local[k]` is no valid reference, but it is not guessed at).
            Expression::Variable(v) if is_named_value_root(v.as_str()) => self.give(None),
            Expression::Traversal(t) => {
                match &t.expr {
                    Expression::Variable(root) if is_named_value_root(root.as_str()) => {
                        let attr = |i: usize| match t.operators.get(i).map(|o| o.value()) {
                            Some(TraversalOperator::GetAttr(id)) => Some(id.as_str()),
                            _ => None,
                        };
                        let root = root.as_str();
                        match (root, attr(0), attr(1)) {
                            ("data", Some(ty), Some(name)) => {
                                self.give(Some(NameRef { root, name: ty, data_name: name }))
                            }
                            ("data", _, _) | (_, None, _) => self.give(None),
                            (_, Some(name), _) => self.give(Some(NameRef { root, name, data_name: "" })),
                        }
                    }
                    other => self.visit_expr(other),
                }
                for op in &t.operators {
                    visit::visit_traversal_operator(self, op);
                }
            }
            _ => visit::visit_expr(self, e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> (Vec<String>, bool) {
        let body = crate::parse::hcl::parse_terraform(&format!("x = {text}\n")).expect("parses");
        let a = body.iter().find_map(Structure::as_attribute).expect("an attribute");
        let (mut names, mut any) = (Vec::new(), false);
        Node::Expr(&a.value).each_ref(&mut |r| {
            match r {
                Some(r) if r.root == "data" => names.push(format!("data.{}.{}", r.name, r.data_name)),
                Some(r) => names.push(format!("{}.{}", r.root, r.name)),
                None => any = true,
            }
            false
        });
        (names, any)
    }

    #[test]
    fn named_values_read_anywhere_in_an_expression() {
        let (names, any) = refs(
            r#"merge(local.a, { k = "${var.b}-x" }, [for x in module.c.list : data.aws_iam_policy_document.d.json if x != local.e[0]])"#,
        );
        assert_eq!(names, ["local.a", "var.b", "module.c", "data.aws_iam_policy_document.d", "local.e"]);
        assert!(!any);
        assert_eq!(refs("aws_s3_bucket.b.id").0, Vec::<String>::new(), "a resource carries no value");
        assert!(refs(r#"local["a"]"#).1, "a named value read by index may be any");
        assert!(refs("data.x").1);
    }

    #[test]
    fn only_blocks_a_named_value_reaches_or_a_relating_rule_reads_are_kept() {
        let files = [
            // 0, the named file.
            "locals {\n  base = true\n}\n",
            // 1
            "locals {\n  public = local.middle\n  middle = local.base\n  other = 1\n}\n",
            // 2
            concat!(
                "resource \"aws_db_instance\" \"reached\" {\n  publicly_accessible = local.public\n}\n",
                "resource \"aws_db_instance\" \"unrelated\" {\n  publicly_accessible = local.other\n}\n",
                "resource \"aws_s3_bucket_versioning\" \"v\" {\n  bucket = \"b\"\n}\n",
                "module \"m\" {\n  source = \"./m\"\n}\n",
            ),
        ];
        let parsed = Parsed {
            hcl: files
                .iter()
                .enumerate()
                .map(|(i, t)| (i as FileId, std::sync::Arc::new(crate::parse::hcl::parse_terraform(t).unwrap())))
                .collect(),
        };
        let focus = Focus::new([0].into_iter().collect(), &parsed);
        let related = Wanted::from_targets(["resource.aws_s3_bucket_versioning"]);
        let blocks: Vec<(String, bool)> = parsed.hcl[2]
            .1
            .iter()
            .filter_map(Structure::as_block)
            .map(|b| (b.labels.last().unwrap().as_str().to_string(), focus.keeps(b, 2, &related)))
            .collect();
        // No rule relates module calls here: the call is left out with its instance.
        let expected = [("reached", true), ("unrelated", false), ("v", true), ("m", false)];
        assert_eq!(blocks, expected.map(|(n, k)| (n.to_string(), k)));
        // One does: the call is made, its instance for the related kinds only.
        let call = parsed.hcl[2].1.iter().filter_map(Structure::as_block).last().unwrap();
        assert!(focus.keeps(call, 2, &Wanted::from_targets(["module.call"])));
        assert!(!focus.whole_call(call, 2));
        assert!(focus.whole_call(call, 0), "a call in a named file is evaluated whole");
        let locals: Vec<bool> = parsed.hcl[1]
            .1
            .iter()
            .filter_map(Structure::as_block)
            .flat_map(|b| b.body.iter().filter_map(Structure::as_attribute))
            .map(|a| focus.keeps_local(&a.value, 1))
            .collect();
        assert_eq!(locals, [true, true, false]);
        // The same, read off a block's text before it is parsed.
        let text = |t: &str| focus.text_may_read_reached(t);
        assert!(text("resource \"a\" \"b\" {\n  x = local.public\n}\n"));
        assert!(text("x = \"${local . middle}\""), "spaces around the dot");
        assert!(!text("resource \"a\" \"b\" {\n  x = local.other\n  y = aws_s3_bucket.public-ish\n}\n"));
        assert!(text("x = local[\"other\"]"), "read by index: may be any");
        assert!(!text("x = \"metadata-public_ish\"\n"), "names inside longer words are not read");
        assert!(text("data = 1\n"), "a root not followed by a dot: unsure, so read");
        let nothing = Focus::new([1].into_iter().collect(), &Parsed { hcl: vec![] });
        assert!(!nothing.text_may_read_reached("x = local.public"), "nothing reached: nothing read");
    }
}
