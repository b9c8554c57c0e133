//! Checks for IAM, S3, ECR and ECS beyond the first rules (see the rule files that name them).
//!
//! Policy documents are read in every form (jsonencode, heredoc or file JSON,
//! `aws_iam_policy_document`); S3 buckets are related to their split
//! resources (provider v4+) and to the legacy inline blocks; ECS images are
//! judged on their known part only.

use crate::model::{Element, Kind, Val, V, UNKNOWN_MARK};
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[
    ("iam_policy_service_wildcard", iam_policy_service_wildcard),
    ("iam_policy_not_action", iam_policy_not_action),
    ("iam_passrole_wildcard", iam_passrole_wildcard),
    ("iam_role_trust_any_principal", iam_role_trust_any_principal),
    ("always", always),
    ("resource_policy_public", resource_policy_public),
    ("s3_public_access_block_missing", s3_public_access_block_missing),
    ("s3_public_access_block_partial", s3_public_access_block_partial),
    ("s3_tls_not_enforced", s3_tls_not_enforced),
    ("s3_versioning_disabled", s3_versioning_disabled),
    ("s3_logging_disabled", s3_logging_disabled),
    ("s3_encryption_no_cmk", s3_encryption_no_cmk),
    ("ecr_scan_on_push_disabled", ecr_scan_on_push_disabled),
    ("ecs_container_image_latest", ecs_container_image_latest),
    ("ecs_cluster_container_insights", ecs_cluster_container_insights),
];

// ---------------------------------------------------------------------------
// Policy documents
// ---------------------------------------------------------------------------

/// One policy statement, whichever form it was written in.
struct Stmt {
    /// Lowercased effect; statements with an Unknown effect are dropped.
    effect: String,
    action: Option<Val>,
    not_action: Option<Val>,
    resource: Option<Val>,
    /// `Principal` in its JSON form (`"*"` or `{ AWS = [...] }`).
    principal: Option<Val>,
    /// Any `Principal` or `NotPrincipal`: a resource (or trust) policy.
    has_principal: bool,
    condition: Option<Val>,
    /// The attribute holding the document (where to point when the statement is elsewhere).
    attr: Val,
}

/// True when a document value came from an `aws_iam_policy_document` data source.
fn from_data_source(cx: &CheckCx, v: &Val) -> bool {
    v.origin.is_some_and(|o| cx.sources.text(o).starts_with("data"))
}

fn stmt_from_json(st: &Val, attr: &Val) -> Option<Stmt> {
    let effect = st.get_ci("Effect")?.as_str()?.to_ascii_lowercase();
    Some(Stmt {
        effect,
        action: st.get_ci("Action").cloned(),
        not_action: st.get_ci("NotAction").cloned(),
        resource: st.get_ci("Resource").cloned(),
        principal: st.get_ci("Principal").cloned(),
        has_principal: st.get_ci("Principal").is_some() || st.get_ci("NotPrincipal").is_some(),
        condition: st.get_ci("Condition").cloned(),
        attr: attr.clone(),
    })
}

/// A `statement` block of an `aws_iam_policy_document` data source.
fn stmt_from_block(st: &Val) -> Option<Stmt> {
    let effect = match st.get("effect") {
        Some(e) => e.as_str()?.to_ascii_lowercase(),
        None => "allow".into(),
    };
    let principal = st.get("principals").map(|ps| {
        let mut map = Vec::new();
        for p in ps.items() {
            match (p.get("type").and_then(|t| t.as_str()), p.get("identifiers")) {
                (Some(t), Some(ids)) => map.push((std::sync::Arc::from(t.as_ref()), ids.clone())),
                _ => map.push((std::sync::Arc::from("?"), Val::unknown(p.span))),
            }
        }
        Val::new(V::Map(std::sync::Arc::new(map)), ps.span)
    });
    Some(Stmt {
        effect,
        action: st.get("actions").cloned(),
        not_action: st.get("not_actions").cloned(),
        resource: st.get("resources").cloned(),
        has_principal: principal.is_some() || st.get("not_principals").is_some(),
        principal,
        condition: st.get("condition").cloned(),
        attr: st.clone(),
    })
}

