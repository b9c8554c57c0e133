//! Evaluation of one Terraform module: variables, locals (lazily, in any
//! order, cycles reported), and block bodies, into [`Val`]s with spans.

/// The budget lives with the files a task reads (`crate::source::budget`); this path is kept for
/// the evaluator's code and the library's users.
pub use crate::source::budget;
mod call_order;
pub mod ecs;
pub mod expr;
mod focus;
pub mod functions;
pub mod installed;
pub mod module;
mod pieces;
pub mod registry;
mod registry_sg;
mod replay;
mod sensitivity;
pub mod shared;
mod text_refs;
mod types;

use foldhash::HashMap;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body, Structure};

use crate::boundary::Boundary;
use crate::model::value::{key, Seg};
use crate::model::{Text, Val, V};
use crate::source::{FileId, SourceFile, Sources, Span};
use expr::span_of;

/// A variable bound by a `for` expression, `count`, `for_each`, a dynamic
/// block iterator or `templatefile`: a linked list on the stack.
pub struct Env<'e> {
    pub name: &'e str,
    pub val: Val,
    pub parent: Option<&'e Env<'e>>,
}

impl Env<'_> {
    pub fn lookup(&self, name: &str) -> Option<&Val> {
        let mut cur = Some(self);
        while let Some(e) = cur {
            if e.name == name {
                return Some(&e.val);
            }
            cur = e.parent;
        }
        None
    }
}

/// Where a variable's value comes from, in Terraform's order of precedence.
pub enum VarSlot<'a> {
    /// From a caller's module block, `-var-file`, `*.auto.tfvars` or `terraform.tfvars`.
    Given(Val),
    /// The `default` in the variable block.
    Default(&'a Expression, FileId),
    /// No value anywhere: only known at apply time (or prompted for).
    Missing(Span),
    /// The same, for a variable declared `sensitive = true`: a reference
    /// (`var.NAME`), so that checks can tell a secret's source.
    MissingSensitive(Span),
}

/// A local's definition (in either syntax: a `.tf.json` file is read as the
/// native syntax's tree).
pub enum Local<'a> {
    Hcl(&'a Expression, FileId),
}

/// What is evaluated once per module and remembered: names borrowed from
/// the module's own tree, so a lookup allocates nothing.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'a> {
    Var(&'a str),
    Local(&'a str),
    PolicyDocument(&'a str),
    TemplateFile(&'a str),
}

impl std::fmt::Display for Key<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Key::Var(n) => write!(f, "var.{n}"),
            Key::Local(n) => write!(f, "local.{n}"),
            Key::PolicyDocument(n) => write!(f, "data.aws_iam_policy_document.{n}"),
            Key::TemplateFile(n) => write!(f, "data.template_file.{n}"),
        }
    }
}

/// How deep locals may refer to each other before evaluation gives up.
const MAX_REFERENCE_DEPTH: usize = 128;

pub(crate) use crate::source::MAX_FILE_FN_BYTES;

