//! S3 bucket checks. A bucket is related to its split configuration resources
//! (`aws_s3_bucket_versioning`, `_logging`, `_policy`... provider v4+) and to
//! the legacy inline blocks, and a configuration whose `bucket` cannot be told
//! silences the check rather than guess.

use crate::model::{Element, Kind, Val, V};
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[
    ("s3_tls_not_enforced", s3_tls_not_enforced),
    ("s3_versioning_disabled", s3_versioning_disabled),
    ("s3_logging_disabled", s3_logging_disabled),
    ("s3_encryption_no_cmk", s3_encryption_no_cmk),
    ("s3_object_level_logging", s3_object_level_logging),
];

/// The `aws_s3_bucket_*` resources of `type_name` that configure `bucket`,
/// and whether some other one might (its `bucket` is Unknown): then nothing
/// can be said about a missing configuration. The reading the rule
/// language's `related` conditions use.
fn bucket_config<'e>(cx: &'e CheckCx, bucket: &Element, type_name: &str, attr: &str) -> (Vec<&'e Element>, bool) {
    crate::rules::relation::linked(cx.elements, type_name, attr, bucket, &["bucket"])
}

/// How messages name the bucket. Not by its name: a bucket in a module called
/// several times is one source location, reported once.
fn bucket_label(_el: &Element) -> String {
    "the bucket".into()
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
        V::Map(ops) => {
            Some(ops.iter().any(|(_, keys)| keys.as_map().is_some_and(|m| m.iter().any(|(k, _)| is_key(k)))))
        }
        // Data source: condition { test, variable, values }
        V::List(blocks) => {
            Some(blocks.iter().any(|b| b.get("variable").and_then(|v| v.as_str()).is_some_and(|v| is_key(&v))))
        }
        _ => None,
    }
}

pub fn s3_tls_not_enforced(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let Some(policies) = bucket_policies(cx, el) else { return };
    let mut docs: Vec<&Val> = policies.iter().filter_map(|p| p.get("policy")).collect();
    docs.extend(el.get("policy"));
    for d in &docs {
        let Some(doc) = crate::parse::json::document(d, cx.sources) else { return };
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
    let why = if docs.is_empty() {
        "has no bucket policy"
    } else {
        "has a bucket policy without a `Deny` on `aws:SecureTransport = false`"
    };
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
        let statuses: Vec<&Val> = r
            .get("versioning_configuration")
            .map(|c| c.items())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|c| c.get("status"))
            .collect();
        if statuses.is_empty() {
            return;
        }
        for s in statuses {
            match s.as_str() {
                Some(t) if t.eq_ignore_ascii_case("Enabled") => return,
                Some(t) => {
                    explicit =
                        Some((format!("`{}`", crate::secrets::quote_name(&t)), format!("in `{}`", r.local_address())))
                }
                None => return,
            }
        }
    }
    let msg = match explicit {
        Some((status, place)) => {
            format!("{} has versioning {status} ({place}): an overwrite or delete cannot be undone", bucket_label(el))
        }
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
    if receives_access_logs(cx, el) {
        return;
    }
    hits.push(Hit::new(
        el.span,
        format!("{} has no server access logging: reads and writes of its objects leave no record", bucket_label(el)),
    ));
}

/// Is the bucket (maybe, when a target is not known) where S3 delivers
/// server access logs: the `target_bucket` of an `aws_s3_bucket_logging` or
/// of a legacy `logging` block, a bucket whose ACL lets the log delivery
/// group write (`log-delivery-write`, or a grant to `.../groups/s3/LogDelivery`),
/// or whose policy lets `logging.s3.amazonaws.com` write?
fn receives_access_logs(cx: &CheckCx, el: &Element) -> bool {
    let (targets, t_ambiguous) = bucket_config(cx, el, "aws_s3_bucket_logging", "target_bucket");
    if !targets.is_empty() || t_ambiguous {
        return true;
    }
    let name = el.get("bucket").and_then(|v| v.as_str()).map(|s| s.into_owned());
    let legacy_target = cx
        .elements
        .iter()
        .filter(|e| e.type_name == "aws_s3_bucket")
        .flat_map(|e| {
            e.get("logging")
                .map(|l| l.items())
                .unwrap_or_default()
                .into_iter()
                .filter_map(|l| l.get("target_bucket"))
                .map(move |t| (e, t))
        })
        .any(|(e, t)| {
            e.refers_to(t, el)
                || t.as_str().is_some_and(|s| name.as_deref() == Some(&*s))
                || (t.is_unknown() && t.as_ref_path().is_none_or(|r| !r.starts_with("aws_s3_bucket.")))
        });
    if legacy_target {
        return true;
    }
    let log_delivery =
        |v: Option<&Val>| v.and_then(|a| a.as_str()).is_some_and(|a| a.eq_ignore_ascii_case("log-delivery-write"));
    let log_group = |acl: &Element| {
        acl.get("access_control_policy").map(|p| p.items()).unwrap_or_default().into_iter().any(|p| {
            p.get("grant").map(|g| g.items()).unwrap_or_default().into_iter().any(|g| {
                g.get("grantee").map(|t| t.items()).unwrap_or_default().into_iter().any(|t| {
                    t.get("uri")
                        .and_then(|u| u.as_str())
                        .is_some_and(|u| u.trim_end_matches('/').ends_with("/groups/s3/LogDelivery"))
                })
            })
        })
    };
    if log_delivery(el.get("acl")) {
        return true;
    }
    let (acls, _) = bucket_config(cx, el, "aws_s3_bucket_acl", "bucket");
    if acls.iter().any(|a| log_delivery(a.get("acl")) || log_group(a)) {
        return true;
    }
    // The current way: a bucket policy that lets the logging service write.
    let (policies, _) = bucket_config(cx, el, "aws_s3_bucket_policy", "bucket");
    std::iter::once(el).chain(policies).filter_map(|p| p.get("policy")).any(|v| allows_log_delivery(cx, v))
}