/// The statements of the documents held by `attrs` (top-level attributes, or
/// `inline_policy.policy`). With `with_data_sources`, documents built by an
/// `aws_iam_policy_document` are included (checks whose data source would not
/// know what the document is used for); otherwise they are reported on the
/// data source itself.
fn statements(cx: &CheckCx, el: &Element, attrs: &[&str], with_data_sources: bool) -> Vec<Stmt> {
    let mut out = Vec::new();
    if el.kind == Kind::Data {
        if el.type_name == "aws_iam_policy_document" {
            out.extend(el.get("statement").map(|s| s.items()).unwrap_or_default().into_iter().filter_map(stmt_from_block));
        }
        return out;
    }
    let mut values: Vec<&Val> = Vec::new();
    for a in attrs {
        if let Some((block, key)) = a.split_once('.') {
            for b in el.get(block).map(|b| b.items()).unwrap_or_default() {
                values.extend(b.get(key));
            }
        } else {
            values.extend(el.get(a));
        }
    }
    for v in values {
        if !with_data_sources && from_data_source(cx, v) {
            continue;
        }
        let Some(doc) = v.json_doc(cx.sources) else { continue };
        let Some(list) = doc.get_ci("Statement") else { continue };
        out.extend(list.items().into_iter().filter_map(|st| stmt_from_json(st, v)));
    }
    out
}

/// Where to report `v`: at `v` when it is written inside the element, else at
/// the first of `fallbacks` that is (the list or attribute that reached it),
/// with a note naming where `v` is written (a policy file, a variable default).
fn place(cx: &CheckCx, el: &Element, v: &Val, fallbacks: &[&Val]) -> (crate::source::Span, String) {
    let span = std::iter::once(v).chain(fallbacks.iter().copied()).map(|c| c.span).find(|s| el.span.contains(s)).unwrap_or(el.span);
    let note = if span == v.span {
        String::new()
    } else {
        let f = cx.sources.get(v.span.file);
        format!(" (written at {}:{})", f.display, f.line_col(v.span.start).0)
    };
    (span, note)
}

fn is_star(v: &Val) -> bool {
    v.as_str().is_some_and(|s| s.trim() == "*")
}

/// Known and non-empty: a statement that has a condition (an Unknown one counts).
fn has_condition(c: &Option<Val>) -> bool {
    match c {
        None => false,
        Some(v) => match &v.v {
            V::Null => false,
            V::Map(m) => !m.is_empty(),
            V::List(l) => !l.is_empty(),
            _ => true,
        },
    }
}

/// The `*` that makes a principal everyone: `"*"`, `{ AWS = "*" }`, or a data
/// source's `principals { type = "*" }` / `type = "AWS"` with identifier `*`.
fn public_principal(p: &Val) -> Option<&Val> {
    if is_star(p) {
        return Some(p);
    }
    for key in ["AWS", "*"] {
        if let Some(ids) = p.get_ci(key) {
            if let Some(star) = ids.items().into_iter().find(|i| is_star(i)) {
                return Some(star);
            }
        }
    }
    None
}

/// Does an IAM action pattern (with `*` and `?`) match `action`? Case-insensitive.
fn action_matches(pattern: &str, action: &str) -> bool {
    fn m(p: &[u8], a: &[u8]) -> bool {
        match (p.first(), a.first()) {
            (None, None) => true,
            (Some(b'*'), _) => m(&p[1..], a) || (!a.is_empty() && m(p, &a[1..])),
            (Some(b'?'), Some(_)) => m(&p[1..], &a[1..]),
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => m(&p[1..], &a[1..]),
            _ => false,
        }
    }
    m(pattern.trim().as_bytes(), action.as_bytes())
}

