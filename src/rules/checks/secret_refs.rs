//! Environment variables set from a secret's source: the value is Unknown
//! here (a generated password, a secret's version, a sensitive variable),
//! but at apply time the secret is written in plain text into the task
//! definition or the function's configuration all the same.

use crate::model::{Val, V};
use crate::secrets::sensitive_name;

/// How a value takes a secret from a reference.
pub struct SecretRef<'v> {
    /// The reference (`random_password.db.result`): where the secret comes
    /// from, never the secret.
    pub source: &'v str,
    /// The value is the reference itself (`"${...}"` alone counts).
    pub whole: bool,
    /// The reference is the password of a connection URI
    /// (`"postgres://app:${random_password.db.result}@db/app"`).
    pub uri_password: bool,
}

/// The secret `v` takes from a reference, if any: the reference itself, or
/// one interpolated into a string. A reference under a secret's name is one;
/// under any other name, only as a URI's password.
pub fn secret_reference<'v>(name: &str, v: &'v Val) -> Option<SecretRef<'v>> {
    let secret_name = sensitive_name(name);
    match &v.v {
        V::Ref(r) if secret_name && is_secret_source(r) => {
            Some(SecretRef { source: r, whole: true, uri_password: false })
        }
        V::Str(t) => t.segs.iter().find_map(|seg| {
            let r = seg.reference.as_deref().filter(|r| is_secret_source(r))?;
            let (before, after) = (t.text.get(..seg.out.0 as usize)?, t.text.get(seg.out.1 as usize..)?);
            let uri_password = is_uri_password(before, after);
            (secret_name || uri_password).then_some(SecretRef { source: r, whole: false, uri_password })
        }),
        _ => None,
    }
}

/// Whether what sits between `before` and `after` is the password of a URI:
/// `scheme://user:` just before it, `@` just after.
fn is_uri_password(before: &str, after: &str) -> bool {
    let Some(i) = before.rfind("://") else { return false };
    let userinfo = &before[i + 3..];
    userinfo.ends_with(':') && !userinfo.contains(['/', '@', ' ', '\n']) && userinfo.len() > 1 && after.starts_with('@')
}

/// What the finding says of where the secret comes from.
pub fn describe(name: &str, r: &SecretRef) -> String {
    let name = crate::secrets::quote_name(name);
    let source = crate::secrets::quote_name(r.source);
    match (r.whole, r.uri_password) {
        (true, _) => format!("environment variable `{name}` is set from `{source}`"),
        (false, true) => format!("environment variable `{name}` has `{source}` as the password of its connection URI"),
        (false, false) => format!("environment variable `{name}` interpolates `{source}`"),
    }
}

/// A reference whose value is a secret: a sensitive variable without a
/// value (`var.db_password`), a generated password (`random_password.x.result`),
/// a secret's value (`...secret_string`, an SSM parameter's `value`), or an
/// attribute named like a secret (`aws_db_instance.x.password`,
/// `aws_iam_access_key.x.secret`). Not a secret's ARN, name or id.
pub fn is_secret_source(r: &str) -> bool {
    let mut parts = r.split('.').map(|p| p.split('[').next().unwrap_or(p));
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    let last = rest.last().copied().unwrap_or_default();
    match first {
        "var" => rest.len() == 1,
        "random_password" => last == "result" || last == "bcrypt_hash",
        "data" => {
            let ty = rest.first().copied().unwrap_or_default();
            last == "secret_string"
                || ty == "aws_ssm_parameter" && last == "value"
                || sensitive_name(last) && rest.len() >= 3
        }
        "module" | "local" | "each" | "count" | "path" | "self" => false,
        _ => {
            rest.len() >= 2
                && (last == "secret_string" || first == "aws_ssm_parameter" && last == "value" || sensitive_name(last))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::value::Seg;
    use crate::model::{Text, UNKNOWN_MARK};
    use crate::source::Span;
    use std::rc::Rc;

    #[test]
    fn secret_sources() {
        for r in [
            "var.db_password",
            "random_password.db.result",
            "random_password.db[0].result",
            "aws_db_instance.main.password",
            "aws_rds_cluster.main.master_password",
            "aws_iam_access_key.ci.secret",
            "data.aws_secretsmanager_secret_version.db.secret_string",
            "aws_secretsmanager_secret_version.db.secret_string",
            "data.aws_ssm_parameter.db.value",
        ] {
            assert!(is_secret_source(r), "{r}");
        }
        for r in [
            "aws_db_instance.main.address",
            "aws_secretsmanager_secret.db.arn",
            "aws_secretsmanager_secret.db.name",
            "aws_secretsmanager_secret.db.id",
            "aws_db_instance.main.master_user_secret[0].secret_arn",
            "aws_secretsmanager_secret_version.db.secret_id",
            "aws_secretsmanager_secret_version.db.arn",
            "aws_iam_access_key.ci.id",
            "random_password.db.id",
            "var.db_password_arn.x",
            "random_password.db.length",
            "module.db.password",
            "data.aws_ssm_parameter.db.arn",
            "aws_ssm_parameter.db.name",
            "random_string.suffix.result",
        ] {
            assert!(!is_secret_source(r), "{r}");
        }
    }

    /// `before${reference}after`, as a template renders it.
    fn interpolated(before: &str, reference: &str, after: &str) -> Val {
        let span = Span::default();
        let text = format!("{before}{UNKNOWN_MARK}{after}");
        let (a, b) = (before.len() as u32, (before.len() + UNKNOWN_MARK.len_utf8()) as u32);
        let seg = |out, reference| Seg { out, src: span, literal: false, reference };
        let segs = vec![
            seg((0, a), None),
            seg((a, b), Some(Rc::new(reference.to_string()))),
            seg((b, text.len() as u32), None),
        ];
        Val::new(V::Str(Rc::new(Text { text: text.into(), segs })), span)
    }

    #[test]
    fn references_inside_strings() {
        let pw = "random_password.db.result";
        let url = interpolated("postgres://app:", pw, "@db.internal:5432/app");
        let r = secret_reference("DATABASE_URL", &url).expect("a URI's password");
        assert!(r.uri_password && !r.whole && r.source == pw);
        assert!(secret_reference("DB_PASSWORD", &interpolated("pw-", pw, "")).is_some());
        // Not a secret's source, not a secret's name, not a URI's password.
        assert!(secret_reference("DATABASE_URL", &interpolated("postgres://app:", "aws_db_instance.x.address", "@h"))
            .is_none());
        assert!(secret_reference("SUFFIX", &interpolated("app-", pw, "")).is_none());
        assert!(secret_reference("DATABASE_URL", &interpolated("postgres://", pw, "@h/db")).is_none());
        assert!(secret_reference("DATABASE_URL", &interpolated("postgres://app:x@h/", pw, "")).is_none());
        let arn = interpolated("", "aws_secretsmanager_secret.db.arn", "");
        assert!(secret_reference("DB_PASSWORD", &arn).is_none());
    }
}
