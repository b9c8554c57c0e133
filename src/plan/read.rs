//! A plan's resources, read from `terraform show -json` output (the
//! documented "JSON Output Format"): what will exist after apply, with the
//! values only apply knows marked Unknown.

use std::rc::Rc;

use crate::model::{value::key, Kind, Val, V};
use crate::source::Span;

/// One resource instance of the plan, before it is placed in the source.
pub struct PlanResource {
    /// The full instance address (`module.db["a"].aws_db_instance.this[0]`).
    pub address: String,
    pub kind: Kind,
    pub type_name: String,
    /// The resource's values, with [`V::Unknown`] (or [`V::Ref`], from the
    /// configuration's references) where only apply knows them.
    pub values: Val,
    /// The `"address"` string of the resource in the plan: where a finding
    /// points when the source is not at hand.
    pub at: Span,
    /// The values as the configuration writes them: those it gives as
    /// constants (`constant_value`), everything else Unknown. What rules
    /// about what the code writes (a hard-coded password) see: in a plan
    /// every value is resolved, those passed in at plan time included.
    pub written: Val,
}

/// Is this document a plan? A JSON object with `format_version` and
/// `planned_values` or `resource_changes` (state has `values` instead).
pub fn is_plan(doc: &Val) -> bool {
    doc.get("format_version").is_some()
        && (doc.get("planned_values").is_some() || doc.get("resource_changes").is_some())
}

/// The resources a plan leaves after apply: `planned_values` (every resource
/// and deferred data source, changed or not), else the `after` of
/// `resource_changes`. Resources only deleted are left out.
pub fn resources(doc: &Val) -> Vec<PlanResource> {
    let changes = changes_by_address(doc);
    let config = config_resources(doc);
    let mut out = Vec::new();
    if let Some(root) = doc.get("planned_values").and_then(|p| p.get("root_module")) {
        module_resources(root, &mut |r| {
            let address = str_of(r, "address");
            let change = changes.get(address.as_str());
            if change.is_some_and(|c| is_delete(c)) {
                return;
            }
            let values = r.get("values").cloned().unwrap_or_else(|| empty_map(r.span));
            let unknown = change.and_then(|c| c.get("after_unknown"));
            out.extend(resource(&config, r, values, unknown));
        });
    } else {
        for c in doc.get("resource_changes").map(Val::items).unwrap_or_default() {
            let Some(change) = c.get("change") else { continue };
            let after = change.get("after").filter(|a| a.as_map().is_some());
            let (Some(after), false) = (after, is_delete(change)) else { continue };
            out.extend(resource(&config, c, after.clone(), change.get("after_unknown")));
        }
    }
    out
}

/// A resource object of `planned_values` or `resource_changes` (both have
/// `address`, `mode`, `type`), its values and what of them is unknown.
fn resource(config: &ConfigResources, r: &Val, values: Val, unknown: Option<&Val>) -> Option<PlanResource> {
    let address = str_of(r, "address");
    let type_name = str_of(r, "type");
    let kind = match str_of(r, "mode").as_str() {
        "managed" => Kind::Resource,
        "data" => Kind::Data,
        _ => return None,
    };
    if address.is_empty() || type_name.is_empty() {
        return None;
    }
    let at = r.get("address").map_or(r.span, |a| a.span);
    let values = match unknown {
        Some(u) => with_unknown(values, u),
        None => values,
    };
    let exprs = config.get(&config_path(&address)).and_then(|c| c.get("expressions"));
    let values = match exprs {
        Some(exprs) => with_references(values, exprs),
        None => values,
    };
    let written = constants(&values, exprs);
    Some(PlanResource { address, kind, type_name, values, at, written })
}

/// The `change` of each address in `resource_changes`.
fn changes_by_address(doc: &Val) -> foldhash::HashMap<String, &Val> {
    doc.get("resource_changes")
        .map(Val::items)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| Some((c.get("address")?.as_str()?.into_owned(), c.get("change")?)))
        .collect()
}

/// A change whose only action is `delete`: nothing is left to check.
fn is_delete(change: &Val) -> bool {
    let actions: Vec<_> = change.get("actions").map(Val::items).unwrap_or_default();
    actions.len() == 1 && actions[0].as_str().as_deref() == Some("delete")
}

