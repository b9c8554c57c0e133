//! IAM policy statements, in every form Terraform writes them: `jsonencode`,
//! heredoc or file JSON, and `aws_iam_policy_document` data sources. One
//! statement model serves the identity-policy checks (iam.rs), the resource
//! policies of S3, ECR, KMS and Lambda (here, lambda.rs, and the rule language), so that each form is
//! read the same way everywhere.
//!
//! A document reached from an `aws_iam_policy_document` data source is
//! reported at the data source, once, not again at every policy that uses it,
//! unless the check needs to know what the document is used for (a trust
//! policy, a resource policy): see [`statements`].

use std::rc::Rc;

use crate::model::{Element, Kind, Val, V};
use crate::rules::engine::CheckCx;
use crate::source::Span;

/// One policy statement, whichever form it was written in.
pub struct Stmt {
    /// Lowercased effect; statements with an Unknown effect are dropped.
    pub effect: String,
    pub action: Option<Val>,
    pub not_action: Option<Val>,
    pub resource: Option<Val>,
    /// `Principal` in its JSON form (`"*"` or `{ AWS = [...] }`).
    pub principal: Option<Val>,
    /// Any `Principal` or `NotPrincipal`: a resource (or trust) policy.
    pub has_principal: bool,
    pub condition: Option<Val>,
    /// The attribute holding the document (where to point when the statement is elsewhere).
    pub attr: Val,
}

impl Stmt {
    pub fn allows(&self) -> bool {
        self.effect == "allow"
    }

    /// `Resource` is known to include `*`.
    pub fn on_every_resource(&self) -> bool {
        self.resource.as_ref().is_some_and(|r| r.items().into_iter().any(is_star))
    }

    /// The known actions for a message: `` `s3:GetObject`, `s3:PutObject` ``
    /// with a leading space, or nothing.
    pub fn actions_shown(&self) -> String {
        let actions: Vec<String> = self
            .action
            .as_ref()
            .map(|a| {
                a.items()
                    .into_iter()
                    .filter_map(|x| x.as_str().map(|s| crate::secrets::quote_action(&s).to_string()))
                    .collect()
            })
            .unwrap_or_default();
        if actions.is_empty() {
            String::new()
        } else {
            format!(" `{}`", actions.join("`, `"))
        }
    }
}

/// True when a document value came from an `aws_iam_policy_document` data source.
fn from_data_source(cx: &CheckCx, v: &Val) -> bool {
    v.origin.is_some_and(|o| cx.sources.text(o).starts_with("data"))
}

/// A field as written, `null` being absent (as Terraform and IAM read it):
/// `NotAction = lookup(s, "not_actions", null)` is no `NotAction`.
fn set(v: Option<&Val>) -> Option<Val> {
    v.filter(|v| !v.is_null()).cloned()
}

fn stmt_from_json(st: &Val, attr: &Val) -> Option<Stmt> {
    let effect = st.get_ci("Effect")?.as_str()?.to_ascii_lowercase();
    Some(Stmt {
        effect,
        action: set(st.get_ci("Action")),
        not_action: set(st.get_ci("NotAction")),
        resource: set(st.get_ci("Resource")),
        principal: set(st.get_ci("Principal")),
        has_principal: set(st.get_ci("Principal")).is_some() || set(st.get_ci("NotPrincipal")).is_some(),
        condition: set(st.get_ci("Condition")),
        attr: attr.clone(),
    })
}

/// A `statement` block of an `aws_iam_policy_document` data source.
fn stmt_from_block(st: &Val) -> Option<Stmt> {
    let effect = match st.get("effect") {
        Some(e) => e.as_str()?.to_ascii_lowercase(),
        None => "allow".into(),
    };
    let principal = set(st.get("principals")).map(|ps| {
        let mut map = Vec::new();
        for p in ps.items() {
            match (p.get("type").and_then(|t| t.as_str()), p.get("identifiers")) {
                (Some(t), Some(ids)) => map.push((Rc::from(t.as_ref()), ids.clone())),
                _ => map.push((Rc::from("?"), Val::unknown(p.span))),
            }
        }
        Val::new(V::Map(Rc::new(map)), ps.span)
    });
    Some(Stmt {
        effect,
        action: set(st.get("actions")),
        not_action: set(st.get("not_actions")),
        resource: set(st.get("resources")),
        has_principal: principal.is_some() || set(st.get("not_principals")).is_some(),
        principal,
        condition: set(st.get("condition")),
        attr: st.clone(),
    })
}