pub struct Ctx<'a> {
    pub sources: &'a Sources,
    /// The module directory (as reached from the command line).
    pub dir: PathBuf,
    pub root_dir: PathBuf,
    /// The module's key: the dot-joined names of the module calls that lead
    /// to it from the root (`app.vpc`; empty for the root module), as
    /// `.terraform/modules/modules.json` names installed modules.
    pub module_key: String,
    /// This module instance's address as a prefix (`module.app["web"].`;
    /// empty for the root module): what identifies the instance's inputs
    /// within one task (see `Loader::outputs_of`).
    pub instance_prefix: String,
    pub vars: HashMap<&'a str, VarSlot<'a>>,
    /// The `variable` blocks (HCL syntax) by name: their `type` and
    /// `nullable` shape the value a variable is given (see [`Ctx::var`]).
    pub var_blocks: HashMap<&'a str, (&'a Block, FileId)>,
    pub locals: HashMap<&'a str, Local<'a>>,
    pub policy_docs: HashMap<&'a str, (&'a Block, FileId)>,
    /// `data "template_file"` blocks, rendered where `.rendered` is read.
    pub template_files: HashMap<&'a str, (&'a Block, FileId)>,
    /// Outputs of the modules this one calls, by module name: a map of the
    /// outputs, or a list of them (`count`) or a map of them by key (`for_each`).
    pub module_outputs: HashMap<String, Val>,
    /// The sensitivity marks of a called module's inputs, as its caller's
    /// expressions give them (see [`sensitivity`]); `None` where not known.
    pub input_marks: Option<Vec<(String, sensitivity::MarkTree)>>,
    /// The marks of the locals worked out so far (see [`sensitivity`]).
    local_marks: RefCell<HashMap<&'a str, sensitivity::Marks>>,
    memo: RefCell<HashMap<Key<'a>, Val>>,
    active: RefCell<Vec<Key<'a>>>,
    /// Problems found while evaluating (a cycle between locals).
    pub errors: RefCell<Vec<(Span, String)>>,
    /// What the user should know but is not an error (a read refused at the
    /// trust boundary).
    pub notices: RefCell<Vec<(Span, String)>>,
    /// What `file()` and `templatefile()` may read.
    pub boundary: &'a Boundary,
    /// `templatefile` calls being evaluated, one inside the other.
    templates: std::cell::Cell<usize>,
    /// `templatefile` results by (file, the variables' map allocation, the
    /// call): a template sees nothing but its variables, so the same map
    /// renders the same text. A `for` that renders a file once per key of
    /// its own rendering (`{ for k in keys(jsondecode(templatefile(f, v))) :
    /// k => jsondecode(templatefile(f, v))[k] }`) was quadratic in the file;
    /// the same text also lets `jsondecode` reuse its parse. The variables are
    /// kept so that their allocation is not reused.
    rendered: RefCell<HashMap<RenderKey, (Val, Val)>>,
    /// Whether a `templatestring` template is being rendered: Terraform
    /// refuses file functions and template functions inside one.
    in_template_string: std::cell::Cell<bool>,
    /// The last answer of a function call, by call site, with the argument
    /// it was computed from (see `functions::Call::again`).
    pub(super) last_answers: RefCell<HashMap<(Span, std::any::TypeId), LastAnswer>>,
}

/// (template file, the variables map's allocation, the call).
type RenderKey = (FileId, usize, Span);

/// The argument a call was last given, and what was made of it.
type LastAnswer = (Val, Rc<dyn std::any::Any>);

static UNRESTRICTED: Boundary = Boundary::unrestricted();