/// A policy document with an `Allow` statement for the service principal
/// `logging.s3.amazonaws.com` (S3 server access log delivery).
fn allows_log_delivery(cx: &CheckCx, policy: &Val) -> bool {
    let Some(doc) = crate::parse::json::document(policy, cx.sources) else { return false };
    let Some(statements) = doc.get_ci("Statement") else { return false };
    statements.items().into_iter().any(|st| {
        let allow = st.get_ci("Effect").and_then(|e| e.as_str()).is_some_and(|e| e.eq_ignore_ascii_case("Allow"));
        let service = st.get_ci("Principal").and_then(|p| p.get_ci("Service")).map(|s| s.items()).unwrap_or_default();
        allow
            && service
                .iter()
                .any(|s| s.as_str().is_some_and(|s| s.trim().eq_ignore_ascii_case("logging.s3.amazonaws.com")))
    })
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
    // S3 delivers server access logs only to buckets encrypted with SSE-S3:
    // a KMS key there would stop the logs.
    if receives_access_logs(cx, el) {
        return;
    }
    let mut found = Vec::new();
    let legacy: Vec<&Val> = el.get("server_side_encryption_configuration").map(|c| c.items()).unwrap_or_default();
    let mut rules: Vec<&Val> =
        legacy.iter().flat_map(|c| c.get("rule").map(|r| r.items()).unwrap_or_default()).collect();
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

/// Whether CloudTrail data events record a bucket's object reads and writes.
struct DataEvents {
    read: bool,
    write: bool,
}

/// The data events the trails of the module tree record for the bucket
/// named `name` (`None`: not known), or `None` when something on the way is
/// Unknown or written with advanced event selectors.
fn trail_data_events(trails: &[&Element], name: Option<&str>) -> Option<DataEvents> {
    let mut seen = DataEvents { read: false, write: false };
    for trail in trails {
        if trail.get("advanced_event_selector").is_some_and(|v| !v.items().is_empty()) {
            return None;
        }
        for sel in trail.get("event_selector").map(|v| v.items()).unwrap_or_default() {
            sel.as_map()?;
            let rw = match sel.get("read_write_type") {
                None => "All".to_string(),
                Some(v) if v.is_null() => "All".to_string(),
                Some(v) => v.as_str()?.into_owned(),
            };
            for dr in sel.get("data_resource").map(|v| v.items()).unwrap_or_default() {
                if !dr.get("type")?.as_str()?.eq_ignore_ascii_case("AWS::S3::Object") {
                    continue;
                }
                let mut covers = false;
                for v in dr.get("values").map(|v| v.items()).unwrap_or_default() {
                    let arn = v.as_str()?;
                    covers |= match (matches!(arn.trim_end_matches('/'), "arn:aws:s3" | "arn:aws:s3:::"), name) {
                        (true, _) => true,
                        (false, Some(n)) => {
                            arn.strip_prefix("arn:aws:s3:::").is_some_and(|r| r.split('/').next() == Some(n))
                        }
                        // A bucket whose name is not known may be any of those named.
                        (false, None) => return None,
                    };
                }
                if covers {
                    seen.read |= !rw.eq_ignore_ascii_case("WriteOnly");
                    seen.write |= !rw.eq_ignore_ascii_case("ReadOnly");
                }
            }
        }
    }
    Some(seen)
}

/// A bucket whose object reads or writes no trail of the configuration
/// records as data events. Quiet when the configuration defines no trail:
/// the organization's trail is usually managed elsewhere.
pub fn s3_object_level_logging(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let trails: Vec<&Element> =
        cx.elements.iter().copied().filter(|e| e.kind == Kind::Resource && e.type_name == "aws_cloudtrail").collect();
    if trails.is_empty() {
        return;
    }
    let name = match el.get("bucket") {
        Some(v) if !v.is_null() => match v.as_str() {
            Some(s) => Some(s.into_owned()),
            None => return,
        },
        _ => None,
    };
    let Some(seen) = trail_data_events(&trails, name.as_deref()) else { return };
    let missing = match (seen.read, seen.write) {
        (true, true) => return,
        (true, false) => "writes (PutObject, DeleteObject)",
        (false, true) => "reads (GetObject)",
        (false, false) => "reads or writes (GetObject, PutObject, DeleteObject)",
    };
    hits.push(Hit::new(el.span, format!("no CloudTrail trail of this configuration records object-level {missing} on the bucket as data events: who read or changed which object cannot be traced")));
}
