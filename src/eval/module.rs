//! Loads a Terraform module directory into model [`Element`]s: parses its
//! files, binds variables (caller inputs, var files, tfvars, defaults) and
//! locals, evaluates every block once per known instance, and descends into
//! local child modules with the inputs their caller passes.

use foldhash::HashSet;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use hcl_edit::structure::{Block, Body, Structure};

use super::expr::span_of;
use super::installed::{self, child_key, Manifest};
use super::{expand, iter_val, normalize, Ctx, Env, Expansion, Local, VarSlot};
use crate::model::{Element, Kind, Val, V};
use crate::parse::hcl::{line_col, parse_terraform, ParseError};
use crate::parse::json_syntax::is_json_syntax;
use crate::path_key::{PathKey, PathMap, PathSet};
use crate::source::budget::{Limit, MAX_MODULE_DEPTH};
use crate::source::{FileId, SourceFile, Sources, Span};

/// A local module instance to evaluate: the child's directory, the inputs
/// passed and their marks, the address prefix, where the `module` block is,
/// and whether an instance with the same calling context may come again in
/// this task (see `Loader::may_recur`).
pub(super) type ModuleCall = (PathBuf, Vec<(String, Val)>, InputMarks, String, Span, bool);

/// The sensitivity marks of a module call's inputs, by name (see [`super::sensitivity`]).
/// `None` when not worked out: no file of the run asks `issensitive`, the
/// only reader of marks (each input is then Unknown to it, never wrong).
pub(super) type InputMarks = Option<Vec<(String, super::sensitivity::MarkTree)>>;

/// The parsed files of a module directory, in either syntax (a `.tf.json`
/// file is converted into the native syntax's tree).
#[derive(Default)]
pub(super) struct Parsed {
    pub hcl: Vec<(FileId, std::sync::Arc<Body>)>,
}

/// What every evaluation task shares (read-only).
#[derive(Default)]
pub struct Globals {
    /// Every file the walk discovered (normalized paths).
    pub scanned: PathSet,
    /// Scanned files that cannot be read as text (reported once already).
    pub unreadable: PathSet,
    /// `--var-file` files, applied to root modules after the tfvars files.
    pub var_files: Vec<PathBuf>,
    /// Which elements the rules look at (the others are not built).
    pub wanted: crate::model::Wanted,
    /// The kinds read by rules that relate elements: in a run on named
    /// files, built in every file of the module (see [`super::focus`]).
    pub related: crate::model::Wanted,
    /// What the rules that can judge a registry module's inputs read (see
    /// [`super::registry`]).
    pub input_reads: crate::model::InputReads,
    /// Parse a module's files in parallel. Worth it when there are fewer
    /// directories than threads (a pre-commit run on one module); with many,
    /// every thread already has a module of its own, and a file parsed on
    /// another core would be evaluated from a cold cache.
    pub parallel_files: bool,
    /// What may be read besides the walked files (module sources, `file()`).
    pub boundary: crate::boundary::Boundary,
    /// Trees of module files that several tasks evaluate, parsed once.
    pub trees: super::shared::SharedTrees,
    /// Texts the first pass read, each given to the first task that reads it.
    pub prefetched: crate::source::prefetch::Prefetched,
    /// Does a file the first pass read call `issensitive`? Only then are
    /// the sensitivity marks of module inputs worked out (about 3% of a
    /// check of real code, for a function few configurations call); calls
    /// in or to installed modules, which it did not read, always work them
    /// out (see `Loader::input_marks`).
    pub marks_asked: bool,
    /// The files named on the command line (a pre-commit run); empty when
    /// whole trees are checked.
    pub named: PathSet,
    /// One directory task in all, and the process exits after the run
    /// ([`crate::pipeline::Options::exits_after`]): what it built is left to
    /// the exit instead of being freed node by node (a tenth of a one-file
    /// run in a large module went to dropping its trees and values).
    pub leave_to_exit: bool,
}

impl Globals {
    /// A file no task has read yet (a module's file, read by its caller; a
    /// var file): within the trust boundary and the size limit of walked files.
    pub fn read(&self, path: &Path) -> Result<Arc<str>, crate::source::ReadError> {
        // A walked file is inside the tree already (the walk follows no link out of it).
        if !self.scanned.contains(path.as_os_str()) {
            self.boundary.check(path).map_err(crate::source::ReadError::Refused)?;
        }
        self.trees.get_or_read(path, || {
            self.prefetched
                .take(path)
                .map_or_else(|| crate::source::read_shared(path, crate::source::MAX_FILE_BYTES), Ok)
        })
    }

    /// The configuration files of module directory `dir`.
    pub fn module_files(&self, dir: &Path) -> Arc<Vec<PathBuf>> {
        self.trees.files_of(dir, || module_files(dir))
    }
}

pub use crate::diagnostics::LoadError;

pub struct Loader<'g> {
    /// The directories whose module this task has parsed.
    pub evaluated_dirs: PathSet,
    pub sources: &'g Sources,
    pub globals: &'g Globals,
    pub elements: Vec<Element>,
    pub errors: Vec<LoadError>,
    /// Located notes that are not errors (a read refused at the trust boundary).
    pub notices: Vec<crate::diagnostics::Notice>,
    /// Module directories being evaluated (guards against `source = "./"` loops).
    stack: Vec<PathBuf>,
    /// The outputs of each module instance, by directory and instance address
    /// (see `Loader::outputs_of`).
    outputs_memo: foldhash::HashMap<(PathKey, String), Option<Val>>,
    /// The order in which each module directory's calls get their outputs
    /// bound (see `super::call_order`): worked out once per directory, from
    /// its text, for all its instances.
    call_orders: PathMap<Rc<[usize]>>,
    /// Values of variable files already parsed (a root module's tfvars are also checked as files).
    tfvars_cache: PathMap<Vec<(String, Val)>>,
    /// Variables files that could not be read or parsed: they may set any variable.
    unread_var_files: PathSet,
    /// Parsed bodies of each module directory: a module called once per
    /// `for_each` instance, or from several places, is parsed once.
    bodies: PathMap<Rc<Parsed>>,
    /// Texts of the files this task has read (its own directory's): freed
    /// with the task, so memory follows the module being checked, not the
    /// size of the repository.
    pub own: PathMap<Arc<str>>,
    /// Blocks and attributes (for ignore comments) of the files whose trees
    /// were dropped right after evaluation (see [`Loader::module`]).
    streamed_constructs: foldhash::HashMap<FileId, Vec<crate::source::Construct>>,
    /// Given each element as soon as its file is evaluated, while its values
    /// are still in cache: it checks the element and drops it (`None`), or
    /// hands it back to be kept (for the rules that relate elements, run
    /// once the whole module tree is evaluated). `None`: every element is kept.
    pub early: Option<&'g dyn Fn(Element) -> Option<Element>>,
    /// Parse files in parallel ([`Globals::parallel_files`], unless this
    /// task's files are large: then one at a time, to bound memory).
    pub parallel_files: bool,
    /// The manifest of the modules `terraform init` installed, by root
    /// module directory (`None`: there is none), read once.
    manifests: PathMap<Option<Rc<Manifest>>>,
    /// `locals` entries already made elements: a module called for several
    /// instances declares each once.
    pub(super) locals_seen: HashSet<Span>,
    /// The `module` block that made each module instance, by its address
    /// prefix (`module.db.`, `module.db.module.vpc["a"].`).
    pub call_sites: foldhash::HashMap<String, Span>,
    /// Module instances already evaluated, replayed for the next instance
    /// with the same inputs.
    replays: super::replay::InstanceMemo,
    /// The variables each parsed module directory reads (`var.NAME`
    /// anywhere in its files): the inputs its instances are told apart by.
    vars_read: PathMap<Arc<HashSet<String>>>,
    /// What the trust boundary said of each local module directory: a
    /// module block is met again for every instance of its caller, and each
    /// check looks at the file system.
    boundary_checked: PathMap<(Result<(), crate::boundary::Refusal>, bool)>,
    /// While the blocks of a root module are evaluated in a run on named
    /// files: which of them are needed (see [`super::focus`]).
    focus: Option<super::focus::Focus>,
    /// The module instances (by address prefix) called from blocks that no
    /// named value reaches: only the elements that rules relating elements
    /// read are made in them.
    partial: HashSet<String>,
    /// Whether the module instance being evaluated may be met again in this
    /// task in the same calling context (a `count` or `for_each` of more than
    /// one instance on its module block or one above it): only then can an
    /// instance with the same inputs follow, so only then is it recorded for
    /// replay (recording copies every element it makes).
    may_recur: bool,
}