/// The statements of the documents held by `attrs` (top-level attributes, or
/// `inline_policy.policy`). With `with_data_sources`, documents built by an
/// `aws_iam_policy_document` are included (checks whose data source would not
/// know what the document is used for); otherwise they are reported on the
/// data source itself. On the data source, its `statement` blocks.
/// Computed once per element and shared by the checks that ask the same.
pub fn statements(cx: &CheckCx, el: &Element, attrs: &[&str], with_data_sources: bool) -> Rc<Vec<Stmt>> {
    let key = format!("policy::statements {} {with_data_sources}", attrs.join(","));
    cx.memo(&key, || read_statements(cx, el, attrs, with_data_sources))
}

fn read_statements(cx: &CheckCx, el: &Element, attrs: &[&str], with_data_sources: bool) -> Vec<Stmt> {
    let mut out = Vec::new();
    if el.kind == Kind::Data {
        if el.type_name == "aws_iam_policy_document" {
            out.extend(
                el.get("statement").map(|s| s.items()).unwrap_or_default().into_iter().filter_map(stmt_from_block),
            );
        }
        return out;
    }
    for v in documents(el, attrs) {
        if !with_data_sources && from_data_source(cx, v) {
            continue;
        }
        let Some(doc) = crate::parse::json::document(v, cx.sources) else { continue };
        let Some(list) = doc.get_ci("Statement") else { continue };
        out.extend(list.items().into_iter().filter_map(|st| stmt_from_json(st, v)));
    }
    out
}

/// The values of `attrs`: top-level attributes, or `block.key` in every
/// `block` (a role's `inline_policy.policy`).
pub fn documents<'e>(el: &'e Element, attrs: &[&str]) -> Vec<&'e Val> {
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
    values
}

/// Where to report `v`: at `v` when it is written inside the element, else at
/// the first of `fallbacks` that is (the list or attribute that reached it),
/// with where `v` is written then (a policy file, a variable default) for the
/// finding's `written_at`.
pub fn place(el: &Element, v: &Val, fallbacks: &[&Val]) -> (Span, Option<Span>) {
    let span = std::iter::once(v)
        .chain(fallbacks.iter().copied())
        .map(|c| c.span)
        .find(|s| el.span.contains(s))
        .unwrap_or(el.span);
    (span, (span != v.span).then_some(v.span))
}

pub fn is_star(v: &Val) -> bool {
    v.as_str().is_some_and(|s| s.trim() == "*")
}

/// Known and non-empty: a statement that has a condition (an Unknown one counts).
pub fn has_condition(c: &Option<Val>) -> bool {
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

/// The `*` that makes a principal everyone: `"*"`, `{ AWS = "*" }` (any key
/// case, any of several keys, a string or a list), `{ "*" = ... }`, or a data
/// source's `principals { type = "*" }` / `type = "AWS"` with identifier `*`.
pub fn public_principal(p: &Val) -> Option<&Val> {
    if is_star(p) {
        return Some(p);
    }
    match &p.v {
        V::Map(m) => m
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("AWS") || &**k == "*")
            .flat_map(|(_, v)| v.items())
            .find(|v| is_star(v)),
        V::List(_) => p.items().into_iter().find(|v| is_star(v)),
        _ => None,
    }
}