/// Every resource of a `planned_values` module and of its `child_modules`.
fn module_resources<'d>(module: &'d Val, each: &mut dyn FnMut(&'d Val)) {
    for r in module.get("resources").map(Val::items).unwrap_or_default() {
        each(r);
    }
    for child in module.get("child_modules").map(Val::items).unwrap_or_default() {
        module_resources(child, each);
    }
}

fn str_of(v: &Val, k: &str) -> String {
    v.get(k).and_then(|s| s.as_str()).map(|s| s.into_owned()).unwrap_or_default()
}

fn empty_map(span: Span) -> Val {
    Val::new(V::Map(Rc::new(Vec::new())), span)
}

/// Does an `after_unknown` (or `sensitive_values`) tree mark anything?
fn marks_any(u: &Val) -> bool {
    match &u.v {
        V::Bool(b) => *b,
        V::List(items) => items.iter().any(marks_any),
        V::Map(m) => m.iter().any(|(_, x)| marks_any(x)),
        _ => false,
    }
}

/// `values` with every part `after_unknown` marks `true` Unknown. Unknown
/// attributes are left out of the plan's values altogether: they are put
/// back, Unknown, so that a rule does not read them as unset.
pub fn with_unknown(values: Val, u: &Val) -> Val {
    match (&u.v, &values.v) {
        (V::Bool(true), _) => Val::unknown(values.span),
        (V::Map(marks), V::Map(_) | V::Null) if marks_any(u) => {
            let mut entries: Vec<(Rc<str>, Val)> = values.as_map().map(<[_]>::to_vec).unwrap_or_default();
            for (k, mark) in marks.iter().filter(|(_, m)| marks_any(m)) {
                match entries.iter_mut().find(|(ek, _)| ek == k) {
                    Some((_, v)) => *v = with_unknown(v.clone(), mark),
                    None => entries.push((key(k), with_unknown(Val::new(V::Null, values.span), mark))),
                }
            }
            Val::new(V::Map(Rc::new(entries)), values.span)
        }
        (V::List(marks), V::List(_) | V::Null) if marks_any(u) => {
            let items = values.as_list().unwrap_or_default();
            let len = items.len().max(marks.len());
            let null = Val::new(V::Null, values.span);
            let out = (0..len)
                .map(|i| {
                    let v = items.get(i).cloned().unwrap_or_else(|| null.clone());
                    match marks.get(i) {
                        Some(m) => with_unknown(v, m),
                        None => v,
                    }
                })
                .collect();
            Val::new(V::List(Rc::new(out)), values.span)
        }
        _ => values,
    }
}

/// An Unknown attribute whose expression refers to another object
/// (`bucket = aws_s3_bucket.docs.id`, where the id is known after apply)
/// becomes that reference, as in `.tf` input: checks relate resources by it.
fn with_references(values: Val, exprs: &Val) -> Val {
    let Some(entries) = values.as_map() else { return values };
    let out: Vec<(Rc<str>, Val)> = entries
        .iter()
        .map(|(k, v)| {
            let reference = exprs
                .get(k)
                .filter(|_| matches!(v.v, V::Unknown))
                .and_then(|e| e.get("references"))
                .and_then(|r| r.items().first().and_then(|r| r.as_str()).map(|r| r.into_owned()));
            match reference {
                Some(r) => (k.clone(), Val::new(V::Ref(Rc::new(r)), v.span)),
                None => (k.clone(), v.clone()),
            }
        })
        .collect();
    Val::new(V::Map(Rc::new(out)), values.span)
}

/// The parts of a resource's values that its configuration `expressions`
/// write as constants; the rest Unknown. Nested blocks are lists of
/// expression objects, matched item by item.
fn constants(values: &Val, exprs: Option<&Val>) -> Val {
    let Some(exprs) = exprs else { return Val::unknown(values.span) };
    if exprs.get("constant_value").is_some() {
        return values.clone();
    }
    match (&values.v, &exprs.v) {
        (V::Map(m), V::Map(_)) if exprs.get("references").is_none() => {
            let out = m.iter().map(|(k, x)| (k.clone(), constants(x, exprs.get(k)))).collect();
            Val::new(V::Map(Rc::new(out)), values.span)
        }
        (V::List(items), V::List(e)) if items.len() == e.len() => {
            let out = items.iter().zip(e.iter()).map(|(x, ex)| constants(x, Some(ex))).collect();
            Val::new(V::List(Rc::new(out)), values.span)
        }
        _ => Val::unknown(values.span),
    }
}