/// `service:*`: every action of one service.
fn service_wildcard(a: &str) -> Option<&str> {
    let (svc, rest) = a.trim().split_once(':')?;
    (rest == "*" && !svc.is_empty() && svc.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')).then_some(svc)
}

/// Identity-policy statements that allow something on every resource.
pub fn iam_policy_service_wildcard(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for st in statements(cx, el, &["policy", "inline_policy.policy"], false) {
        if st.effect != "allow" || st.has_principal {
            continue;
        }
        let (Some(action), Some(resource)) = (&st.action, &st.resource) else { continue };
        if !resource.items().into_iter().any(is_star) {
            continue;
        }
        for a in action.items() {
            let Some(text) = a.as_str() else { continue };
            if let Some(svc) = service_wildcard(&text) {
                let (span, note) = place(cx, el, a, &[action, &st.attr]);
                hits.push(Hit::new(span, format!("policy statement allows every `{svc}` action (`{}`) on every resource (`*`){note}", text.trim())).origin(a.origin));
            }
        }
    }
}

/// `Effect = "Allow"` with `NotAction`: everything except a list.
pub fn iam_policy_not_action(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for st in statements(cx, el, &["policy", "inline_policy.policy"], false) {
        if st.effect != "allow" {
            continue;
        }
        let Some(na) = &st.not_action else { continue };
        if na.is_unknown() {
            continue;
        }
        let (span, note) = place(cx, el, na, &[&st.attr]);
        let on_all = st.resource.as_ref().is_some_and(|r| r.items().into_iter().any(is_star));
        let scope = if on_all { " on every resource (`*`)" } else { "" };
        hits.push(Hit::new(span, format!("policy statement allows every action except those in `NotAction`{scope}, including actions AWS adds later{note}")));
    }
}

/// `iam:PassRole` on `*` without a condition: the holder can hand any role to a service.
pub fn iam_passrole_wildcard(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for st in statements(cx, el, &["policy", "inline_policy.policy"], false) {
        if st.effect != "allow" || st.has_principal || has_condition(&st.condition) {
            continue;
        }
        let (Some(action), Some(resource)) = (&st.action, &st.resource) else { continue };
        if !resource.items().into_iter().any(is_star) {
            continue;
        }
        for a in action.items() {
            let Some(text) = a.as_str() else { continue };
            let t = text.trim();
            // `*` and `iam:*` are reported by the admin and service-wildcard rules.
            if t == "*" || t.eq_ignore_ascii_case("iam:*") || !action_matches(t, "iam:PassRole") {
                continue;
            }
            let (span, note) = place(cx, el, a, &[action, &st.attr]);
            hits.push(Hit::new(span, format!("policy statement allows `{t}` on every resource (`*`) without a condition: the holder can pass any role, including an administrator role, to a service it controls{note}")).origin(a.origin));
        }
    }
}

/// A role whose trust policy lets anyone assume it.
pub fn iam_role_trust_any_principal(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for st in statements(cx, el, &["assume_role_policy"], true) {
        if st.effect != "allow" || has_condition(&st.condition) {
            continue;
        }
        let Some(p) = &st.principal else { continue };
        if let Some(star) = public_principal(p) {
            let (span, note) = place(cx, el, star, &[p, &st.attr]);
            hits.push(Hit::new(span, format!("trust policy lets any principal (`*`) assume this role, with no condition: any AWS account can take its permissions{note}")).origin(star.origin));
        }
    }
}

/// Always fires, with `params.message`: the resource itself is the finding.
pub fn always(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let msg = cx.param_str("message").unwrap_or("this resource is discouraged");
    hits.push(Hit::new(el.span, msg));
}

/// A resource policy (`policy`) allowing everyone (`Principal = "*"`) without a condition.
/// `params.what` names the resource in the message.
pub fn resource_policy_public(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let what = cx.param_str("what").unwrap_or("resource");
    for st in statements(cx, el, &["policy"], true) {
        if st.effect != "allow" || has_condition(&st.condition) {
            continue;
        }
        let Some(p) = &st.principal else { continue };
        let Some(star) = public_principal(p) else { continue };
        let actions: Vec<String> = st.action.as_ref().map(|a| a.items().into_iter().filter_map(|x| x.as_str().map(|s| s.into_owned())).collect()).unwrap_or_default();
        let shown = if actions.is_empty() { String::new() } else { format!(" `{}`", actions.join("`, `")) };
        let (span, note) = place(cx, el, star, &[p, &st.attr]);
        hits.push(Hit::new(span, format!("{what} policy allows{shown} to any principal (`*`) with no condition: anyone on the internet can do it{note}")).origin(star.origin));
    }
}

// ---------------------------------------------------------------------------
// S3
// ---------------------------------------------------------------------------

/// The `aws_s3_bucket_*` resources of `type_name` that configure `bucket`,
/// and whether some other one might (its `bucket` is Unknown): then nothing
/// can be said about a missing configuration.
fn bucket_config<'e>(cx: &'e CheckCx, bucket: &Element, type_name: &str, attr: &str) -> (Vec<&'e Element>, bool) {
    let name = bucket.get("bucket").and_then(|v| v.as_str()).map(|s| s.into_owned());
    let mut related = Vec::new();
    let mut ambiguous = false;
    for e in cx.elements.iter().filter(|e| e.kind == Kind::Resource && e.type_name == type_name) {
        let Some(v) = e.get(attr) else { continue };
        if let Some(s) = v.as_str() {
            if name.as_deref() == Some(&*s) {
                related.push(e);
            }
        } else if e.refers_to(v, bucket) {
            related.push(e);
        } else if v.as_ref_path().is_some_and(|r| r.starts_with("aws_s3_bucket.")) && e.module_prefix() == bucket.module_prefix() {
            // Another bucket of the same module.
        } else if v.is_unknown() || matches!(v.v, V::Str(_)) {
            ambiguous = true;
        }
    }
    (related, ambiguous)
}

