//! Hard-coded secrets in Terraform attributes, provider blocks, tfvars files
//! and EC2 user data.

use crate::model::{Element, Kind, Val, V};
use crate::parse::json::OffsetMap;
use crate::rules::engine::{CheckCx, Hit};
use crate::secrets::{is_credential, mask, scan_text, sensitive_name};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[
    ("secret_attributes", secret_attributes),
    ("provider_credentials", provider_credentials),
    ("tfvars_secrets", tfvars_secrets),
    ("user_data_secrets", user_data_secrets),
    ("ssm_parameter_literal_secret", ssm_parameter_literal_secret),
    ("local_secrets", local_secrets),
];

/// A literal secret held by `v`, if it is one: a fully known, non-placeholder string.
/// Attributes Terraform never writes again once the resource exists
/// (`lifecycle { ignore_changes = [password] }`, or `all`): their literal is
/// a seed, replaced out of band, not the real secret.
fn seeded(el: &Element) -> Vec<String> {
    let mut out = Vec::new();
    for lc in el.get("lifecycle").map(|l| l.items()).unwrap_or_default() {
        for n in lc.get("ignore_changes").map(|l| l.items()).unwrap_or_default() {
            if let Some(s) = n.as_str() {
                out.push(s.into_owned());
            }
        }
    }
    out
}

/// The value of `name` when it is a literal credential (see [`is_credential`]).
fn literal_secret(name: &str, v: &Val) -> Option<String> {
    match &v.v {
        V::Str(t) if t.is_fully_known() && is_credential(name, &t.text) => Some(t.text.to_string()),
        _ => None,
    }
}

/// Walks nested maps and lists for sensitive names with literal values;
/// with `pairs`, the values of name/value pairs by their names (see [`pair_name`]).
fn walk_named<'v>(v: &'v Val, name: &str, pairs: bool, out: &mut Vec<(String, &'v Val)>) {
    // Asked once per name, not once per string under it (a list of ten strings).
    let mut sensitive = None;
    walk_under(v, name, pairs, &mut sensitive, out);
}

/// The name of a `{ name = "DB_PASSWORD", value = "..." }` pair (an
/// environment variable in a resource's list or a tfvars value, a CodeBuild
/// `environment_variable`, a Helm `set`, a Beanstalk `setting`), whose
/// `value` it names; not when a `type` says the value is a reference to a
/// secret store (`PARAMETER_STORE`, `SECRETS_MANAGER`).
fn pair_name(m: &[(std::rc::Rc<str>, Val)]) -> Option<String> {
    let get = |key: &str| m.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v);
    get("value")?;
    let name = get("name")?.as_str()?.into_owned();
    let plaintext = get("type").is_none_or(|t| t.as_str().is_some_and(|t| t.eq_ignore_ascii_case("plaintext")));
    plaintext.then_some(name)
}

fn walk_under<'v>(v: &'v Val, name: &str, pairs: bool, sensitive: &mut Option<bool>, out: &mut Vec<(String, &'v Val)>) {
    match &v.v {
        V::Map(m) => {
            let pair = if pairs { pair_name(m) } else { None };
            for (k, x) in m.iter() {
                match &pair {
                    Some(n) if k.eq_ignore_ascii_case("value") => walk_named(x, n, pairs, out),
                    _ => walk_named(x, k, pairs, out),
                }
            }
        }
        V::List(l) => l.iter().for_each(|x| walk_under(x, name, pairs, sensitive, out)),
        // `secret_string = jsonencode({ password = "..." })`
        V::Encoded(crate::model::Encoding::Json, inner) => walk_under(inner, name, pairs, sensitive, out),
        V::Str(_) if *sensitive.get_or_insert_with(|| sensitive_name(name)) => out.push((name.to_string(), v)),
        _ => {}
    }
}

