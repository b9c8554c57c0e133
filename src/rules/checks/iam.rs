//! IAM identity and trust policies. Documents are read through policy.rs, in
//! every form Terraform writes them (`jsonencode`, heredoc or file JSON,
//! `aws_iam_policy_document`); a document built by a data source is judged
//! on the data source, except trust policies (see [`super::policy::statements`]).
//!
//! A policy used only as a permissions boundary grants nothing (it caps what
//! an identity's other policies grant): the grant checks skip it, and the
//! data source documents only such policies use.

use std::rc::Rc;

use crate::model::{Element, Kind, Val, V};
use crate::rules::engine::{CheckCx, Hit};

use super::policy::{action_matches, documents, place, statements, Stmt};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[
    ("iam_policy_service_wildcard", iam_policy_service_wildcard),
    ("iam_managed_policy_attached", iam_managed_policy_attached),
    ("iam_s3_read_write_all", iam_s3_read_write_all),
    ("iam_policy_attached_to_user", iam_policy_attached_to_user),
];

/// A managed policy attached to users directly: `aws_iam_user_policy_attachment`,
/// or an `aws_iam_policy_attachment` whose `users` is not known to be empty.
pub fn iam_policy_attached_to_user(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let users = match el.type_name.as_str() {
        "aws_iam_user_policy_attachment" => el.get("user"),
        // (An Unknown list may be empty.)
        "aws_iam_policy_attachment" => match el.get("users") {
            Some(u) if !u.is_unknown() && !u.items().is_empty() => Some(u),
            _ => return,
        },
        _ => return,
    };
    let (at, origin) = users.map_or((el.span, None), |u| (el.locate(u, u), el.written_at(u)));
    let policy = el
        .get("policy_arn")
        .and_then(|p| p.as_str())
        .map(|p| format!(" `{}`", crate::secrets::quote_arn(&p)))
        .unwrap_or_default();
    hits.push(
        Hit::new(
            at,
            format!(
                "managed policy{policy} is attached to IAM users directly: grant it to a group (or a role) instead"
            ),
        )
        .origin(origin),
    );
}

/// Where identity policies are: a policy resource's `policy`, a permission
/// set's `inline_policy` (a document), a role's `inline_policy` blocks.
pub(crate) const IDENTITY_POLICIES: &[&str] = &["policy", "inline_policy", "inline_policy.policy"];

/// The statements `el` grants to the identities holding it: none when it is
/// a permissions boundary and nothing else.
pub(crate) fn grants(cx: &CheckCx, el: &Element) -> Rc<Vec<Stmt>> {
    if *cx.memo("iam::boundary_only", || boundary_only(cx, el)) {
        return Rc::new(Vec::new());
    }
    statements(cx, el, IDENTITY_POLICIES, false)
}

/// What [`grants`] reads besides the policy: whatever attaches a policy, or
/// makes it a permissions boundary.
pub(crate) const GRANT_RELATES: &[&str] = &[
    "resource.aws_iam_policy",
    "resource.aws_iam_role",
    "resource.aws_iam_user",
    "resource.aws_iam_role_policy",
    "resource.aws_iam_user_policy",
    "resource.aws_iam_group_policy",
    "resource.aws_iam_role_policy_attachment",
    "resource.aws_iam_user_policy_attachment",
    "resource.aws_iam_group_policy_attachment",
    "resource.aws_iam_policy_attachment",
    "resource.aws_iam_role_policy_attachments_exclusive",
    "resource.aws_iam_user_policy_attachments_exclusive",
    "resource.aws_iam_group_policy_attachments_exclusive",
    "resource.aws_ssoadmin_permission_set_inline_policy",
    "resource.aws_ssoadmin_permissions_boundary_attachment",
    "resource.aws_ssoadmin_customer_managed_policy_attachment",
    "resource.aws_organizations_policy",
    "module.call",
];

/// Attributes that attach a managed policy to an identity or permission set.
const ATTACHING: &[&str] = &["policy_arn", "policy_arns", "managed_policy_arns", "managed_policy_arn"];