/// Does an IAM action pattern (with `*` and `?`) match `action`? Case-insensitive.
/// Iterative with one backtrack point: linear-ish time even for hostile
/// patterns like `a*a*a*a*b` (a naive recursive match is exponential).
pub fn action_matches(pattern: &str, action: &str) -> bool {
    let (p, a) = (pattern.trim().as_bytes(), action.as_bytes());
    let (mut pi, mut ai) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ai < a.len() {
        if pi < p.len() && (p[pi] == b'?' || p[pi].eq_ignore_ascii_case(&a[ai])) {
            pi += 1;
            ai += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ai));
            pi += 1;
        } else if let Some((sp, sa)) = star {
            pi = sp + 1;
            ai = sa + 1;
            star = Some((sp, sa + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == b'*')
}

/// Condition keys that fix who the caller is (or where the call comes from)
/// when given concrete values: with one of them, a `Principal = "*"` grant is
/// no longer a grant to everyone. Compared without regard to case.
const NARROWING_KEYS: &[&str] = &[
    "aws:SourceIp",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:SourceArn",
    "aws:SourceAccount",
    // The account that owns the sender: SNS topics' default policy uses it.
    "aws:SourceOwner",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "s3:DataAccessPointAccount",
    "s3:DataAccessPointArn",
    // The owner of the VPC endpoint the request came through (like aws:SourceVpce).
    "aws:VpceAccount",
    "aws:VpceOrgID",
    "aws:VpceOrgPaths",
    // The caller's unique id (`AROA...:session`, `AIDA...`): one principal.
    // Not aws:username, which names a user in any account.
    "aws:userid",
];

/// Does a statement's `Condition` (JSON form, or a data source's `condition`
/// blocks) narrow a `Principal = "*"` grant? Only a positive operator
/// (not `...Not...`, `...IfExists`, `Null` or `ForAllValues:`, which all let
/// callers without the key through) on one of [`NARROWING_KEYS`] or `extra`
/// whose values are all concrete: a value of `*` (or an ARN of wildcards, or
/// a `/0` address range) narrows nothing. Unknown parts may narrow: they do.
pub fn narrows(cond: &Option<Val>, extra: &[&str]) -> bool {
    let Some(c) = cond else { return false };
    let key_narrows = |op: &str, key: &str, values: &Val| -> bool {
        let op = op.to_ascii_lowercase();
        if op.contains("not") || op.ends_with("ifexists") || op == "null" || op.starts_with("forallvalues:") {
            return false;
        }
        if !NARROWING_KEYS.iter().chain(extra).any(|k| k.eq_ignore_ascii_case(key.trim())) {
            return false;
        }
        let items = values.items();
        // A value with parts known only at apply time
        // (`"${data.aws_organizations_organization.org.id}/*/${local.ou}/*"`)
        // is given the benefit of the doubt, as a wholly Unknown one is.
        let concrete = |v: &Val| match v.as_text() {
            Some(t) if !t.is_fully_known() => true,
            _ => v.as_str().is_some_and(|s| !opens_everything(&s)),
        };
        !items.is_empty() && items.iter().all(|v| v.is_unknown() || concrete(v))
    };
    match &c.v {
        V::Unknown | V::Ref(_) => true,
        // `condition { test, variable, values }` blocks of a data source.
        V::List(blocks) => blocks.iter().any(|b| match (b.get("test"), b.get("variable"), b.get("values")) {
            (Some(t), Some(k), Some(vals)) => match (t.as_str(), k.as_str()) {
                (Some(t), Some(k)) => key_narrows(&t, &k, vals),
                _ => true,
            },
            _ => b.is_unknown(),
        }),
        // `{ StringEquals = { "aws:SourceAccount" = "..." } }`
        V::Map(ops) => ops.iter().any(|(op, keys)| match &keys.v {
            V::Map(keys) => keys.iter().any(|(k, vals)| key_narrows(op, k, vals)),
            _ => keys.is_unknown(),
        }),
        _ => false,
    }
}

/// A condition value that matches every caller: `*`, an ARN whose fields are
/// all wildcards (`arn:aws:*:*:*:*`) or whose account is any account
/// (`arn:aws:iam::*`, `arn:aws:iam::*:role/deploy`: a role of that name can be
/// made in any account), or an address range of every address.
pub fn opens_everything(s: &str) -> bool {
    let s = s.trim();
    if s == "0.0.0.0/0" || s == "::/0" {
        return true;
    }
    let wild = |f: &str| f.bytes().all(|b| b == b'*' || b == b'?');
    let fields: Vec<&str> = s.split(':').collect();
    // An empty account field is no wildcard: S3 ARNs have none (`arn:aws:s3:::bucket`).
    if fields.len() >= 5 && fields[0] == "arn" && !fields[4].is_empty() && wild(fields[4]) {
        return true;
    }
    fields.iter().enumerate().all(|(i, f)| wild(f) || (i == 0 && *f == "arn") || (i == 1 && f.starts_with("aws")))
}

/// How a public grant's condition (or its absence) reads in a message.
pub fn condition_note(cond: &Option<Val>) -> &'static str {
    if has_condition(cond) {
        " under a condition that does not narrow who can call"
    } else {
        " with no condition"
    }
}

/// A statement of a resource policy that allows everyone (`Principal = "*"`)
/// with no condition that narrows who can call (see [`narrows`]).
pub struct PublicGrant {
    /// Where to report it (the `*` when written in the element).
    pub span: Span,
    /// The actions allowed, as [`Stmt::actions_shown`] words them.
    pub actions: String,
    /// How the statement's condition (or its absence) reads in a message.
    pub unless: &'static str,
    pub origin: Option<Span>,
}

