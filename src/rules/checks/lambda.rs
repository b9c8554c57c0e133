//! Lambda: secrets in a function's environment, and permissions that let anyone invoke it.

use crate::model::{Element, V};
use crate::rules::engine::{CheckCx, Hit};
use crate::secrets::{mask, scan_value, sensitive_name, with_article};

use super::known_str;
use super::policy::opens_everything;

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[
    ("lambda_environment_secrets", lambda_environment_secrets),
    ("lambda_permission_public", lambda_permission_public),
];

/// Secrets in a Lambda function's `environment.variables`.
pub fn lambda_environment_secrets(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for env in el.get("environment").map(|e| e.items()).unwrap_or_default() {
        let Some(vars) = env.get("variables") else { continue };
        let Some(map) = vars.as_map() else { continue };
        for (name, value) in map.iter() {
            let span = el.locate(value, vars);
            // Written elsewhere (a variable, a template file): findings say where.
            let origin = value.origin.or(Some(value.span)).filter(|o| !el.span.contains(o));
            // From a secret's source: Unknown here, in plain text at apply time.
            if let Some(r) = super::secret_refs::secret_reference(name, value) {
                hits.push(
                    Hit::new(span, format!("{}: the secret is written in plain text into the function's configuration, readable by anyone who can read it; pass the secret's ARN or name instead and read the secret at start-up", super::secret_refs::describe(name, &r)))
                        .origin(origin),
                );
                continue;
            }
            let V::Str(t) = &value.v else { continue };
            let sensitive = sensitive_name(name) && crate::secrets::is_credential(name, &t.text);
            let name = crate::secrets::quote_name(name);
            if sensitive && t.is_fully_known() {
                hits.push(
                    Hit::new(span, format!("environment variable `{name}` holds the literal secret \"{}\": anyone who can read the function's configuration can read it", mask(&t.text)))
                        .origin(origin)
                        .secret(value.origin.unwrap_or(value.span)),
                );
            } else if let Some(s) = scan_value(&t.text) {
                hits.push(
                    Hit::new(
                        span,
                        format!(
                            "environment variable `{name}` contains {}: \"{}\"",
                            with_article(s.kind),
                            mask(&t.text[s.range.clone()])
                        ),
                    )
                    .origin(origin)
                    .secret(value.origin.unwrap_or(value.span)),
                );
            }
        }
    }
}

/// `aws_lambda_permission` granting `principal = "*"` with nothing that narrows it.
pub fn lambda_permission_public(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let Some(principal) = el.get("principal") else { return };
    if principal.as_str().is_none_or(|p| p.trim() != "*") {
        return;
    }
    // Any of these narrows who can invoke (an Unknown value too: it is set),
    // unless its value matches everyone (`*`, an ARN of wildcards).
    for key in ["source_arn", "source_account", "principal_org_id", "event_source_token"] {
        if el.get(key).is_some_and(|v| !v.is_null() && v.as_str().is_none_or(|s| !opens_everything(&s))) {
            return;
        }
    }
    // The permission behind a function URL with `authorization_type = "NONE"`:
    // public by design, reported by aws-lambda-function-url-public (strict).
    if known_str(el, "function_url_auth_type").is_some_and(|t| t.eq_ignore_ascii_case("NONE"))
        || el.get("invoked_via_function_url").and_then(|v| v.as_bool()) == Some(true)
    {
        return;
    }
    if el.get("function_url_auth_type").is_some_and(|v| v.is_unknown()) {
        return;
    }
    let action = known_str(el, "action").unwrap_or_else(|| "lambda:InvokeFunction".into());
    hits.push(
        Hit::new(el.locate(principal, principal), format!("`principal = \"*\"` with no `source_arn`, `source_account` or `principal_org_id` narrowing it: any AWS account can call `{action}` on this function"))
            .origin(principal.origin),
    );
}