/// Is `el` (an `aws_iam_policy`, or an `aws_iam_policy_document` used only by
/// such policies or as the `content` of an `aws_organizations_policy`, a
/// service control policy) used as a cap and never attached? Only
/// references in the same module are seen: a policy attached from elsewhere
/// is still a boundary here when it is one here, and nothing else is.
fn boundary_only(cx: &CheckCx, el: &Element) -> bool {
    match (el.kind, el.type_name.as_str()) {
        (Kind::Resource, "aws_iam_policy") => policy_is_boundary_only(cx, el),
        (Kind::Data, "aws_iam_policy_document") => {
            // Whoever holds a document rendered by this data source: all of
            // them caps (boundaries, service control policies' `content`)?
            let prefix = el.module_prefix();
            let mut users = cx.elements.iter().filter(|e| {
                e.address.starts_with(prefix)
                    && e.module_prefix() == prefix
                    && documents(e, &["policy", "inline_policy", "inline_policy.policy", "content"])
                        .iter()
                        .any(|v| v.origin.is_some_and(|o| el.span.contains(&o)))
            });
            let first = users.next();
            first.is_some()
                && first.into_iter().chain(users).all(|u| match u.type_name.as_str() {
                    "aws_organizations_policy" => true,
                    "aws_iam_policy" => policy_is_boundary_only(cx, u),
                    _ => false,
                })
        }
        _ => false,
    }
}

/// The items of a list attribute or nested blocks, none when absent.
fn each(v: Option<&Val>) -> Vec<&Val> {
    v.map(|v| v.items()).unwrap_or_default()
}

fn policy_is_boundary_only(cx: &CheckCx, policy: &Element) -> bool {
    let refers = |e: &Element, v: Option<&Val>| each(v).into_iter().any(|i| e.refers_to(i, policy));
    // IAM Identity Center names customer-managed policies:
    // `customer_managed_policy_reference { name = aws_iam_policy.x.name }`.
    let by_name = |e: &Element, holder: &Val| {
        each(holder.get("customer_managed_policy_reference")).into_iter().any(|r| refers(e, r.get("name")))
    };
    // A module call's inputs: one named like a boundary
    // (`permissions_boundary_arn`, `role_permissions_boundary_arn`) makes a
    // boundary, any other may attach it.
    let module_inputs = |boundary: bool| {
        cx.elements.iter().filter(|e| e.kind == Kind::Module).any(|e| {
            e.body.as_map().unwrap_or_default().iter().any(|(k, v)| {
                k.contains("boundary") == boundary
                    && (refers(e, Some(v)) || v.as_map().is_some_and(|m| m.iter().any(|(_, v)| refers(e, Some(v)))))
            })
        })
    };
    let boundary = module_inputs(true)
        || cx.elements.iter().any(|e| match e.type_name.as_str() {
            "aws_ssoadmin_permissions_boundary_attachment" => {
                each(e.get("permissions_boundary")).into_iter().any(|b| by_name(e, b))
            }
            _ => refers(e, e.get("permissions_boundary")),
        });
    boundary
        && !module_inputs(false)
        && !cx.elements.iter().any(|e| {
            ATTACHING.iter().any(|a| refers(e, e.get(a)))
                || (e.type_name == "aws_ssoadmin_customer_managed_policy_attachment" && by_name(e, &e.body))
        })
}