/// `password = "..."` (directly, or through locals, variables and templates)
/// in resources and module calls.
pub fn secret_attributes(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let mut found = Vec::new();
    let mut under: Vec<String> = Vec::new();
    let Some(m) = el.body.as_map() else { return };
    let seeded = seeded(el);
    for (k, v) in m.iter() {
        if seeded.iter().any(|s| s == "all" || s == &**k) {
            continue;
        }
        // Container definitions, user data and Lambda environments have checks of their own.
        // `for_each` and `count` hold what instances are made from: a secret in
        // them is reported where an instance uses it (`each.value.password`),
        // not on a resource that may never read it.
        if matches!(&**k, "for_each" | "count") {
            continue;
        }
        if matches!(&**k, "container_definitions" | "user_data" | "user_data_base64")
            || (&**k == "environment" && el.type_name == "aws_lambda_function")
        {
            continue;
        }
        let before = found.len();
        // Name/value pairs in a resource only: a module's pairs reach the
        // resources it makes (a container's environment, judged there), and
        // one that is not downloaded has its containers read as such
        // (`crate::eval::ecs::from_module_input`).
        walk_named(v, k, el.kind != Kind::Module, &mut found);
        under.extend(std::iter::repeat_n(k.to_string(), found.len() - before));
    }
    for ((name, v), top) in found.into_iter().zip(under) {
        if let Some(secret) = literal_secret(&name, v) {
            let what = if el.kind == Kind::Module { "module input" } else { "attribute" };
            let top_shown = crate::secrets::quote_name(&top);
            // A key inside a map or JSON document is named with the attribute
            // it is under: `refresh_token` alone would read as an input of its own.
            let place = if name == top {
                format!("{what} `{top_shown}`")
            } else {
                // `what` only for a module: a resource's `user` may be a block, not an attribute.
                let under = if el.kind == Kind::Module { format!("{what} ") } else { String::new() };
                format!("key `{}` in {under}`{top_shown}`", crate::secrets::quote_name(&name))
            };
            hits.push(
                Hit::new(el.locate(v, v), format!("{place} is set to the hard-coded value \"{}\"", mask(&secret)))
                    .origin(el.written_at(v))
                    .secret(v.origin.unwrap_or(v.span)),
            );
        }
    }
}

/// `access_key`, `secret_key` and `token` written into a provider block.
pub fn provider_credentials(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    if is_test_provider(el) {
        return;
    }
    for key in ["access_key", "secret_key", "token"] {
        let Some(v) = el.get(key) else { continue };
        if let Some(secret) = literal_secret(key, v) {
            hits.push(
                Hit::new(el.locate(v, v), format!("provider `{key}` is hard-coded as \"{}\"", mask(&secret)))
                    .origin(el.written_at(v))
                    .secret(v.origin.unwrap_or(v.span)),
            );
        }
    }
}

/// A provider set up for tests against a local emulator (LocalStack, moto):
/// it skips credential validation or account lookup, or sends its requests
/// to localhost. Its keys are the emulator's, not an account's.
fn is_test_provider(el: &Element) -> bool {
    let on = |k: &str| el.get(k).and_then(|v| v.as_bool()) == Some(true);
    if on("skip_credentials_validation") || on("skip_requesting_account_id") {
        return true;
    }
    let mut endpoints = Vec::new();
    if let Some(e) = el.get("endpoints") {
        collect_strings(e, &mut endpoints);
    }
    endpoints.iter().filter_map(|v| v.as_str()).any(|u| {
        u.contains("://localhost")
            || u.contains("://127.0.0.1")
            || u.contains("://localstack")
            || u.contains("://[::1]")
    })
}

/// Secrets assigned in a committed `.tfvars` file.
pub fn tfvars_secrets(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let mut found = Vec::new();
    for (k, v) in el.body.as_map().unwrap_or_default().iter() {
        walk_named(v, k, true, &mut found);
    }
    for (name, v) in found {
        if let Some(secret) = literal_secret(&name, v) {
            let name = crate::secrets::quote_name(&name);
            hits.push(
                Hit::new(
                    v.span,
                    format!("`{name}` is committed in a variables file with the value \"{}\"", mask(&secret)),
                )
                .secret(v.span),
            );
        }
    }
    // Key formats under any name.
    let mut all = Vec::new();
    collect_strings(&el.body, &mut all);
    for v in all {
        if let Some(t) = v.as_str() {
            if let Some(s) = crate::secrets::scan_value(&t) {
                if !hits.iter().any(|h| h.span == v.span) {
                    hits.push(
                        Hit::new(
                            v.span,
                            format!(
                                "{} committed in a variables file: \"{}\"",
                                crate::secrets::with_article(s.kind),
                                mask(&t[s.range.clone()])
                            ),
                        )
                        .secret(v.span),
                    );
                }
            }
        }
    }
}

fn collect_strings<'v>(v: &'v Val, out: &mut Vec<&'v Val>) {
    match &v.v {
        V::Map(m) => m.iter().for_each(|(_, x)| collect_strings(x, out)),
        V::List(l) => l.iter().for_each(|x| collect_strings(x, out)),
        V::Str(_) => out.push(v),
        _ => {}
    }
}

