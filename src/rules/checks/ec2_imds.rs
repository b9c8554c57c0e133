//! `aws-ec2-imdsv2-not-required`: the declarative check of
//! `metadata_options`, except where something else decides when the block is
//! not written: the launch template an instance is launched from (checked as
//! its own element), or an AMI registered to require IMDSv2 (Amazon Linux
//! 2023 images are: their `ImdsSupport` is `v2.0`).

use crate::model::{Element, Kind, Val};
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
        if from_template || ami_requires_imdsv2(cx, el) {
            return;
        }
    }
    METADATA
        .get_or_init(|| Declarative::new(&toml::from_str(METADATA_CHECK).expect("the metadata check is valid")))
        .check(el, hits);
}

/// Is the image a data source of this module that selects Amazon Linux 2023
/// (an SSM public parameter under `al2023-ami`, or `aws_ami` filtered by such
/// a name)?
fn ami_requires_imdsv2(cx: &CheckCx, el: &Element) -> bool {
    let Some(ami) = el.get("ami").or_else(|| el.get("image_id")) else { return false };
    let al2023 = |v: Option<&Val>| v.and_then(|v| v.as_str()).is_some_and(|s| s.to_ascii_lowercase().contains("al2023"));
    cx.elements.iter().any(|d| {
        d.kind == Kind::Data
            && el.refers_to(ami, d)
            && match d.type_name.as_str() {
                "aws_ssm_parameter" => al2023(d.get("name")),
                "aws_ami" => {
                    al2023(d.get("name_regex"))
                        || d.get("filter").map(|f| f.items()).unwrap_or_default().into_iter().any(|f| {
                            f.get("name").and_then(|n| n.as_str()).as_deref() == Some("name")
                                && f.get("values").is_some_and(|vs| vs.items().into_iter().any(|v| al2023(Some(v))))
                        })
                }
                _ => false,
            }
    })
}
