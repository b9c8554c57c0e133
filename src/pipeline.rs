//! The whole pipeline: discover → read → parse → model → rules → findings.
//!
//! A first parallel pass over the Terraform and variable files, beside the
//! directory walk, finds which directories are modules called by others (and
//! which files cannot be opened), and keeps their texts for the tasks.
//! Then every directory is one task on the rayon pool: it reads its own files,
//! a root module is parsed and evaluated once (with its local child modules),
//! its elements meet the rules indexed for their kind, and only the resolved
//! findings leave the task: texts, trees and values are dropped with it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::LazyLock;

use rayon::prelude::*;

use crate::discover::{self, Discovered, FileKind};
use crate::eval::ecs;
use crate::eval::module::{Globals, LoadError, Loader};
use crate::eval::normalize;
use crate::model::{Element, Kind, Val, V};
use crate::path_key::{PathKey, PathMap, PathRefSet, PathSet};
use crate::report::Finding;
use crate::rules::engine::{Engine, RawFinding, Relations};
use crate::source::{SourceFile, Sources, Span};

#[derive(Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub excludes: Vec<String>,
    pub var_files: Vec<PathBuf>,
    /// Disregard every ignore comment (`--no-inline-ignores`).
    pub no_inline_ignores: bool,
    /// Report ignore comments that suppress nothing.
    pub report_unused_ignores: bool,
    /// Files the user named (`--var-file` on the command line): readable
    /// even outside the scanned tree, unlike what the scanned code names.
    pub trusted_files: Vec<PathBuf>,
    /// Record the findings (after ignore comments) in this baseline file.
    pub write_baseline: Option<PathBuf>,
    /// Findings recorded in this baseline file are suppressed.
    pub baseline: Option<PathBuf>,
    /// The configuration: its `[[ignore]]` paths suppress findings.
    pub config: Option<crate::config::Loaded>,
    /// Findings below this severity are not reported.
    pub min_severity: Option<crate::diagnostics::Severity>,
    /// Where the `.tf` source of the plans named is (`--plan-source`;
    /// default: each plan's directory).
    pub plan_source: Option<PathBuf>,
    /// Called once before the heavy directories (see [`HEAVY_DIR_BYTES`])
    /// are checked, if there are any: the command line makes its allocator
    /// return freed memory at once from then on (a cost of about 6% of CPU
    /// time that only runs holding megabytes of Terraform pay).
    pub before_heavy_directories: Option<fn()>,
    /// The process exits once the run is reported (the command line): a run
    /// of one directory task leaves what the task built to the exit instead
    /// of freeing it node by node. A library caller that runs again keeps
    /// the default, `false`.
    pub exits_after: bool,
}

pub struct Outcome {
    /// Active findings (they decide the exit status).
    pub findings: Vec<Finding>,
    /// Findings silenced by an ignore comment (or the baseline), kept for SARIF.
    pub suppressed: Vec<Finding>,
    pub errors: Vec<LoadError>,
    /// About the ignore comments: expired, unused, malformed.
    pub notices: Vec<crate::suppress::Notice>,
    pub files: usize,
    /// Every secret found, by file (including those of suppressed findings):
    /// whatever is shown later, excerpts mask them.
    pub secrets: Vec<(String, (usize, usize))>,
    /// How many findings were written to `Options::write_baseline`.
    pub baselined: usize,
}

/// What the user sees: findings in the baseline and under `[[ignore]]` paths
/// move to `suppressed`, findings below `min_severity` are dropped. Here, in
/// the library, so every front end and test sees the same result.
fn select(opts: &Options, outcome: &mut Outcome) -> Result<(), String> {
    if let Some(path) = &opts.write_baseline {
        crate::baseline::write(path, &outcome.findings, &crate::baseline::root_for(&opts.paths, path))?;
        outcome.baselined = outcome.findings.len();
    }
    if let Some(path) = &opts.baseline {
        let b = crate::baseline::read(path)?;
        crate::baseline::apply(&b, &mut outcome.findings, &crate::baseline::root_for(&opts.paths, path));
        let (known, new): (Vec<_>, Vec<_>) =
            std::mem::take(&mut outcome.findings).into_iter().partition(|f| f.suppression.is_some());
        outcome.findings = new;
        outcome.suppressed.extend(known);
    }
    if let Some(l) = &opts.config {
        let ignored = l.ignore_paths(&mut outcome.findings);
        outcome.suppressed.extend(ignored);
    }
    if let Some(min) = opts.min_severity {
        outcome.findings.retain(|f| f.severity >= min);
    }
    Ok(())
}

/// The rule that finds key formats in any file; more specific rules win.
const KEY_FORMAT_RULE: &str = "secret-key-format";

pub use crate::source::MAX_FILE_BYTES;

/// Must this kind of file be readable text (else it is an error)? A key file
/// in binary form, say, is simply not a PEM key.
fn must_be_text(kind: FileKind) -> bool {
    matches!(kind, FileKind::Terraform | FileKind::AutoTfvars | FileKind::Tfvars)
}

/// A file that is not text, but whose kind is checked by content: any `.env`,
/// credentials or state file, and JSON that names task-definition fields.
/// (Other JSON, and keys in binary form, are not this tool's business.)
fn may_matter(d: &Discovered) -> bool {
    match d.kind {
        FileKind::DotEnv | FileKind::AwsCredentials | FileKind::State => true,
        FileKind::Json => {
            let mut buf = Vec::new();
            crate::source::read_bytes_into(&d.path, MAX_FILE_BYTES, &mut buf).is_ok_and(|b| {
                memchr::memmem::find(b, b"containerDefinitions").is_some()
                    || memchr::memmem::find(b, b"\"image\"").is_some() && memchr::memmem::find(b, b"\"name\"").is_some()
            })
        }
        _ => false,
    }
}

