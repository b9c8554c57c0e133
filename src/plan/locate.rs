//! Placing a plan's values in the `.tf` source they come from: the
//! resource's block (found by its configuration address), and inside it the
//! attribute, nested block or list item that wrote each value. The plan has
//! the values, the source has the places: every value of the plan gets the
//! span of the expression that wrote it, else of the block around it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Block, Body};

use crate::eval::expr::span_of;
use crate::eval::normalize;
use crate::model::{Encoding, Kind, Val, V};
use crate::source::{FileId, SourceFile, Sources, Span};

/// The `.tf` files of the module directories the plan's resources come
/// from, parsed once each. Only directories inside `root` are read.
pub struct SourceTree {
    root: PathBuf,
    /// Where `terraform init` installed the remote modules
    /// (`.terraform/modules/modules.json` under `root`), when it did.
    installed: Option<crate::eval::installed::Manifest>,
    boundary: crate::boundary::Boundary,
    dirs: HashMap<PathBuf, Dir>,
}

/// One module directory: its files, and where each `resource` and `data`
/// block is (by `resource.TYPE.NAME`, `data.TYPE.NAME`: file, statement).
#[derive(Default)]
pub struct Dir {
    files: Vec<(FileId, Body)>,
    blocks: HashMap<String, (usize, usize)>,
}

impl SourceTree {
    pub fn new(root: &Path) -> SourceTree {
        let boundary = crate::boundary::Boundary::for_scan(&[root.to_path_buf()], &[]);
        let root = normalize(root);
        let manifest = root.join(crate::eval::installed::MANIFEST);
        let installed = crate::source::read_shared(&manifest, crate::source::MAX_FILE_BYTES)
            .ok()
            .and_then(|text| crate::eval::installed::Manifest::parse(&text, &root).ok());
        SourceTree { installed, root, boundary, dirs: HashMap::new() }
    }

    /// The module directory the module calls (`calls`, their `source`s)
    /// lead to: local paths, and remote modules where `terraform init`
    /// installed them (by module key, as `modules.json` lists them); never
    /// outside the source root.
    pub fn module_dir(&self, calls: &[String], sources: &[String]) -> Option<PathBuf> {
        let mut dir = self.root.clone();
        for (i, s) in sources.iter().enumerate() {
            let key = calls.get(..=i).map(|c| c.join("."));
            let installed = key.and_then(|k| self.installed.as_ref()?.dir(&k).map(Path::to_path_buf));
            dir = match installed {
                Some(d) => d,
                None if s.starts_with("./") || s.starts_with("../") => normalize(&dir.join(s)),
                None => return None,
            };
        }
        let inside = self.root == Path::new(".") && !dir.starts_with("..") || dir.starts_with(&self.root);
        (inside && self.boundary.check(&dir).is_ok()).then_some(dir)
    }

    /// The files of `dir` (`.tf` only: `.tf.json` sources are not mapped),
    /// read and parsed on first use. A file that cannot be read or parsed
    /// is left out: its resources are placed in the plan.
    pub fn dir(&mut self, dir: &Path, sources: &Sources) -> &Dir {
        let boundary = &self.boundary;
        self.dirs.entry(dir.to_path_buf()).or_insert_with(|| {
            let mut out = Dir::default();
            for p in crate::discover::module_files(dir) {
                if p.extension().is_none_or(|e| e != "tf") || boundary.check(&p).is_err() {
                    continue;
                }
                let Ok(text) = crate::source::read_shared(&p, crate::source::MAX_FILE_BYTES) else { continue };
                let Ok(body) = crate::parse::hcl::parse_terraform(&text) else { continue };
                let id = sources.add(SourceFile::new(p.to_string_lossy().into(), p.clone(), text));
                for (i, st) in body.iter().enumerate() {
                    let Some(b) = st.as_block().filter(|b| matches!(b.ident.as_str(), "resource" | "data")) else {
                        continue;
                    };
                    if let [ty, name] = b.labels.as_slice() {
                        let key = format!("{}.{}.{}", b.ident.as_str(), ty.as_str(), name.as_str());
                        // Terraform refuses a block declared twice: the first one is kept.
                        out.blocks.entry(key).or_insert((out.files.len(), i));
                    }
                }
                out.files.push((id, body));
            }
            out
        })
    }

    /// Every file read, with its tree (for the ignore comments).
    pub fn all(&self) -> impl Iterator<Item = &(FileId, Body)> {
        self.dirs.values().flat_map(|d| &d.files)
    }
}