impl<'g> Loader<'g> {
    pub fn new(sources: &'g Sources, globals: &'g Globals) -> Loader<'g> {
        Loader {
            evaluated_dirs: PathSet::default(),
            sources,
            globals,
            elements: Vec::new(),
            errors: Vec::new(),
            notices: Vec::new(),
            stack: Vec::new(),
            outputs_memo: Default::default(),
            call_orders: Default::default(),
            tfvars_cache: Default::default(),
            unread_var_files: Default::default(),
            bodies: Default::default(),
            own: Default::default(),
            streamed_constructs: Default::default(),
            early: None,
            parallel_files: globals.parallel_files,
            manifests: Default::default(),
            locals_seen: Default::default(),
            call_sites: Default::default(),
            replays: Default::default(),
            vars_read: Default::default(),
            boundary_checked: Default::default(),
            focus: None,
            partial: Default::default(),
            may_recur: false,
        }
    }

    /// A file's text, if this task has read it.
    pub fn text_of(&self, path: &Path) -> Option<&Arc<str>> {
        self.own.get(path.as_os_str())
    }

    fn error_at(&mut self, span: Span, message: String) {
        let f = self.sources.get(span.file);
        let (line, column) = f.line_col(span.start);
        self.errors.push(LoadError { file: f.display.clone(), line, column, message });
    }

    /// A located notice, once (a module evaluated for several instances or
    /// callers meets the same problem again).
    fn notice_at(&mut self, span: Span, message: String) {
        let f = self.sources.get(span.file);
        let (line, column) = f.line_col(span.start);
        let notice = crate::diagnostics::Notice { file: f.display.clone(), line, column, message };
        if !self.notices.contains(&notice) {
            self.notices.push(notice);
        }
    }

    /// A context for evaluating module `dir` (its root module's directory is
    /// `root_dir`; its key, as in `modules.json`, is `key`).
    fn ctx<'b>(&self, dir: PathBuf, root_dir: PathBuf, key: String) -> Ctx<'b>
    where
        'g: 'b,
    {
        let mut ctx = Ctx::new(self.sources, dir, root_dir);
        ctx.boundary = &self.globals.boundary;
        ctx.module_key = key;
        ctx
    }

    /// The directory to evaluate for the module call `name` (source `src`)
    /// made from the module `ctx` evaluates: a local path, or where
    /// `terraform init` installed a remote source (see [`installed`]). `Err`:
    /// why it is not evaluated, for a notice at the call.
    fn source_dir(&mut self, ctx: &Ctx, name: &str, src: &str) -> Result<PathBuf, String> {
        if is_local(src) {
            let dir = normalize(&ctx.dir.join(src));
            // (And whether it is a directory: Terraform cannot load a
            // module from a path that is not one.)
            let (checked, is_dir) = match self.boundary_checked.get(dir.as_os_str()) {
                Some(checked) => checked.clone(),
                None => {
                    let checked = (self.globals.boundary.check(&dir), dir.is_dir());
                    self.boundary_checked.insert((&dir).into(), checked.clone());
                    checked
                }
            };
            return match checked {
                Ok(()) if is_dir => Ok(dir),
                Ok(()) => Err(format!(
                    "module `{name}` (source `{src}`) is not checked: `{}` is not a directory, so Terraform cannot load it either",
                    dir.display()
                )),
                Err(why) => Err(format!("module `{name}` (source `{src}`) is not loaded: {why}")),
            };
        }
        let shown = installed::shown_source(src);
        let key = child_key(&ctx.module_key, name);
        let manifest = self.manifest(&ctx.root_dir);
        match manifest.as_ref().and_then(|m| m.dir(&key)) {
            Some(dir) => match self.globals.boundary.check(dir) {
                Err(why) => Err(format!(
                    "module `{name}` (source `{shown}`) is not loaded: `{}` names `{}` for it, which is not read: {why}",
                    installed::MANIFEST,
                    dir.display()
                )),
                Ok(()) if dir.is_dir() => Ok(dir.to_path_buf()),
                Ok(()) => Err(format!(
                    "module `{name}` (source `{shown}`) is not checked: `{}`, where `{}` says it is installed, is missing (run `terraform init` before the scan to check it)",
                    dir.display(),
                    installed::MANIFEST
                )),
            },
            None => Err(format!(
                "module `{name}` (source `{shown}`) {} (run `terraform init` before the scan to check it{})",
                crate::diagnostics::NOT_DOWNLOADED,
                if super::registry::known(src) { "; until then, the inputs written here are judged as the resource the module makes of them" } else { "" }
            )),
        }
    }

    /// The manifest of the modules installed for the root module in
    /// `root_dir` (`.terraform/modules/modules.json`), read once; a manifest
    /// that cannot be read or parsed is said once, at its path.
    fn manifest(&mut self, root_dir: &Path) -> Option<Rc<Manifest>> {
        if let Some(m) = self.manifests.get(root_dir.as_os_str()) {
            return m.clone();
        }
        let path = normalize(&root_dir.join(installed::MANIFEST));
        let problem = |message: String| crate::diagnostics::Notice {
            file: path.to_string_lossy().into_owned(),
            line: 1,
            column: 1,
            message: format!("installed modules are not checked: {message}"),
        };
        let m = if !path.exists() {
            None
        } else {
            match self.globals.read(&path).map(|text| Manifest::parse(&text, root_dir)) {
                Ok(Ok(m)) => Some(Rc::new(m)),
                Ok(Err(e)) => {
                    self.notices.push(problem(format!("cannot parse the module manifest: {e}")));
                    None
                }
                Err(e) => {
                    self.notices.push(problem(e.to_string()));
                    None
                }
            }
        };
        self.manifests.insert(root_dir.into(), m.clone());
        m
    }

    /// Reads and parses the `.tf` and `.tf.json` files of a module; files
    /// that fail are reported and left out, the rest is still evaluated.
    fn parse_files(&mut self, files: &[PathBuf]) -> Parsed {
        let texts = self.read_files(files);
        let parsed = self.parse_texts(texts);
        self.done_parsing(files);
        parsed
    }

    /// This task is done parsing the module of `files` (trees shared with
    /// other tasks may go once they all are).
    fn done_parsing(&mut self, files: &[PathBuf]) {
        if let Some(dir) = files.first().and_then(|f| f.parent()) {
            if self.evaluated_dirs.insert(dir.into()) {
                self.globals.trees.done_with(dir);
            }
        }
    }

    /// Reads a module's files and gives each its id in the sources (JSON
    /// values carry their file id, so ids are given before parsing).
    fn read_files(&mut self, files: &[PathBuf]) -> Vec<ModuleFile> {
        let mut texts = Vec::with_capacity(files.len());
        for path in files {
            // A scanned file that could not be read was reported by the first pass already.
            if self.globals.unreadable.contains(path.as_os_str()) {
                continue;
            }
            match self.text_of(path).cloned().map_or_else(|| self.globals.read(path), Ok) {
                Ok(text) => {
                    let id = self.sources.add(SourceFile::new(
                        path.to_string_lossy().into_owned(),
                        path.to_path_buf(),
                        text.clone(),
                    ));
                    texts.push(ModuleFile { path: path.clone(), text, id, masked: false });
                }
                Err(e) => {
                    let (file, message) = (path.to_string_lossy().into_owned(), e.to_string());
                    if e.is_notice() {
                        let notice = crate::diagnostics::Notice { file, line: 1, column: 1, message };
                        if !self.notices.contains(&notice) {
                            self.notices.push(notice);
                        }
                    } else {
                        self.errors.push(LoadError { file, line: 1, column: 1, message });
                    }
                }
            }
        }
        texts
    }

    /// Parses files (in parallel: a single big module, or a pre-commit run
    /// on one, is not left to one core); failures are reported.
    fn parse_texts(&mut self, texts: Vec<ModuleFile>) -> Parsed {
        use rayon::prelude::*;
        let trees = &self.globals.trees;
        let parse = |m: &ModuleFile| {
            if m.masked {
                parse_one(&m.path, &m.text).map(Arc::new)
            } else {
                trees.get_or_parse(&m.path, || parse_one(&m.path, &m.text))
            }
        };
        let parsed: Vec<_> =
            if self.parallel_files { texts.par_iter().map(parse).collect() } else { texts.iter().map(parse).collect() };
        let mut out = Parsed::default();
        for (m, result) in texts.into_iter().zip(parsed) {
            match result {
                Ok(body) => out.hcl.push((m.id, body)),
                // The file as written decides: parsed whole, as in any other run.
                Err(_) if m.masked => {
                    let text = self.sources.get(m.id).text.clone();
                    match trees.get_or_parse(&m.path, || parse_one(&m.path, &text)) {
                        Ok(body) => out.hcl.push((m.id, body)),
                        Err(e) => self.parse_error(&m.path, &text, e),
                    }
                }
                Err(e) => self.parse_error(&m.path, &m.text, e),
            }
        }
        out
    }

    /// A file that does not parse, reported where it fails.
    /// A file that holds another tool's template syntax where it fails
    /// (`{{ cookiecutter.name }}`, `{% if %}`, `<%= %>`) is a template that
    /// something renders into Terraform: Terraform cannot load it as it is
    /// either, so it is a notice, not an error that fails the run.
    fn parse_error(&mut self, path: &Path, text: &str, e: ParseError) {
        let file = path.to_string_lossy().into_owned();
        match foreign_template(text, e.line) {
            Some((line, marker)) => self.notices.push(crate::diagnostics::Notice {
                file,
                line,
                column: 1,
                message: format!(
                    "not checked: `{marker}` is template syntax of another tool (Jinja, Go templates, cookiecutter, ERB), not Terraform; check the file once it is rendered"
                ),
            }),
            None => self.errors.push(LoadError { file, line: e.line, column: e.column, message: e.message }),
        }
    }

    /// Does the call at `at` name a directory being evaluated above it? The
    /// calls then form a cycle, which Terraform cannot load (`terraform init`
    /// recurses until the path is too long): said at the call, not followed.
    fn in_cycle(&mut self, dir: &Path, at: Span) -> bool {
        let cycle = self.stack.iter().any(|d| d == dir);
        if cycle && at != Span::default() {
            self.notice_at(
                at,
                format!(
                    "this module call names `{}`, which is being evaluated above it: the calls form a cycle, which Terraform cannot load; it is not followed",
                    dir.display()
                ),
            );
        }
        cycle
    }

    /// Is a module called at `at` nested too deep to be evaluated? Said
    /// where it is cut (once per task), not dropped in silence.
    fn too_deep(&self, at: Span) -> bool {
        let deep = self.stack.len() >= MAX_MODULE_DEPTH;
        if deep {
            self.sources.budget.ran_out(Limit::ModuleDepth, at);
        }
        deep
    }

    /// Evaluates a module. `inputs` is `None` for a root module (variables
    /// come from tfvars files), or the arguments of the calling module block
    /// (at `at`).
    pub fn module(
        &mut self,
        dir: &Path,
        tf_files: &[PathBuf],
        tfvars: &[PathBuf],
        inputs: Option<(Vec<(String, Val)>, InputMarks)>,
        prefix: &str,
        at: Span,
    ) {
        let dir = normalize(dir);
        let is_root = inputs.is_none() && prefix.is_empty();
        // An instance evaluated only for the rules that relate elements (see `Loader::focus`).
        let partial = self.partial.contains(prefix);
        let (inputs, marks) = match inputs {
            Some((values, marks)) => (Some(values), marks),
            None => (None, None),
        };
        // A replayed instance counts as evaluated: the budget bounds the
        // elements made, whichever way.
        if self.in_cycle(&dir, at) || self.too_deep(at) || !self.sources.budget.module(at) {
            return;
        }
        let mut context = (dir.clone(), self.stack.clone(), key_of_prefix(prefix) + &marks_key(marks.as_deref()));
        if partial {
            // Replayed only for another such instance.
            context.2.push_str(" (related kinds only)");
        }
        // The inputs the module reads, once its files are parsed (before, all of them).
        let mut read = None;
        if let Some(inputs) = &inputs {
            self.call_site(prefix, at);
            let given = self.inputs_read(&dir, inputs);
            if let Some(earlier) = self.replays.find(&context, &given) {
                self.replay(&earlier, prefix, at);
                return;
            }
            read = self.bodies.contains_key(dir.as_os_str()).then_some(given);
        }
        // A called module's instance is recorded, to be replayed for the
        // next instance with the same inputs (see `replay`): under the inputs
        // it reads, known once its files are parsed.
        let recording = inputs.as_ref().filter(|_| self.may_recur).map(|i| {
            let mark = self.replays.open(self.sources.budget.exhaustions());
            (mark, read.take().ok_or_else(|| i.clone()))
        });
        self.stack.push(dir.clone());
        // A root module is evaluated once, so the files that declare nothing
        // another file refers to (most: resources only) need not wait for the
        // rest: each is parsed, evaluated and dropped while its tree is still
        // in cache, and only the declaring files' trees are held. (A called
        // module may be evaluated again, for another instance or caller: its
        // trees are kept whole.)
        let mut streamed = Vec::new();
        let mut all_ids = Vec::new();
        // In a run on named files, the focus worked out while parsing (see `parse_focused`).
        let mut focused = None;
        let bodies = match self.bodies.get(dir.as_os_str()) {
            Some(b) => {
                all_ids.extend(b.hcl.iter().map(|(id, _)| *id));
                b.clone()
            }
            None => {
                let texts = self.read_files(tf_files);
                all_ids.extend(texts.iter().map(|m| m.id));
                let held = if inputs.is_none() {
                    let (held, plain) = texts.into_iter().partition(|m| declares_names(&m.path, &m.text));
                    streamed = plain;
                    held
                } else {
                    texts
                };
                let b = if is_root && self.named_here(&all_ids) {
                    let (parsed, focus) = self.parse_focused(held, &all_ids);
                    focused = Some(focus);
                    parsed
                } else {
                    self.parse_texts(held)
                };
                let b = Rc::new(b);
                self.bodies.insert((&dir).into(), b.clone());
                b
            }
        };
        let root_dir = self.stack.first().cloned().unwrap_or_else(|| dir.clone());
        let mut ctx = self.ctx(dir.clone(), root_dir, key_of_prefix(prefix));
        ctx.instance_prefix = prefix.to_string();
        ctx.input_marks = marks;

        declare(&mut ctx, &bodies);
        match inputs {
            Some(inputs) => {
                for (k, v) in inputs {
                    if let Some(slot) = ctx.vars.get_mut(k.as_str()) {
                        *slot = VarSlot::Given(v);
                    }
                }
            }
            None => {
                let var_files: Vec<PathBuf> = tfvars.iter().chain(self.globals.var_files.iter()).cloned().collect();
                for vf in var_files {
                    let values = self.tfvars_values(&vf);
                    if self.unread_var_files.contains(vf.as_os_str()) {
                        // A variables file that cannot be read (encrypted with
                        // git-crypt, not text, not valid) may set any variable:
                        // each is known only where the file is, not here.
                        for slot in ctx.vars.values_mut() {
                            let span = match slot {
                                VarSlot::Default(e, f) => span_of(*e, *f),
                                VarSlot::Given(v) => v.span,
                                VarSlot::Missing(_) | VarSlot::MissingSensitive(_) => continue,
                            };
                            *slot = VarSlot::Given(Val::unknown(span));
                        }
                    }
                    for (k, v) in values {
                        if let Some(slot) = ctx.vars.get_mut(k.as_str()) {
                            *slot = VarSlot::Given(v);
                        }
                    }
                }
            }
        }

        self.bind_module_outputs(&mut ctx, &bodies, &all_ids);
        if is_root {
            self.focus = focused.or_else(|| self.focus_on(&all_ids, &bodies));
        } else if partial {
            self.focus = Some(super::focus::Focus::related_only());
        }
        let mut calls = Vec::new();
        let first = self.elements.len();
        for (f, body) in bodies.hcl.iter() {
            let mark = self.elements.len();
            for b in body.iter().filter_map(Structure::as_block) {
                self.block(&ctx, b, *f, prefix, &mut calls);
            }
            self.hand_over(mark);
        }
        // One file at a time, or one per thread when files are parsed in parallel.
        let batch = if self.parallel_files { rayon::current_num_threads().max(1) } else { 1 };
        // Taken from the front of a deque: splitting the rest off a vector
        // copied it for every batch (20,000 files in one directory took 4 s,
        // 40,000 took 18 s).
        if self.focus.is_some() && is_root {
            streamed = streamed.into_iter().filter_map(|m| self.mask_unneeded(m)).collect();
        }
        let mut streamed: std::collections::VecDeque<ModuleFile> = streamed.into();
        while let Some(first) = streamed.front() {
            if is_large(first) {
                let m = streamed.pop_front().expect("not empty");
                self.stream_pieces(m, &ctx, prefix, &mut calls);
                continue;
            }
            let small = streamed.iter().take(batch).take_while(|m| !is_large(m)).count();
            let parsed = self.parse_texts(streamed.drain(..small).collect());
            for (f, body) in parsed.hcl.iter() {
                let mark = self.elements.len();
                for b in body.iter().filter_map(Structure::as_block) {
                    self.block(&ctx, b, *f, prefix, &mut calls);
                }
                self.hand_over(mark);
                if self.sources.get(*f).may_have_directives() {
                    let constructs = constructs_of(body, &self.sources.get(*f));
                    self.streamed_constructs.insert(*f, constructs);
                }
            }
        }
        self.focus = None;
        // Elements in file order, then source order, whichever file was
        // evaluated first (HCL files before JSON ones, as they are listed).
        let order: foldhash::HashMap<FileId, usize> = all_ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let json: HashSet<FileId> =
            all_ids.iter().copied().filter(|id| is_json_syntax(&self.sources.get(*id).path)).collect();
        self.elements[first..].sort_by_key(|e| {
            (json.contains(&e.span.file), order.get(&e.span.file).copied().unwrap_or(usize::MAX), e.span.start)
        });
        for (span, msg) in ctx.errors.take() {
            self.error_at(span, msg);
        }
        for (span, msg) in ctx.notices.take() {
            self.notice_at(span, msg);
        }
        drop(ctx);
        for (child_dir, inputs, marks, child_prefix, at, recurs) in calls {
            let tf = if self.bodies.contains_key(child_dir.as_os_str()) {
                Default::default()
            } else {
                self.globals.module_files(&child_dir)
            };
            let outer = std::mem::replace(&mut self.may_recur, recurs);
            self.module(&child_dir, &tf, &[], Some((inputs, marks)), &child_prefix, at);
            self.may_recur = outer;
        }
        self.stack.pop();
        if let Some((mark, read)) = recording {
            let read = read.unwrap_or_else(|all| self.inputs_read(&dir, &all));
            self.replays.close(mark, self.sources.budget.exhaustions(), context, read, prefix);
        }
    }

    /// In a run on named files, which blocks of the root module whose files
    /// are `ids` (the held trees: `bodies`) are needed (see [`super::focus`]).
    /// `None` (all) unless a named file is one of them and every named file
    /// is a configuration file: a variables file may set any variable.
    fn focus_on(&self, ids: &[FileId], bodies: &Parsed) -> Option<super::focus::Focus> {
        if !self.named_here(ids) {
            return None;
        }
        let named = &self.globals.named;
        let files: HashSet<FileId> =
            ids.iter().copied().filter(|id| named.contains(self.sources.get(*id).path.as_os_str())).collect();
        Some(super::focus::Focus::new(files, bodies))
    }

    /// Is this a run on named files, one of which is among `ids` (the
    /// files of a root module), and each a configuration file? (Then
    /// [`Loader::focus_on`] focuses, and [`Loader::parse_focused`] may parse
    /// less.)
    fn named_here(&self, ids: &[FileId]) -> bool {
        let named = &self.globals.named;
        let configuration = |p: &PathKey| {
            let name = p.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
            name.ends_with(".tf") || name.ends_with(".tf.json")
        };
        !named.is_empty()
            && named.iter().all(configuration)
            && ids.iter().any(|id| named.contains(self.sources.get(*id).path.as_os_str()))
    }

    /// Parses the held files of a root module in a run on named files (see
    /// [`super::pieces`]), and works out the focus: the named files whole;
    /// of the others, first their declarations, from which the focus is
    /// worked out, then again with the resources it keeps, if any.
    fn parse_focused(&mut self, held: Vec<ModuleFile>, all_ids: &[FileId]) -> (Parsed, super::focus::Focus) {
        use super::pieces::{keeps, masked, pieces};
        let related = &self.globals.related;
        let mut cut = Vec::new();
        let first: Vec<ModuleFile> = held
            .into_iter()
            .map(|m| {
                if !self.may_mask(&m) {
                    return m;
                }
                let ps = pieces(&m.text);
                let text: Arc<str> = masked(&m.text, &ps, |p| keeps(p, &m.text, related, None)).into();
                cut.push((m.id, m.path.clone(), ps));
                ModuleFile { text, masked: true, ..m }
            })
            .collect();
        let mut parsed = self.parse_texts(first);
        // (`all_ids`: a named file may be one of those parsed later, `streamed`.)
        let focus = self.focus_on(all_ids, &parsed).expect("a run on named files, one of them here");
        // Parsed again, with the resources the focus keeps, where the first
        // parse left one out.
        let related = &self.globals.related;
        let parsed_ids: HashSet<FileId> = parsed.hcl.iter().map(|(f, _)| *f).collect();
        let mut again = Vec::new();
        // (One that did not parse at all was reported already.)
        for (id, path, ps) in cut.into_iter().filter(|(id, _, _)| parsed_ids.contains(id)) {
            let text = self.sources.get(id).text.clone();
            if ps.iter().any(|p| keeps(p, &text, related, Some(&focus)) && !keeps(p, &text, related, None)) {
                let masked: Arc<str> = masked(&text, &ps, |p| keeps(p, &text, related, Some(&focus))).into();
                again.push(ModuleFile { path, text: masked, id, masked: true });
            }
        }
        if !again.is_empty() {
            let mut failed: HashSet<FileId> = again.iter().map(|m| m.id).collect();
            let more = self.parse_texts(again);
            // (By position: a directory may hold thousands of files.)
            let at: foldhash::HashMap<FileId, usize> =
                parsed.hcl.iter().enumerate().map(|(i, (f, _))| (*f, i)).collect();
            for (id, body) in more.hcl {
                failed.remove(&id);
                if let Some(&i) = at.get(&id) {
                    parsed.hcl[i].1 = body;
                }
            }
            // A file that does not parse with them does not parse as written
            // either (see `parse_texts`): it counts for nothing, as in any run.
            parsed.hcl.retain(|(f, _)| !failed.contains(f));
        }
        (parsed, focus)
    }

    /// May file `m` be parsed in part (see [`super::pieces`])? Not a named
    /// file, nor one in JSON syntax, nor a large one (parsed in pieces of its
    /// own, see [`Loader::stream_pieces`]).
    fn may_mask(&self, m: &ModuleFile) -> bool {
        !self.globals.named.contains(m.path.as_os_str()) && !is_json_syntax(&m.path) && !is_large(m)
    }

    /// A streamed file of a root module in a run on named files, with the
    /// blocks the focus does not keep replaced by spaces; `None` when it
    /// keeps none of them (see [`super::pieces`]).
    fn mask_unneeded(&self, m: ModuleFile) -> Option<ModuleFile> {
        use super::pieces::{keeps, masked, pieces};
        let focus = self.focus.as_ref()?;
        if !self.may_mask(&m) {
            return Some(m);
        }
        let ps = pieces(&m.text);
        let kept: Vec<bool> = ps.iter().map(|p| keeps(p, &m.text, &self.globals.related, Some(focus))).collect();
        if kept.iter().all(|k| *k) {
            return Some(m);
        }
        // Nothing but comments and spaces left: nothing to parse.
        if !ps.iter().zip(&kept).any(|(p, k)| *k && p.blocks > 0) {
            return None;
        }
        let mut kept = kept.into_iter();
        let text: Arc<str> = masked(&m.text, &ps, |_| kept.next().unwrap_or(true)).into();
        Some(ModuleFile { text, masked: true, ..m })
    }

    /// The inputs of an instance of the module in `dir` that it reads: an
    /// input no expression of the module reads (a variable declared and not
    /// used, one it does not declare) cannot change what the instance makes,
    /// so instances that differ only there are evaluated once. All of them
    /// while the module's files are not parsed yet (its first instance).
    fn inputs_read(&mut self, dir: &Path, inputs: &[(String, Val)]) -> Vec<(String, Val)> {
        let Some(bodies) = self.bodies.get(dir.as_os_str()) else { return inputs.to_vec() };
        let read = match self.vars_read.get(dir.as_os_str()) {
            Some(read) => read.clone(),
            None => {
                let find = || {
                    let mut names = HashSet::default();
                    for (id, _) in &bodies.hcl {
                        super::text_refs::vars_read(&self.sources.get(*id).text, &mut names);
                    }
                    names
                };
                // Shared by the tasks that evaluate the same module (the
                // examples of a repository), when this task holds all of its
                // files (a root module's streamed files are not held).
                let whole = bodies.hcl.len() == self.globals.module_files(dir).len();
                let read = if whole { self.globals.trees.vars_read_of(dir, find) } else { Arc::new(find()) };
                self.vars_read.insert(dir.into(), read.clone());
                read
            }
        };
        inputs.iter().filter(|(name, _)| read.contains(name)).cloned().collect()
    }

    /// The marks of the inputs of the module block `body` (in file `f`,
    /// its source `src`): worked out when a scanned file asks `issensitive`,
    /// or when the call is in or to a module the first pass did not read
    /// (installed modules, outside the scanned tree; a registry module that
    /// is not installed is not evaluated at all).
    fn input_marks(&mut self, ctx: &Ctx, body: &Body, f: FileId, src: &str) -> InputMarks {
        let unscanned = !self.globals.scanned.contains(self.sources.get(f).path.as_os_str())
            || !is_local(src) && self.manifest(&ctx.root_dir).is_some();
        (self.globals.marks_asked || unscanned).then(|| marks_of_inputs(ctx, body, f))
    }

    /// Registers the `module` block at `at` as what made the instance `prefix`.
    fn call_site(&mut self, prefix: &str, at: Span) {
        self.call_sites.entry(prefix.to_string()).or_insert(at);
        self.replays.record_site(prefix, at);
    }

    /// The elements of `earlier` (an instance with the same inputs) again,
    /// under this instance's address `prefix`.
    fn replay(&mut self, earlier: &super::replay::Recorded, prefix: &str, at: Span) {
        use super::replay::moved;
        if !self.sources.budget.instances(earlier.elements.len() as u64, at) {
            return;
        }
        for (site, span) in &earlier.sites {
            self.call_site(&moved(site, &earlier.prefix, prefix), *span);
        }
        let mark = self.elements.len();
        self.elements.extend(
            earlier
                .elements
                .iter()
                .map(|e| Element { address: moved(&e.address, &earlier.prefix, prefix), ..e.clone() }),
        );
        self.hand_over(mark);
    }

    /// A large file declaring nothing others refer to, parsed and evaluated
    /// piece by piece (whole top-level blocks, about [`PIECE_BYTES`] each):
    /// only one piece's tree is held at a time. If a piece does not parse,
    /// the whole file decides: what it holds past the pieces already
    /// evaluated is evaluated, or its error is reported as for any file.
    fn stream_pieces(&mut self, m: ModuleFile, ctx: &Ctx, prefix: &str, calls: &mut Vec<ModuleCall>) {
        let cuts = crate::parse::tolerant::top_level_cuts(&m.text, PIECE_BYTES);
        let directives = crate::source::may_have_directives(&m.text);
        let mut constructs = Vec::new();
        let mut buf = String::new();
        for piece in cuts.windows(2) {
            let body = match crate::parse::hcl::parse_terraform_piece(&m.text, piece[0], piece[1], &mut buf) {
                Ok(body) => body,
                Err(_) => {
                    drop(buf);
                    match parse_hcl(&m.text) {
                        Ok(body) => {
                            let mark = self.elements.len();
                            for b in body.iter().filter_map(Structure::as_block) {
                                if hcl_edit::Span::span(b).is_some_and(|r| r.start >= piece[0]) {
                                    self.block(ctx, b, m.id, prefix, calls);
                                }
                            }
                            self.hand_over(mark);
                            if directives {
                                constructs = constructs_of(&body, &self.sources.get(m.id));
                            }
                        }
                        Err(e) => self.parse_error(&m.path, &m.text, e),
                    }
                    break;
                }
            };
            let mark = self.elements.len();
            for b in body.iter().filter_map(Structure::as_block) {
                self.block(ctx, b, m.id, prefix, calls);
            }
            self.hand_over(mark);
            if directives {
                constructs.extend(constructs_of(&body, &self.sources.get(m.id)));
            }
        }
        if directives {
            self.streamed_constructs.insert(m.id, constructs);
        }
    }

    /// Gives the elements from `from` on to [`Loader::early`], keeping those it hands back.
    fn hand_over(&mut self, from: usize) {
        self.replays.record_elements(&self.elements[from..]);
        let Some(early) = self.early else { return };
        if self.elements.len() > from {
            let new: Vec<Element> = self.elements.drain(from..).collect();
            self.elements.extend(new.into_iter().filter_map(early));
        }
    }

    /// `module.NAME` for the modules this one reads: the outputs are
    /// evaluated in the child with the inputs this module passes, so values
    /// defined in a module flow back out. A module called once is a map of its
    /// outputs; with `count`, a list of them, one per instance; with
    /// `for_each`, a map of them by key. Each instance's outputs are evaluated
    /// with that instance's inputs (`count.index`, `each.key`, `each.value`).
    /// When `count` or `for_each` is not known, neither is `module.NAME`.
    fn bind_module_outputs<'b>(&mut self, ctx: &mut Ctx<'b>, bodies: &'b Parsed, files: &[FileId]) {
        // Which `module.NAME` this module reads: one scan of its files, made
        // only when it has a module block.
        let mut read: Option<HashSet<String>> = None;
        let mut wanted: Vec<(FileId, &'b Block)> = Vec::new();
        for (f, body) in bodies.hcl.iter() {
            for b in body.iter().filter_map(Structure::as_block) {
                let ("module", [name]) = (b.ident.as_str(), b.labels.as_slice()) else { continue };
                // Only evaluate the child's outputs when this module reads one.
                let read = read.get_or_insert_with(|| {
                    let mut names = HashSet::default();
                    for id in files {
                        super::text_refs::modules_read(&self.sources.get(*id).text, &mut names);
                    }
                    names
                });
                if read.contains(name.as_str()) {
                    wanted.push((*f, b));
                }
            }
        }
        // (Another instance of the directory has the same calls; the length
        // guards a directory whose files were held differently.)
        let order = match self.call_orders.get(ctx.dir.as_os_str()).filter(|o| o.len() == wanted.len()) {
            Some(order) => order.clone(),
            None => {
                let order: Rc<[usize]> = super::call_order::dependency_order(&wanted, ctx).into();
                self.call_orders.insert((&ctx.dir).into(), order.clone());
                order
            }
        };
        for (f, b) in order.iter().map(|&i| wanted[i]) {
            let name = &b.labels[0];
            let Some(src) = attr(&b.body, "source").and_then(|e| ctx.eval(e, f, None).as_str().map(|s| s.into_owned()))
            else {
                continue;
            };
            // A module that is not loaded is said where the call itself is evaluated.
            let Ok(child) = self.source_dir(ctx, name.as_str(), &src) else { continue };
            let span = span_of(b, f);
            let key = child_key(&ctx.module_key, name.as_str());
            // What the caller's expressions mark, the same for every instance.
            let marks = self.input_marks(ctx, &b.body, f, &src);
            let call = Call { block: b, name: name.as_str(), file: f, dir: &child, key: &key, span, marks };
            let count = attr(&b.body, "count").map(|e| ctx.eval(e, f, None));
            let for_each = || attr(&b.body, "for_each").map(|e| ctx.eval(e, f, None));
            let value = match repeat(count, for_each, &ctx.sources.budget) {
                Repeat::Once => self.instance_outputs(ctx, &call, None),
                Repeat::Count(n) => {
                    let mut list = Vec::with_capacity(n);
                    for i in 0..n {
                        let env = count_env(i, span);
                        let outputs = self.instance_outputs(ctx, &call, Some(&env));
                        list.push(outputs.map_or_else(|| Val::unknown(span), |o| placed_at(o, span)));
                    }
                    Some(Val::new(V::List(Rc::new(list)), span))
                }
                // Keyed by `each.key`, in Terraform's order (lexical).
                Repeat::Each(items) => {
                    let keyed: Option<Vec<(Rc<str>, Val, Val)>> =
                        items.into_iter().map(|(k, v)| k.as_str().map(|s| (Rc::from(&*s), k.clone(), v))).collect();
                    keyed.map(|mut keyed| {
                        keyed.sort_by(|a, b| a.0.cmp(&b.0));
                        keyed.dedup_by(|a, b| a.0 == b.0);
                        let mut map = Vec::with_capacity(keyed.len());
                        for (name, k, v) in keyed {
                            let at = v.span;
                            let env = OwnedEnv::new("each", iter_val(k, v, span));
                            let outputs = self.instance_outputs(ctx, &call, Some(&env));
                            map.push((name, outputs.map_or_else(|| Val::unknown(span), |o| placed_at(o, at))));
                        }
                        Val::new(V::Map(Rc::new(map)), span)
                    })
                }
                Repeat::Unknown(_) => None,
            };
            if let Some(outputs) = value {
                ctx.module_outputs.insert(name.as_str().to_string(), outputs);
            }
        }
    }

    /// The outputs of one instance of a module call: its inputs evaluated
    /// with the instance's iterator (`env`), then the child's outputs.
    fn instance_outputs(&mut self, ctx: &Ctx, call: &Call, env: Option<&OwnedEnv>) -> Option<Val> {
        // Within one task an instance's address decides its inputs: the same
        // instance is asked for its outputs by its caller evaluated for its
        // own outputs and again by its caller evaluated whole (and so on up a
        // deep module tree), and each time they are the same.
        let instance = format!(
            "{}module.{}{}.",
            ctx.instance_prefix,
            call.name,
            env.map(OwnedEnv::address_key).unwrap_or_default()
        );
        let memo_key = (PathKey::from(call.dir), instance);
        if let Some(outputs) = self.outputs_memo.get(&memo_key) {
            return outputs.clone();
        }
        let inputs: Vec<(String, Val)> = call
            .block
            .body
            .iter()
            .filter_map(Structure::as_attribute)
            .filter(|a| !is_meta_argument(a.key.as_str()))
            .map(|a| (a.key.as_str().to_string(), ctx.eval(&a.value, call.file, env.map(OwnedEnv::as_env))))
            .collect();
        let outputs = self.outputs_of(call.dir, (inputs, call.marks.clone()), call.span, call.key, &memo_key.1);
        self.outputs_memo.insert(memo_key, outputs.clone());
        outputs
    }

    /// The outputs of the module in `dir` (its key: `key`) given `inputs`, as a map.
    fn outputs_of(
        &mut self,
        dir: &Path,
        (inputs, marks): (Vec<(String, Val)>, InputMarks),
        at: Span,
        key: &str,
        instance: &str,
    ) -> Option<Val> {
        if self.in_cycle(dir, at) || self.too_deep(at) || !self.sources.budget.module(at) {
            return None;
        }
        let exhausted = self.sources.budget.exhaustions();
        // Parsed first (an earlier instance has parsed it already when the
        // memo below has its outputs): the inputs it reads key the memo.
        let bodies = match self.bodies.get(dir.as_os_str()) {
            Some(b) => b.clone(),
            None => {
                let b = Rc::new(self.parse_files(&self.globals.module_files(dir)));
                self.bodies.insert(dir.into(), b.clone());
                b
            }
        };
        // Another instance given the same inputs has the same outputs.
        let context = (dir.to_path_buf(), self.stack.clone(), key.to_string() + &marks_key(marks.as_deref()));
        let given = self.inputs_read(dir, &inputs);
        if let Some(outputs) = self.replays.outputs(&context, &given) {
            return outputs;
        }
        self.stack.push(dir.to_path_buf());
        let root_dir = self.stack.first().cloned().unwrap_or_else(|| dir.to_path_buf());
        let mut ctx = self.ctx(dir.to_path_buf(), root_dir, key.to_string());
        ctx.instance_prefix = instance.to_string();
        ctx.input_marks = marks;
        declare(&mut ctx, &bodies);
        for (k, v) in inputs {
            if let Some(slot) = ctx.vars.get_mut(k.as_str()) {
                *slot = VarSlot::Given(v);
            }
        }
        let ids: Vec<FileId> = bodies.hcl.iter().map(|(id, _)| *id).collect();
        self.bind_module_outputs(&mut ctx, &bodies, &ids);
        let mut outputs: Vec<(Rc<str>, Val)> = Vec::new();
        let mut copies = Default::default();
        for (f, body) in bodies.hcl.iter() {
            for b in body.iter().filter_map(Structure::as_block) {
                if let ("output", [name]) = (b.ident.as_str(), b.labels.as_slice()) {
                    if let Some(e) = attr(&b.body, "value") {
                        outputs.push((Rc::from(name.as_str()), forget_refs(ctx.eval(e, *f, None), &mut copies)));
                    }
                }
            }
        }
        self.stack.pop();
        // Problems in the child (a cycle) are reported when it is evaluated as a module.
        let span = outputs.first().map(|(_, v)| v.span).unwrap_or_default();
        let outputs = Some(Val::new(V::Map(Rc::new(outputs)), span));
        let cut_short = self.sources.budget.exhaustions() != exhausted;
        self.replays.keep_outputs(context, given, outputs.clone(), cut_short);
        outputs
    }

    /// The values a tfvars file assigns (constants only, as Terraform requires).
    pub fn tfvars_values(&mut self, path: &Path) -> Vec<(String, Val)> {
        if let Some(v) = self.tfvars_cache.get(path.as_os_str()) {
            return v.clone();
        }
        let owned = path.to_path_buf();
        let files = std::slice::from_ref(&owned);
        let values: Vec<(String, Val)> = if is_json_syntax(path) {
            // `.tfvars.json`: literal values, as Terraform reads them.
            let texts = self.read_files(files);
            self.done_parsing(files);
            let mut values = Vec::new();
            if texts.is_empty() {
                self.unread_var_files.insert(path.into());
            }
            for m in texts {
                match parse_values(&m.text, m.id) {
                    Ok(doc) => {
                        values.extend(doc.as_map().unwrap_or_default().iter().map(|(k, v)| (k.to_string(), v.clone())))
                    }
                    Err(e) => {
                        self.parse_error(&m.path, &m.text, e);
                        self.unread_var_files.insert(path.into());
                    }
                }
            }
            values
        } else {
            match self.parse_files(files).hcl.into_iter().next() {
                Some((f, body)) => {
                    let ctx = Ctx::new(self.sources, PathBuf::from("."), PathBuf::from("."));
                    let mut values = Vec::new();
                    for a in body.iter().filter_map(Structure::as_attribute) {
                        // Terraform evaluates a variables file with no variables and
                        // no functions: a reference or a call is an error, not a value.
                        match not_constant(&a.value) {
                            Some((range, what)) => {
                                let span = range.map_or_else(|| span_of(&a.value, f), |r| Span::new(f, r));
                                self.error_at(span, format!("{what} in a variables file: Terraform accepts only literal values here, so `{}` is not set from this file", a.key.as_str()));
                            }
                            None => values.push((a.key.as_str().to_string(), ctx.eval(&a.value, f, None))),
                        }
                    }
                    values
                }
                // Not read or not parsed: reported where it was read.
                None => {
                    self.unread_var_files.insert(path.into());
                    Vec::new()
                }
            }
        };
        self.tfvars_cache.insert(path.into(), values.clone());
        values
    }

    fn block(&mut self, ctx: &Ctx, b: &Block, f: FileId, prefix: &str, calls: &mut Vec<ModuleCall>) {
        let span = span_of(b, f);
        // Up to three labels, without a Vec per block (no block here has more
        // than two; a third is enough to fail every pattern below as more would).
        let mut buf = [""; 3];
        for (slot, l) in buf.iter_mut().zip(b.labels.iter()) {
            *slot = l.as_str();
        }
        let labels = &buf[..b.labels.len().min(3)];
        if self.focus.as_ref().is_some_and(|focus| !focus.keeps(b, f, &self.globals.related)) {
            return;
        }
        match (b.ident.as_str(), labels) {
            ("data", [ty, _]) if !self.globals.wanted.wants(Kind::Data, ty) => {}
            ("variable", _) if !self.globals.wanted.wants(Kind::Variable, "variable") => {}
            ("resource", [ty, name]) | ("data", [ty, name]) => {
                let kind = if b.ident.as_str() == "resource" { Kind::Resource } else { Kind::Data };
                let address = if kind == Kind::Data {
                    format!("{prefix}data.{ty}.{name}")
                } else {
                    format!("{prefix}{ty}.{name}")
                };
                for env in instances(ctx, &b.body, f, span) {
                    let body = ctx.eval_instance_body(&b.body, f, env.as_ref().map(|e| e.as_env()), span);
                    self.elements.push(Element {
                        kind,
                        type_name: ty.to_string(),
                        address: format!("{address}{}", address_key(&env)),
                        span,
                        body,
                    });
                }
            }
            ("provider", [name]) => {
                let body = ctx.eval_body(&b.body, f, None, span);
                let alias = body.get("alias").and_then(|a| a.as_str()).map(|a| format!(".{a}")).unwrap_or_default();
                self.elements.push(Element {
                    kind: Kind::Provider,
                    type_name: name.to_string(),
                    address: format!("{prefix}provider.{name}{alias}"),
                    span,
                    body,
                });
            }
            // A backend applies to the root module only: Terraform ignores one
            // written in a called module (with a warning), so it is no finding there.
            ("terraform", []) if prefix.is_empty() => {
                for inner in b.body.iter().filter_map(Structure::as_block) {
                    if let ("backend", [ty]) = (inner.ident.as_str(), inner.labels.as_slice()) {
                        let bspan = span_of(inner, f);
                        let body = ctx.eval_body(&inner.body, f, None, bspan);
                        let ty = ty.as_str();
                        self.elements.push(Element {
                            kind: Kind::Backend,
                            type_name: ty.to_string(),
                            address: format!("{prefix}terraform.backend.{ty}"),
                            span: bspan,
                            body,
                        });
                    }
                }
            }
            ("locals", []) if self.globals.wanted.wants(Kind::Local, "locals") => {
                for a in b.body.iter().filter_map(Structure::as_attribute) {
                    let aspan = span_of(a, f);
                    // Only a local whose text may name a secret is worth building,
                    // once per declaration.
                    // (In a `.tf.json` file the attribute spans its value only.)
                    let name = a.key.as_str();
                    // (Not marked seen: a whole instance of the module may make it.)
                    if self.focus.as_ref().is_some_and(|focus| !focus.keeps_local(&a.value, f)) {
                        continue;
                    }
                    // (Each instance of the module meets the declaration again.)
                    if !self.locals_seen.insert(aspan) {
                        continue;
                    }
                    let named = crate::secrets::may_name_secret(name);
                    if !(named || crate::secrets::may_name_secret(&self.sources.text(aspan))) {
                        continue;
                    }
                    let value = ctx.local(name);
                    let body = Val::new(V::Map(std::rc::Rc::new(vec![(name.into(), value)])), aspan);
                    self.elements.push(Element {
                        kind: Kind::Local,
                        type_name: "locals".into(),
                        address: format!("{prefix}local.{name}"),
                        span: aspan,
                        body,
                    });
                }
            }
            ("variable", [name]) => {
                let body = ctx.eval_body(&b.body, f, None, span);
                self.elements.push(Element {
                    kind: Kind::Variable,
                    type_name: "variable".into(),
                    address: format!("{prefix}var.{name}"),
                    span,
                    body,
                });
            }
            ("module", [name]) => {
                let source = attr(&b.body, "source")
                    .map(|e| ctx.eval(e, f, None))
                    .and_then(|v| v.as_str().map(|s| s.into_owned()));
                let marks = self.input_marks(ctx, &b.body, f, source.as_deref().unwrap_or_default());
                // A call no named value reaches, kept for the rules that relate elements.
                let partial = self.focus.as_ref().is_some_and(|focus| !focus.whole_call(b, f));
                let envs = instances(ctx, &b.body, f, span);
                let recurs = self.may_recur || envs.len() > 1;
                for env in envs {
                    let body = ctx.eval_instance_body(&b.body, f, env.as_ref().map(|e| e.as_env()), span);
                    let instance = format!("{prefix}module.{name}{}", address_key(&env));
                    if partial {
                        self.partial.insert(format!("{instance}."));
                    }
                    self.module_call(ctx, name, &instance, source.as_deref(), (body, &marks), (span, recurs), calls);
                }
            }
            _ => {}
        }
    }

    /// One instance of a module block (either syntax): the element, and a
    /// call to evaluate when the source is a local directory.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn module_call(
        &mut self,
        ctx: &Ctx,
        name: &str,
        // This instance's address (`module.x["web"]`, under the caller's prefix).
        address: &str,
        source: Option<&str>,
        (body, marks): (Val, &InputMarks),
        // The block, and whether the instance may recur (see `Loader::may_recur`).
        (span, recurs): (Span, bool),
        calls: &mut Vec<ModuleCall>,
    ) {
        let mut missing = false;
        if let Some(src) = source.filter(|s| !s.is_empty()) {
            match self.source_dir(ctx, name, src) {
                Ok(dir) => {
                    let inputs = body
                        .as_map()
                        .unwrap_or_default()
                        .iter()
                        .filter(|(k, _)| !is_meta_argument(k) && &**k != "//")
                        .map(|(k, v)| (k.to_string(), v.clone()))
                        .collect();
                    calls.push((dir, inputs, marks.clone(), format!("{address}."), span, recurs));
                }
                Err(message) => {
                    self.notice_at(span, message);
                    missing = true;
                }
            }
        }
        let module = Element { kind: Kind::Module, type_name: "call".into(), address: address.to_string(), span, body };
        if missing {
            let scanned = &self.globals.scanned;
            let containers = super::ecs::from_module_input(&module, self.sources, |p| {
                scanned.contains(p.as_os_str()) && p.extension().is_some_and(|e| e == "json")
            });
            self.elements.extend(containers);
            if let Some(src) = source {
                self.elements.extend(super::registry::module_input(&module, src, &self.globals.input_reads));
            }
        }
        self.elements.push(module);
    }
}