impl<'a> Ctx<'a> {
    pub fn new(sources: &'a Sources, dir: PathBuf, root_dir: PathBuf) -> Ctx<'a> {
        Ctx {
            sources,
            dir,
            root_dir,
            module_key: String::new(),
            instance_prefix: String::new(),
            vars: HashMap::default(),
            var_blocks: HashMap::default(),
            locals: HashMap::default(),
            policy_docs: HashMap::default(),
            template_files: HashMap::default(),
            module_outputs: HashMap::default(),
            input_marks: None,
            local_marks: RefCell::new(HashMap::default()),
            memo: RefCell::new(HashMap::default()),
            active: RefCell::new(Vec::new()),
            errors: RefCell::new(Vec::new()),
            notices: RefCell::new(Vec::new()),
            boundary: &UNRESTRICTED,
            templates: std::cell::Cell::new(0),
            rendered: RefCell::new(HashMap::default()),
            in_template_string: std::cell::Cell::new(false),
            last_answers: RefCell::new(HashMap::default()),
        }
    }

    /// Evaluates `key` once, guarding against cycles (`local.a` → `local.b` → `local.a`).
    fn memoized(&self, key: Key<'a>, at: Span, compute: impl FnOnce() -> Val) -> Val {
        if let Some(v) = self.memo.borrow().get(&key) {
            return v.clone();
        }
        // A chain of locals thousands deep would exhaust the stack: real
        // configurations stay far below this.
        if self.active.borrow().len() >= MAX_REFERENCE_DEPTH {
            self.errors
                .borrow_mut()
                .push((at, format!("`{key}` is reached through more than {MAX_REFERENCE_DEPTH} nested references")));
            return Val::unknown(at);
        }
        if self.active.borrow().contains(&key) {
            let chain: Vec<String> = self.active.borrow().iter().map(|k| k.to_string()).collect();
            self.errors.borrow_mut().push((at, format!("cycle in locals: {} → {key}", chain.join(" → "))));
            return Val::unknown(at);
        }
        self.active.borrow_mut().push(key);
        let v = compute();
        self.active.borrow_mut().pop();
        self.memo.borrow_mut().insert(key, v.clone());
        v
    }

    pub fn var(&self, name: &str) -> Val {
        let block = self.var_blocks.get(name).copied();
        match self.vars.get_key_value(name) {
            Some((&name, VarSlot::Given(v))) => match block {
                Some((b, f)) => self.memoized(Key::Var(name), v.span, || self.given(v.clone(), b, f)),
                None => v.clone(),
            },
            Some((&name, VarSlot::Default(e, f))) => {
                let (e, f) = (*e, *f);
                self.memoized(Key::Var(name), span_of(e, f), || {
                    let v = self.eval(e, f, None);
                    match block {
                        Some((b, bf)) => self.typed(v, b, bf),
                        None => v,
                    }
                })
            }
            Some((_, VarSlot::Missing(span))) => Val::unknown(*span),
            Some((&name, VarSlot::MissingSensitive(span))) => Val::new(V::Ref(Rc::new(format!("var.{name}"))), *span),
            None => Val::unknown(Span::default()),
        }
    }

    pub fn local(&self, name: &str) -> Val {
        match self.locals.get_key_value(name) {
            Some((&name, Local::Hcl(e, f))) => {
                let (e, f) = (*e, *f);
                self.memoized(Key::Local(name), span_of(e, f), || self.eval(e, f, None))
            }
            None => Val::unknown(Span::default()),
        }
    }

    /// Resolves a path given to `file()`: relative paths are taken from the
    /// root module's directory (Terraform's working directory), as are
    /// `path.module` (relative to it, as Terraform spells it) and `path.root` (`.`).
    fn resolve(&self, p: &str) -> PathBuf {
        let path = Path::new(p);
        if path.is_absolute() {
            normalize(path)
        } else {
            normalize(&self.root_dir.join(path))
        }
    }

    /// `path.module`: this module's directory relative to the root module's,
    /// as Terraform gives it (`.` in the root, `modules/db`, `../shared/db`).
    pub fn path_module(&self) -> String {
        relative_to(&self.dir, &self.root_dir).to_string_lossy().into_owned()
    }

    /// Loads a file into the sources; returns its id (reused when already
    /// loaded). A path outside the trust boundary is not read: a notice at
    /// `at` says so. Not regular files, files over the size limit and files
    /// that are not UTF-8 text are not read either (the value is Unknown).
    pub fn load(&self, path: &Path, at: Span) -> Option<FileId> {
        if let Some(id) = self.sources.find(path) {
            return Some(id);
        }
        if let Err(why) = self.boundary.check(path) {
            self.notices.borrow_mut().push((at, format!("`{}` is not read: {why}", path.display())));
            return None;
        }
        let text = crate::source::read_shared(path, MAX_FILE_FN_BYTES).ok()?;
        let display = path.to_string_lossy().into_owned();
        Some(self.sources.add(SourceFile::new(display, path.to_path_buf(), text)))
    }

    /// May `path` be probed (its existence, a directory's listing)? Outside
    /// the trust boundary it is not: a notice at `at` says so.
    pub fn may_probe(&self, path: &Path, at: Span) -> bool {
        match self.boundary.check_probe(path) {
            Ok(()) => true,
            Err(why) => {
                self.notices.borrow_mut().push((at, format!("`{}` is not read: {why}", path.display())));
                false
            }
        }
    }

    /// `file(path)`: the file's text, each byte mapped back to the file so that
    /// findings inside it (a task definition) point into that file.
    pub fn read_file(&self, p: &str, at: Span) -> Option<Val> {
        let id = self.load(&self.resolve(p), at)?;
        let file = self.sources.get(id);
        if !self.sources.budget.bytes(file.text.len() as u64, at) {
            return None;
        }
        let len = file.text.len() as u32;
        let whole = Span { file: id, start: 0, end: len };
        let text = Text {
            text: compact_str::CompactString::from(&*file.text),
            segs: vec![Seg { out: (0, len), src: whole, literal: true, reference: None }],
        };
        // Seen at the call; the file itself is the origin.
        Some(Val::new(V::Str(Rc::new(text)), whole).rehome(at))
    }

    /// `templatefile(path, vars)`: renders the template with spans into its
    /// file. A template may call `templatefile` too (itself, even): nested
    /// deeper than [`budget::MAX_TEMPLATE_NESTING`], it is Unknown.
    pub fn template_file(&self, p: &str, vars: &Val, at: Span) -> Option<Val> {
        self.nested_template(at, || {
            let id = self.load(&self.resolve(p), at)?;
            let V::Map(m) = &vars.v else { return self.render_template(id, vars, at) };
            let key = (id, Rc::as_ptr(m) as *const u8 as usize, at);
            if let Some((_, v)) = self.rendered.borrow().get(&key) {
                return Some(v.clone());
            }
            let v = self.render_template(id, vars, at)?;
            self.rendered.borrow_mut().insert(key, (vars.clone(), v.clone()));
            Some(v)
        })
    }

    /// `templatestring(ref, vars)`: the string `template` (the value of a
    /// reference, checked where the call is written) rendered as
    /// `templatefile` renders a file. Inside it, Terraform refuses `file`,
    /// `templatefile` and `templatestring` (Unknown here), and a
    /// `templatestring` inside a `templatefile` template.
    ///
    /// The text is parsed from a copy registered as a source of its own;
    /// positions in that copy are then moved to where the template string
    /// is defined.
    pub fn template_string(&self, template: &Val, vars: &Val, at: Span) -> Option<Val> {
        if self.templates.get() > 0 || self.in_template_string.get() {
            return None;
        }
        let text = template.as_text().filter(|t| t.is_fully_known())?;
        // The copy is text built (a call in a `for` makes one each time).
        if !self.sources.budget.bytes(text.text.len() as u64, at) {
            return None;
        }
        let display = self.sources.get(at.file).display.clone();
        let id = self.sources.add(SourceFile::new(display, PathBuf::new(), text.text.as_str().into()));
        self.in_template_string.set(true);
        let v = self.render_template(id, vars, at);
        self.in_template_string.set(false);
        let home = template.origin.unwrap_or(template.span);
        let v = replace_spans(v?, &|s: Span| if s.file == id { home } else { s });
        Some(v.rehome(at))
    }

    /// Whether `name` is refused here: file functions inside a
    /// `templatestring` template.
    pub(super) fn refused_in_template(&self, name: &str) -> bool {
        self.in_template_string.get() && matches!(name, "file" | "templatefile")
    }

    /// Renders a template one level deeper, or gives up past
    /// [`budget::MAX_TEMPLATE_NESTING`].
    fn nested_template(&self, at: Span, render: impl FnOnce() -> Option<Val>) -> Option<Val> {
        let depth = self.templates.get();
        if depth >= budget::MAX_TEMPLATE_NESTING {
            self.sources.budget.ran_out(budget::Limit::Nesting, at);
            return None;
        }
        self.templates.set(depth + 1);
        let v = render();
        self.templates.set(depth);
        v
    }

    /// `data.template_file.NAME.rendered`: the data source's `template`, when
    /// it is a file read whole (`file("x.json.tpl")`), rendered with its
    /// `vars` as `templatefile` would. Anything else is Unknown.
    pub fn template_file_data(&self, name: &str) -> Val {
        let Some((&name, &(block, f))) = self.template_files.get_key_value(name) else {
            return Val::unknown(Span::default());
        };
        let span = span_of(block, f);
        self.memoized(Key::TemplateFile(name), span, || {
            let body = self.eval_body(&block.body, f, None, span);
            let file = body.get("template").and_then(|t| t.as_text()).and_then(|t| match t.segs.as_slice() {
                [seg] if seg.literal && seg.out == (0, t.text.len() as u32) && t.is_fully_known() => {
                    let src = self.sources.get(seg.src.file);
                    (seg.src.start == 0 && seg.src.end as usize == src.text.len()).then_some(seg.src.file)
                }
                _ => None,
            });
            let Some(file) = file else { return Val::unknown(span) };
            let empty = Val::new(V::Map(Rc::new(Vec::new())), span);
            let vars = match body.get("vars") {
                None => empty,
                Some(v) if v.is_null() => empty,
                Some(v) => v.clone(),
            };
            self.nested_template(span, || self.render_template(file, &vars, span)).unwrap_or_else(|| Val::unknown(span))
        })
    }

    /// The template in file `id` rendered with `vars`, seen at `at`.
    fn render_template(&self, id: FileId, vars: &Val, at: Span) -> Option<Val> {
        // Parsed once per file and task, as the heredoc it is read as.
        let template = self.sources.memo_file(id, || {
            let text = self.sources.get(id).text.clone();
            hcl_edit::parser::parse_template(&text).ok().map(|tpl| {
                TemplateExpr(Expression::HeredocTemplate(Box::new(hcl_edit::template::HeredocTemplate::new(
                    hcl_edit::Ident::new("EOT"),
                    tpl,
                ))))
            })
        });
        let expr = &(*template).as_ref()?.0;
        let entries = vars.as_map()?;
        // Terraform refuses a variable name that is not an identifier.
        if entries.iter().any(|(k, _)| hcl_edit::Ident::try_new(&**k).is_err()) {
            return None;
        }
        // The bindings are chained on the stack, one frame each, and looked
        // up one by one: real templates take a few dozen.
        if entries.len() > budget::MAX_TEMPLATE_VARIABLES {
            return None;
        }
        let mut envs: Vec<Env> = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            envs.push(Env { name: k, val: v.clone(), parent: None });
        }
        // Chain the bindings (a small map; a linear chain is fine).
        fn eval_chain(ctx: &Ctx, expr: &Expression, id: FileId, at: Span, envs: &[Env], parent: Option<&Env>) -> Val {
            match envs.split_first() {
                None => ctx.eval(expr, id, parent).rehome(at),
                Some((first, rest)) => {
                    let e = Env { name: first.name, val: first.val.clone(), parent };
                    eval_chain(ctx, expr, id, at, rest, Some(&e))
                }
            }
        }
        Some(eval_chain(self, expr, id, at, &envs, None))
    }