impl Dir {
    /// The block of a resource (`aws_s3_bucket.docs`) or data source
    /// (`data.aws_iam_policy_document.p`) at its address in the module.
    pub fn block(&self, kind: Kind, local: &str) -> Option<(FileId, &Block)> {
        let key = match kind {
            Kind::Data => local.to_string(),
            _ => format!("resource.{local}"),
        };
        let &(file, statement) = self.blocks.get(&key)?;
        let (id, body) = self.files.get(file)?;
        Some((*id, body.iter().nth(statement)?.as_block()?))
    }
}

/// `v` with every value at `span`.
pub fn all_at(v: &Val, span: Span) -> Val {
    let inner = match &v.v {
        V::List(items) => V::List(Rc::new(items.iter().map(|x| all_at(x, span)).collect())),
        V::Map(m) => V::Map(Rc::new(m.iter().map(|(k, x)| (k.clone(), all_at(x, span))).collect())),
        V::Encoded(e, x) => V::Encoded(*e, Box::new(all_at(x, span))),
        other => other.clone(),
    };
    Val::new(inner, span)
}

/// A block's values (a map) placed in its body: each attribute at its
/// expression, each nested block's values in that block.
pub fn in_body(v: &Val, body: &Body, f: FileId, block: Span) -> Val {
    let Some(entries) = v.as_map() else { return all_at(v, block) };
    let out = entries
        .iter()
        .map(|(k, x)| {
            let placed = if let Some(a) = crate::eval::module::attr(body, k) {
                in_expr(x, a, f)
            } else {
                nested(x, body, k, f, block)
            };
            (k.clone(), placed)
        })
        .collect();
    Val::new(V::Map(Rc::new(out)), block)
}

/// The values of nested blocks `name` (a list of maps in the plan) placed in
/// those blocks: each item in the block whose literal arguments it matches
/// (sets come out of the plan in their own order), in the `dynamic` block
/// that makes them, else at the enclosing block.
fn nested(x: &Val, body: &Body, name: &str, f: FileId, block: Span) -> Val {
    let blocks: Vec<&Block> = body.iter().filter_map(|s| s.as_block()).filter(|b| b.ident.as_str() == name).collect();
    let dynamic = body
        .iter()
        .filter_map(|s| s.as_block())
        .find(|b| b.ident.as_str() == "dynamic" && b.labels.first().is_some_and(|l| l.as_str() == name));
    let fallback = dynamic.map_or(block, |d| span_of(d, f));
    let Some(items) = x.as_list().filter(|_| !blocks.is_empty()) else { return all_at(x, fallback) };
    let placed = items
        .iter()
        .enumerate()
        .map(|(i, item)| match pick(&blocks, i, |b| agrees(item, attributes(b))) {
            Some(b) => in_body(item, &b.body, f, span_of(b, f)),
            None => all_at(item, fallback),
        })
        .collect();
    Val::new(V::List(Rc::new(placed)), x.span)
}

/// The candidate (block, array item) an item of a plan's list was written
/// as: the one at its position if it agrees, else the first that does (sets
/// come out of a plan in their own order).
fn pick<'c, T>(candidates: &[&'c T], i: usize, agrees: impl Fn(&&'c T) -> bool) -> Option<&'c T> {
    match candidates.get(i) {
        Some(c) if agrees(c) => Some(*c),
        _ => candidates.iter().find(|c| agrees(c)).copied(),
    }
}

/// Do a plan's values (a map) agree with every literal argument written?
fn agrees(item: &Val, written: Vec<(String, &Expression)>) -> bool {
    written.iter().all(|(k, e)| match (literal(e), item.get(k).and_then(|v| v.as_str())) {
        (Some(w), Some(planned)) => w == planned,
        _ => true,
    })
}

/// A block's arguments, by name.
fn attributes<'b>(b: &&'b Block) -> Vec<(String, &'b Expression)> {
    b.body.iter().filter_map(|s| s.as_attribute()).map(|a| (a.key.as_str().to_string(), &a.value)).collect()
}

/// The text of a literal string, number or bool.
fn literal(e: &Expression) -> Option<String> {
    match e {
        Expression::String(s) => Some(s.value().to_string()),
        Expression::Number(n) => n.value().as_f64().map(crate::model::value::fmt_num),
        Expression::Bool(b) => Some(b.value().to_string()),
        _ => None,
    }
}