/// What a first pass over the Terraform and variable files finds: which
/// directories are called as local modules, and which files cannot be read
/// (each reported once, here: files that cannot be opened or are too large,
/// and callers that are not text; other files that are not text are reported
/// by the task that reads them). Texts are handed to the tasks up to a fixed
/// cap (see `Prefetched`); beyond it a task reads its files again (from the
/// page cache), so memory follows the modules being checked, not the size of
/// the repository.
struct Prescan {
    unreadable: PathSet,
    errors: Vec<LoadError>,
    /// Bytes of Terraform, variable and JSON files per directory, and the
    /// directories each directory calls: what [`heavy_dirs`] is decided on.
    bytes: PathMap<u64>,
    calls: PathMap<Vec<PathBuf>>,
    /// Does a Terraform file call `issensitive` (see `Globals::marks_asked`)?
    marks_asked: bool,
}

/// A directory whose files (its own and those of the modules it calls)
/// hold more than this is checked alone, after the others, with the whole
/// pool but one file at a time: the trees of a parsed file take about 25
/// times its size, and checking several large directories side by side
/// multiplied the peak memory by the thread count. Real module directories
/// hold tens of kilobytes.
const HEAVY_DIR_BYTES: u64 = 1 << 20;

/// What the first pass finds in one file.
struct Scanned {
    path: PathBuf,
    /// The directories it calls as local modules.
    called: Vec<PathBuf>,
    /// Why it cannot be read.
    failed: Option<String>,
    len: u64,
    /// Does it call `issensitive`?
    asks: bool,
    /// Its text, to hand to the task that reads it (see `Prefetched`).
    text: Option<Arc<str>>,
}

/// Does the first pass look at this file?
fn prescanned(d: &Discovered) -> bool {
    must_be_text(d.kind) || d.kind == FileKind::Json
}

/// Scans `d`, keeping its text (room claimed in `keep`) if it may be handed over.
fn prescan_one(d: &Discovered, keep: &crate::source::prefetch::Prefetched) -> Scanned {
    let mut out = Scanned { path: d.path.clone(), called: Vec::new(), failed: None, len: 0, asks: false, text: None };
    if d.kind == FileKind::Json {
        // Not read here: only its size counts.
        out.len = std::fs::metadata(&d.path).map_or(0, |m| m.len());
        return out;
    }
    let bytes = match crate::source::read_shared_bytes(&d.path, MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(e) => {
            out.failed = Some(e.to_string());
            return out;
        }
    };
    out.len = bytes.len() as u64;
    out.asks = d.kind == FileKind::Terraform && memchr::memmem::find(&bytes, b"issensitive").is_some();
    let sources = if d.kind == FileKind::Terraform { module_sources(&d.path, &bytes) } else { Ok(Vec::new()) };
    match sources {
        Ok(called) => {
            out.called = called;
            if keep.claim(out.len) {
                match crate::source::shared_text(bytes) {
                    Ok(text) => out.text = Some(text),
                    Err(_) => keep.release(out.len),
                }
            }
        }
        Err(e) => out.failed = Some(e.to_string()),
    }
    out
}

/// Files the walk meets are handed to the first pass in batches of this many.
const PRESCAN_BATCH: usize = 32;

/// The walk and the first pass, side by side: the files the directory walk
/// meets are read on the other threads while it goes on (the walk, mostly
/// directory listings, took as long as reading the files after it). With
/// one thread, they are read after the walk, as before.
fn walk_and_prescan(
    paths: &[PathBuf],
    excludes: &globset::GlobSet,
    boundary: &crate::boundary::Boundary,
    keep: &crate::source::prefetch::Prefetched,
) -> (discover::Walk, Prescan) {
    let early: std::sync::Mutex<Vec<Scanned>> = Default::default();
    let walk = rayon::scope(|s| {
        let early = &early;
        let send = |batch: Vec<Discovered>| {
            s.spawn(move |_| {
                let scanned: Vec<Scanned> = batch.iter().map(|d| prescan_one(d, keep)).collect();
                early.lock().unwrap_or_else(|e| e.into_inner()).extend(scanned);
            })
        };
        let mut batch = Vec::with_capacity(PRESCAN_BATCH);
        let walk = discover::walk_telling(paths, excludes, boundary, &mut |d| {
            if prescanned(d) {
                batch.push(d.clone());
                if batch.len() == PRESCAN_BATCH {
                    send(std::mem::replace(&mut batch, Vec::with_capacity(PRESCAN_BATCH)));
                }
            }
        });
        send(batch);
        walk
    });
    // The walk's files are what counts, in its order: each scanned already,
    // or now (files it did not tell of as it met them).
    let mut early: PathMap<Scanned> =
        early.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().map(|s| ((&s.path).into(), s)).collect();
    let found: Vec<(&Discovered, Option<Scanned>)> =
        walk.files.iter().filter(|d| prescanned(d)).map(|d| (d, early.remove(d.path.as_os_str()))).collect();
    // Files told of that the walk left out after all (a twin, a duplicate).
    for text in early.into_values().filter_map(|s| s.text) {
        keep.release(text.len() as u64);
    }
    let scanned: Vec<Scanned> = found.into_par_iter().map(|(d, s)| s.unwrap_or_else(|| prescan_one(d, keep))).collect();
    let pre = prescan_fold(scanned.into_iter(), keep);
    (walk, pre)
}

