//! aws-cloudwatch-log-retention-short: log groups kept for fewer days than the rule's `min_days`.

use crate::model::Element;
use crate::rules::engine::{CheckCx, Hit};

use super::known_str;

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] =
    &[("cloudwatch_log_retention_short", cloudwatch_log_retention_short)];

/// Log groups that keep their logs for fewer days than `params.min_days`
/// (0, never expiring, and not set are aws-cloudwatch-log-retention-unset's).
pub fn cloudwatch_log_retention_short(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let min = cx.param_num("min_days").unwrap_or(365.0);
    // The DELIVERY class has a fixed retention of its own.
    if known_str(el, "log_group_class").is_some_and(|c| c.eq_ignore_ascii_case("DELIVERY")) {
        return;
    }
    let Some(v) = el.get("retention_in_days") else { return };
    let Some(days) = v.as_num() else { return };
    if days > 0.0 && days < min {
        let days = crate::model::value::fmt_num(days);
        let min = crate::model::value::fmt_num(min);
        hits.push(
            Hit::new(el.locate(v, v), format!("logs are kept for {days} days, less than the {min} days required: they are gone before a late-discovered incident can be investigated"))
                .origin(el.written_at(v)),
        );
    }
}