    /// How many instances `data.aws_iam_policy_document.NAME` has, when
    /// known: 1 without `count` (and without `for_each`, whose instances
    /// a splat does not list), else its known `count`.
    pub fn policy_document_instances(&self, name: &str) -> Option<usize> {
        let &(block, f) = self.policy_docs.get(name)?;
        let attr = |key: &str| module::attr(&block.body, key);
        if attr("for_each").is_some() {
            return None;
        }
        let Some(count) = attr("count") else { return Some(1) };
        let n = self.eval(count, f, None).as_num()?;
        (n >= 0.0 && n.fract() == 0.0 && n <= 1024.0).then_some(n as usize)
    }

    /// `data.aws_iam_policy_document.NAME.json`, rebuilt as the policy it
    /// renders, with the spans of the data block's attributes.
    pub fn policy_document(&self, name: &str) -> Val {
        let Some((&name, &(block, f))) = self.policy_docs.get_key_value(name) else {
            return Val::unknown(Span::default());
        };
        let span = span_of(block, f);
        self.memoized(Key::PolicyDocument(name), span, || {
            let body = self.eval_body(&block.body, f, None, span);
            let mut statements = Vec::new();
            for key in ["source_policy_documents", "source_json"] {
                if let Some(src) = body.get(key) {
                    for doc in src.items() {
                        match crate::parse::json::document(doc, self.sources).and_then(|d| d.get("Statement").cloned())
                        {
                            Some(st) => statements.extend(st.items().into_iter().cloned()),
                            None => return Val::unknown(span),
                        }
                    }
                }
            }
            for st in body.get("statement").map(|s| s.items()).unwrap_or_default() {
                statements.push(policy_statement(st));
            }
            let doc = Val::new(
                V::Map(Rc::new(vec![
                    (Rc::from("Version"), Val::str("2012-10-17", span)),
                    (Rc::from("Statement"), Val::new(V::List(Rc::new(statements)), span)),
                ])),
                span,
            );
            Val::new(V::Encoded(crate::model::Encoding::Json, Box::new(doc)), span)
        })
    }