/// The first pass's findings over all files, in the walk's order.
fn prescan_fold(results: impl Iterator<Item = Scanned>, keep: &crate::source::prefetch::Prefetched) -> Prescan {
    let mut out = Prescan {
        unreadable: Default::default(),
        errors: Vec::new(),
        bytes: Default::default(),
        calls: Default::default(),
        marks_asked: false,
    };
    for Scanned { path, called, failed, len, asks, text } in results {
        out.marks_asked |= asks;
        if let Some(text) = text {
            keep.keep_claimed(&path, text);
        }
        let dir = || normalize(path.parent().unwrap_or(Path::new(".")));
        if len > 0 {
            *out.bytes.entry(dir().into()).or_default() += len;
        }
        if !called.is_empty() {
            out.calls.entry(dir().into()).or_default().extend(called);
        }
        if let Some(message) = failed {
            out.errors.push(LoadError { file: path.to_string_lossy().into(), line: 1, column: 1, message });
            out.unreadable.insert(path.into());
        }
    }
    out
}

// On bytes: the first pass does not check that every file is text (the
// directory tasks do, as they read them); only a file that calls a module is.
static LOCAL_SOURCE: LazyLock<regex::bytes::Regex> =
    LazyLock::new(|| regex::bytes::Regex::new(r#"(?m)^\s*source\s*=\s*"(\.\.?/[^"]*)""#).unwrap());
/// The same in JSON syntax (`"source": "./modules/db"`), wherever it is on the line.
static LOCAL_SOURCE_JSON: LazyLock<regex::bytes::Regex> =
    LazyLock::new(|| regex::bytes::Regex::new(r#""source"\s*:\s*"(\.\.?/[^"]*)""#).unwrap());

/// The directories evaluated through a caller rather than as roots: those
/// called from a root module, directly or through other modules. Modules that
/// only call each other (a cycle no root reaches) are evaluated as roots, so
/// that they are checked at all.
fn called_from_roots(by_dir: &[(PathBuf, Vec<&Discovered>)], edges: &PathMap<Vec<PathBuf>>) -> PathSet {
    if edges.is_empty() {
        return PathSet::default();
    }
    let targets: PathRefSet = edges.values().flatten().map(|p| p.as_os_str()).collect();
    // Roots: directories with Terraform files that nobody calls.
    let mut stack: Vec<PathBuf> = by_dir
        .iter()
        .filter(|(dir, files)| {
            !targets.contains(dir.as_os_str()) && files.iter().any(|d| d.kind == FileKind::Terraform)
        })
        .map(|(dir, _)| dir.clone())
        .collect();
    let mut reached = PathSet::default();
    while let Some(dir) = stack.pop() {
        for next in edges.get(dir.as_os_str()).into_iter().flatten() {
            if reached.insert(next.into()) {
                stack.push(next.clone());
            }
        }
    }
    reached
}

/// For each root task, the directories it may evaluate: its own, and each
/// module it reaches through local calls, once.
fn module_reach(
    by_dir: &[(PathBuf, Vec<&Discovered>)],
    called: &PathSet,
    edges: &PathMap<Vec<PathBuf>>,
) -> PathMap<Vec<PathBuf>> {
    let roots = by_dir.iter().filter(|(dir, files)| {
        !called.contains(dir.as_os_str()) && files.iter().any(|d| d.kind == FileKind::Terraform)
    });
    roots
        .map(|(root, _)| {
            let mut seen: PathRefSet = [root.as_os_str()].into_iter().collect();
            let mut todo = vec![root.as_path()];
            while let Some(d) = todo.pop() {
                for next in edges.get(d.as_os_str()).into_iter().flatten() {
                    if seen.insert(next.as_os_str()) {
                        todo.push(next);
                    }
                }
            }
            (root.into(), seen.into_iter().map(PathBuf::from).collect())
        })
        .collect()
}

/// The local directories a Terraform file calls as modules: they are
/// evaluated through their callers (with the inputs passed), not as roots.
/// A file that is not text calls nothing (its error is reported once).
fn module_sources(path: &Path, bytes: &[u8]) -> Result<Vec<PathBuf>, crate::source::ReadError> {
    let json = crate::parse::json_syntax::is_json_syntax(path);
    let re = if json { &*LOCAL_SOURCE_JSON } else { &*LOCAL_SOURCE };
    if !re.is_match(bytes) {
        return Ok(Vec::new());
    }
    crate::source::as_text(bytes)?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let here = normalize(&dir);
    Ok(re
        .captures_iter(bytes)
        .filter_map(|c| std::str::from_utf8(&c[1]).ok().map(|rel| normalize(&dir.join(rel))))
        .filter(|target| *target != here)
        .collect())
}

/// Does a module directory that the walk did not list (ignored by git or
/// excluded, yet called) call `issensitive`? The first pass read only
/// walked files. (A pre-commit run, which names files, always works marks out.)
fn asked_outside_scan(by_dir: &[(PathBuf, Vec<&Discovered>)], calls: &PathMap<Vec<PathBuf>>) -> bool {
    let walked: PathRefSet = by_dir.iter().map(|(d, _)| d.as_os_str()).collect();
    let unwalked: PathRefSet =
        calls.values().flatten().map(|d| d.as_os_str()).filter(|d| !walked.contains(d)).collect();
    let mut buf = Vec::new();
    unwalked.into_iter().flat_map(|d| discover::module_files(Path::new(d))).any(|f| {
        crate::source::read_bytes_into(&f, MAX_FILE_BYTES, &mut buf)
            .is_ok_and(|b| memchr::memmem::find(b, b"issensitive").is_some())
    })
}

/// Which directories are heavy (see [`HEAVY_DIR_BYTES`]): by their own
/// bytes and those of the local modules they call, however deep.
fn heavy_dirs(
    by_dir: &[(PathBuf, Vec<&Discovered>)],
    bytes: &PathMap<u64>,
    calls: &PathMap<Vec<PathBuf>>,
) -> Vec<bool> {
    by_dir
        .iter()
        .map(|(dir, _)| {
            let mut seen: PathRefSet = Default::default();
            let mut todo = vec![dir.as_path()];
            let mut total = 0;
            while let Some(d) = todo.pop() {
                if !seen.insert(d.as_os_str()) {
                    continue;
                }
                total += bytes.get(d.as_os_str()).copied().unwrap_or(0);
                if total > HEAVY_DIR_BYTES {
                    return true;
                }
                todo.extend(calls.get(d.as_os_str()).into_iter().flatten().map(PathBuf::as_path));
            }
            false
        })
        .collect()
}

/// The discovered files by directory, in path order. Grouped by the
/// directory as written first (hashing bytes), then normalized once per
/// directory: comparing paths component by component for each of ten
/// thousand files was a visible part of a run's serial time.
fn group_by_dir(files: &[Discovered]) -> Vec<(PathBuf, Vec<&Discovered>)> {
    let mut groups: foldhash::HashMap<&std::ffi::OsStr, Vec<&Discovered>> = Default::default();
    for d in files {
        let parent = d.path.parent().map_or(std::ffi::OsStr::new(""), Path::as_os_str);
        groups.entry(parent).or_default().push(d);
    }
    let mut by_dir: Vec<(PathBuf, Vec<&Discovered>)> = groups
        .into_iter()
        .map(|(dir, files)| (normalize(Path::new(if dir.is_empty() { ".".as_ref() } else { dir })), files))
        .collect();
    by_dir.sort_by(|a, b| crate::path_key::cmp_normal(&a.0, &b.0));
    // Two spellings of one directory (`a/./b`, `a/b`) are one task.
    by_dir.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            earlier.1.append(&mut later.1);
        }
        same
    });
    by_dir
}

/// `TFLINT_RS_TIMINGS=1` prints how long each pipeline step took (stderr).
pub struct Timer(Option<std::time::Instant>);

impl Default for Timer {
    fn default() -> Timer {
        Timer(std::env::var_os("TFLINT_RS_TIMINGS").map(|_| std::time::Instant::now()))
    }
}

impl Timer {
    pub fn new() -> Timer {
        Timer::default()
    }
    pub fn step(&mut self, name: &str) {
        if let Some(t) = self.0 {
            eprintln!("{name:>10}: {:>8.1} ms", t.elapsed().as_secs_f64() * 1000.0);
            self.0 = Some(std::time::Instant::now());
        }
    }
    /// A line of its own among the timings (built only when they are shown).
    pub fn note(&self, line: impl FnOnce() -> String) {
        if self.0.is_some() {
            eprintln!("{:>10}  {}", "", line());
        }
    }
}

pub fn run(opts: &Options, engine: &Engine) -> Result<Outcome, String> {
    // The secret scanners' expressions are built where they are first used,
    // each once. (They were built ahead on another thread while this one
    // walked; since key-format patterns are compiled only for text holding
    // their needles and a run on named files parses only what it needs, that
    // made one-file runs slower, 4.2-4.5 ms against 5.5-5.7 for a small file,
    // 7.6 against 8.8 ms in the terraform-aws-eks module: it built
    // expressions most runs never use, on a core the parse wanted.)
    check_paths(opts, engine)
}

fn check_paths(opts: &Options, engine: &Engine) -> Result<Outcome, String> {
    let mut timer = Timer::new();
    let excludes = discover::build_excludes(&opts.excludes)?;
    // Plans named on the command line are checked on their own (see crate::plan).
    let (plans, paths) = crate::plan::partition(&opts.paths);
    let boundary = crate::boundary::Boundary::for_scan(&paths, &opts.trusted_files);
    let prefetched = crate::source::prefetch::Prefetched::default();
    let (walk, pre) = walk_and_prescan(&paths, &excludes, &boundary, &prefetched);
    timer.step("walk+prescan");

    // Each directory is one task: it reads its own files, checks them, and
    // drops texts, trees and values when it ends. (The set of scanned paths
    // is built beside the grouping.)
    let (by_dir, scanned) =
        rayon::join(|| group_by_dir(&walk.files), || walk.files.iter().map(|d| PathKey::from(&d.path)).collect());
    let called = called_from_roots(&by_dir, &pre.calls);
    let globals = Globals {
        scanned,
        unreadable: pre.unreadable,
        var_files: opts.var_files.iter().map(|p| normalize(p)).collect(),
        wanted: engine.wanted(),
        related: engine.related(),
        input_reads: engine.module_input_reads(),
        parallel_files: by_dir.len() < 2 * rayon::current_num_threads(),
        boundary,
        trees: crate::eval::shared::SharedTrees::new(module_reach(&by_dir, &called, &pre.calls)),
        prefetched,
        marks_asked: pre.marks_asked || !walk.explicit.is_empty() || asked_outside_scan(&by_dir, &pre.calls),
        named: walk.explicit.iter().map(PathKey::from).collect(),
        leave_to_exit: opts.exits_after && by_dir.len() == 1,
    };
    let explicit = &globals.named;
    timer.step("group");

    // Light directories side by side, then the heavy ones one at a time
    // (each parsing one file at a time, its files in order).
    let heavy = heavy_dirs(&by_dir, &pre.bytes, &pre.calls);
    let late: Vec<&Path> = by_dir.iter().zip(&heavy).filter(|(_, h)| **h).map(|((d, _), _)| d.as_path()).collect();
    globals.prefetched.forget_dirs(&late);
    // Each task merges its findings one per location (thousands of
    // instances of a block at one place are then one finding, not thousands
    // held until the end), unless files are named: which findings concern
    // them is decided per instance, before the merge.
    let merge_early = explicit.is_empty();
    let mut results: Vec<Option<DirResult>> = by_dir
        .par_iter()
        .zip(&heavy)
        .map(|((dir, files), heavy)| {
            (!heavy).then(|| {
                check_dir(dir, files, called.contains(dir.as_os_str()), &globals, false, merge_early, engine, opts)
            })
        })
        .collect();
    // A task that ran out of its share of the instances budget is run again
    // alone, with the whole budget.
    let alone: Vec<bool> =
        heavy.iter().zip(&results).map(|(h, r)| *h || r.as_ref().is_some_and(|r| r.needs_whole_budget)).collect();
    // What no light task took (the texts of modules only heavy directories
    // call) is read again by the heavy ones.
    globals.prefetched.clear();
    if let Some(prepare) = opts.before_heavy_directories.filter(|_| alone.iter().any(|h| *h)) {
        prepare();
    }
    for (((dir, files), alone), result) in by_dir.iter().zip(&alone).zip(&mut results) {
        if *alone {
            *result = Some(check_dir(
                dir,
                files,
                called.contains(dir.as_os_str()),
                &globals,
                true,
                merge_early,
                engine,
                opts,
            ));
        }
    }
    let results = results.into_iter().flatten();
    timer.step("check");
    timer.note(|| format!("shared trees left: {}", globals.trees.held()));

    let mut findings = Vec::new();
    let mut errors = Vec::new();
    let mut notices = Vec::new();
    errors.extend(pre.errors);
    for r in results {
        findings.extend(r.findings);
        errors.extend(r.errors);
        notices.extend(r.notices);
    }
    if !explicit.is_empty() {
        let named = |f: &str| explicit.contains(normalize(Path::new(f)).as_os_str());
        // A finding is about a named file when it is there, or when its value
        // is written there or passed through a module call there: a
        // variable's default, a `.tfvars` value, a local, a module input
        // changed in a commit make a resource elsewhere bad.
        // A module call's file counts when the value comes from outside the
        // module, through the call's inputs.
        let dir = |f: &str| Path::new(f).parent().map(normalize);
        findings.retain(|f| {
            named(&f.file)
                || f.written_at.iter().any(|w| named(&w.file))
                || f.called_at.iter().any(|c| named(c)) && f.written_at.iter().any(|w| dir(&w.file) != dir(&f.file))
        });
        errors.retain(|e| named(&e.file));
        notices.retain(|n| named(&n.file));
    }
    let planned = crate::plan::check_all(&plans, opts.plan_source.as_deref(), engine, opts.no_inline_ignores);
    findings.extend(planned.findings);
    errors.extend(planned.errors);
    notices.extend(planned.notices);
    // What the walk could not read or follow concerns every run.
    errors.extend(walk.errors);
    notices.extend(walk.notices);
    notices.sort();
    notices.dedup();
    let findings = without_repeats(one_per_location(findings));
    errors.sort();
    errors.dedup();
    let mut secrets: Vec<(String, (usize, usize))> =
        findings.iter().filter_map(|f| f.secret.map(|s| (f.file.clone(), s))).collect();
    secrets.extend(planned.secrets);
    secrets.sort();
    secrets.dedup();
    let (suppressed, findings) = findings.into_iter().partition(|f| f.suppression.is_some());
    timer.step("merge");
    drop(globals);
    timer.step("free");
    let mut outcome =
        Outcome { findings, suppressed, errors, notices, files: walk.files.len() + plans.len(), secrets, baselined: 0 };
    select(opts, &mut outcome)?;
    Ok(outcome)
}

/// One finding per source location and message: the instances that say the
/// same thing there (`for_each`, `count`, a module called twice, a task
/// definition checked as a file and where it is rendered) become one finding
/// that names them all and every place their values are written. Instances
/// that differ in what they say (another caller's other bad value) are kept.
fn one_per_location(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.rule_id, &a.message, a.suppression.is_some(), &a.resource).cmp(&(
            &b.file,
            b.line,
            b.column,
            &b.rule_id,
            &b.message,
            b.suppression.is_some(),
            &b.resource,
        ))
    });
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    // The places of the current location's finding (a set: thousands of
    // instances may each bring their own).
    let mut places: HashSet<crate::diagnostics::Place> = HashSet::default();
    for f in findings {
        match out.last_mut() {
            Some(first)
                if first.rule_id == f.rule_id
                    && first.file == f.file
                    && first.line == f.line
                    && first.column == f.column
                    && first.message == f.message =>
            {
                // Reported instances come first; a suppressed one is not
                // named beside them.
                if f.suppression.is_some() && first.suppression.is_none() {
                    continue;
                }
                if first.instances.is_empty() {
                    first.instances.push(first.resource.clone());
                }
                // A finding merged already (by its directory's task) brings
                // its instances; repeats go at the end.
                if f.instances.is_empty() {
                    first.instances.push(f.resource);
                } else {
                    first.instances.extend(f.instances);
                }
                for w in f.written_at {
                    if places.insert(w.clone()) {
                        first.written_at.push(w);
                    }
                }
            }
            _ => {
                places.clear();
                places.extend(f.written_at.iter().cloned());
                out.push(f)
            }
        }
    }
    for f in &mut out {
        f.instances.sort();
        f.instances.dedup();
        if f.instances.len() < 2 {
            f.instances.clear();
        }
        f.written_at.sort();
    }
    out
}