/// How messages name the bucket. Not by its name: a bucket in a module called
/// several times is one source location, reported once.
fn bucket_label(_el: &Element) -> String {
    "the bucket".into()
}

pub fn s3_public_access_block_missing(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    if cx.elements.iter().any(|e| e.kind == Kind::Resource && e.type_name == "aws_s3_account_public_access_block") {
        return;
    }
    let (related, ambiguous) = bucket_config(cx, el, "aws_s3_bucket_public_access_block", "bucket");
    if related.is_empty() && !ambiguous {
        hits.push(Hit::new(el.span, format!("{} has no `aws_s3_bucket_public_access_block` (and there is no account-level block): nothing stops a later ACL or bucket policy from making it public", bucket_label(el))));
    }
}

const BLOCK_FLAGS: &[(&str, &str)] = &[
    ("block_public_acls", "new public ACLs are accepted"),
    ("block_public_policy", "a public bucket policy can be attached"),
    ("ignore_public_acls", "existing public ACLs take effect"),
    ("restrict_public_buckets", "a public policy grants access to anyone"),
];

pub fn s3_public_access_block_partial(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for (flag, effect) in BLOCK_FLAGS {
        match el.get(flag) {
            None => hits.push(Hit::new(el.span, format!("`{flag}` is not set, so it is false: {effect}"))),
            Some(v) if v.as_bool() == Some(false) => hits.push(Hit::new(el.locate(v, &el.body), format!("`{flag}` is false: {effect}")).origin(v.origin)),
            _ => {}
        }
    }
}

/// The bucket policies that apply to `el`: its legacy `policy` and every
/// related `aws_s3_bucket_policy`; `None` when one might exist unseen.
fn bucket_policies<'e>(cx: &'e CheckCx, el: &'e Element) -> Option<Vec<&'e Element>> {
    let (related, ambiguous) = bucket_config(cx, el, "aws_s3_bucket_policy", "bucket");
    (!ambiguous).then_some(related)
}

/// Does a condition deny plain HTTP: `Bool { aws:SecureTransport = false }`
/// (or a minimum `s3:TlsVersion`)? `None` when it cannot be read.
fn denies_http(cond: &Val) -> Option<bool> {
    let is_key = |k: &str| k.eq_ignore_ascii_case("aws:SecureTransport") || k.eq_ignore_ascii_case("s3:TlsVersion");
    match &cond.v {
        // JSON: { Bool = { "aws:SecureTransport" = "false" } }
        V::Map(ops) => Some(ops.iter().any(|(_, keys)| keys.as_map().is_some_and(|m| m.iter().any(|(k, _)| is_key(k))))),
        // Data source: condition { test, variable, values }
        V::List(blocks) => Some(blocks.iter().any(|b| b.get("variable").and_then(|v| v.as_str()).is_some_and(|v| is_key(&v)))),
        _ => None,
    }
}