/// The module calls an instance address goes through, without instance keys
/// (`module.db["a"].module.x.aws_s3_bucket.b[0]` → `["db", "x"]`), and the
/// resource's address in its module without its key (`aws_s3_bucket.b`).
pub fn config_path(address: &str) -> (Vec<String>, String) {
    let mut calls = Vec::new();
    let mut rest = address;
    while let Some(after) = rest.strip_prefix("module.") {
        let name_len = after.find(['.', '[']).unwrap_or(after.len());
        calls.push(after[..name_len].to_string());
        rest = skip_key(&after[name_len..]).trim_start_matches('.');
    }
    let local = match rest.rfind('[') {
        Some(i) if rest.ends_with(']') => &rest[..i],
        _ => rest,
    };
    // A key's quoted text may hold `[`: cut at the first bracket after the name.
    let local = local.find('[').map_or(local, |i| &local[..i]);
    (calls, local.to_string())
}

/// `["a.b"].rest` → `.rest`: skips one instance key (quoted text may hold `]`).
fn skip_key(s: &str) -> &str {
    if !s.starts_with('[') {
        return s;
    }
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ']' if !quoted => return &s[i + 1..],
            _ => {}
        }
    }
    ""
}

/// The `configuration` module a chain of module calls leads to.
pub fn config_module<'d>(doc: &'d Val, calls: &[String]) -> Option<&'d Val> {
    let mut module = doc.get("configuration")?.get("root_module")?;
    for c in calls {
        module = module.get("module_calls")?.get(c)?.get("module")?;
    }
    Some(module)
}

/// The `source` of each module call along `calls`, from the root.
pub fn call_sources(doc: &Val, calls: &[String]) -> Option<Vec<String>> {
    if calls.is_empty() {
        // The root module: no `configuration` is needed to find it.
        return Some(Vec::new());
    }
    let mut module = doc.get("configuration")?.get("root_module")?;
    let mut out = Vec::new();
    for c in calls {
        let call = module.get("module_calls")?.get(c)?;
        out.push(call.get("source")?.as_str()?.into_owned());
        module = call.get("module")?;
    }
    Some(out)
}

/// The configuration of the resource at `address` (its `expressions`).
/// The resources of `configuration`, by module call path and address in
/// their module (the first one of each), gathered in one walk: each plan
/// resource used to search its module's list (and each module's calls) from
/// the start, so a plan of thousands of resources cost their number squared.
type ConfigResources<'d> = foldhash::HashMap<(Vec<String>, String), &'d Val>;

fn config_resources(doc: &Val) -> ConfigResources<'_> {
    fn walk<'d>(module: &'d Val, calls: &mut Vec<String>, out: &mut ConfigResources<'d>) {
        for r in module.get("resources").map(Val::items).unwrap_or_default() {
            if let Some(address) = r.get("address").and_then(|a| a.as_str()) {
                out.entry((calls.clone(), address.into_owned())).or_insert(r);
            }
        }
        for (name, call) in module.get("module_calls").and_then(Val::as_map).unwrap_or_default() {
            if let Some(child) = call.get("module") {
                calls.push(name.to_string());
                walk(child, calls, out);
                calls.pop();
            }
        }
    }
    let mut out = ConfigResources::default();
    if let Some(root) = doc.get("configuration").and_then(|c| c.get("root_module")) {
        walk(root, &mut Vec::new(), &mut out);
    }
    out
}

