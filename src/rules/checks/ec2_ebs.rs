//! aws-ec2-ebs-unencrypted: the block devices of instances, launch configurations and templates.

use crate::model::{Element, Kind, Val};
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[("ec2_ebs_unencrypted", ec2_ebs_unencrypted)];

/// True when the configuration turns on EBS encryption by default for the account/region.
fn ebs_default_encryption(cx: &CheckCx) -> bool {
    cx.elements.iter().any(|e| {
        e.kind == Kind::Resource
            && e.type_name == "aws_ebs_encryption_by_default"
            && e.get("enabled").and_then(|v| v.as_bool()) != Some(false)
    })
}

/// The block devices an instance, launch configuration or launch template
/// writes: each must say `encrypted = true`, but for one restored from a
/// snapshot, which takes the snapshot's encryption (the provider refuses
/// `encrypted` beside `snapshot_id`): this configuration does not tell it,
/// as for an `aws_ebs_volume` with `snapshot_id` (an Unknown snapshot is one too).
const DEVICES_CHECK: &str = r#"
each = "root_block_device"
attribute = "encrypted"
expect = true
when_absent = "fire"
message = "block device `encrypted` is false: the volume and its snapshots are stored unencrypted"
absent_message = "block device does not set `encrypted = true`: the volume and its snapshots are stored unencrypted"

[[also]]
each = ["ebs_block_device", "block_device_mappings.ebs"]
attribute = "encrypted"
expect = true
when_absent = "fire"
unless = [{ attribute = "snapshot_id", present = true }]
message = "block device `encrypted` is false: the volume and its snapshots are stored unencrypted"
absent_message = "block device does not set `encrypted = true`: the volume and its snapshots are stored unencrypted"
"#;

/// Known to be absent: not written, `null` or no block (an Unknown value,
/// a `dynamic` block over an Unknown collection, is not).
fn no_blocks(v: Option<&Val>) -> bool {
    match v {
        None => true,
        Some(v) if v.is_unknown() => false,
        Some(v) => v.items().is_empty(),
    }
}

const FROM_AMI: &str = "the root volume is created from the AMI's snapshot, so it is unencrypted unless that snapshot is, and this configuration does not turn on EBS encryption by default (`aws_ebs_encryption_by_default`)";

/// Block devices without `encrypted = true`, and a root volume no block
/// describes: it takes the AMI snapshot's encryption, unless the account
/// encrypts new volumes by default or the instance's launch template sets it.
pub fn ec2_ebs_unencrypted(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    static DEVICES: std::sync::OnceLock<crate::rules::declarative::Declarative> = std::sync::OnceLock::new();
    DEVICES
        .get_or_init(|| {
            let def = toml::from_str(DEVICES_CHECK).expect("the device check is valid");
            crate::rules::declarative::Declarative::new(&def)
        })
        .check(el, cx, hits);
    if let Some(msg) = root_volume_not_described(cx, el) {
        hits.push(Hit::new(el.span, msg));
    }
}

fn root_volume_not_described(cx: &CheckCx, el: &Element) -> Option<String> {
    match el.type_name.as_str() {
        "aws_instance" | "aws_launch_configuration" => {
            if !no_blocks(el.get("root_block_device")) || ebs_default_encryption(cx) {
                return None;
            }
            if el.type_name == "aws_instance" && !no_blocks(el.get("launch_template")) {
                // The template's settings apply: judge with them when it is
                // in this configuration, and stay quiet when it is not.
                let lt = el.get("launch_template")?;
                let block = lt.items().into_iter().next()?;
                let template = ["id", "name"].iter().filter_map(|k| block.get(k)).find_map(|v| {
                    cx.elements.iter().copied().find(|t| {
                        t.type_name == "aws_launch_template"
                            && (el.refers_to(v, t)
                                || (t.module_prefix() == el.module_prefix()
                                    && v.as_str().is_some_and(|n| {
                                        t.get("name").and_then(|tn| tn.as_str()).is_some_and(|tn| tn == n)
                                    })))
                    })
                })?;
                if !no_blocks(template.get("block_device_mappings")) {
                    return None;
                }
                let name = crate::secrets::quote_name(template.block_address());
                return Some(format!("no `root_block_device` block, and its launch template `{name}` has no `block_device_mappings`: {FROM_AMI}"));
            }
            Some(format!("no `root_block_device` block: {FROM_AMI}"))
        }
        "aws_launch_template" => {
            if !no_blocks(el.get("block_device_mappings")) || ebs_default_encryption(cx) {
                return None;
            }
            Some(format!("no `block_device_mappings`: for instances launched from this template, {FROM_AMI}"))
        }
        _ => None,
    }
}