    /// Evaluates a block body: attributes by name, nested blocks as lists of
    /// maps under their type, `dynamic` blocks expanded where `for_each` is known.
    pub fn eval_body(&self, body: &Body, f: FileId, env: Option<&Env<'_>>, span: Span) -> Val {
        self.eval_body_without(body, f, env, span, &[])
    }

    /// The body of one instance of a `resource`, `data` or `module` block:
    /// without `count` and `for_each`, which make the instances and are not
    /// part of any of them. Each instance used to hold (and be charged for,
    /// and have its rules walk) the whole `for_each` collection: quadratic in
    /// its size.
    pub fn eval_instance_body(&self, body: &Body, f: FileId, env: Option<&Env<'_>>, span: Span) -> Val {
        self.eval_body_without(body, f, env, span, &["count", "for_each"])
    }

    fn eval_body_without(&self, body: &Body, f: FileId, env: Option<&Env<'_>>, span: Span, skip: &[&str]) -> Val {
        let mut entries: Vec<(Rc<str>, Val)> = Vec::with_capacity(body.len());
        let mut blocks: Vec<(Rc<str>, Vec<Val>, Span)> = Vec::new();
        let mut push_block = |name: &str, v: Val| match blocks.iter_mut().find(|(n, _, _)| &**n == name) {
            Some((_, list, _)) => list.push(v),
            None => {
                let s = v.span;
                blocks.push((key(name), vec![v], s))
            }
        };
        // The rules read (and scan) what a body holds: its attributes are
        // charged as bytes, and together no larger than a value may be.
        let budget = &self.sources.budget;
        let mut size = 0;
        for st in body.iter() {
            match st {
                Structure::Attribute(a) if skip.contains(&a.key.as_str()) => {}
                Structure::Attribute(a) => {
                    let mut v = self.eval(&a.value, f, env);
                    size += v.size();
                    if !budget.fits(size, v.span) || !budget.bytes(v.size(), v.span) {
                        v = Val::unknown(v.span);
                    }
                    entries.push((key(a.key.as_str()), v));
                }
                // Nested blocks count towards the body's size too (dynamic
                // blocks nested in each other multiply); one too large is
                // an Unknown block, which no rule reports on.
                Structure::Block(b) if b.ident.as_str() == "dynamic" => {
                    for mut v in self.eval_dynamic(b, f, env) {
                        size += v.size();
                        if !budget.fits(size, v.span) {
                            v = Val::unknown(v.span);
                        }
                        push_block(b.labels.first().map_or("", |l| l.as_str()), v);
                    }
                }
                Structure::Block(b) if b.ident.as_str() == "lifecycle" => {
                    let bspan = span_of(b, f);
                    push_block("lifecycle", self.eval_lifecycle(&b.body, f, env, bspan));
                }
                Structure::Block(b) => {
                    let bspan = span_of(b, f);
                    let mut v = self.eval_body(&b.body, f, env, bspan);
                    size += v.size();
                    if !budget.fits(size, bspan) {
                        v = Val::unknown(bspan);
                    }
                    push_block(b.ident.as_str(), v);
                }
            }
        }
        for (name, list, s) in blocks {
            // A `.tf.json` file writes nested blocks as arguments (an object,
            // or an array of them: see `crate::parse::json_syntax`); its
            // `dynamic` blocks of the same type join them, as in the native
            // syntax, where an argument cannot share a block's name.
            if let Some((_, v)) = entries.iter_mut().rev().find(|(k, _)| *k == name) {
                let written = match &v.v {
                    V::List(l) => Some(l.to_vec()),
                    V::Map(_) => Some(vec![v.clone()]),
                    _ => None,
                };
                if let Some(mut items) = written {
                    items.extend(list);
                    *v = Val::new(V::List(Rc::new(items)), v.span);
                    continue;
                }
            }
            entries.push((name, Val::new(V::List(Rc::new(list)), s)));
        }
        Val::new(V::Map(Rc::new(entries)), span)
    }

