//! ECR repository checks.

use crate::model::{Element, Kind};
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] =
    &[("ecr_scan_on_push_disabled", ecr_scan_on_push_disabled)];

pub fn ecr_scan_on_push_disabled(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    // Registry-level scanning replaces the repository setting.
    if cx.elements.iter().any(|e| e.kind == Kind::Resource && e.type_name == "aws_ecr_registry_scanning_configuration")
    {
        return;
    }
    let configs = el.get("image_scanning_configuration").map(|c| c.items()).unwrap_or_default();
    for c in &configs {
        match c.get("scan_on_push") {
            Some(v) if v.as_bool() == Some(false) => {
                hits.push(Hit::new(el.locate(v, &el.body), "`image_scanning_configuration.scan_on_push` is false: pushed images are not scanned for known vulnerabilities").origin(el.written_at(v)));
                return;
            }
            None => {}
            Some(_) => return,
        }
    }
    if el.get("image_scanning_configuration").is_some_and(|c| c.is_unknown()) {
        return;
    }
    hits.push(Hit::new(el.span, "`image_scanning_configuration.scan_on_push` is not enabled: pushed images are not scanned for known vulnerabilities"));
}
