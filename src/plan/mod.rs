//! Terraform plans in JSON (`terraform show -json plan.out > plan.json`):
//! every value resolved, remote modules included. Each resource the plan
//! leaves after apply becomes a model [`Element`] and meets the same rules as
//! `.tf` input; each finding is placed back in the `.tf` source (the
//! resource's block, the attribute that wrote the value) when the source is
//! next to the plan, else at the resource's address in the plan.
//!
//! A plan is checked when it is named on the command line, never when a
//! directory walk meets one: repositories commit plan fixtures, whose
//! findings would surprise.

mod locate;
pub mod read;

use std::path::{Path, PathBuf};

use crate::diagnostics::LoadError;
use crate::eval::ecs;
use crate::model::{Element, Val, V};
use crate::report::Finding;
use crate::rules::engine::{Engine, RawFinding, Relations};
use crate::source::{SourceFile, Sources};

/// Rules about what the code writes (a password written in it), not about
/// the value: on a plan they see only what the configuration writes as a
/// constant, since every value of a plan is resolved, those passed in at
/// plan time (`-var`, `TF_VAR_...`) included.
const WRITTEN_IN_CODE: &[&str] = &["secret-hardcoded-attribute", "secret-ssm-parameter-literal"];

/// What checking the plans found, for the pipeline to merge with the rest.
#[derive(Default)]
pub struct Checked {
    pub findings: Vec<Finding>,
    pub errors: Vec<LoadError>,
    pub notices: Vec<crate::suppress::Notice>,
    /// Where the plans hold sensitive values: excerpts of a plan mask them.
    pub secrets: Vec<(String, (usize, usize))>,
}

/// The plans among the paths given (files whose content is a plan), and the
/// other paths.
pub fn partition(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    paths.iter().cloned().partition(|p| is_plan_file(p))
}

/// A JSON file whose top level has `format_version` and `planned_values` or
/// `resource_changes`. Only the top level is read (serde skips the rest).
fn is_plan_file(path: &Path) -> bool {
    #[derive(serde::Deserialize)]
    struct Top {
        format_version: Option<serde::de::IgnoredAny>,
        planned_values: Option<serde::de::IgnoredAny>,
        resource_changes: Option<serde::de::IgnoredAny>,
    }
    if crate::discover::classify(path) != Some(crate::discover::FileKind::Json) || !path.is_file() {
        return false;
    }
    let mut buf = Vec::new();
    let bytes = match crate::source::read_bytes_into(path, crate::source::MAX_FILE_BYTES, &mut buf) {
        Ok(b) => b,
        // Too large to check: a plan by its first bytes (as Terraform writes
        // it), so that the reason is said rather than the file ignored.
        Err(crate::source::ReadError::TooLarge(_)) => {
            let mut head = Vec::new();
            return crate::source::read_head_into(path, 4096, &mut head)
                .is_ok_and(|h| memchr::memmem::find(h, b"\"format_version\"").is_some());
        }
        Err(_) => return false,
    };
    // Cheap first: most JSON named on a command line is not a plan.
    let has = |k: &[u8]| memchr::memmem::find(bytes, k).is_some();
    if !has(b"\"format_version\"") || !(has(b"\"planned_values\"") || has(b"\"resource_changes\"")) {
        return false;
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match serde_json::from_slice::<Top>(bytes) {
        Ok(t) => t.format_version.is_some() && (t.planned_values.is_some() || t.resource_changes.is_some()),
        // A plan cut short or broken: checked as one, so that the error is said.
        Err(e) => e.is_syntax() || e.is_eof(),
    }
}

/// Checks every plan; the source of each is looked up under `source_root`
/// (default: the plan's directory).
pub fn check_all(plans: &[PathBuf], source_root: Option<&Path>, engine: &Engine, no_inline_ignores: bool) -> Checked {
    let mut out = Checked::default();
    if let Some(dir) = source_root.filter(|d| !plans.is_empty() && !d.is_dir()) {
        let message = "--plan-source: not a directory".to_string();
        out.errors.push(LoadError { file: dir.to_string_lossy().into(), line: 1, column: 1, message });
        return out;
    }
    for p in plans {
        let root = source_root.map(Path::to_path_buf).unwrap_or_else(|| match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        });
        check(&crate::eval::normalize(p), &root, engine, no_inline_ignores, &mut out);
    }
    out
}