pub fn s3_tls_not_enforced(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let Some(policies) = bucket_policies(cx, el) else { return };
    let mut docs: Vec<&Val> = policies.iter().filter_map(|p| p.get("policy")).collect();
    docs.extend(el.get("policy"));
    for d in &docs {
        let Some(doc) = d.json_doc(cx.sources) else { return };
        let Some(list) = doc.get_ci("Statement") else { return };
        for st in list.items() {
            let Some(effect) = st.get_ci("Effect") else { continue };
            let Some(effect) = effect.as_str() else { return };
            if !effect.eq_ignore_ascii_case("deny") {
                continue;
            }
            match st.get_ci("Condition").map(denies_http) {
                Some(Some(true)) | Some(None) => return,
                _ => {}
            }
        }
    }
    let why = if docs.is_empty() { "has no bucket policy" } else { "has a bucket policy without a `Deny` on `aws:SecureTransport = false`" };
    hits.push(Hit::new(el.span, format!("{} {why}: requests over plain HTTP are accepted", bucket_label(el))));
}

pub fn s3_versioning_disabled(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    // Legacy inline block (provider < 4).
    let mut explicit = None;
    for v in el.get("versioning").map(|v| v.items()).unwrap_or_default() {
        match v.get("enabled") {
            Some(e) if e.as_bool() != Some(false) => return,
            Some(_) => explicit = Some(("disabled".to_string(), "`versioning.enabled = false`".to_string())),
            None => {}
        }
    }
    let (related, ambiguous) = bucket_config(cx, el, "aws_s3_bucket_versioning", "bucket");
    if ambiguous {
        return;
    }
    for r in &related {
        let statuses: Vec<&Val> = r.get("versioning_configuration").map(|c| c.items()).unwrap_or_default().into_iter().filter_map(|c| c.get("status")).collect();
        if statuses.is_empty() {
            return;
        }
        for s in statuses {
            match s.as_str() {
                Some(t) if t.eq_ignore_ascii_case("Enabled") => return,
                Some(t) => explicit = Some((format!("`{t}`"), format!("in `{}`", r.local_address()))),
                None => return,
            }
        }
    }
    let msg = match explicit {
        Some((status, place)) => format!("{} has versioning {status} ({place}): an overwrite or delete cannot be undone", bucket_label(el)),
        None => format!("{} has no versioning: an overwrite or delete cannot be undone", bucket_label(el)),
    };
    hits.push(Hit::new(el.span, msg));
}

pub fn s3_logging_disabled(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    if el.get("logging").is_some_and(|l| !l.items().is_empty()) {
        return;
    }
    let (related, ambiguous) = bucket_config(cx, el, "aws_s3_bucket_logging", "bucket");
    if ambiguous || !related.is_empty() {
        return;
    }
    // A bucket that receives access logs is not expected to log itself.
    let (targets, t_ambiguous) = bucket_config(cx, el, "aws_s3_bucket_logging", "target_bucket");
    if !targets.is_empty() || t_ambiguous {
        return;
    }
    let name = el.get("bucket").and_then(|v| v.as_str()).map(|s| s.into_owned());
    let legacy_target = cx.elements.iter().filter(|e| e.type_name == "aws_s3_bucket").flat_map(|e| e.get("logging").map(|l| l.items()).unwrap_or_default().into_iter().filter_map(|l| l.get("target_bucket")).map(move |t| (e, t))).any(|(e, t)| {
        e.refers_to(t, el) || t.as_str().is_some_and(|s| name.as_deref() == Some(&*s)) || (t.is_unknown() && t.as_ref_path().is_none_or(|r| !r.starts_with("aws_s3_bucket.")))
    });
    if legacy_target {
        return;
    }
    let log_delivery = |v: Option<&Val>| v.and_then(|a| a.as_str()).is_some_and(|a| a.eq_ignore_ascii_case("log-delivery-write"));
    if log_delivery(el.get("acl")) {
        return;
    }
    let (acls, _) = bucket_config(cx, el, "aws_s3_bucket_acl", "bucket");
    if acls.iter().any(|a| log_delivery(a.get("acl"))) {
        return;
    }
    hits.push(Hit::new(el.span, format!("{} has no server access logging: reads and writes of its objects leave no record", bucket_label(el))));
}

