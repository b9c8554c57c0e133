//! ECS container definitions and clusters. Images are judged on their known
//! part only: `${var.repo}:latest` is still `latest`.

use super::secret_refs::{describe, secret_reference};
use crate::model::{Element, Val, UNKNOWN_MARK, V};
use crate::rules::engine::{CheckCx, Hit};
use crate::secrets::{mask, scan_value, sensitive_name};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[
    ("ecs_environment_secrets", environment_secrets),
    ("ecs_container_image_latest", ecs_container_image_latest),
    ("ecs_cluster_container_insights", ecs_cluster_container_insights),
    ("ecs_task_role_is_execution_role", ecs_task_role_is_execution_role),
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
        // A reference to a secret's source (the value, or inside it): Unknown
        // here, but the secret ends up in plain text in the task definition
        // all the same.
        if let Some(r) = secret_reference(&name, value) {
            hits.push(
                Hit::new(span, format!("{}: the secret is written in plain text into the task definition, readable by anyone who can describe it; pass it through `secrets` (`valueFrom` a Secrets Manager secret or SSM parameter)", describe(&name, &r)))
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

/// What an image reference says about its tag, judged on its known part.
#[derive(Debug, PartialEq)]
enum ImageTag {
    Latest,
    NoTag,
    Fine,
    Unknown,
}

fn image_tag(text: &str) -> ImageTag {
    // A character no image reference can hold (`<IMAGE1_NAME>`, `%IMAGE%`,
    // `{{image}}`, `$IMAGE`): a placeholder that a deployment tool (CodePipeline's
    // ECS actions, sed, envsubst) replaces before registering the task
    // definition, so the image is known only then.
    let valid = |c: char| c == UNKNOWN_MARK || c.is_ascii_alphanumeric() || "._-/:@".contains(c);
    if !text.trim().chars().all(valid) {
        return ImageTag::Unknown;
    }
    // Repository names are lowercase (a registry host or a tag need not be):
    // `REPLACE_ME_WITH_ECR_IMAGE_ARN` is a placeholder, not an image Docker
    // would pull.
    let last = text.trim().rsplit('/').next().unwrap_or_default();
    if last.split([':', '@']).next().unwrap_or_default().chars().any(|c| c.is_ascii_uppercase()) {
        return ImageTag::Unknown;
    }
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

/// A task definition whose task role is its execution role: the application
/// gets what only the ECS agent needs (pulling images, reading the secrets
/// injected at start, writing logs). Both are known to be the same role when
/// they are the same known ARN or refer to the same attribute of the same role.
pub fn ecs_task_role_is_execution_role(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let (Some(task), Some(exec)) = (el.get("task_role_arn"), el.get("execution_role_arn")) else { return };
    let same = match (&task.v, &exec.v) {
        (V::Ref(a), V::Ref(b)) => a == b,
        (V::Str(a), V::Str(b)) => a.is_fully_known() && b.is_fully_known() && a.text == b.text,
        _ => false,
    };
    if same {
        hits.push(
            Hit::new(el.locate(task, task), "`task_role_arn` is the execution role: the application's code gets the permissions meant for the ECS agent (pulling images, reading every secret injected at start, writing logs)".to_string())
                .origin(el.written_at(task)),
        );
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
        // Placeholders a deployment tool substitutes.
        assert_eq!(image_tag("Registry.Example.com/app"), ImageTag::NoTag);
        assert_eq!(image_tag("app:V1"), ImageTag::Fine);
        for p in [
            "REPLACE_ME_WITH_ECR_IMAGE_ARN",
            "registry/IMAGE",
            "<IMAGE1_NAME>",
            "<IMAGE_URI>",
            "%IMAGE%",
            "{{image}}",
            "$IMAGE",
            "registry/app:<TAG>",
        ] {
            assert_eq!(image_tag(p), ImageTag::Unknown, "{p}");
        }
    }
}
