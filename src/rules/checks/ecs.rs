//! ECS container definitions.

use crate::model::{Element, V};
use crate::rules::engine::{CheckCx, Hit};
use crate::secrets::{is_placeholder, mask, scan_value, sensitive_name};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[
    ("ecs_environment_secrets", environment_secrets),
];

/// Secrets written into a container's `environment` (readable by anyone who can
/// describe the task definition) instead of `secrets` (Secrets Manager / SSM).
pub fn environment_secrets(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let Some(env) = el.get("environment") else { return };
    for item in env.items() {
        let (Some(name), Some(value)) = (item.get("name").and_then(|n| n.as_str()), item.get("value")) else { continue };
        let V::Str(t) = &value.v else { continue };
        let span = el.locate(value, item);
        // A secret by name: the whole value must be a literal.
        if sensitive_name(&name) && t.is_fully_known() && !is_placeholder(&t.text) {
            hits.push(
                Hit::new(span, format!("environment variable `{name}` holds the literal secret \"{}\"; pass it through `secrets` (`valueFrom` a Secrets Manager secret or SSM parameter)", mask(&t.text)))
                    .origin(value.origin)
                    .secret(span),
            );
            continue;
        }
        // A secret by shape: a key format, or a password inside a connection URI
        // (the known parts of a partly interpolated value count).
        if let Some(s) = scan_value(&t.text) {
            hits.push(
                Hit::new(span, format!("environment variable `{name}` contains {}: \"{}\"; pass it through `secrets` instead", crate::secrets::with_article(s.kind), mask(&t.text[s.range.clone()])))
                    .origin(value.origin)
                    .secret(span),
            );
        }
    }
}
