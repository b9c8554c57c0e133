//! IAM policy documents, in every form Terraform writes them: `jsonencode`,
//! heredoc or file JSON, and `aws_iam_policy_document` data sources.

use crate::model::{Element, Kind, Val};
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[
    ("iam_policy_admin", policy_admin),
];

/// The policy documents an element carries: (document, the attribute holding it).
fn documents<'e>(cx: &CheckCx, el: &'e Element) -> Vec<(Val, &'e Val)> {
    let mut out = Vec::new();
    if el.kind == Kind::Data && el.type_name == "aws_iam_policy_document" {
        // The data source itself: statements are blocks with snake_case names.
        return out;
    }
    let mut push = |v: &'e Val| {
        // A document reached from an `aws_iam_policy_document` data source is
        // reported there, once, not again at every policy that uses it.
        let from_data_source = v.origin.is_some_and(|o| cx.sources.text(o).starts_with("data"));
        if !from_data_source {
            if let Some(doc) = v.json_doc(cx.sources) {
                out.push((doc, v));
            }
        }
    };
    if let Some(p) = el.get("policy") {
        push(p);
    }
    for ip in el.get("inline_policy").map(|i| i.items()).unwrap_or_default() {
        if let Some(p) = ip.get("policy") {
            push(p);
        }
    }
    out
}

fn is_star(v: &Val) -> bool {
    v.as_str().is_some_and(|s| s.trim() == "*")
}

/// Statements allowing every action on every resource: full administrator access.
pub fn policy_admin(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let mut statements: Vec<(Val, Val, Option<Val>, Option<Val>, Val)> = Vec::new();
    if el.kind == Kind::Data {
        for st in el.get("statement").map(|s| s.items()).unwrap_or_default() {
            let effect = st.get("effect").cloned().unwrap_or_else(|| Val::str("Allow", st.span));
            statements.push((effect, st.clone(), st.get("actions").cloned(), st.get("resources").cloned(), st.clone()));
        }
    } else {
        for (doc, attr) in documents(cx, el) {
            let Some(list) = doc.get_ci("Statement") else { continue };
            for st in list.items() {
                let Some(effect) = st.get_ci("Effect") else { continue };
                statements.push((effect.clone(), st.clone(), st.get_ci("Action").cloned(), st.get_ci("Resource").cloned(), attr.clone()));
            }
        }
    }
    for (effect, _statement, action, resource, attr) in statements {
        if !effect.as_str().is_some_and(|e| e.eq_ignore_ascii_case("allow")) {
            continue;
        }
        let (Some(action), Some(resource)) = (action, resource) else { continue };
        let star_action = action.items().into_iter().find(|a| is_star(a));
        let star_resource = resource.items().into_iter().any(is_star);
        if let (Some(a), true) = (star_action, star_resource) {
            let span = el.locate(a, &attr);
            let note = if span == a.span {
                String::new()
            } else {
                let f = cx.sources.get(a.span.file);
                format!(" (statement at {}:{})", f.display, f.line_col(a.span.start).0)
            };
            hits.push(Hit::new(span, format!("policy statement allows every action (`*`) on every resource (`*`): this is full administrator access{note}")));
        }
    }
}
