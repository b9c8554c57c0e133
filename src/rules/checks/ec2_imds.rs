//! `aws-ec2-imdsv2-not-required`: the declarative check of
//! `metadata_options`, except where the launch template an instance is
//! launched from decides when the block is not written (the template is
//! checked as its own element). An image registered to require IMDSv2
//! (Amazon Linux 2023) still gets the finding: the configuration should say
//! it, so that it holds when the image changes.

use crate::model::Element;
use crate::rules::declarative::Declarative;
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[("ec2_imdsv2", ec2_imdsv2)];

const METADATA_CHECK: &str = r#"
attribute = "metadata_options.http_tokens"
expect = "required"
when_absent = "fire"
unless = [{ attribute = "metadata_options.http_endpoint", equals = "disabled" }]
message = "`metadata_options.http_tokens` is `{value}`: IMDSv1 requests are answered"
quote_values = ["optional"]
absent_message = "IMDSv2 is not required (`metadata_options.http_tokens` is not \"required\"): an SSRF can read the instance's credentials"
"#;

pub fn ec2_imdsv2(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    static METADATA: std::sync::OnceLock<Declarative> = std::sync::OnceLock::new();
    let tokens_written = el
        .get("metadata_options")
        .map(|m| m.items().into_iter().any(|b| b.is_unknown() || b.get("http_tokens").is_some_and(|t| !t.is_null())))
        .unwrap_or(false);
    if !tokens_written {
        let from_template = el.type_name == "aws_instance"
            && el.get("launch_template").is_some_and(|t| !t.is_null() && !t.items().is_empty());
        if from_template {
            return;
        }
    }
    METADATA
        .get_or_init(|| Declarative::new(&toml::from_str(METADATA_CHECK).expect("the metadata check is valid")))
        .check(el, cx, hits);
}