/// Every sensitive value of the plan: the parts `sensitive_values`,
/// `after_sensitive` and `before_sensitive` mark, the values of sensitive
/// variables and outputs. Their text is never printed (see the caller).
pub fn sensitive_values(doc: &Val) -> Vec<&Val> {
    let mut out = Vec::new();
    for state in ["planned_values", "prior_state"] {
        let root = doc.get(state).and_then(|s| s.get("values").or(Some(s))).and_then(|s| s.get("root_module"));
        if let Some(root) = root {
            module_resources(root, &mut |r| {
                if let (Some(v), Some(s)) = (r.get("values"), r.get("sensitive_values")) {
                    marked(v, s, &mut out);
                }
            });
        }
    }
    for c in doc.get("resource_changes").map(Val::items).unwrap_or_default() {
        let Some(change) = c.get("change") else { continue };
        for (v, s) in [("after", "after_sensitive"), ("before", "before_sensitive")] {
            if let (Some(v), Some(s)) = (change.get(v), change.get(s)) {
                marked(v, s, &mut out);
            }
        }
    }
    let declared = doc.get("configuration").and_then(|c| c.get("root_module")).and_then(|m| m.get("variables"));
    for (name, v) in doc.get("variables").and_then(Val::as_map).unwrap_or_default() {
        let sensitive = declared.and_then(|d| d.get(name)).and_then(|d| d.get("sensitive")).and_then(Val::as_bool);
        if sensitive == Some(true) {
            out.extend(v.get("value"));
        }
    }
    for (_, o) in doc.get("planned_values").and_then(|p| p.get("outputs")).and_then(Val::as_map).unwrap_or_default() {
        if o.get("sensitive").and_then(Val::as_bool) == Some(true) {
            out.extend(o.get("value"));
        }
    }
    for (_, o) in doc.get("output_changes").and_then(Val::as_map).unwrap_or_default() {
        for (v, s) in [("after", "after_sensitive"), ("before", "before_sensitive")] {
            if let (Some(v), Some(s)) = (o.get(v), o.get(s)) {
                marked(v, s, &mut out);
            }
        }
    }
    out
}

/// The parts of `v` that the sensitivity tree `s` marks `true`.
fn marked<'d>(v: &'d Val, s: &Val, out: &mut Vec<&'d Val>) {
    match &s.v {
        V::Bool(true) => out.push(v),
        V::Map(m) => {
            for (k, sub) in m.iter() {
                if let Some(x) = v.get(k) {
                    marked(x, sub, out);
                }
            }
        }
        V::List(l) => {
            for (x, sub) in v.as_list().unwrap_or_default().iter().zip(l.iter()) {
                marked(x, sub, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Val {
        crate::parse::json::parse_file(s, 0).unwrap()
    }

    #[test]
    fn config_paths_drop_instance_keys() {
        let (calls, local) = config_path("module.db[\"a.b]\"].module.x[0].aws_db_instance.this[\"k[1]\"]");
        assert_eq!((calls, local.as_str()), (vec!["db".to_string(), "x".to_string()], "aws_db_instance.this"));
        assert_eq!(config_path("data.aws_iam_policy_document.p").1, "data.aws_iam_policy_document.p");
        assert_eq!(config_path("aws_s3_bucket.b[0]"), (vec![], "aws_s3_bucket.b".to_string()));
    }

    #[test]
    fn after_unknown_marks_become_unknown_and_absent_ones_are_added() {
        let v = parse(r#"{"a": 1, "b": [{"c": "x"}, {"c": "y"}], "t": {"k": "v"}}"#);
        let u = parse(r#"{"a": false, "b": [{"c": false}, {"c": true}], "id": true, "n": [{"d": true}], "t": {}}"#);
        let out = with_unknown(v, &u);
        assert_eq!(out.get("a").and_then(Val::as_num), Some(1.0));
        assert!(out.get("id").is_some_and(Val::is_unknown));
        let b = out.get("b").and_then(Val::as_list).unwrap();
        assert_eq!(b[0].get("c").and_then(|c| c.as_str()).as_deref(), Some("x"));
        assert!(b[1].get("c").is_some_and(Val::is_unknown));
        assert!(out.get("n").and_then(Val::as_list).unwrap()[0].get("d").is_some_and(Val::is_unknown));
        assert_eq!(out.get("t").and_then(|t| t.get("k")).and_then(|k| k.as_str()).as_deref(), Some("v"));
    }
}
