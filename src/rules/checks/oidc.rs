//! aws-iam-role-github-oidc-unrestricted: a role that GitHub Actions
//! assumes through OIDC must say which repositories (the token's `sub`
//! claim) may; without that, any workflow of any GitHub repository can.

use crate::model::{Element, Val, V};
use crate::rules::engine::{CheckCx, Hit};

use super::policy::{action_matches, place, statements, Stmt};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] =
    &[("iam_github_oidc_unrestricted", iam_github_oidc_unrestricted)];

const ISSUER: &str = "token.actions.githubusercontent.com";

/// Claims that restrict the caller to repositories like `sub` does (keys
/// IAM accepts for the GitHub provider besides `sub` and `aud`).
const REPOSITORY_CLAIMS: &[&str] =
    &["repository", "repository_id", "repository_owner", "repository_owner_id", "job_workflow_ref"];

/// First claims of a custom `sub` template that any repository can match:
/// `environment:prod` is any repository's `prod` environment.
const ABUSABLE_CLAIMS: &[&str] = &["workflow", "environment", "ref", "context", "head_ref", "base_ref"];

/// One condition entry: operator, key and values, from either form.
struct Entry<'v> {
    op: String,
    key: String,
    values: &'v Val,
}

fn entries(cond: &Option<Val>) -> Option<Vec<Entry<'_>>> {
    let Some(c) = cond else { return Some(Vec::new()) };
    let mut out = Vec::new();
    match &c.v {
        V::Null => {}
        // `{ StringLike = { "token.actions.githubusercontent.com:sub" = [...] } }`
        V::Map(ops) => {
            for (op, keys) in ops.iter() {
                match &keys.v {
                    V::Map(keys) => out.extend(keys.iter().map(|(k, v)| Entry {
                        op: op.to_ascii_lowercase(),
                        key: k.trim().to_ascii_lowercase(),
                        values: v,
                    })),
                    _ => return None,
                }
            }
        }
        // `condition { test, variable, values }` blocks of a data source.
        V::List(blocks) => {
            for b in blocks.iter() {
                match (
                    b.get("test").and_then(|t| t.as_str()),
                    b.get("variable").and_then(|k| k.as_str()),
                    b.get("values"),
                ) {
                    (Some(t), Some(k), Some(v)) => {
                        out.push(Entry { op: t.to_ascii_lowercase(), key: k.trim().to_ascii_lowercase(), values: v })
                    }
                    _ => return None,
                }
            }
        }
        // An Unknown condition may restrict anything.
        _ => return None,
    }
    Some(out)
}

/// `token.actions.githubusercontent.com:CLAIM` (or an enterprise's
/// `token.actions.githubusercontent.com/SLUG:CLAIM`): the claim.
fn github_claim(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(ISSUER)?;
    let rest = match rest.strip_prefix('/') {
        Some(slug) => &slug[slug.find(':')?..],
        None => rest,
    };
    rest.strip_prefix(':')
}

/// Does a known `sub` value let in repositories nobody here chose? The
/// same tests as Checkov's CKV_AWS_358: `*`, a claim with no value, a
/// wildcard first value, an abusable first claim, `repo:` not followed by
/// `owner/...`.
fn sub_is_open(value: &str) -> bool {
    let v = value.trim();
    if v == "*" {
        return true;
    }
    let mut parts = v.split(':');
    let (first, second) = (parts.next().unwrap_or(""), parts.next());
    let Some(second) = second else { return true };
    if second == "*" || ABUSABLE_CLAIMS.iter().any(|c| first.starts_with(c)) {
        return true;
    }
    if first == "repo" {
        // `owner/name` (an owner of letters, digits, `_`, `-`, dots between).
        let Some((owner, name)) = second.split_once('/') else { return true };
        let owner_ok = !owner.is_empty()
            && owner
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'));
        return !owner_ok || name.is_empty();
    }
    false
}

/// Is the statement's federated principal GitHub's provider? Its ARN names
/// the issuer, or it refers to an OIDC provider whose `url` does; or the
/// condition names the issuer's claims.
fn trusts_github(cx: &CheckCx, el: &Element, st: &Stmt, entries: &[Entry]) -> Option<Val> {
    let p = st.principal.as_ref()?;
    let V::Map(m) = &p.v else { return None };
    let federated: Vec<&Val> =
        m.iter().filter(|(k, _)| k.eq_ignore_ascii_case("Federated")).flat_map(|(_, v)| v.items()).collect();
    let names_issuer = |v: &Val| v.as_str().is_some_and(|s| s.to_ascii_lowercase().contains(ISSUER));
    let provider = |v: &Val| {
        cx.elements.iter().any(|e| {
            e.type_name == "aws_iam_openid_connect_provider"
                && el.refers_to(v, e)
                && e.get("url").is_some_and(names_issuer)
        })
    };
    let by_claims = entries.iter().any(|e| github_claim(&e.key).is_some());
    federated.into_iter().find(|v| names_issuer(v) || provider(v) || (by_claims && !v.is_null())).cloned()
}