    /// A `lifecycle` block. `ignore_changes` names attributes (`[password,
    /// tags["x"]]`, or `all`): kept as the names of the top-level attributes
    /// (`["password", "tags"]`, `["all"]`), not evaluated as references, so
    /// that rules can tell a seed value Terraform never writes again.
    fn eval_lifecycle(&self, body: &Body, f: FileId, env: Option<&Env<'_>>, span: Span) -> Val {
        use hcl_edit::expr::{Expression, TraversalOperator};
        let mut v = self.eval_body(body, f, env, span);
        let Some(a) = body.iter().filter_map(Structure::as_attribute).find(|a| a.key.as_str() == "ignore_changes")
        else {
            return v;
        };
        let aspan = span_of(&a.value, f);
        let root = |e: &Expression| -> Option<String> {
            match e {
                Expression::Variable(n) => Some(n.as_str().to_string()),
                Expression::String(s) => Some(s.value().split(['.', '[']).next().unwrap_or_default().to_string()),
                Expression::Traversal(t) => match (&t.expr, t.operators.first().map(|o| o.value())) {
                    (Expression::Variable(n), _) => Some(n.as_str().to_string()),
                    (_, Some(TraversalOperator::GetAttr(n))) => Some(n.as_str().to_string()),
                    _ => None,
                },
                _ => None,
            }
        };
        let names: Vec<Val> = match &a.value {
            Expression::Array(items) => items.iter().filter_map(root).map(|n| Val::str(n, aspan)).collect(),
            e => root(e).map(|n| vec![Val::str(n, aspan)]).unwrap_or_default(),
        };
        if let V::Map(m) = &mut v.v {
            let m = Rc::make_mut(m);
            m.retain(|(k, _)| &**k != "ignore_changes");
            m.push((key("ignore_changes"), Val::new(V::List(Rc::new(names)), aspan)));
        }
        v
    }