impl Loader<'_> {
    /// Every block and attribute of a parsed file, by line (for ignore comments).
    pub fn constructs(&self, file: FileId) -> Vec<crate::source::Construct> {
        if let Some(c) = self.streamed_constructs.get(&file) {
            return c.clone();
        }
        for bodies in self.bodies.values() {
            for (f, body) in bodies.hcl.iter() {
                if *f == file {
                    return constructs_of(body, &self.sources.get(file));
                }
            }
        }
        Vec::new()
    }
}

/// Every block and attribute of one file's tree, by line.
pub(crate) fn constructs_of(body: &Body, src: &SourceFile) -> Vec<crate::source::Construct> {
    let mut out = Vec::new();
    let line = |off: usize| src.line_col(off as u32).0;
    fn walk(body: &Body, top: bool, line: &dyn Fn(usize) -> usize, out: &mut Vec<crate::source::Construct>) {
        for st in body.iter() {
            let Some(r) = hcl_edit::Span::span(st) else { continue };
            let (start, end) = (line(r.start), line(r.end.saturating_sub(1).max(r.start)));
            let module = st
                .as_block()
                .filter(|b| top && b.ident.as_str() == "module")
                .and_then(|b| b.labels.first())
                .map(|l| l.as_str().to_string());
            out.push(crate::source::Construct { start, end, module });
            if let Some(b) = st.as_block() {
                walk(&b.body, false, line, out);
            }
        }
    }
    walk(body, true, &line, &mut out);
    out
}

