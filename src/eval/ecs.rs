//! ECS container definitions into model elements, from Terraform
//! (`container_definitions`) and from standalone task-definition JSON.

use std::rc::Rc;

use crate::model::{Element, Kind, Text, Val, UNKNOWN_MARK, V};
use crate::source::Sources;

/// Does this element hold container definitions (its containers are derived
/// once its module is evaluated)?
pub fn has_containers(el: &Element) -> bool {
    el.type_name == "aws_ecs_task_definition"
}

/// The task definition of `aws ecs describe-task-definition` output
/// (`{"taskDefinition": {...}, "tags": [...]}`), or the document itself.
pub fn unwrap_task_definition(doc: Val) -> Val {
    match doc.get("taskDefinition") {
        Some(td) if td.get("containerDefinitions").is_some_and(|c| c.as_list().is_some()) => td.clone(),
        _ => doc,
    }
}

/// Does this JSON document look like ECS container definitions? An object with
/// `containerDefinitions`, or an array of objects with `name` and `image`.
pub fn definitions_of(doc: &Val) -> Option<&Val> {
    match &doc.v {
        V::Map(_) => doc.get("containerDefinitions").filter(|c| c.as_list().is_some()),
        V::List(items) => {
            let looks = !items.is_empty()
                && items.iter().all(|c| c.get("image").is_some() || c.get("name").is_some() && c.as_map().is_some())
                && items.iter().any(|c| c.get("image").is_some());
            looks.then_some(doc)
        }
        _ => None,
    }
}

/// One element per container, addressed `PARENT.container.NAME`.
///
/// Containers built by one expression (`[for c in module.container :
/// c.container_definition]`) all have its span: each of those is placed where
/// it comes from instead, when that is known (the `for_each` entry of the
/// module instance that made it), so that each is reported, and where it is
/// written.
pub fn containers(defs: &Val, parent: &str, out: &mut Vec<Element>) {
    let items = defs.items();
    let mut spans: foldhash::HashMap<crate::source::Span, usize> = Default::default();
    for c in &items {
        *spans.entry(c.span).or_default() += 1;
    }
    for (i, c) in items.iter().enumerate() {
        if c.as_map().is_none() {
            continue;
        }
        let name = c.get("name").and_then(|n| n.as_str()).map(|n| n.into_owned()).unwrap_or_else(|| i.to_string());
        let address =
            if parent.is_empty() { format!("container.{name}") } else { format!("{parent}.container.{name}") };
        let shared = spans.get(&c.span).is_some_and(|n| *n > 1);
        let span = match c.origin {
            Some(origin) if shared => origin,
            _ => c.span,
        };
        out.push(Element { kind: Kind::Container, type_name: "ecs".into(), address, span, body: (*c).clone() });
    }
}

/// Containers of Terraform task definitions. A definition loaded with
/// `file()` from a JSON file that is itself scanned is left to that file, so
/// each problem is reported once.
pub fn from_task_definitions(
    elements: &[Element],
    sources: &Sources,
    is_scanned_json: impl Fn(&std::path::Path) -> bool,
) -> Vec<Element> {
    let mut out = Vec::new();
    for el in elements.iter().filter(|e| has_containers(e)) {
        let Some(cd) = el.get("container_definitions") else { continue };
        let Some(doc) = crate::parse::json::document(cd, sources) else { continue };
        let Some(defs) = doc.as_list().map(|_| &doc) else { continue };
        if defs.span.file != el.span.file && is_scanned_json(&sources.get(defs.span.file).path) {
            continue;
        }
        containers(defs, &el.address, &mut out);
    }
    out
}

/// Containers given whole (ECS JSON, or the list `jsonencode` takes) to a
/// module that is not here to be evaluated (a registry module not
/// downloaded): the input is all there is to check. A module that is
/// evaluated checks its own task definition instead. An input in another
/// schema (`terraform-aws-modules/ecs` takes a map by container name) is
/// not read.
pub fn from_module_input(
    module: &Element,
    sources: &Sources,
    is_scanned_json: impl Fn(&std::path::Path) -> bool,
) -> Vec<Element> {
    let mut out = Vec::new();
    for (key, v) in module.body.as_map().unwrap_or_default() {
        if !CONTAINER_INPUTS.contains(&&**key) {
            continue;
        }
        let Some(doc) = crate::parse::json::document(v, sources) else { continue };
        // A list of containers, or one container (`name` and `image`).
        let single = doc.get("image").is_some() && doc.get("name").is_some();
        let defs = if single {
            Val::new(V::List(Rc::new(vec![doc.clone()])), doc.span)
        } else if doc.as_list().is_some() && definitions_of(&doc).is_some() {
            doc.clone()
        } else if let Some(by_name) = containers_by_name(&doc) {
            by_name
        } else {
            continue;
        };
        if defs.span.file != module.span.file && is_scanned_json(&sources.get(defs.span.file).path) {
            continue;
        }
        containers(&defs, &module.address, &mut out);
    }
    // The module may add what is not written here (a log configuration, a
    // read-only root filesystem): only rules that judge written values
    // target these (`container.ecs_module_input`).
    for c in &mut out {
        c.type_name = "ecs_module_input".into();
    }
    out
}

/// `terraform-aws-modules/ecs` takes containers as a map by name
/// (`container_definitions = { web = { image = ..., environment = [...] } }`),
/// with its own snake_case keys beside ECS's (`environment`, `privileged`,
/// `user`, `image` are the same): the list of them, each named by its key.
fn containers_by_name(doc: &Val) -> Option<Val> {
    let m = doc.as_map()?;
    if m.is_empty() || !m.iter().all(|(_, c)| c.as_map().is_some() && c.get("image").is_some()) {
        return None;
    }
    let list = m
        .iter()
        .map(|(name, c)| {
            let mut fields: Vec<(Rc<str>, Val)> = c.as_map().unwrap_or_default().to_vec();
            if c.get("name").is_none() {
                fields.push((Rc::from("name"), Val::str(&**name, c.span)));
            }
            let mut named = Val::new(V::Map(Rc::new(fields)), c.span);
            named.origin = c.origin;
            named
        })
        .collect();
    Some(Val::new(V::List(Rc::new(list)), doc.span))
}

/// Module inputs that take whole container definitions (JSON or a list of objects).
const CONTAINER_INPUTS: &[&str] = &[
    "container_definitions",
    "container_definitions_json",
    "container_definition_json",
    "container_definition",
    "task_container_definitions",
];

/// A task definition that is a template: each `${...}` in its strings is a
/// placeholder filled in when it is rendered, so Unknown
/// (`"image": "${registry_image}"` is not an untagged image).
pub fn placeholders_unknown(doc: Val) -> Val {
    let v = match &doc.v {
        V::Str(t) if t.text.contains("${") => {
            let mut text = String::with_capacity(t.text.len());
            let mut rest = t.text.as_str();
            while let Some(at) = rest.find("${") {
                text.push_str(&rest[..at]);
                text.push(UNKNOWN_MARK);
                rest = rest[at..].find('}').map_or("", |end| &rest[at + end + 1..]);
            }
            text.push_str(rest);
            V::Str(Rc::new(Text::plain(text)))
        }
        V::List(l) => V::List(Rc::new(l.iter().cloned().map(placeholders_unknown).collect())),
        V::Map(m) => V::Map(Rc::new(m.iter().map(|(k, x)| (k.clone(), placeholders_unknown(x.clone()))).collect())),
        _ => return doc,
    };
    let mut out = Val::new(v, doc.span);
    out.origin = doc.origin;
    out
}