    /// `dynamic "ingress" { for_each = ...; content { ... } }`: one block per
    /// known element, or one Unknown block.
    fn eval_dynamic(&self, b: &Block, f: FileId, env: Option<&Env<'_>>) -> Vec<Val> {
        let label = b.labels.first().map_or("", |l| l.as_str());
        let mut for_each = None;
        let mut iterator = label;
        let mut content = None;
        for st in b.body.iter() {
            match st {
                Structure::Attribute(a) if a.key.as_str() == "for_each" => for_each = Some(&a.value),
                Structure::Attribute(a) if a.key.as_str() == "iterator" => {
                    if let Expression::Variable(v) = &a.value {
                        iterator = v.as_str();
                    }
                }
                Structure::Block(c) if c.ident.as_str() == "content" => content = Some(c),
                _ => {}
            }
        }
        let Some(content) = content else { return Vec::new() };
        let cspan = span_of(content, f);
        let items = for_each
            .map(|e| self.eval(e, f, env))
            .map(|v| expand(&v, &self.sources.budget))
            .unwrap_or(Expansion::Unknown);
        let mut out = Vec::new();
        match items {
            Expansion::Items(items) => {
                // As a `for` does: a block refused for its size inside stops
                // the expansion (one Unknown block stands for the rest).
                let budget = &self.sources.budget;
                let mut size = 0;
                for (k, v) in items {
                    let it = iter_val(k, v, cspan);
                    let e = Env { name: iterator, val: it, parent: env };
                    let refusals = budget.refusals();
                    let body = self.eval_body(&content.body, f, Some(&e), cspan);
                    size += body.size();
                    if !budget.fits(size, cspan) || budget.refusals() > refusals {
                        out.push(Val::unknown(cspan));
                        break;
                    }
                    out.push(body);
                }
            }
            // How many blocks there are (none, perhaps) is known only at
            // apply time: one Unknown block, so that no rule reads the content
            // as written (two `dynamic` blocks under opposite conditions are
            // not both there) and none takes the block as absent either.
            Expansion::Unknown => out.push(Val::unknown(cspan)),
        }
        out
    }
}

/// The elements a known `for_each` (or list) iterates over, as (key, value).
pub enum Expansion {
    Items(Vec<(Val, Val)>),
    Unknown,
}

/// Instances beyond this many are not evaluated one by one (the block is
/// one Unknown instance): more than a directory's whole budget of block
/// instances, which would refuse them anyway, so a `count` of a billion
/// makes no list of a billion first. Up to it, each is checked (real
/// `for_each` maps hold hundreds or thousands of firewall rules, records or
/// users; 4,096 was the limit, and a larger block lost its findings without
/// a word); what they cost is bounded by the budget (block instances, steps,
/// value sizes), which says where it ran out.
pub const MAX_INSTANCES: usize = budget::MAX_INSTANCES as usize;

/// A collection of more than [`MAX_INSTANCES`] elements is said to have run
/// out the instances budget (an error located at the value: its findings are
/// not all made), and is Unknown.
pub fn expand(v: &Val, budget: &budget::Budget) -> Expansion {
    match &v.v {
        V::List(l) if l.len() <= MAX_INSTANCES => Expansion::Items(l.iter().map(|x| (x.clone(), x.clone())).collect()),
        V::Map(m) if m.len() <= MAX_INSTANCES => {
            Expansion::Items(m.iter().map(|(k, x)| (Val::str(&**k, x.span), x.clone())).collect())
        }
        V::List(_) | V::Map(_) => {
            budget.ran_out(budget::Limit::Instances, v.span);
            Expansion::Unknown
        }
        _ => Expansion::Unknown,
    }
}