/// HCL files larger than this are parsed and evaluated in pieces of about
/// this size when nothing refers to what they declare (see
/// [`Loader::stream_pieces`]): a parsed tree takes about 25 times the text,
/// so a 31 MB file held whole took 770 MB. Each piece costs a pass over the
/// spaces that stand for the text before it, a fraction of parsing it.
const PIECE_BYTES: usize = 4 << 20;

fn is_large(m: &ModuleFile) -> bool {
    m.text.len() > PIECE_BYTES && !is_json_syntax(&m.path)
}

/// A module file, read and given its id.
struct ModuleFile {
    path: PathBuf,
    text: Arc<str>,
    id: FileId,
    /// `text` has blocks replaced by spaces (see [`super::pieces`]): its
    /// tree is this task's only, and the file as written decides an error.
    masked: bool,
}

/// Might this file declare something other files of its module refer to
/// (a variable, a local, a module call, a policy document, a rendered
/// template)? JSON-syntax files are always taken to. A superset: a comment
/// saying "this module does ..." counts too, which only costs holding that
/// file's tree.
fn declares_names(path: &Path, text: &str) -> bool {
    let b = text.as_bytes();
    if is_json_syntax(path)
        || memchr::memmem::find(b, b"aws_iam_policy_document").is_some()
        || memchr::memmem::find(b, b"template_file").is_some()
    {
        return true;
    }
    // A block header: the word, not part of a longer name or a reference
    // (`path.module`, `module.db.id`), then `{` or a label. Bytes past ASCII
    // count as name characters.
    let name_byte = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
    ["variable", "locals", "module"].iter().any(|word| {
        memchr::memmem::find_iter(b, word.as_bytes()).any(|at| {
            if at > 0 && (name_byte(b[at - 1]) || matches!(b[at - 1], b'.' | b'-')) {
                return false;
            }
            let rest = &b[at + word.len()..];
            let blanks = rest.iter().take_while(|c| matches!(c, b' ' | b'\t')).count();
            match rest.get(blanks) {
                Some(b'{') => true,
                Some(&c) => blanks > 0 && (c == b'"' || name_byte(c)),
                None => false,
            }
        })
    })
}