/// The outcome of one `apply_server_side_encryption_by_default` block:
/// Ok(()) customer-managed key or Unknown, Err(description) otherwise.
fn sse_rule(d: &Val) -> Result<(), String> {
    let Some(alg) = d.get("sse_algorithm") else { return Err("no `sse_algorithm`".into()) };
    let Some(alg) = alg.as_str() else { return Ok(()) };
    if !alg.to_ascii_lowercase().starts_with("aws:kms") {
        return Err(format!("`sse_algorithm = \"{alg}\"` (keys managed by S3)"));
    }
    match d.get("kms_master_key_id") {
        None => Err(format!("`{alg}` without `kms_master_key_id` (the AWS managed key `aws/s3`)")),
        Some(k) if k.is_null() => Err(format!("`{alg}` without `kms_master_key_id` (the AWS managed key `aws/s3`)")),
        Some(k) => match k.as_str() {
            Some(s) if s.trim().is_empty() || s.ends_with("alias/aws/s3") => Err(format!("the AWS managed key `{s}`")),
            _ => Ok(()),
        },
    }
}

pub fn s3_encryption_no_cmk(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let (related, ambiguous) = bucket_config(cx, el, "aws_s3_bucket_server_side_encryption_configuration", "bucket");
    if ambiguous {
        return;
    }
    let mut found = Vec::new();
    let legacy: Vec<&Val> = el.get("server_side_encryption_configuration").map(|c| c.items()).unwrap_or_default();
    let mut rules: Vec<&Val> = legacy.iter().flat_map(|c| c.get("rule").map(|r| r.items()).unwrap_or_default()).collect();
    rules.extend(related.iter().flat_map(|r| r.get("rule").map(|r| r.items()).unwrap_or_default()));
    for rule in rules {
        let Some(defaults) = rule.get("apply_server_side_encryption_by_default") else { return };
        for d in defaults.items() {
            match sse_rule(d) {
                Ok(()) => return,
                Err(e) => found.push(e),
            }
        }
        if defaults.is_unknown() {
            return;
        }
    }
    let msg = match found.first() {
        Some(how) => format!("{} is encrypted with {how}, not a customer-managed KMS key", bucket_label(el)),
        None => format!("{} has no encryption configuration: objects are encrypted with keys managed by S3 (SSE-S3), not a customer-managed KMS key", bucket_label(el)),
    };
    hits.push(Hit::new(el.span, msg));
}

// ---------------------------------------------------------------------------
// ECR
// ---------------------------------------------------------------------------

pub fn ecr_scan_on_push_disabled(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    // Registry-level scanning replaces the repository setting.
    if cx.elements.iter().any(|e| e.kind == Kind::Resource && e.type_name == "aws_ecr_registry_scanning_configuration") {
        return;
    }
    let configs = el.get("image_scanning_configuration").map(|c| c.items()).unwrap_or_default();
    for c in &configs {
        match c.get("scan_on_push") {
            Some(v) if v.as_bool() == Some(false) => {
                hits.push(Hit::new(el.locate(v, &el.body), "`image_scanning_configuration.scan_on_push` is false: pushed images are not scanned for known vulnerabilities").origin(v.origin));
                return;
            }
            None => {}
            Some(_) => return,
        }
    }
    if el.get("image_scanning_configuration").is_some_and(|c| c.is_unknown()) {
        return;
    }
    hits.push(Hit::new(el.span, "`image_scanning_configuration.scan_on_push` is not enabled: pushed images are not scanned for known vulnerabilities"));
}

// ---------------------------------------------------------------------------
// ECS
// ---------------------------------------------------------------------------

/// What an image reference says about its tag, judged on its known part.
#[derive(Debug, PartialEq)]
enum ImageTag {
    Latest,
    NoTag,
    Fine,
    Unknown,
}

fn image_tag(text: &str) -> ImageTag {
    // Only what follows the last Unknown part can be judged.
    let (partial, known) = match text.rfind(UNKNOWN_MARK) {
        Some(i) => (true, &text[i + UNKNOWN_MARK.len_utf8()..]),
        None => (false, text),
    };
    let known = known.trim();
    // The last path segment (a registry port `host:5000/` is not a tag).
    let (segment, whole_segment) = match known.rfind('/') {
        Some(i) => (&known[i + 1..], true),
        None => (known, !partial),
    };
    if segment.contains('@') {
        return ImageTag::Fine;
    }
    match segment.rfind(':') {
        Some(i) => {
            if &segment[i + 1..] == "latest" {
                ImageTag::Latest
            } else if segment[i + 1..].is_empty() {
                ImageTag::Unknown
            } else {
                ImageTag::Fine
            }
        }
        None if whole_segment && !segment.is_empty() => ImageTag::NoTag,
        None => ImageTag::Unknown,
    }
}

