//! Checks for CloudFront distributions (see the rule files that name them).

use crate::model::Element;
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[("cloudfront_outdated_tls", cloudfront_outdated_tls)];

/// Minimum protocol versions that still accept SSL 3, TLS 1.0 or TLS 1.1.
const OLD_PROTOCOLS: &[&str] = &["SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016"];

/// A custom certificate whose `minimum_protocol_version` is below TLS 1.2, or
/// not set (the provider's default is `TLSv1`).
pub fn cloudfront_outdated_tls(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    for cert in el.get("viewer_certificate").map(|v| v.items()).unwrap_or_default() {
        let set = |k: &str| cert.get(k).filter(|v| !v.is_null());
        // The default *.cloudfront.net certificate (or maybe it): CloudFront sets the minimum.
        if set("cloudfront_default_certificate").is_some_and(|v| v.as_bool() != Some(false)) {
            continue;
        }
        if set("acm_certificate_arn").is_none() && set("iam_certificate_id").is_none() {
            continue;
        }
        match set("minimum_protocol_version") {
            None => hits.push(Hit::new(el.locate(cert, cert), "`viewer_certificate.minimum_protocol_version` is not set, so it defaults to `TLSv1`: viewers can still connect with TLS 1.0 and 1.1")),
            Some(v) => {
                let Some(s) = v.as_str() else { continue };
                if let Some(old) = OLD_PROTOCOLS.iter().find(|o| o.eq_ignore_ascii_case(s.trim())) {
                    hits.push(
                        Hit::new(el.locate(v, cert), format!("`minimum_protocol_version` is `{old}`: viewers can still connect with protocols older than TLS 1.2"))
                            .origin(el.written_at(v)),
                    );
                }
            }
        }
    }
}