/// The statements of the documents held by `attrs` that allow everyone,
/// unless a condition narrows who can call (on the keys [`narrows`] knows,
/// or on `extra`: `kms:CallerAccount` for a key policy).
pub fn public_grants(cx: &CheckCx, el: &Element, attrs: &[&str], extra: &[&str]) -> Vec<PublicGrant> {
    let mut out = Vec::new();
    for st in statements(cx, el, attrs, true).iter() {
        if !st.allows() || narrows(&st.condition, extra) {
            continue;
        }
        let Some(p) = &st.principal else { continue };
        let Some(star) = public_principal(p) else { continue };
        let (span, elsewhere) = place(el, star, &[p, &st.attr]);
        out.push(PublicGrant {
            span,
            actions: st.actions_shown(),
            unless: condition_note(&st.condition),
            origin: star.origin.or(elsewhere),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principals_that_mean_everyone() {
        let doc = |j: &str| crate::parse::json::parse_file(j, 0).unwrap();
        for everyone in
            [r#""*""#, r#"{"AWS": "*"}"#, r#"{"aws": ["arn:aws:iam::1:root", "*"]}"#, r#"{"*": "*"}"#, r#"["*"]"#]
        {
            assert!(public_principal(&doc(everyone)).is_some(), "{everyone}");
        }
        for someone in [r#"{"AWS": "arn:aws:iam::111122223333:root"}"#, r#"{"Service": "ecs-tasks.amazonaws.com"}"#] {
            assert!(public_principal(&doc(someone)).is_none(), "{someone}");
        }
    }

    #[test]
    fn actions() {
        assert!(action_matches("iam:PassRole", "iam:PassRole"));
        assert!(action_matches("IAM:passrole", "iam:PassRole"));
        assert!(action_matches("iam:Pass*", "iam:PassRole"));
        assert!(action_matches("iam:*Role", "iam:PassRole"));
        assert!(!action_matches("iam:Get*", "iam:PassRole"));
        assert!(action_matches("i?m:P*s*R*e", "iam:PassRole"));
        assert!(!action_matches("iam:PassRole?", "iam:PassRole"));
        // A hostile pattern stays fast.
        let hostile = format!("{}b", "a*".repeat(40));
        assert!(!action_matches(&hostile, &"a".repeat(200)));
    }

    #[test]
    fn conditions_that_narrow_a_public_grant() {
        let doc = |j: &str| Some(crate::parse::json::parse_file(j, 0).unwrap());
        for narrow in [
            r#"{"StringEquals": {"aws:SourceAccount": "111122223333"}}"#,
            r#"{"ArnLike": {"AWS:SourceArn": "arn:aws:sns:eu-west-1:111122223333:alerts"}}"#,
            r#"{"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"]}}"#,
            r#"{"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}, "Bool": {"aws:SecureTransport": "true"}}"#,
            r#"{"ForAnyValue:StringEquals": {"aws:SourceVpce": ["vpce-1"]}}"#,
            r#"{"StringEquals": {"aws:VpceAccount": "111122223333"}}"#,
            r#"{"StringLike": {"aws:userid": "AROAEXAMPLEID:*"}}"#,
            r#"{"ArnLike": {"aws:SourceArn": "arn:aws:s3:::logs-bucket"}}"#,
        ] {
            assert!(narrows(&doc(narrow), &[]), "{narrow}");
        }
        for open in [
            r#"{"StringEquals": {"aws:SourceAccount": "*"}}"#,
            r#"{"StringLike": {"aws:PrincipalArn": "arn:aws:*:*:*:*"}}"#,
            r#"{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::*"}}"#,
            r#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/deploy"}}"#,
            r#"{"StringEquals": {"aws:username": "deploy"}}"#,
            r#"{"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "0.0.0.0/0"]}}"#,
            r#"{"StringNotEquals": {"aws:SourceAccount": "111122223333"}}"#,
            r#"{"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}}"#,
            r#"{"Bool": {"aws:SecureTransport": "true"}}"#,
            r#"{"Null": {"aws:SourceArn": "false"}}"#,
            r#"{}"#,
        ] {
            assert!(!narrows(&doc(open), &[]), "{open}");
        }
        assert!(narrows(&doc(r#"{"StringEquals": {"kms:CallerAccount": "111122223333"}}"#), &["kms:CallerAccount"]));
    }
}
