//! aws-default-sg-allows-traffic: rules on a VPC's default security group.

use crate::model::Element;
use crate::rules::engine::{CheckCx, Hit};

use super::network::maybe_unexpanded;

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] =
    &[("default_sg_allows_traffic", default_sg_allows_traffic)];

/// Rules on a VPC's default security group: inline in
/// `aws_default_security_group`, or separate rule resources attached to it.
pub fn default_sg_allows_traffic(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    if el.type_name == "aws_default_security_group" {
        for dir in ["ingress", "egress"] {
            let Some(list) = el.get(dir) else { continue };
            for block in list.items() {
                if block.as_map().is_none() || maybe_unexpanded(cx, block) {
                    continue;
                }
                let what = if dir == "ingress" { "accepts traffic" } else { "lets traffic out" };
                hits.push(Hit::new(
                    el.locate(block, list),
                    format!("the VPC's default security group has an `{dir}` rule: it {what} for every resource launched without an explicit security group"),
                ));
            }
        }
        return;
    }
    let Some(sg) = el.get("security_group_id") else { return };
    let Some(r) = sg.as_ref_path() else { return };
    if r.starts_with("aws_default_security_group.") || r.ends_with(".default_security_group_id") {
        let dir = match el.type_name.as_str() {
            "aws_vpc_security_group_ingress_rule" => "ingress",
            "aws_vpc_security_group_egress_rule" => "egress",
            _ => match el.get("type").and_then(|t| t.as_str()) {
                Some(t) => match &*t {
                    "ingress" => "ingress",
                    "egress" => "egress",
                    _ => return,
                },
                None => return,
            },
        };
        hits.push(Hit::new(
            el.locate(sg, sg),
            format!("this `{dir}` rule is attached to the VPC's default security group (`{r}`): every resource launched without an explicit security group gets it"),
        ));
    }
}