/// A reference inside a child module (`aws_vpc.main.id`) means nothing in
/// its caller, where it could be mistaken for the caller's own resource:
/// outputs carry such values as plain Unknowns. A list or map shared by
/// several parts of the value is copied once (`copies`: by address, with
/// the original kept alive so that no other list takes its address), so the
/// copy stays as small as the original.
fn forget_refs(v: Val, copies: &mut foldhash::HashMap<usize, (V, V)>) -> Val {
    let at = |x: V| {
        let mut out = Val::new(x, v.span);
        out.origin = v.origin;
        out
    };
    let ptr = match &v.v {
        V::Ref(_) => return at(V::Unknown),
        V::List(l) => Rc::as_ptr(l) as usize,
        V::Map(m) => Rc::as_ptr(m) as *const u8 as usize,
        _ => return v,
    };
    if let Some((_, copy)) = copies.get(&ptr) {
        return at(copy.clone());
    }
    let copy = match &v.v {
        V::List(l) => V::List(Rc::new(l.iter().map(|x| forget_refs(x.clone(), copies)).collect())),
        V::Map(m) => V::Map(Rc::new(m.iter().map(|(k, x)| (k.clone(), forget_refs(x.clone(), copies))).collect())),
        _ => return v,
    };
    copies.insert(ptr, (v.v.clone(), copy.clone()));
    at(copy)
}