/// A finding whose value is written where the same rule already reports it
/// says nothing new: a module input holding a secret is reported at the
/// literal, and again wherever the module uses it. The one at the literal,
/// where the fix is, stays.
fn without_repeats(findings: Vec<Finding>) -> Vec<Finding> {
    let at: HashSet<(&str, &str, usize, usize)> =
        findings.iter().map(|f| (f.rule_id.as_str(), f.file.as_str(), f.line, f.column)).collect();
    let repeats: Vec<bool> = findings
        .iter()
        .map(|f| {
            !f.written_at.is_empty()
                && f.written_at.iter().all(|w| {
                    (w.file.as_str(), w.line, w.column) != (f.file.as_str(), f.line, f.column)
                        && at.contains(&(f.rule_id.as_str(), w.file.as_str(), w.line, w.column))
                })
        })
        .collect();
    findings.into_iter().zip(repeats).filter(|(_, repeat)| !repeat).map(|(f, _)| f).collect()
}

/// One directory: its module (if it is a root), its variable files, JSON
/// task definitions and sensitive files, checked and resolved to findings.
#[derive(Default)]
struct DirResult {
    findings: Vec<Finding>,
    errors: Vec<LoadError>,
    notices: Vec<crate::suppress::Notice>,
    /// The task ran out of its share of the instances budget and is to be
    /// run again alone (its findings are left out).
    needs_whole_budget: bool,
}

