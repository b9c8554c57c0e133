//! ECS container definitions and clusters. Images are judged on their known
//! part only: `${var.repo}:latest` is still `latest`.

use crate::model::{Element, Val, UNKNOWN_MARK, V};
use crate::rules::engine::{CheckCx, Hit};
use crate::secrets::{mask, scan_value, sensitive_name};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[
    ("ecs_environment_secrets", environment_secrets),
    ("ecs_container_image_latest", ecs_container_image_latest),
    ("ecs_cluster_container_insights", ecs_cluster_container_insights),
];

/// Secrets written into a container's `environment` (readable by anyone who can
/// describe the task definition) instead of `secrets` (Secrets Manager / SSM).
pub fn environment_secrets(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let Some(env) = el.get("environment") else { return };
    for item in env.items() {
        let (Some(name), Some(value)) = (item.get("name").and_then(|n| n.as_str()), item.get("value")) else {
            continue;
        };
        let span = el.locate(value, item);
        // A reference to a secret's source: Unknown here, but the secret ends
        // up in plain text in the task definition all the same.
        if let Some(source) = value.as_ref_path().filter(|r| sensitive_name(&name) && is_secret_source(r)) {
            let name = crate::secrets::quote_name(&name);
            let source = crate::secrets::quote_name(source);
            hits.push(
                Hit::new(span, format!("environment variable `{name}` is set from `{source}`: the secret is written in plain text into the task definition, readable by anyone who can describe it; pass it through `secrets` (`valueFrom` a Secrets Manager secret or SSM parameter)"))
                    .origin(el.written_at(value)),
            );
            continue;
        }
        let V::Str(t) = &value.v else { continue };
        let sensitive = sensitive_name(&name) && crate::secrets::is_credential(&name, &t.text);
        let name = crate::secrets::quote_name(&name);
        // A secret by name: the whole value must be a literal.
        if sensitive && t.is_fully_known() {
            hits.push(
                Hit::new(span, format!("environment variable `{name}` holds the literal secret \"{}\"; pass it through `secrets` (`valueFrom` a Secrets Manager secret or SSM parameter)", mask(&t.text)))
                    .origin(el.written_at(value))
                    .secret(span),
            );
            continue;
        }
        // A secret by shape: a key format, or a password inside a connection URI
        // (the known parts of a partly interpolated value count).
        if let Some(s) = scan_value(&t.text) {
            hits.push(
                Hit::new(
                    span,
                    format!(
                        "environment variable `{name}` contains {}: \"{}\"; pass it through `secrets` instead",
                        crate::secrets::with_article(s.kind),
                        mask(&t.text[s.range.clone()])
                    ),
                )
                .origin(el.written_at(value))
                .secret(span),
            );
        }
    }
}

/// A reference whose value is a secret: a sensitive variable without a
/// value (`var.db_password`), a generated password (`random_password.x.result`),
/// a secret's value (`...secret_string`, an SSM parameter's `value`), or an
/// attribute named like a secret (`aws_db_instance.x.password`,
/// `aws_iam_access_key.x.secret`).
fn is_secret_source(r: &str) -> bool {
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
    let written = t.text.replace(UNKNOWN_MARK, "${...}");
    let shown = crate::secrets::quote_image(&written);
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
        e.get("name").and_then(|n| n.as_str()).is_none_or(|n| n == "containerInsights")
            && e.get("value").is_none_or(|v| enabled(v) != Some(false))
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
            Some(n) if n == "containerInsights" => {
                match s.get("value") {
                    Some(v) => {
                        match enabled(v) {
                            Some(false) => {
                                let shown = v.as_str().unwrap_or_default();
                                let shown = crate::secrets::quote_name(&shown);
                                hits.push(Hit::new(el.locate(v, &el.body), format!("Container Insights is `{shown}`: task and service metrics are not collected")).origin(el.written_at(v)));
                                return;
                            }
                            _ => return,
                        }
                    }
                    None => return,
                }
            }
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
            "random_password.db.length",
            "module.db.password",
            "data.aws_ssm_parameter.db.arn",
            "aws_ssm_parameter.db.name",
            "random_string.suffix.result",
        ] {
            assert!(!is_secret_source(r), "{r}");
        }
    }

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
}