/// Roles whose trust policy lets GitHub Actions' OIDC tokens assume them
/// with no condition on the repository, or one any repository meets.
pub fn iam_github_oidc_unrestricted(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for st in statements(cx, el, &["assume_role_policy"], true).iter() {
        if !st.allows() {
            continue;
        }
        // Known actions that do not include web-identity assumption grant nothing here.
        if let Some(a) = &st.action {
            let items = a.items();
            let known: Vec<String> = items.iter().filter_map(|x| x.as_str().map(|s| s.into_owned())).collect();
            if known.len() == items.len() && !known.iter().any(|x| action_matches(x, "sts:AssumeRoleWithWebIdentity")) {
                continue;
            }
        }
        let Some(entries) = entries(&st.condition) else { continue };
        let Some(principal) = trusts_github(cx, el, st, &entries) else { continue };
        // Positive operators only: `StringNotLike` on `sub` lets every other repository in.
        let positive: Vec<&Entry> = entries.iter().filter(|e| !e.op.contains("not")).collect();
        let mut restricted = false;
        let mut open: Option<(&Val, String)> = None;
        for e in &positive {
            let Some(claim) = github_claim(&e.key) else { continue };
            let values = e.values.items();
            if e.values.is_unknown()
                || values.iter().any(|v| v.is_unknown() || v.as_text().is_some_and(|t| !t.is_fully_known()))
            {
                // Given the benefit of the doubt.
                restricted = true;
                continue;
            }
            let known: Vec<(&Val, String)> =
                values.iter().filter_map(|v| v.as_str().map(|s| (*v, s.into_owned()))).collect();
            if claim == "sub" {
                match known.iter().find(|(_, s)| sub_is_open(s)) {
                    Some((v, s)) => open = open.or(Some((v, s.clone()))),
                    None if !known.is_empty() => restricted = true,
                    None => {}
                }
            } else if REPOSITORY_CLAIMS.contains(&claim)
                && !known.is_empty()
                && known.iter().all(|(_, s)| !s.trim().is_empty() && s.trim() != "*")
            {
                restricted = true;
            }
        }
        let (at, origin, message) = match open {
            Some((v, s)) => {
                let (span, elsewhere) = place(el, v, &[&principal, &st.attr]);
                (
                    span,
                    v.origin.or(elsewhere),
                    format!(
                        "trust policy lets GitHub Actions assume this role with `sub` matching `{}`: workflows of repositories nobody here chose match it",
                        crate::secrets::quote_claim(&s)
                    ),
                )
            }
            None if restricted => continue,
            None => {
                let (span, elsewhere) = place(el, &principal, &[&st.attr]);
                (
                    span,
                    principal.origin.or(elsewhere),
                    "trust policy lets GitHub Actions' OIDC tokens assume this role with no condition on `token.actions.githubusercontent.com:sub`: a workflow in any GitHub repository can take its permissions".to_string(),
                )
            }
        };
        hits.push(Hit::new(at, message).origin(origin));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects() {
        for open in [
            "*",
            "repo",
            "repo:*",
            "repo:*/*",
            "repo:octo-org*",
            "environment:prod",
            "ref:refs/heads/main",
            "repo:/app",
        ] {
            assert!(sub_is_open(open), "{open}");
        }
        for narrow in [
            "repo:octo-org/app:ref:refs/heads/main",
            "repo:octo-org/*",
            "repo:octo.org/app:*",
            "repo:octo-org/app:environment:prod",
        ] {
            assert!(!sub_is_open(narrow), "{narrow}");
        }
    }

    #[test]
    fn claims() {
        assert_eq!(github_claim("token.actions.githubusercontent.com:sub"), Some("sub"));
        assert_eq!(github_claim("token.actions.githubusercontent.com/octo-ent:sub"), Some("sub"));
        assert_eq!(github_claim("token.actions.githubusercontent.com:aud"), Some("aud"));
        assert_eq!(github_claim("accounts.google.com:sub"), None);
    }
}