fn check(path: &Path, root: &Path, engine: &Engine, no_inline_ignores: bool, out: &mut Checked) {
    let display: String = path.to_string_lossy().into();
    let error = |line, column, message: String| LoadError { file: display.clone(), line, column, message };
    let text = match crate::source::read_shared(path, crate::source::MAX_FILE_BYTES) {
        Ok(t) => t,
        Err(e) => return out.errors.push(error(1, 1, e.to_string())),
    };
    let sources = Sources::default();
    let plan_id = sources.add(SourceFile::new(display.clone(), path.to_path_buf(), text.clone()));
    let doc = match crate::parse::json::parse_file(&text, plan_id) {
        Ok(d) if read::is_plan(&d) => d,
        Ok(_) => return out.errors.push(error(1, 1, "not a Terraform plan in JSON".into())),
        Err(e) => {
            let (line, column) = sources.get(plan_id).line_col(e.offset as u32);
            return out.errors.push(error(line, column, format!("cannot parse plan JSON: {}", e.message)));
        }
    };
    let mut tree = locate::SourceTree::new(root);
    // The root module's files, whatever the plan holds: their ignore comments
    // on `module` blocks cover the resources of remote modules too.
    if let Some(d) = tree.module_dir(&[], &[]) {
        tree.dir(&d, &sources);
    }
    let (mut elements, written): (Vec<Element>, Vec<Element>) = read::resources(&doc)
        .into_iter()
        .map(|r| {
            let [el, written] = elements(r, &doc, &mut tree, &sources);
            (el, written)
        })
        .unzip();
    // Container definitions (a JSON string in the plan) as in `.tf` input;
    // those of a task definition placed in the plan are at its address too.
    let mut containers = ecs::from_task_definitions(&elements, &sources, |_| false);
    for c in &mut containers {
        let parent = elements
            .iter()
            .find(|e| c.address.strip_prefix(e.address.as_str()).is_some_and(|r| r.starts_with(".container.")));
        if let Some(p) = parent.filter(|p| p.span.file == plan_id) {
            c.span = p.span;
            c.body = locate::all_at(&c.body, p.span);
        }
    }
    elements.extend(containers);

    let raw = run_rules(&elements, &written, engine, &sources);
    let hidden = sensitive_texts(&doc);
    let mut findings: Vec<Finding> = raw.into_iter().map(|r| crate::report::resolve(r, engine, &sources)).collect();
    for f in &mut findings {
        hide_sensitive(f, &hidden, &display);
    }
    if !no_inline_ignores {
        apply_ignores(&tree, &sources, &mut findings, engine, &mut out.notices);
    }
    out.findings.extend(findings);
    out.secrets.extend(
        read::sensitive_values(&doc)
            .into_iter()
            .filter(|v| v.span.file == plan_id)
            .map(|v| (display.clone(), (v.span.start as usize, v.span.end as usize))),
    );
}

/// The rules on the elements; those about what the code writes
/// ([`WRITTEN_IN_CODE`]) on the elements as the configuration writes them.
fn run_rules(elements: &[Element], written: &[Element], engine: &Engine, sources: &Sources) -> Vec<RawFinding> {
    let code_rule = |i: usize| WRITTEN_IN_CODE.contains(&engine.rules[i].id.as_str());
    let mut raw = Vec::new();
    let relations: Relations = engine.relations(elements);
    for el in elements {
        engine.check(el, &relations, sources, &mut raw);
    }
    raw.retain(|r| !code_rule(r.rule));
    let mut from_code = Vec::new();
    for el in written {
        engine.check(el, &Relations::default(), sources, &mut from_code);
    }
    raw.extend(from_code.into_iter().filter(|r| code_rule(r.rule)));
    raw
}