/// Declarations of a module: variables, locals, policy documents.
fn declare<'b>(ctx: &mut Ctx<'b>, bodies: &'b Parsed) {
    // The tables are sized first: grown one insert at a time, rehashing
    // them was half of declaring a module of hundreds of variables (each
    // instance of a module declares it again).
    let (mut vars, mut locals) = (0, 0);
    for (_, body) in bodies.hcl.iter() {
        for b in body.iter().filter_map(Structure::as_block) {
            match b.ident.as_str() {
                "variable" => vars += 1,
                "locals" => locals += b.body.len(),
                _ => {}
            }
        }
    }
    ctx.vars.reserve(vars);
    ctx.var_blocks.reserve(vars);
    ctx.locals.reserve(locals);
    for (f, body) in bodies.hcl.iter() {
        for b in body.iter().filter_map(Structure::as_block) {
            match (b.ident.as_str(), b.labels.as_slice()) {
                ("variable", [name]) => {
                    let slot = match attr(&b.body, "default") {
                        Some(e) => VarSlot::Default(e, *f),
                        None if attr(&b.body, "sensitive")
                            .is_some_and(|e| ctx.eval(e, *f, None).as_bool() == Some(true)) =>
                        {
                            VarSlot::MissingSensitive(span_of(b, *f))
                        }
                        None => VarSlot::Missing(span_of(b, *f)),
                    };
                    ctx.vars.insert(name.as_str(), slot);
                    ctx.var_blocks.insert(name.as_str(), (b, *f));
                }
                ("locals", []) => {
                    for a in b.body.iter().filter_map(Structure::as_attribute) {
                        ctx.locals.insert(a.key.as_str(), Local::Hcl(&a.value, *f));
                    }
                }
                ("data", [ty, name]) if ty.as_str() == "aws_iam_policy_document" => {
                    ctx.policy_docs.insert(name.as_str(), (b, *f));
                }
                ("data", [ty, name]) if ty.as_str() == "template_file" => {
                    ctx.template_files.insert(name.as_str(), (b, *f));
                }
                _ => {}
            }
        }
    }
}

