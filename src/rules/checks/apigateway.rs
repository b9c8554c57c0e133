//! Checks for API Gateway (see the rule files that name them).

use crate::model::Element;
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[
    ("apigateway_cache_unencrypted", apigateway_cache_unencrypted),
    ("apigateway_method_no_auth", apigateway_method_no_auth),
];

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

/// A method with `authorization = "NONE"` that requires no API key, other than
/// a CORS preflight (`OPTIONS`). Unknown values keep it quiet.
pub fn apigateway_method_no_auth(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let Some(auth) = el.get("authorization") else { return };
    if !auth.as_str().is_some_and(|a| a.eq_ignore_ascii_case("NONE")) {
        return;
    }
    if el.get("api_key_required").filter(|v| !v.is_null()).is_some_and(|v| v.as_bool() != Some(false)) {
        return;
    }
    // A CORS preflight, or maybe one (Unknown).
    if el.get("http_method").and_then(|m| m.as_str()).is_none_or(|m| m.eq_ignore_ascii_case("OPTIONS")) {
        return;
    }
    hits.push(
        Hit::new(
            el.locate(auth, auth),
            "`authorization` is `NONE` and no API key is required: anyone on the internet can call this method",
        )
        .origin(el.written_at(auth)),
    );
}