#[allow(clippy::too_many_arguments)]
fn check_dir(
    dir: &Path,
    files: &[&Discovered],
    is_called: bool,
    globals: &Globals,
    heavy: bool,
    merge_early: bool,
    engine: &Engine,
    opts: &Options,
) -> DirResult {
    let sources = Sources::default();
    // Tasks side by side share the instances budget (see Budget::share_instances).
    if !heavy {
        sources.budget.share_instances(rayon::current_num_threads() as u64);
    }
    // Elements no rule relates to others are checked as soon as their file
    // is evaluated, and dropped; the rest wait for the whole module tree.
    let early_raw: std::cell::RefCell<Vec<RawFinding>> = Default::default();
    let early = |el: Element| {
        // Task definitions wait too: their containers are derived below.
        if engine.waits_for_others(&el) || ecs::has_containers(&el) {
            return Some(el);
        }
        engine.check(&el, &Relations::default(), &sources, &mut early_raw.borrow_mut());
        None
    };
    let mut loader = Loader::new(&sources, globals);
    loader.early = Some(&early);
    if heavy {
        loader.parallel_files = false;
    }
    // This directory's files. A called module's Terraform files are read by
    // its callers, who evaluate them.
    for d in files {
        if globals.unreadable.contains(d.path.as_os_str()) || is_called && d.kind == FileKind::Terraform {
            continue;
        }
        let text =
            globals.prefetched.take(&d.path).map_or_else(|| crate::source::read_shared(&d.path, MAX_FILE_BYTES), Ok);
        match text {
            Ok(text) => {
                loader.own.insert((&d.path).into(), text);
            }
            // Changed since the first pass; or a file that is checked by its
            // content (a task definition, a `.env`) and cannot be read as text:
            // said, not skipped, so bytes cannot hide what it holds.
            Err(e) if e.is_notice() => loader.notices.push(crate::diagnostics::Notice {
                file: d.path.to_string_lossy().into(),
                line: 1,
                column: 1,
                message: e.to_string(),
            }),
            Err(e) if must_be_text(d.kind) || may_matter(d) => loader.errors.push(LoadError {
                file: d.path.to_string_lossy().into(),
                line: 1,
                column: 1,
                message: e.to_string(),
            }),
            Err(_) => {}
        }
    }
    let of = |k: FileKind| files.iter().filter(move |d| d.kind == k).map(|d| d.path.clone()).collect::<Vec<_>>();
    let tf = of(FileKind::Terraform);
    let mut auto_tfvars = of(FileKind::AutoTfvars);
    // terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in
    // lexical order (later wins).
    auto_tfvars.sort_by_key(|p| (!p.ends_with("terraform.tfvars"), !p.ends_with("terraform.tfvars.json"), p.clone()));

    let root = !tf.is_empty() && !is_called;
    if root {
        loader.module(dir, &tf, &auto_tfvars, None, "", Span::default());
    }
    if sources.budget.needs_whole_budget() {
        // Not done with the shared trees: the run alone evaluates them.
        return DirResult { needs_whole_budget: true, ..DirResult::default() };
    }
    // Variable files as files: committed secrets.
    let mut var_files: Vec<PathBuf> = of(FileKind::Tfvars);
    var_files.extend(auto_tfvars.iter().cloned());
    for vf in var_files {
        let values = loader.tfvars_values(&vf);
        if let Some(id) = sources.find(&vf) {
            let len = sources.get(id).text.len();
            let span = Span::new(id, 0..len);
            let body: Vec<(Rc<str>, Val)> = values.into_iter().map(|(k, v)| (Rc::from(k), v)).collect();
            loader.elements.push(Element {
                kind: Kind::File,
                type_name: "tfvars".into(),
                address: vf.to_string_lossy().into(),
                span,
                body: Val::new(V::Map(Rc::new(body)), span),
            });
        }
    }
    for d in files {
        let Some(text) = loader.text_of(&d.path).cloned() else { continue };
        if d.kind == FileKind::Json {
            json_file(d, &text, &sources, &mut loader);
            continue;
        }
        let Some(class) = crate::discover::file_element(d.kind, &text) else { continue };
        let id = sources.add(SourceFile::new(d.path.to_string_lossy().into(), d.path.clone(), text.clone()));
        let span = Span::new(id, 0..text.len());
        loader.elements.push(Element {
            kind: Kind::File,
            type_name: class.into(),
            address: d.path.to_string_lossy().into(),
            span,
            body: Val::new(V::Map(Rc::new(Vec::new())), span),
        });
    }
    // Every configuration file, as text: known key formats anywhere in it.
    for id in 0..sources.len() as u32 {
        let f = sources.get(id);
        // (In a pre-commit run, only the named files: a key in another file
        // of the module is that file's finding, which the run does not report.)
        if f.path.extension().is_some_and(|e| e == "tf" || e == "tofu" || e == "tfvars" || e == "json")
            && globals.scanned.contains(f.path.as_os_str())
            && (globals.named.is_empty() || globals.named.contains(f.path.as_os_str()))
        {
            let span = Span::new(id, 0..f.text.len());
            loader.elements.push(Element {
                kind: Kind::File,
                type_name: "text".into(),
                address: f.display.clone(),
                span,
                body: Val::new(V::Map(Rc::new(Vec::new())), span),
            });
        }
    }
    // A plain JSON file read with `file()` is checked as that file; a template
    // is checked as rendered too (its standalone check cannot see the values).
    let containers = ecs::from_task_definitions(&loader.elements, &sources, |p| {
        globals.scanned.contains(p.as_os_str())
            && p.extension().is_some_and(|e| e == "json")
            && !loader.text_of(p).is_some_and(|t| is_template(t))
    });
    loader.elements.extend(containers);

    let mut raw: Vec<RawFinding> = early_raw.take();
    let relations = engine.relations(&loader.elements);
    for el in &loader.elements {
        engine.check(el, &relations, &sources, &mut raw);
    }
    // Budgets that ran out (the rules' reads of related elements included),
    // located where they did.
    for (span, message) in sources.budget.take_exhausted() {
        let f = sources.get(span.file);
        let (line, column) = f.line_col(span.start);
        loader.errors.push(LoadError { file: f.display.clone(), line, column, message });
    }
    let mut findings: Vec<Finding> = Vec::with_capacity(raw.len());
    let mut moved: Vec<Finding> = Vec::new();
    for r in raw {
        let (r, was_moved) = relocated(r, &sources);
        let mut f = crate::report::resolve(r, engine, &sources);
        f.called_at = called_at(&f.resource, &loader.call_sites, &sources);
        if was_moved {
            moved.push(f)
        } else {
            findings.push(f)
        }
    }
    // A value the caller wrote, moved there from an installed module, is one
    // finding per rule at its place: the caller's own element (the module
    // input) or another resource of the module may report it already.
    let mut at: HashSet<(String, String, usize, usize)> =
        findings.iter().map(|f| (f.rule_id.clone(), f.file.clone(), f.line, f.column)).collect();
    findings.extend(moved.into_iter().filter(|f| at.insert((f.rule_id.clone(), f.file.clone(), f.line, f.column))));
    // The catch-all key-format rule yields to any other finding on the same line.
    let specific: HashSet<(String, usize)> =
        findings.iter().filter(|f| f.rule_id != KEY_FORMAT_RULE).map(|f| (f.file.clone(), f.line)).collect();
    findings.retain(|f| f.rule_id != KEY_FORMAT_RULE || !specific.contains(&(f.file.clone(), f.line)));
    let notices =
        if opts.no_inline_ignores { Vec::new() } else { apply_ignores(&loader, &sources, &mut findings, engine, opts) };
    let mut notices = notices;
    notices.append(&mut loader.notices);
    // Trees shared with other tasks this one might have evaluated and did not.
    globals.trees.task_ended(dir, &loader.evaluated_dirs);
    let findings = if merge_early { one_per_location(findings) } else { findings };
    let errors = std::mem::take(&mut loader.errors);
    if globals.leave_to_exit {
        std::mem::forget(loader);
        std::mem::forget(sources);
    }
    DirResult { findings, errors, notices, needs_whole_budget: false }
}