/// No sensitive value in a finding: its text in the message is replaced,
/// and what the excerpt masks is set (`plan` is the plan's display name).
fn hide_sensitive(f: &mut Finding, hidden: &[String], plan: &str) {
    for s in hidden {
        if f.message.contains(s.as_str()) {
            f.message = f.message.replace(s.as_str(), "(sensitive)");
        }
    }
    if f.file == plan {
        // The finding is the resource's address: no secret is there.
        f.secret = None;
    } else if f.secret.is_some_and(|(s, e)| s == e) {
        // A secret the source writes otherwise than the plan holds it
        // (a template, a variable): the whole expression is masked.
        f.secret = Some(f.offsets);
    }
}

/// A plan resource as model elements: its values, and its values as the
/// configuration writes them (see [`read::PlanResource::written`]), placed
/// where the source writes them (see [`locate`]), else at its address in the plan.
fn elements(r: read::PlanResource, doc: &Val, tree: &mut locate::SourceTree, sources: &Sources) -> [Element; 2] {
    let (calls, local) = read::config_path(&r.address);
    let dir = read::call_sources(doc, &calls).and_then(|s| tree.module_dir(&calls, &s));
    let placed = dir.and_then(|d| {
        let (id, block) = tree.dir(&d, sources).block(r.kind, &local)?;
        let span = crate::eval::expr::span_of(block, id);
        let place = |v: &Val| locate::in_body(v, &block.body, id, span);
        Some((span, place(&r.values), place(&r.written)))
    });
    let (span, body, written) =
        placed.unwrap_or_else(|| (r.at, locate::all_at(&r.values, r.at), locate::all_at(&r.written, r.at)));
    let el = |body| Element { kind: r.kind, type_name: r.type_name.clone(), address: r.address.clone(), span, body };
    [el(body), el(written)]
}

/// The ignore comments of the `.tf` files findings were placed in. An
/// ignore that covers nothing in the plan is not reported unused: it may be
/// about what only the source has (a provider block, a variable).
fn apply_ignores(
    tree: &locate::SourceTree,
    sources: &Sources,
    findings: &mut [Finding],
    engine: &Engine,
    notices: &mut Vec<crate::suppress::Notice>,
) {
    let files: Vec<_> = tree.all().map(|(id, body)| (sources.get(*id), body)).collect();
    let files = files.iter().map(|(f, body)| (&**f, || crate::eval::module::constructs_of(body, f)));
    notices.extend(crate::suppress::apply_in(files, findings, &engine.rules, false));
}

/// The texts of the plan's sensitive values (strings of four characters or
/// more): a message that quotes one says `(sensitive)` instead. The parts of
/// a sensitive JSON document are not: Terraform marks a whole container
/// definition sensitive for one variable in it, and the rules mask the
/// secrets they find in such documents themselves.
fn sensitive_texts(doc: &Val) -> Vec<String> {
    fn leaves(v: &Val, out: &mut Vec<String>) {
        match &v.v {
            V::Str(t) => {
                let s = t.text.as_str();
                if s.chars().count() >= 4 {
                    out.push(s.to_string());
                }
            }
            V::Num(n) if n.abs() >= 1000.0 => out.push(crate::model::value::fmt_num(*n)),
            V::List(items) => items.iter().for_each(|x| leaves(x, out)),
            V::Map(m) => m.iter().for_each(|(_, x)| leaves(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for v in read::sensitive_values(doc) {
        leaves(v, &mut out);
    }
    // Longest first: a secret holding another is replaced whole.
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out.dedup();
    out
}