/// Does a plan's list item agree with an array item written: the same
/// literal, or an object whose literal values it has.
fn item_agrees(item: &Val, e: &Expression) -> bool {
    match e {
        Expression::Object(o) => agrees(item, o.iter().filter_map(|(k, v)| Some((object_key(k)?, v.expr()))).collect()),
        _ => match (literal(e), item.as_str()) {
            (Some(w), Some(planned)) => w == planned,
            _ => true,
        },
    }
}

/// A value placed in the expression that wrote it: list items in array
/// items, object values in object items, the document a `jsonencode(...)`
/// string holds in its argument; anything else at the expression.
pub fn in_expr(v: &Val, e: &Expression, f: FileId) -> Val {
    let span = span_of(e, f);
    match (e, &v.v) {
        (Expression::Parenthesis(p), _) => in_expr(v, p.inner(), f),
        (Expression::Array(a), V::List(items)) if a.len() == items.len() => {
            let written: Vec<&Expression> = a.iter().collect();
            let out = items
                .iter()
                .enumerate()
                .map(|(i, x)| match pick(&written, i, |ex| item_agrees(x, ex)) {
                    Some(ex) => in_expr(x, ex, f),
                    None => all_at(x, span),
                })
                .collect();
            Val::new(V::List(Rc::new(out)), span)
        }
        (Expression::Object(o), V::Map(m)) => {
            let out = m
                .iter()
                .map(|(k, x)| {
                    let written = o.iter().find(|(ok, _)| object_key(ok).as_deref() == Some(&**k));
                    (k.clone(), written.map_or_else(|| all_at(x, span), |(_, ov)| in_expr(x, ov.expr(), f)))
                })
                .collect();
            Val::new(V::Map(Rc::new(out)), span)
        }
        (Expression::FuncCall(call), V::Str(t)) if call.name.name.as_str() == "jsonencode" && call.args.len() == 1 => {
            match (crate::parse::json::parse_file(&t.text, f), call.args.iter().next()) {
                (Ok(doc), Some(arg)) => Val::new(V::Encoded(Encoding::Json, Box::new(in_expr(&doc, arg, f))), span),
                _ => all_at(v, span),
            }
        }
        _ => all_at(v, span),
    }
}

/// An object key as written (`name`, `"name"`), when it is literal.
fn object_key(k: &ObjectKey) -> Option<String> {
    match k {
        ObjectKey::Ident(id) => Some(id.as_str().to_string()),
        ObjectKey::Expression(Expression::String(s)) => Some(s.value().to_string()),
        ObjectKey::Expression(Expression::Variable(id)) => Some(id.as_str().to_string()),
        ObjectKey::Expression(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line a value of the placed body is at.
    fn line(sources: &Sources, v: &Val) -> usize {
        sources.get(v.span.file).line_col(v.span.start).0
    }

    #[test]
    fn set_items_are_placed_where_their_literals_are_written() {
        let tf = "resource \"aws_security_group\" \"x\" {\n  ingress = [\n    { from_port = 443, cidr_blocks = [\"10.0.0.0/8\"] },\n    { from_port = 22, cidr_blocks = [\"0.0.0.0/0\"] },\n  ]\n  egress {\n    from_port = 0\n  }\n  egress {\n    from_port = 53\n  }\n}\n";
        let sources = Sources::default();
        let id = sources.add(SourceFile::new("main.tf".into(), "main.tf".into(), tf.into()));
        let body = crate::parse::hcl::parse_terraform(tf).unwrap();
        let block = body.iter().find_map(|s| s.as_block()).unwrap();
        // The plan lists sets in its own order: 22 first, then 443; 53 then 0.
        let plan = r#"{"ingress": [{"from_port": 22, "cidr_blocks": ["0.0.0.0/0"]}, {"from_port": 443, "cidr_blocks": ["10.0.0.0/8"]}],
                       "egress": [{"from_port": 53}, {"from_port": 0}], "name": "x"}"#;
        let values = crate::parse::json::parse_file(plan, 99).unwrap();
        let span = span_of(block, id);
        let placed = in_body(&values, &block.body, id, span);
        let ingress = placed.get("ingress").and_then(Val::as_list).unwrap();
        assert_eq!(line(&sources, ingress[0].get("cidr_blocks").unwrap()), 4);
        assert_eq!(line(&sources, ingress[1].get("from_port").unwrap()), 3);
        let egress = placed.get("egress").and_then(Val::as_list).unwrap();
        assert_eq!(line(&sources, egress[0].get("from_port").unwrap()), 10);
        assert_eq!(line(&sources, egress[1].get("from_port").unwrap()), 7);
        // Not written in the block (a provider default): at the block.
        assert_eq!(placed.get("name").unwrap().span, span);
    }
}