/// The instances of a block: none when `count = 0` or `for_each` is empty,
/// one per known element (up to a limit), or one with the iterator Unknown.
fn instances(ctx: &Ctx, body: &Body, f: FileId, span: Span) -> Vec<Option<OwnedEnv>> {
    let count = attr(body, "count").map(|e| ctx.eval(e, f, None));
    let for_each = || attr(body, "for_each").map(|e| ctx.eval(e, f, None));
    within_budget(ctx, instances_of(count, for_each, span, &ctx.sources.budget), span)
}

/// The instances, if the task's budget has room for them (else none). A
/// block of the root module without `count` or `for_each` is its one instance
/// as written, which costs what its file costs; only instances the
/// configuration multiplies (`count`, `for_each`, every block of a module
/// instance) are charged, since a few lines can make millions of those.
pub(super) fn within_budget(ctx: &Ctx, instances: Vec<Option<OwnedEnv>>, span: Span) -> Vec<Option<OwnedEnv>> {
    let as_written = ctx.instance_prefix.is_empty() && matches!(instances.as_slice(), [None]);
    if as_written || ctx.sources.budget.instances(instances.len() as u64, span) {
        instances
    } else {
        Vec::new()
    }
}

/// One instance's outputs, placed at the instance (`at`: its `for_each`
/// entry, or the module block for `count`): each list or map it returns (a
/// container definition) has that as its origin, so that what is built from
/// several instances (`[for c in module.container : c.container_definition]`)
/// can tell them apart and point at the caller's code that made each one.
/// Other values keep the place they were written.
fn placed_at(outputs: Val, at: Span) -> Val {
    let V::Map(m) = &outputs.v else { return outputs };
    let placed = m
        .iter()
        .map(|(k, v)| {
            let mut v = v.clone();
            if matches!(v.v, V::List(_) | V::Map(_)) {
                v.origin = Some(at);
            }
            (k.clone(), v)
        })
        .collect();
    Val::new(V::Map(Rc::new(placed)), outputs.span)
}

/// How many instances a block has.
pub(super) enum Repeat {
    /// Neither `count` nor `for_each`: one instance, no iterator.
    Once,
    /// A known `count` (at most [`super::MAX_INSTANCES`]).
    Count(usize),
    /// A known `for_each`: (`each.key`, `each.value`) of each instance.
    Each(Vec<(Val, Val)>),
    /// `count` or `for_each` is not known (or too large): the iterator's name.
    Unknown(&'static str),
}

/// [`Repeat`] from the evaluated `count` and (asked only without `count`) `for_each`.
/// (More than [`super::MAX_INSTANCES`] instances run out the budget, as in [`expand`].)
pub(super) fn repeat(
    count: Option<Val>,
    for_each: impl FnOnce() -> Option<Val>,
    budget: &crate::source::budget::Budget,
) -> Repeat {
    if let Some(v) = count {
        return match v.as_num() {
            Some(n) if n <= 0.0 => Repeat::Count(0),
            Some(n) if (n as usize) <= super::MAX_INSTANCES => Repeat::Count(n as usize),
            Some(_) => {
                budget.ran_out(crate::source::budget::Limit::Instances, v.span);
                Repeat::Unknown("count")
            }
            None => Repeat::Unknown("count"),
        };
    }
    match for_each().map(|v| expand(&v, budget)) {
        Some(Expansion::Items(items)) => Repeat::Each(items),
        Some(Expansion::Unknown) => Repeat::Unknown("each"),
        None => Repeat::Once,
    }
}

/// `count` for instance `i`: `{ index = i }`.
fn count_env(i: usize, span: Span) -> OwnedEnv {
    OwnedEnv::new("count", Val::new(V::Map(Rc::new(vec![(Rc::from("index"), Val::new(V::Num(i as f64), span))])), span))
}

/// [`instances`] from the evaluated `count` and (asked only without `count`) `for_each`.
pub(super) fn instances_of(
    count: Option<Val>,
    for_each: impl FnOnce() -> Option<Val>,
    span: Span,
    budget: &crate::source::budget::Budget,
) -> Vec<Option<OwnedEnv>> {
    match repeat(count, for_each, budget) {
        Repeat::Once => vec![None],
        Repeat::Count(n) => (0..n).map(|i| Some(count_env(i, span))).collect(),
        Repeat::Each(items) => {
            items.into_iter().map(|(k, v)| Some(OwnedEnv::new("each", iter_val(k, v, span)))).collect()
        }
        Repeat::Unknown(name) => vec![Some(OwnedEnv::new(name, Val::unknown(span)))],
    }
}

/// One module call whose outputs are evaluated (see [`Loader::bind_module_outputs`]).
struct Call<'c> {
    block: &'c Block,
    /// The module block's name (`module "NAME"`).
    name: &'c str,
    file: FileId,
    /// The child module's directory and key.
    dir: &'c Path,
    key: &'c str,
    span: Span,
    /// The sensitivity marks of the call's inputs.
    marks: InputMarks,
}

