//! IAM identity and trust policies. Documents are read through policy.rs, in
//! every form Terraform writes them (`jsonencode`, heredoc or file JSON,
//! `aws_iam_policy_document`); a document built by a data source is judged
//! on the data source, except trust policies (see [`super::policy::statements`]).

use crate::model::Element;
use crate::rules::engine::{CheckCx, Hit};

use super::policy::{action_matches, has_condition, is_star, place, public_principal, statements};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[
    ("iam_policy_admin", policy_admin),
    ("iam_policy_service_wildcard", iam_policy_service_wildcard),
    ("iam_policy_not_action", iam_policy_not_action),
    ("iam_passrole_wildcard", iam_passrole_wildcard),
    ("iam_role_trust_any_principal", iam_role_trust_any_principal),
];

/// Where identity policies are: a policy resource's `policy`, a role's `inline_policy` blocks.
const IDENTITY_POLICIES: &[&str] = &["policy", "inline_policy.policy"];

/// Statements allowing every action on every resource: full administrator access.
pub fn policy_admin(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for st in statements(cx, el, IDENTITY_POLICIES, false).iter() {
        if !st.allows() || !st.on_every_resource() {
            continue;
        }
        let Some(action) = &st.action else { continue };
        if let Some(a) = action.items().into_iter().find(|a| is_star(a)) {
            let (span, note) = place(cx, el, a, &[&st.attr], "statement at");
            hits.push(Hit::new(span, format!("policy statement allows every action (`*`) on every resource (`*`): this is full administrator access{note}")));
        }
    }
}

/// `service:*`: every action of one service.
fn service_wildcard(a: &str) -> Option<&str> {
    let (svc, rest) = a.trim().split_once(':')?;
    (rest == "*" && !svc.is_empty() && svc.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')).then_some(svc)
}

/// Identity-policy statements that allow something on every resource.
pub fn iam_policy_service_wildcard(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for st in statements(cx, el, IDENTITY_POLICIES, false).iter() {
        if !st.allows() || st.has_principal || !st.on_every_resource() {
            continue;
        }
        let Some(action) = &st.action else { continue };
        for a in action.items() {
            let Some(text) = a.as_str() else { continue };
            if let Some(svc) = service_wildcard(&text) {
                let (span, note) = place(cx, el, a, &[action, &st.attr], "written at");
                hits.push(
                    Hit::new(
                        span,
                        format!(
                            "policy statement allows every `{svc}` action (`{}`) on every resource (`*`){note}",
                            text.trim()
                        ),
                    )
                    .origin(a.origin),
                );
            }
        }
    }
}

/// `Effect = "Allow"` with `NotAction`: everything except a list.
pub fn iam_policy_not_action(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for st in statements(cx, el, IDENTITY_POLICIES, false).iter() {
        if !st.allows() {
            continue;
        }
        let Some(na) = &st.not_action else { continue };
        if na.is_unknown() {
            continue;
        }
        let (span, note) = place(cx, el, na, &[&st.attr], "written at");
        let scope = if st.on_every_resource() { " on every resource (`*`)" } else { "" };
        hits.push(Hit::new(span, format!("policy statement allows every action except those in `NotAction`{scope}, including actions AWS adds later{note}")));
    }
}

/// `iam:PassRole` on `*` without a condition: the holder can hand any role to a service.
pub fn iam_passrole_wildcard(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for st in statements(cx, el, IDENTITY_POLICIES, false).iter() {
        if !st.allows() || st.has_principal || has_condition(&st.condition) || !st.on_every_resource() {
            continue;
        }
        let Some(action) = &st.action else { continue };
        for a in action.items() {
            let Some(text) = a.as_str() else { continue };
            let t = text.trim();
            // `*` and `iam:*` are reported by the admin and service-wildcard rules.
            if t == "*" || t.eq_ignore_ascii_case("iam:*") || !action_matches(t, "iam:PassRole") {
                continue;
            }
            let (span, note) = place(cx, el, a, &[action, &st.attr], "written at");
            hits.push(Hit::new(span, format!("policy statement allows `{t}` on every resource (`*`) without a condition: the holder can pass any role, including an administrator role, to a service it controls{note}")).origin(a.origin));
        }
    }
}

/// A role whose trust policy lets anyone assume it.
pub fn iam_role_trust_any_principal(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for st in statements(cx, el, &["assume_role_policy"], true).iter() {
        if !st.allows() || has_condition(&st.condition) {
            continue;
        }
        let Some(p) = &st.principal else { continue };
        if let Some(star) = public_principal(p) {
            let (span, note) = place(cx, el, star, &[p, &st.attr], "written at");
            hits.push(Hit::new(span, format!("trust policy lets any principal (`*`) assume this role, with no condition: any AWS account can take its permissions{note}")).origin(star.origin));
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
}