/// The files of the `module` blocks that make the instance at `address`
/// (each prefix of it that ends a module instance), outermost first.
fn called_at(address: &str, sites: &foldhash::HashMap<String, Span>, sources: &Sources) -> Vec<String> {
    if sites.is_empty() || !address.starts_with("module.") {
        return Vec::new();
    }
    address
        .match_indices('.')
        .filter_map(|(i, _)| sites.get(&address[..=i]))
        .map(|at| sources.get(at.file).display.clone())
        .collect()
}

/// A finding in a module that `terraform init` installed (under `.terraform/`:
/// not part of the repository, downloaded again by every `init`) whose
/// offending value the caller wrote (a module input, a variable's value) is
/// reported where it was written: where it can be changed, annotated on a
/// pull request or ignored. A value the module itself sets is reported in the
/// module's file, as Checkov and Trivy report it (an ignore comment on the
/// `module` block covers it).
/// True when the finding was moved.
fn relocated(mut raw: RawFinding, sources: &Sources) -> (RawFinding, bool) {
    let installed = |s: Span| is_installed(&sources.get(s.file).path);
    let Some(origin) = raw.hit.origin.filter(|o| installed(raw.hit.span) && !installed(*o)) else {
        return (raw, false);
    };
    raw.hit.span = origin;
    // The secret is masked where the finding now points.
    if raw.hit.secret.is_some_and(|s| s.file != origin.file) {
        raw.hit.secret = Some(origin);
    }
    (raw, true)
}