/// The sensitivity marks of a module call's inputs, as the caller's
/// expressions give them (`each.value` is not followed: Unknown).
fn marks_of_inputs(ctx: &Ctx, body: &Body, f: FileId) -> Vec<(String, super::sensitivity::MarkTree)> {
    body.iter()
        .filter_map(Structure::as_attribute)
        .filter(|a| !is_meta_argument(a.key.as_str()))
        .map(|a| (a.key.as_str().to_string(), ctx.mark_tree(&a.value, f)))
        .collect()
}

/// What tells instances given marked inputs from others with the same
/// values (only marks that are not plainly absent are named).
fn marks_key(marks: Option<&[(String, super::sensitivity::MarkTree)]>) -> String {
    use super::sensitivity::Marks;
    let mut key = String::new();
    for (name, m) in marks.unwrap_or_default().iter().filter(|(_, m)| m.marks != Marks::NONE) {
        key.push_str(&format!("#{name}={m:?}"));
    }
    key
}

/// A module block's arguments that are not inputs of the module.
fn is_meta_argument(name: &str) -> bool {
    matches!(name, "source" | "version" | "count" | "for_each" | "providers" | "depends_on")
}

/// Is a module source a local path (Terraform: `./` or `../`)? Anything else
/// is installed by `terraform init`.
fn is_local(src: &str) -> bool {
    src.starts_with("./") || src.starts_with("../")
}

/// The key of the module at `prefix` (`module.app.module.vpc.` → `app.vpc`).
fn key_of_prefix(prefix: &str) -> String {
    // The module key names calls, not instances: `module.a[0].module.b["x.y"].`
    // is `a.b` (as `modules.json` keys every instance of a call alike).
    let mut names = Vec::new();
    let mut rest = prefix;
    while let Some(r) = rest.strip_prefix("module.") {
        let end = r.find(['[', '.']).unwrap_or(r.len());
        names.push(&r[..end]);
        rest = skip_instance_key(&r[end..]);
        rest = rest.strip_prefix('.').unwrap_or(rest);
    }
    names.join(".")
}

/// `s` past the instance key it starts with (`[0]`, `["a.b"]` written as
/// [`OwnedEnv::address_key`] writes it, escapes included), if any.
fn skip_instance_key(s: &str) -> &str {
    if let Some(quoted) = s.strip_prefix("[\"") {
        let mut escaped = false;
        for (i, c) in quoted.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => return quoted[i + 1..].strip_prefix(']').unwrap_or(&quoted[i + 1..]),
                _ => {}
            }
        }
        return "";
    }
    match s.strip_prefix('[') {
        Some(index) => index.find(']').map_or("", |i| &index[i + 1..]),
        None => s,
    }
}

pub struct OwnedEnv(Env<'static>);

impl OwnedEnv {
    fn new(name: &'static str, val: Val) -> OwnedEnv {
        OwnedEnv(Env { name, val, parent: None })
    }
    pub(super) fn as_env(&self) -> &Env<'static> {
        &self.0
    }

    /// The instance key as Terraform writes it in addresses: `[0]` for
    /// `count`, `["web"]` for `for_each`; empty while it is Unknown.
    pub(super) fn address_key(&self) -> String {
        let v = &self.0.val;
        match self.0.name {
            "count" => v.get("index").and_then(|i| i.as_num()).map(|i| format!("[{i}]")).unwrap_or_default(),
            _ => v.get("key").and_then(|k| k.as_str()).map(|k| format!("[{k:?}]")).unwrap_or_default(),
        }
    }
}

/// The key of an instance (see [`OwnedEnv::address_key`]); empty for a block
/// without `count` or `for_each`.
pub(super) fn address_key(env: &Option<OwnedEnv>) -> String {
    env.as_ref().map(OwnedEnv::address_key).unwrap_or_default()
}

pub fn attr<'b>(body: &'b Body, name: &str) -> Option<&'b hcl_edit::expr::Expression> {
    body.iter().filter_map(Structure::as_attribute).find(|a| a.key.as_str() == name).map(|a| &a.value)
}

/// The line (1-based) and marker of another tool's template syntax on the
/// line where a parse failed or the line before it.
fn foreign_template(text: &str, error_line: usize) -> Option<(usize, &'static str)> {
    let marker = |n: usize| {
        let line = text.lines().nth(n.checked_sub(1)?)?;
        crate::parse::template_marker(line, false).map(|m| (n, m))
    };
    marker(error_line).or_else(|| marker(error_line.checked_sub(1)?))
}

/// The first reference or function call in `e` (where, and what it is), as
/// Terraform refuses them in variables files; names a `for` binds are fine.
pub(super) fn not_constant(e: &hcl_edit::expr::Expression) -> Option<(Option<std::ops::Range<usize>>, &'static str)> {
    use hcl_edit::expr::Expression;
    use hcl_edit::visit::{self, Visit};
    use hcl_edit::Span as _;
    #[derive(Default)]
    struct Find {
        bound: Vec<String>,
        found: Option<(Option<std::ops::Range<usize>>, &'static str)>,
    }
    impl Visit for Find {
        fn visit_expr(&mut self, e: &Expression) {
            if self.found.is_some() {
                return;
            }
            match e {
                Expression::Variable(v) if !self.bound.iter().any(|b| b == v.as_str()) => {
                    self.found = Some((v.span(), "a reference"));
                }
                Expression::FuncCall(call) => self.found = Some((call.span(), "a function call")),
                Expression::ForExpr(f) => {
                    let n = self.bound.len();
                    self.bound.push(f.intro.value_var.as_str().to_string());
                    if let Some(k) = &f.intro.key_var {
                        self.bound.push(k.as_str().to_string());
                    }
                    visit::visit_for_expr(self, f);
                    self.bound.truncate(n);
                }
                _ => visit::visit_expr(self, e),
            }
        }
    }
    let mut find = Find::default();
    find.visit_expr(e);
    find.found
}

pub use crate::discover::module_files;

fn parse_hcl(text: &str) -> Result<Body, ParseError> {
    parse_terraform(text).map_err(|e| ParseError { message: format!("cannot parse Terraform: {}", e.message), ..e })
}

/// Parses one module file in the syntax its name says (JSON syntax is
/// converted into the native syntax's tree).
fn parse_one(path: &Path, text: &str) -> Result<Body, ParseError> {
    if !is_json_syntax(path) {
        return parse_hcl(text);
    }
    crate::parse::json_syntax::parse_file(text).map_err(|e| json_error(text, e))
}

/// A variables file in JSON: an object of literal values.
fn parse_values(text: &str, id: FileId) -> Result<Val, ParseError> {
    let doc = crate::parse::json::parse_file(text, id).map_err(|e| json_error(text, e))?;
    match doc.v {
        V::Map(_) => Ok(doc),
        _ => Err(json_error(
            text,
            crate::parse::json::JsonError {
                offset: doc.span.start as usize,
                message: "the file must hold a JSON object".into(),
            },
        )),
    }
}

fn json_error(text: &str, e: crate::parse::json::JsonError) -> ParseError {
    let (line, column) = line_col(text, e.offset);
    ParseError { line, column, message: format!("cannot parse Terraform JSON: {}", e.message) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn another_tool_s_template_syntax_is_found_on_the_failing_line_or_the_one_before() {
        use super::foreign_template;
        let text = "a = 1\nb = {{ cookiecutter.x }}\nc = 2\n";
        assert_eq!(foreign_template(text, 2), Some((2, "{{")));
        assert_eq!(foreign_template(text, 3), Some((2, "{{")));
        assert_eq!(foreign_template(text, 1), None);
        assert_eq!(foreign_template("{% if x %}\n", 1), Some((1, "{%")));
        assert_eq!(foreign_template("x = <%= y %>\n", 1), Some((1, "<%")));
        assert_eq!(foreign_template("x = = 1\n", 1), None);
    }

    #[test]
    fn module_keys_name_calls_not_instances() {
        use super::key_of_prefix;
        assert_eq!(key_of_prefix(""), "");
        assert_eq!(key_of_prefix("module.db."), "db");
        assert_eq!(key_of_prefix("module.a[0].module.b."), "a.b");
        assert_eq!(key_of_prefix("module.a[\"x.y\"].module.b[3]."), "a.b");
        assert_eq!(key_of_prefix("module.a[\"q\\\"].[\"].module.b."), "a.b");
    }

    use super::*;

    #[test]
    fn files_declaring_names_are_told_from_the_others() {
        let hcl = Path::new("main.tf");
        for text in [
            "variable \"region\" {}",
            "x = 1\nlocals {\n a = 1\n}",
            "locals{\n}",
            "module \"db\" {\n source = \"./db\"\n}",
            "module db {\n}",
            "/* c */ variable \"x\" {}",
            "data \"aws_iam_policy_document\" \"p\" {}",
            "# this module creates a bucket\n",
        ] {
            assert!(declares_names(hcl, text), "{text}");
        }
        for text in [
            "resource \"aws_s3_bucket\" \"b\" {\n bucket = module.names.bucket\n}",
            "resource \"x\" \"y\" {\n p = \"${path.module}/f.json\"\n n = var.module_name\n}",
            "resource \"x\" \"y\" {\n variables = {}\n tf-module = 1\n}",
        ] {
            assert!(!declares_names(hcl, text), "{text}");
        }
        assert!(declares_names(Path::new("main.tf.json"), "{}"));
    }
}