/// Where a statement applies, for a message. A reference to another
/// resource's ARN names a resource; a value that is only Unknown (a variable
/// without a value) may be anything, `*` included.
pub(crate) fn scope(st: &Stmt) -> String {
    match &st.resource {
        _ if st.on_every_resource() => "on every resource (`*`)".into(),
        Some(r) if r.items().into_iter().any(|i| matches!(i.v, V::Unknown)) => {
            "on resources known only at apply time".into()
        }
        // Quoted, so that a pattern as wide as the account
        // (`arn:${...}:batch:*:${...}:*`) does not read as a narrow grant.
        Some(r) => {
            let items = r.items();
            // A literal or template ARN, or a reference (`aws_s3_bucket.logs.arn`).
            let (written, reference) = match items.first().map(|i| &i.v) {
                Some(V::Str(t)) => (t.text.replace(crate::model::UNKNOWN_MARK, "${...}"), false),
                Some(V::Ref(name)) => (name.to_string(), true),
                _ => return "on the resources it names".into(),
            };
            // A reference is code (`aws_s3_bucket.logs.arn`); a value must read as an ARN.
            let shown =
                if reference { crate::secrets::quote_name(&written) } else { crate::secrets::quote_arn(&written) };
            if shown == crate::secrets::NOT_SHOWN {
                return "on the resources it names".into();
            }
            match items.len() {
                1 => format!("on `{shown}`"),
                2 => format!("on `{shown}` and 1 more resource"),
                n => format!("on `{shown}` and {} more resources", n - 1),
            }
        }
        None => "on the resources it applies to".into(),
    }
}

/// `service:*`: every action of one service.
fn service_wildcard(a: &str) -> Option<&str> {
    let (svc, rest) = a.trim().split_once(':')?;
    (rest == "*" && !svc.is_empty() && svc.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')).then_some(svc)
}

/// Identity-policy statements that allow every action of one or more
/// services (on any resource): one finding per statement, naming them all.
pub fn iam_policy_service_wildcard(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for st in grants(cx, el).iter() {
        if !st.allows() || st.has_principal {
            continue;
        }
        let Some(action) = &st.action else { continue };
        let wild: Vec<(&Val, String)> = action
            .items()
            .into_iter()
            .filter_map(|a| {
                let text = a.as_str()?;
                service_wildcard(&text)?;
                Some((a, text.trim().to_string()))
            })
            .collect();
        let Some((first, text)) = wild.first() else { continue };
        let on = scope(st);
        let escalates = match wild.iter().any(|(_, t)| t.eq_ignore_ascii_case("iam:*")) {
            false => "",
            true if st.on_every_resource() => ": `iam:*` lets the holder give itself any other permission",
            true => ": `iam:*` lets the holder rewrite the permissions of those IAM identities",
        };
        let (span, elsewhere, what) = if wild.len() == 1 {
            let (span, elsewhere) = place(el, first, &[action, &st.attr]);
            let svc = text.split_once(':').map_or("", |(s, _)| s);
            (span, elsewhere, format!("every `{svc}` action (`{text}`)"))
        } else {
            let (span, elsewhere) = place(el, action, &[&st.attr]);
            let list: Vec<&str> = wild.iter().map(|(_, t)| t.as_str()).collect();
            (span, elsewhere, format!("every action of {} services (`{}`)", wild.len(), list.join("`, `")))
        };
        hits.push(
            Hit::new(span, format!("policy statement allows {what} {on}{escalates}"))
                .origin(first.origin.or(elsewhere)),
        );
    }
}

/// `s3:Get*` and `s3:Put*` (any wildcard patterns covering `s3:GetObject`
/// and `s3:PutObject`) in one statement on every resource: read and write
/// every bucket, bucket policies and ACLs included. `*` and `s3:*` are
/// reported by their own rules.
pub fn iam_s3_read_write_all(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for st in grants(cx, el).iter() {
        if !st.allows() || st.has_principal || !st.on_every_resource() {
            continue;
        }
        let Some(action) = &st.action else { continue };
        let items = action.items();
        let wildcard_for = |target: &str| {
            items.iter().copied().find(|a| {
                a.as_str().is_some_and(|t| {
                    let t = t.trim();
                    t.contains('*') && t != "*" && !t.eq_ignore_ascii_case("s3:*") && action_matches(t, target)
                })
            })
        };
        if let (Some(get), Some(put)) = (wildcard_for("s3:GetObject"), wildcard_for("s3:PutObject")) {
            let (span, elsewhere) = place(el, put, &[action, &st.attr]);
            let shown =
                |v: &Val| v.as_str().map(|t| crate::secrets::quote_action(t.trim()).to_string()).unwrap_or_default();
            let (g, p) = (shown(get), shown(put));
            let public = if put.as_str().is_some_and(|t| action_matches(&t, "s3:PutBucketPolicy")) {
                ", and rewrite bucket policies to make them public"
            } else {
                ""
            };
            // One pattern may cover both (`s3:*Object*`).
            let what = if g == p { format!("`{g}`") } else { format!("`{g}` and `{p}`") };
            hits.push(Hit::new(span, format!("policy statement allows {what} on every resource (`*`): the holder can read and overwrite every object in every bucket it can reach{public}")).origin(put.origin.or(elsewhere)));
        }
    }
}

/// The name of an AWS managed policy from its ARN
/// (`arn:aws:iam::aws:policy/service-role/X` is `X`), when the ARN is one.
fn aws_managed_name(arn: &str) -> Option<&str> {
    let rest = arn.trim().strip_prefix("arn:aws")?;
    let (partition, rest) = rest.split_once(':')?;
    let path = rest.strip_prefix("iam::aws:policy/")?;
    if !partition.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
        return None;
    }
    let name = path.rsplit('/').next()?;
    path.split('/').all(policy_name_chars).then_some(name)
}