/// `each` / a dynamic iterator: `{ key = ..., value = ... }`.
pub fn iter_val(k: Val, v: Val, span: Span) -> Val {
    Val::new(V::Map(Rc::new(vec![(key("key"), k), (key("value"), v)])), span)
}

/// `v` with every span passed through `place` (values and string pieces).
fn replace_spans(v: Val, place: &impl Fn(Span) -> Span) -> Val {
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

/// One `statement` block of `aws_iam_policy_document` as a JSON policy statement.
fn policy_statement(st: &Val) -> Val {
    let mut out: Vec<(Rc<str>, Val)> = Vec::new();
    let effect = st.get("effect").cloned().unwrap_or_else(|| Val::str("Allow", st.span));
    out.push((Rc::from("Effect"), effect));
    for (from, to) in [
        ("actions", "Action"),
        ("not_actions", "NotAction"),
        ("resources", "Resource"),
        ("not_resources", "NotResource"),
        ("sid", "Sid"),
    ] {
        if let Some(v) = st.get(from) {
            out.push((Rc::from(to), v.clone()));
        }
    }
    for (from, to) in [("principals", "Principal"), ("not_principals", "NotPrincipal")] {
        if let Some(ps) = st.get(from) {
            let mut map: Vec<(Rc<str>, Val)> = Vec::new();
            for p in ps.items() {
                let ty = p.get("type").and_then(|t| t.as_str()).map(|t| t.into_owned());
                match (ty, p.get("identifiers")) {
                    (Some(ty), Some(ids)) => map.push((Rc::from(ty.as_str()), ids.clone())),
                    _ => map.push((Rc::from("?"), Val::unknown(p.span))),
                }
            }
            out.push((Rc::from(to), Val::new(V::Map(Rc::new(map)), ps.span)));
        }
    }
    if let Some(cs) = st.get("condition") {
        out.push((Rc::from("Condition"), cs.clone()));
    }
    Val::new(V::Map(Rc::new(out)), st.span)
}

pub use crate::discover::normalize;

/// What [`evaluate_expression`] found.
#[derive(Debug)]
pub struct Evaluation {
    /// The value as `jsonencode` would write it, parsed; `None` when it is
    /// Unknown (an error in Terraform, an impure function, an exhausted budget).
    pub value: Option<serde_json::Value>,
    /// The budgets that ran out while evaluating, as messages.
    pub budget_errors: Vec<String>,
}

/// Evaluates one Terraform expression on its own (no variables, locals or
/// files of a module; `file()` reads relative to the current directory), with
/// a fresh budget. Used by the test that compares every function with
/// `terraform console`.
pub fn evaluate_expression(text: &str) -> Evaluation {
    evaluate_expression_in(&std::env::current_dir().unwrap_or_default(), text)
}

/// [`evaluate_expression`] as if written in a root module in `dir` (what
/// the file functions read is there).
pub fn evaluate_expression_in(dir: &Path, text: &str) -> Evaluation {
    let sources = Sources::default();
    // Parsed as a module's attribute is, with the parser's fixes (repeated object keys).
    let source = format!("x = {text}\n");
    let body = crate::parse::hcl::parse_terraform(&source).ok();
    let Some(expr) = body.as_ref().and_then(|b| b.get_attribute("x")).map(|a| &a.value) else {
        return Evaluation { value: None, budget_errors: Vec::new() };
    };
    let id = sources.add(SourceFile::new("<expression>".into(), PathBuf::from("<expression>"), source.as_str().into()));
    let ctx = Ctx::new(&sources, dir.to_path_buf(), dir.to_path_buf());
    let v = ctx.eval(expr, id, None);
    let json = functions::to_json(&v, &sources.budget, v.span).ok().flatten();
    Evaluation {
        value: json.and_then(|s| serde_json::from_str(&s).ok()),
        budget_errors: sources.budget.take_exhausted().into_iter().map(|(_, m)| m).collect(),
    }
}

/// A template file parsed as the heredoc `templatefile` reads it as.
struct TemplateExpr(Expression);

/// `dir` relative to `base` (both normalized the same way: both relative to
/// the current directory, or both absolute).
pub fn relative_to(dir: &Path, base: &Path) -> PathBuf {
    let (d, b): (Vec<_>, Vec<_>) = (
        dir.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect(),
        base.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect(),
    );
    let common = d.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &d[common..] {
        out.push(c.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}