/// Is this file part of a module `terraform init` installed (`.terraform/modules/...`)?
fn is_installed(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == ".terraform")
}

/// Ignore comments in the Terraform and variable files this task read.
fn apply_ignores(
    loader: &Loader,
    sources: &Sources,
    findings: &mut [Finding],
    engine: &Engine,
    opts: &Options,
) -> Vec<crate::suppress::Notice> {
    let files: Vec<(Arc<SourceFile>, crate::source::FileId)> = (0..sources.len() as u32)
        .map(|id| (sources.get(id), id))
        .filter(|(f, _)| f.path.extension().is_some_and(|e| e == "tf" || e == "tofu" || e == "tfvars"))
        .collect();
    let files = files.iter().map(|(f, id)| (&**f, || loader.constructs(*id)));
    crate::suppress::apply_in(files, findings, &engine.rules, opts.report_unused_ignores)
}

/// A standalone JSON file: an ECS task definition or bare container
/// definitions become elements; any other JSON is left alone.
fn json_file(d: &Discovered, text: &Arc<str>, sources: &Sources, loader: &mut Loader) {
    let id = sources.add(SourceFile::new(d.path.to_string_lossy().into(), d.path.clone(), text.clone()));
    let template = is_template(text);
    let doc = match crate::parse::json::parse_file(text, id) {
        Ok(doc) if template => ecs::placeholders_unknown(doc),
        Ok(doc) => doc,
        Err(e) => {
            // Broken JSON is only our business when it is meant to be a task
            // definition, and not a template (`"containerPort": ${port}`),
            // which is checked where `templatefile()` renders it.
            let task_definition =
                text.contains("\"containerDefinitions\"") || text.contains("\"image\"") && text.contains("\"name\"");
            if task_definition && !template {
                let (line, column) = sources.get(id).line_col(e.offset as u32);
                let file = d.path.to_string_lossy().into_owned();
                // Placeholders another tool fills in (`"cpu": $$$$CPU$$$$`):
                // said, but not an error that fails the run.
                match text.lines().nth(line.saturating_sub(1)).and_then(|l| crate::parse::template_marker(l, true)) {
                    Some(marker) => loader.notices.push(crate::diagnostics::Notice {
                        file,
                        line,
                        column,
                        message: format!("not checked: a template (`{marker}` where JSON cannot have it); check the task definition once it is rendered"),
                    }),
                    None => loader.errors.push(LoadError { file, line, column, message: format!("cannot parse JSON: {}", e.message) }),
                }
            }
            return;
        }
    };
    let doc = ecs::unwrap_task_definition(doc);
    let Some(defs) = ecs::definitions_of(&doc) else { return };
    let family = doc.get("family").and_then(|f| f.as_str()).map(|f| format!("task_definition.{f}")).unwrap_or_default();
    if !family.is_empty() {
        loader.elements.push(Element {
            kind: Kind::TaskDefinition,
            type_name: "ecs".into(),
            address: family.clone(),
            span: doc.span,
            body: doc.clone(),
        });
    }
    ecs::containers(defs, &family, &mut loader.elements);
}