fn policy_name_chars(s: &str) -> bool {
    !s.is_empty() && s.len() <= 128 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// AWS managed policies attached to an identity or a permission set, by ARN
/// or through a `data "aws_iam_policy"` that looks one up by name or ARN.
/// `params.name` is the policy's name, or `params.name_suffix` the end of
/// it (`FullAccess`); `params.why` ends the message.
pub fn iam_managed_policy_attached(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let wanted = |name: &str| {
        policy_name_chars(name)
            && (cx.param_str("name").is_some_and(|n| n == name)
                || cx.param_str("name_suffix").is_some_and(|s| {
                    name.strip_suffix(s).is_some_and(|p| p.bytes().all(|b| b.is_ascii_alphanumeric()))
                }))
    };
    let why = cx.param_str("why").unwrap_or("it grants more than a workload needs");
    for attr in ATTACHING {
        let Some(v) = el.get(attr) else { continue };
        for item in v.items() {
            if let Some(arn) = item.as_str() {
                if aws_managed_name(&arn).is_some_and(wanted) {
                    let arn = arn.trim();
                    hits.push(
                        Hit::new(el.locate(item, v), format!("`{arn}` is attached: {why}")).origin(el.written_at(item)),
                    );
                }
                continue;
            }
            // `data.aws_iam_policy.admin.arn`: what the data source looks up.
            let Some(found) = cx.elements.iter().find(|d| d.kind == Kind::Data && el.refers_to(item, d)) else {
                continue;
            };
            let name = match (found.get("arn").and_then(|a| a.as_str()), found.get("name").and_then(|n| n.as_str())) {
                (Some(arn), _) => aws_managed_name(&arn).map(str::to_string),
                (None, Some(name)) => Some(name.trim().to_string()),
                _ => None,
            };
            if let Some(name) = name.filter(|n| wanted(n)) {
                let by = found.block_address();
                hits.push(
                    Hit::new(el.locate(item, v), format!("`{name}` (looked up by `{by}`) is attached: {why}"))
                        .origin(el.written_at(item)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_wildcards() {
        assert_eq!(service_wildcard("s3:*"), Some("s3"));
        assert_eq!(service_wildcard("s3:Get*"), None);
        assert_eq!(service_wildcard("*"), None);
    }

    #[test]
    fn aws_managed_policy_names() {
        assert_eq!(aws_managed_name("arn:aws:iam::aws:policy/AdministratorAccess"), Some("AdministratorAccess"));
        assert_eq!(aws_managed_name("arn:aws-us-gov:iam::aws:policy/service-role/X_Y-z"), Some("X_Y-z"));
        assert_eq!(aws_managed_name("arn:aws:iam::111122223333:policy/AdministratorAccess"), None);
        assert_eq!(aws_managed_name("arn:aws:iam::aws:policy/a b"), None);
    }
}
