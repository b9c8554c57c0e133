//! Checks for API Gateway (see the rule files that name them).

use crate::model::Element;
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] =
    &[("apigateway_cache_unencrypted", apigateway_cache_unencrypted)];

/// Method settings that turn caching on (known true) without `cache_data_encrypted = true`.
pub fn apigateway_cache_unencrypted(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let Some(settings) = el.get("settings") else { return };
    for block in settings.items() {
        let Some(caching) = block.get("caching_enabled") else { continue };
        if caching.as_bool() != Some(true) {
            continue;
        }
        match block.get("cache_data_encrypted").filter(|v| !v.is_null()) {
            None => hits.push(
                Hit::new(el.locate(caching, block), "caching is on and `cache_data_encrypted` is not set, so it defaults to false: cached responses are stored unencrypted")
                    .origin(el.written_at(caching)),
            ),
            Some(enc) if enc.as_bool() == Some(false) => hits.push(
                Hit::new(el.locate(enc, block), "`cache_data_encrypted` is false while caching is on: cached responses are stored unencrypted")
                    .origin(el.written_at(enc)),
            ),
            Some(_) => {}
        }
    }
}