/// Does this JSON text hold template syntax (`${...}`, `%{...}`)? Then it is
/// rendered by something (`templatefile()`, a deploy script) before it is a
/// task definition.
pub(crate) fn is_template(text: &str) -> bool {
    text.contains("${") || text.contains("%{")
}

/// The floors the benchmark compares against: reading every file, and
/// reading plus parsing (the same parsers, in parallel). Returns (files, bytes).
pub fn floor(paths: &[PathBuf], parse: bool) -> (usize, usize) {
    let boundary = crate::boundary::Boundary::for_scan(paths, &[]);
    let walk = discover::walk(paths, &discover::build_excludes(&[]).unwrap_or_default(), &boundary);
    // Each file is read and parsed in one go, as cheaply as it can be: the
    // text (and tree) are dropped at once, so memory is reused while hot.
    let bytes = walk
        .files
        .par_iter()
        .map(|d| {
            let Ok(t) = crate::source::read_shared(&d.path, MAX_FILE_BYTES) else { return 0 };
            if parse {
                let parsed = match d.kind {
                    FileKind::Terraform | FileKind::AutoTfvars | FileKind::Tfvars
                        if !crate::parse::json_syntax::is_json_syntax(&d.path) =>
                    {
                        crate::parse::hcl::parse_terraform(&t).map(|b| b.len()).unwrap_or(0)
                    }
                    FileKind::Terraform | FileKind::AutoTfvars | FileKind::Tfvars | FileKind::Json => {
                        crate::parse::json::parse_file(&t, 0).map(|_| 1).unwrap_or(0)
                    }
                    _ => 0,
                };
                std::hint::black_box(parsed);
            }
            t.len()
        })
        .sum();
    (walk.files.len(), bytes)
}