/// Secrets in EC2 instance / launch template / launch configuration user data.
pub fn user_data_secrets(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for key in ["user_data", "user_data_base64"] {
        let Some(v) = el.get(key) else { continue };
        let (text, holder): (std::borrow::Cow<crate::model::Text>, &Val) = match &v.v {
            V::Encoded(_, inner) => match inner.as_text() {
                Some(t) => (std::borrow::Cow::Borrowed(t), &**inner),
                None => continue,
            },
            V::Str(t) => match crate::eval::functions::base64_decode(&t.text)
                .filter(|d| t.is_fully_known() && t.text.len() >= 8 && !d.is_empty() && d.is_ascii())
            {
                // A literal base64 string: scan what it decodes to.
                Some(decoded) => (std::borrow::Cow::Owned(crate::model::Text::plain(decoded)), v),
                None => (std::borrow::Cow::Borrowed(&**t), v),
            },
            _ => continue,
        };
        let offsets = OffsetMap::new(&text, holder.span);
        for s in scan_text(&text.text) {
            let at = if text.segs.is_empty() { holder.span } else { offsets.map(cx.sources, s.range.start) };
            let span = if el.span.contains(&at) { at } else { el.locate(holder, v) };
            // The secret may sit in a template file or a variable: say where.
            let elsewhere = (span != at && !text.segs.is_empty()).then_some(at);
            let secret = &text.text[s.range.clone()];
            hits.push(
                Hit::new(
                    span,
                    format!(
                        "`{key}` contains {}: \"{}\"; user data is readable by anyone who can describe the instance",
                        crate::secrets::with_article(s.kind),
                        mask(secret)
                    ),
                )
                .origin(elsewhere)
                .secret(span),
            );
        }
    }
}

/// An SSM parameter named like a secret (`/app/db_password`) whose `value`
/// is written in the code: the secret is in the repository, whatever `type`.
pub fn ssm_parameter_literal_secret(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let Some(name) = el.get("name").and_then(|n| n.as_str()) else { return };
    let leaf = name.rsplit(['/', '.']).next().unwrap_or(&name);
    if !sensitive_name(leaf) {
        return;
    }
    let seeded = seeded(el);
    for key in ["value", "insecure_value"] {
        if seeded.iter().any(|s| s == "all" || s == key) {
            continue;
        }
        let Some(v) = el.get(key) else { continue };
        if let Some(secret) = literal_secret(leaf, v) {
            hits.push(
                Hit::new(
                    el.locate(v, v),
                    format!("SSM parameter `{name}` is given the literal value \"{}\"", mask(&secret)),
                )
                .origin(el.written_at(v))
                .secret(v.origin.unwrap_or(v.span)),
            );
        }
    }
}

/// Is `local.NAME` read anywhere in the files of the module that declares
/// the local (the `.tf` files beside it)? A local that is read is reported
/// where its value is used (a resource's `password`), not a second time.
fn local_is_read(cx: &CheckCx, el: &Element, name: &str) -> bool {
    let here = cx.sources.get(el.span.file);
    let Some(dir) = here.path.parent() else { return true };
    let needle = format!("local.{name}");
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    (0..cx.sources.len() as crate::source::FileId).any(|id| {
        let f = cx.sources.get(id);
        if f.path.parent() != Some(dir) {
            return false;
        }
        let b = f.text.as_bytes();
        finder.find_iter(b).any(|at| {
            let before = at.checked_sub(1).map(|i| b[i]);
            let after = b.get(at + needle.len()).copied();
            let name_byte = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
            !before.is_some_and(|c| name_byte(c) || c == b'.') && !after.is_some_and(name_byte)
        })
    })
}

/// A literal secret under a secret's name in a `locals` block (`db_password
/// = "..."`, `db = { password = "..." }`) that nothing in the module reads:
/// committed to the repository all the same.
pub fn local_secrets(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let Some((local, value)) = el.body.as_map().and_then(|m| m.first()) else { return };
    // A module `terraform init` downloaded is not committed here.
    if cx.sources.get(el.span.file).path.components().any(|c| c.as_os_str() == ".terraform") {
        return;
    }
    let mut found = Vec::new();
    walk_named(value, local, true, &mut found);
    let found: Vec<(String, &Val)> = found.into_iter().filter(|(n, v)| literal_secret(n, v).is_some()).collect();
    if found.is_empty() || local_is_read(cx, el, local) {
        return;
    }
    for (name, v) in found {
        let Some(secret) = literal_secret(&name, v) else { continue };
        let shown = crate::secrets::quote_name(&name);
        let local_q = crate::secrets::quote_name(local);
        let what =
            if name == **local { format!("`local.{local_q}`") } else { format!("`{shown}` in `local.{local_q}`") };
        hits.push(
            Hit::new(
                el.locate(v, v),
                format!(
                    "{what} is the hard-coded value \"{}\"; nothing reads it, but it is committed with the code",
                    mask(&secret)
                ),
            )
            .origin(el.written_at(v).filter(|o| !el.span.contains(o)))
            .secret(v.origin.unwrap_or(v.span)),
        );
    }
}