pub fn ecs_container_image_latest(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let Some(image) = el.get("image") else { return };
    let Some(t) = image.as_text() else { return };
    let shown = t.text.replace(UNKNOWN_MARK, "${...}");
    let msg = match image_tag(&t.text) {
        ImageTag::Latest => format!("image `{shown}` uses the `latest` tag: each deployment may run a different image, and a rollback cannot return to the previous one"),
        ImageTag::NoTag => format!("image `{shown}` has no tag, so it means `:latest`: each deployment may run a different image, and a rollback cannot return to the previous one"),
        _ => return,
    };
    hits.push(Hit::new(el.locate(image, &el.body), msg).origin(image.origin));
}

pub fn ecs_cluster_container_insights(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let enabled = |v: &Val| v.as_str().map(|s| s.eq_ignore_ascii_case("enabled") || s.eq_ignore_ascii_case("enhanced"));
    // The account default applies to clusters that do not set it.
    let account_default = cx.elements.iter().filter(|e| e.type_name == "aws_ecs_account_setting_default").any(|e| {
        e.get("name").and_then(|n| n.as_str()).is_none_or(|n| n == "containerInsights") && e.get("value").is_none_or(|v| enabled(v) != Some(false))
    });
    let Some(settings) = el.get("setting") else {
        if !account_default {
            hits.push(Hit::new(el.span, "Container Insights is not enabled on the cluster (no `containerInsights` setting): task and service metrics are not collected"));
        }
        return;
    };
    if settings.is_unknown() {
        return;
    }
    for s in settings.items() {
        let Some(name) = s.get("name") else { continue };
        match name.as_str() {
            None => return,
            Some(n) if n == "containerInsights" => match s.get("value") {
                Some(v) => match enabled(v) {
                    Some(false) => {
                        let shown = v.as_str().unwrap_or_default().into_owned();
                        hits.push(Hit::new(el.locate(v, &el.body), format!("Container Insights is `{shown}`: task and service metrics are not collected")).origin(v.origin));
                        return;
                    }
                    _ => return,
                },
                None => return,
            },
            Some(_) => {}
        }
    }
    if !account_default {
        hits.push(Hit::new(el.span, "Container Insights is not enabled on the cluster (no `containerInsights` setting): task and service metrics are not collected"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_tags() {
        let m = UNKNOWN_MARK;
        assert_eq!(image_tag("nginx"), ImageTag::NoTag);
        assert_eq!(image_tag("nginx:latest"), ImageTag::Latest);
        assert_eq!(image_tag("nginx:1.27"), ImageTag::Fine);
        assert_eq!(image_tag("registry:5000/app"), ImageTag::NoTag);
        assert_eq!(image_tag("registry:5000/app:latest"), ImageTag::Latest);
        assert_eq!(image_tag("app@sha256:abc"), ImageTag::Fine);
        assert_eq!(image_tag(&format!("{m}:latest")), ImageTag::Latest);
        assert_eq!(image_tag(&format!("{m}")), ImageTag::Unknown);
        assert_eq!(image_tag(&format!("{m}:{m}")), ImageTag::Unknown);
        assert_eq!(image_tag(&format!("app:{m}")), ImageTag::Unknown);
        assert_eq!(image_tag(&format!("{m}/app")), ImageTag::NoTag);
        assert_eq!(image_tag(&format!("{m}/app{m}")), ImageTag::Unknown);
        assert_eq!(image_tag(&format!("{m}-suffix")), ImageTag::Unknown);
        assert_eq!(image_tag(&format!("{m}@sha256:1")), ImageTag::Fine);
    }

    #[test]
    fn actions() {
        assert!(action_matches("iam:PassRole", "iam:PassRole"));
        assert!(action_matches("IAM:passrole", "iam:PassRole"));
        assert!(action_matches("iam:Pass*", "iam:PassRole"));
        assert!(action_matches("iam:*Role", "iam:PassRole"));
        assert!(!action_matches("iam:Get*", "iam:PassRole"));
        assert_eq!(service_wildcard("s3:*"), Some("s3"));
        assert_eq!(service_wildcard("s3:Get*"), None);
        assert_eq!(service_wildcard("*"), None);
    }
}
