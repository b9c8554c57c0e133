//! The inputs of a well-known registry module that is not downloaded, read
//! as the resource the module makes of them.
//!
//! A module from the registry (`terraform-aws-modules/rds/aws`) is checked
//! when `terraform init` has installed it (see [`super::installed`]);
//! otherwise nothing of what it makes is seen, and `publicly_accessible =
//! true` written in the call would go unreported. For the modules below, an
//! input listed here is handed, unchanged and under the same name, to one
//! resource of the module (checked in the module's source): such a call
//! becomes a [`Kind::ModuleInput`] element of that resource type, holding the
//! inputs written in the call and Unknown for every other attribute the
//! rules read. Only the rules that read nothing but attributes judge it (see
//! `crate::rules::declarative::CheckDef::attributes_read`), so a setting the
//! call does not write, whatever the module's default, is never reported:
//! findings are the values the caller wrote, at the place they wrote them.
//!
//! The security group module (and its submodules, `//modules/ssh`) makes
//! security group rules from named rules and CIDR lists: its call becomes
//! an `aws_security_group` whose inline `ingress` blocks are the rules it
//! writes (see [`security_group_ingress`]).

use std::rc::Rc;

use crate::model::{Element, InputReads, Kind, Val, V};

/// A registry module and the resource its listed inputs are handed to.
struct Shim {
    /// The registry address, lowercased, with `//` and the submodule if any.
    source: &'static str,
    resource: &'static str,
    /// Inputs that, set to anything but a known `true`, may mean the
    /// resource is not made (`create_db_instance = false`; `create_cluster`
    /// in older versions of the Aurora module).
    create: &'static [&'static str],
    /// Inputs the resource needs: without them written (and not empty), it
    /// is not made (the public subnets of a VPC).
    needs: &'static [&'static str],
    /// Inputs that, set to anything but a known `false`, make another
    /// resource instead (`create_external` in the KMS module).
    instead: &'static [&'static str],
    /// Inputs handed to the resource's attribute of the same name.
    inputs: &'static [&'static str],
    /// Inputs handed on the same way whose default is null in every version
    /// of the module (a snapshot to restore from): absent unless written.
    optional: &'static [&'static str],
    /// Attributes the module leaves unset on the resource, whatever the
    /// inputs (in the cases the shim applies to), or that the resource does
    /// not have. Only attributes whose absence no rule reports by itself
    /// (those a rule's `unless` reads: `replicate_source_db` of an Aurora
    /// cluster).
    unset: &'static [&'static str],
    /// Inputs handed to an attribute under other names: of a nested block,
    /// or (`block: ""`) of the resource itself.
    nested: &'static [Nested],
    /// Inputs that choose which resource is made: written, each must be
    /// known to have this value (any case) for this one to be made
    /// (`repository_type = "private"` of the ECR module).
    made_when: &'static [(&'static str, &'static str)],
}

/// An attribute of a nested block the module writes from an input
/// (`vpc_config.endpoint_public_access` from `endpoint_public_access`).
struct Nested {
    block: &'static str,
    attribute: &'static str,
    /// The input's names, newest first: a module that renamed its inputs
    /// between versions (`cluster_endpoint_public_access` before v21 of the
    /// EKS module); the first one written is taken.
    inputs: &'static [&'static str],
    /// The value when none is written, when it is the module's default in
    /// every version (a list of strings); else Unknown.
    default: Option<&'static [&'static str]>,
}

/// What a shim does not say: made unless `create` is false, nothing needed,
/// nothing made instead, nothing optional or unset.
const PLAIN: Shim = Shim {
    source: "",
    resource: "",
    create: &["create"],
    needs: &[],
    instead: &[],
    inputs: &[],
    optional: &[],
    unset: &[],
    nested: &[],
    made_when: &[],
};

const SHIMS: &[Shim] = &[
    Shim {
        source: "terraform-aws-modules/rds/aws",
        resource: "aws_db_instance",
        create: &["create_db_instance"],
        inputs: &[
            "publicly_accessible",
            "storage_encrypted",
            "iam_database_authentication_enabled",
            "backup_retention_period",
            "deletion_protection",
            "multi_az",
            "auto_minor_version_upgrade",
            "performance_insights_enabled",
            "skip_final_snapshot",
            "kms_key_id",
            "enabled_cloudwatch_logs_exports",
            "engine",
            "instance_class",
        ],
        optional: &["snapshot_identifier", "replicate_source_db", "restore_to_point_in_time", "ca_cert_identifier"],
        unset: &["replication_source_identifier", "source_db_cluster_identifier", "engine_mode"],
        ..PLAIN
    },
    Shim {
        source: "terraform-aws-modules/rds-aurora/aws",
        resource: "aws_rds_cluster",
        create: &["create", "create_cluster"],
        inputs: &[
            "storage_encrypted",
            "iam_database_authentication_enabled",
            "backup_retention_period",
            "deletion_protection",
            "skip_final_snapshot",
            "kms_key_id",
            "enabled_cloudwatch_logs_exports",
            "engine",
        ],
        optional: &["snapshot_identifier", "replication_source_identifier", "restore_to_point_in_time"],
        unset: &["replicate_source_db", "source_db_cluster_identifier"],
        // Since v9 (the cluster's CA; its instances take theirs from `instances`).
        nested: &[Nested {
            block: "",
            attribute: "ca_certificate_identifier",
            inputs: &["cluster_ca_cert_identifier"],
            default: None,
        }],
        ..PLAIN
    },
    Shim {
        source: "terraform-aws-modules/eks/aws",
        resource: "aws_eks_cluster",
        // Whether the public endpoint is on by default changed (true before
        // v18): Unknown unless written. Its CIDRs default to the whole
        // internet in every version.
        nested: &[
            Nested {
                block: "vpc_config",
                attribute: "endpoint_public_access",
                inputs: &["endpoint_public_access", "cluster_endpoint_public_access"],
                default: None,
            },
            Nested {
                block: "vpc_config",
                attribute: "public_access_cidrs",
                inputs: &["endpoint_public_access_cidrs", "cluster_endpoint_public_access_cidrs"],
                default: Some(&["0.0.0.0/0"]),
            },
        ],
        ..PLAIN
    },
    Shim {
        source: "terraform-aws-modules/ecr/aws",
        resource: "aws_ecr_repository",
        create: &["create", "create_repository"],
        made_when: &[("repository_type", "private")],
        nested: &[
            Nested {
                block: "",
                attribute: "image_tag_mutability",
                inputs: &["repository_image_tag_mutability"],
                default: None,
            },
            Nested {
                block: "image_scanning_configuration",
                attribute: "scan_on_push",
                inputs: &["repository_image_scan_on_push"],
                default: None,
            },
            Nested {
                block: "encryption_configuration",
                attribute: "encryption_type",
                inputs: &["repository_encryption_type"],
                default: None,
            },
        ],
        ..PLAIN
    },
    Shim {
        source: "terraform-aws-modules/lambda/aws",
        resource: "aws_lambda_function",
        create: &["create", "create_function"],
        // A layer is made instead of the function.
        instead: &["create_layer"],
        inputs: &["runtime"],
        ..PLAIN
    },
    Shim {
        source: "terraform-aws-modules/ec2-instance/aws",
        resource: "aws_instance",
        inputs: &["associate_public_ip_address", "monitoring"],
        ..PLAIN
    },
    Shim {
        source: "terraform-aws-modules/alb/aws",
        resource: "aws_lb",
        inputs: &["internal", "enable_deletion_protection", "drop_invalid_header_fields", "load_balancer_type"],
        ..PLAIN
    },
    Shim {
        source: "terraform-aws-modules/vpc/aws",
        resource: "aws_subnet",
        create: &["create_vpc"],
        needs: &["public_subnets"],
        inputs: &["map_public_ip_on_launch"],
        ..PLAIN
    },
    Shim {
        source: "terraform-aws-modules/elasticache/aws",
        resource: "aws_elasticache_replication_group",
        create: &["create", "create_replication_group"],
        instead: &["create_primary_global_replication_group", "create_secondary_global_replication_group"],
        inputs: &["at_rest_encryption_enabled", "transit_encryption_enabled", "engine"],
        unset: &["global_replication_group_id"],
        ..PLAIN
    },
    Shim {
        source: "terraform-aws-modules/redshift/aws",
        resource: "aws_redshift_cluster",
        inputs: &["encrypted", "publicly_accessible"],
        ..PLAIN
    },
    Shim {
        source: "terraform-aws-modules/kms/aws",
        resource: "aws_kms_key",
        instead: &["create_external", "create_replica", "create_replica_external"],
        inputs: &["enable_key_rotation", "customer_master_key_spec", "key_usage"],
        ..PLAIN
    },
    Shim {
        source: "terraform-aws-modules/cloudwatch/aws//modules/log-group",
        resource: "aws_cloudwatch_log_group",
        inputs: &["retention_in_days", "kms_key_id", "log_group_class"],
        ..PLAIN
    },
    Shim {
        source: "terraform-aws-modules/sqs/aws",
        resource: "aws_sqs_queue",
        inputs: &["kms_master_key_id"],
        ..PLAIN
    },
    Shim {
        source: "terraform-aws-modules/sns/aws",
        resource: "aws_sns_topic",
        inputs: &["kms_master_key_id"],
        ..PLAIN
    },
    Shim { source: "terraform-aws-modules/efs/aws", resource: "aws_efs_file_system", inputs: &["encrypted"], ..PLAIN },
    Shim {
        source: "terraform-aws-modules/s3-bucket/aws",
        resource: "aws_s3_bucket",
        create: &["create_bucket"],
        inputs: &["acl", "bucket"],
        ..PLAIN
    },
];

/// A module source lowercased, without `registry.terraform.io/`.
fn normal(source: &str) -> String {
    let s = source.trim().to_ascii_lowercase();
    s.strip_prefix("registry.terraform.io/").map(str::to_string).unwrap_or(s)
}

/// The shim of a module source (`registry.terraform.io/` or not, any case).
fn shim_of(source: &str) -> Option<&'static Shim> {
    let s = normal(source);
    SHIMS.iter().find(|shim| shim.source == s)
}

/// Is `source` one of the registry modules whose inputs are judged here?
pub fn known(source: &str) -> bool {
    shim_of(source).is_some() || security_group_auto_rules(source).is_some()
}

const SECURITY_GROUP: &str = "terraform-aws-modules/security-group/aws";

/// The rules a call of the security group module (or of one of its
/// submodules, `//modules/ssh`) always adds: `None` for another source.
fn security_group_auto_rules(source: &str) -> Option<&'static [&'static str]> {
    let s = normal(source);
    let rest = s.strip_prefix(SECURITY_GROUP)?;
    if rest.is_empty() {
        return Some(&[]);
    }
    let sub = rest.strip_prefix("//modules/")?;
    super::registry_sg::SG_SUBMODULES.iter().find(|(name, _)| *name == sub).map(|(_, rules)| *rules)
}

/// The ingress rules that a call of the security group module writes,
/// as the inline `ingress` blocks of an `aws_security_group`: each named
/// rule (`ingress_rules`, and those of a submodule) for the
/// `ingress_cidr_blocks` given, and each `ingress_with_cidr_blocks` entry
/// (a named `rule`, or its ports; its own comma-separated `cidr_blocks`).
/// Only what is written: a rule name, a port or a list that is not known
/// is left out.
fn security_group_ingress(module: &Element, auto: &[&str]) -> Vec<Val> {
    let span = module.span;
    let input = |name: &str| written_input(module, name);
    let unknown = || Val::unknown(span);
    let named = |name: &str, at: &Val| {
        let (_, from, to, proto) = super::registry_sg::SG_RULES.iter().find(|(n, ..)| *n == name)?;
        Some((
            Val::new(V::Num(f64::from(*from)), at.span),
            Val::new(V::Num(f64::from(*to)), at.span),
            Val::str(*proto, at.span),
        ))
    };
    let block =
        |(from, to, proto): (Val, Val, Val), cidrs: Option<Val>, ipv6: Option<Val>, description: Option<Val>| {
            let entries: Vec<(Rc<str>, Val)> = vec![
                ("from_port".into(), from),
                ("to_port".into(), to),
                ("protocol".into(), proto),
                ("cidr_blocks".into(), cidrs.unwrap_or_else(unknown)),
                ("ipv6_cidr_blocks".into(), ipv6.unwrap_or_else(unknown)),
                ("description".into(), description.unwrap_or_else(unknown)),
                ("self".into(), unknown()),
                ("security_groups".into(), unknown()),
                ("prefix_list_ids".into(), unknown()),
            ];
            Val::new(V::Map(Rc::new(entries)), span)
        };
    // `"10.0.0.0/8,0.0.0.0/0"`: the module splits it on commas.
    let split = |v: &Val| match v.as_str() {
        Some(s) if v.as_text().is_some_and(|t| t.is_fully_known()) => {
            Some(Val::new(V::List(Rc::new(s.split(',').map(|c| Val::str(c.trim(), v.span)).collect())), v.span))
        }
        _ => None,
    };
    let cidrs = input("ingress_cidr_blocks").cloned();
    let ipv6 = input("ingress_ipv6_cidr_blocks").cloned();
    let mut out = Vec::new();
    if cidrs.is_some() || ipv6.is_some() {
        let written: Vec<Val> =
            input("ingress_rules").map(|r| r.items().into_iter().cloned().collect()).unwrap_or_default();
        let auto = auto.iter().map(|n| Val::str(*n, span));
        for name in auto.chain(written) {
            let Some(ports) = name.as_str().and_then(|n| named(&n, &name)) else { continue };
            out.push(block(ports, cidrs.clone(), ipv6.clone(), None));
        }
    }
    for (list, v6) in [("ingress_with_cidr_blocks", false), ("ingress_with_ipv6_cidr_blocks", true)] {
        for entry in input(list).map(|l| l.items()).unwrap_or_default() {
            let ports = match entry.get("rule") {
                Some(rule) => rule.as_str().and_then(|n| named(&n, rule)),
                None => match (entry.get("from_port"), entry.get("to_port"), entry.get("protocol")) {
                    (Some(f), Some(t), Some(p)) => Some((f.clone(), t.clone(), p.clone())),
                    _ => None,
                },
            };
            let Some(ports) = ports else { continue };
            let (own, default) = if v6 { ("ipv6_cidr_blocks", &ipv6) } else { ("cidr_blocks", &cidrs) };
            let addresses = match entry.get(own) {
                Some(v) => split(v),
                None => default.clone(),
            };
            let (c, i) = if v6 { (None, addresses) } else { (addresses, None) };
            out.push(block(ports, c, i, entry.get("description").cloned()));
        }
    }
    out
}

/// The element of the inputs of `module` (one instance of a call whose
/// source is not downloaded), when its source is a module listed above
/// that makes its resource with them.
pub fn module_input(module: &Element, source: &str, reads: &InputReads) -> Option<Element> {
    if let Some(auto) = security_group_auto_rules(source) {
        return security_group(module, auto, reads);
    }
    let shim = shim_of(source)?;
    let read = reads.get(shim.resource)?;
    let input = |name: &str| written_input(module, name);
    if !made(module, shim.create) || shim.instead.iter().filter_map(|n| input(n)).any(|v| v.as_bool() != Some(false)) {
        return None;
    }
    // (An Unknown list may be empty.)
    let written = |v: &Val| match &v.v {
        V::Unknown | V::Ref(_) => false,
        V::List(_) | V::Map(_) => !v.items().is_empty(),
        _ => true,
    };
    if !shim.needs.iter().all(|n| input(n).is_some_and(written)) {
        return None;
    }
    let chosen = |(name, want): &(&str, &str)| {
        input(name).is_none_or(|v| v.as_str().is_some_and(|s| s.eq_ignore_ascii_case(want)))
    };
    if !shim.made_when.iter().all(chosen) {
        return None;
    }
    // Each attribute a rule reads, once: an input handed under its own
    // name, under another (`nested`, of the resource or of a block), or
    // nothing the call can set. Whether anything written is among them
    // decides whether there is something to judge.
    let mut judged = false;
    let mut note = |v: &Val| judged |= !v.is_unknown() && !v.is_null();
    let first_written = |n: &Nested| n.inputs.iter().find_map(|name| input(name));
    let body: Vec<(Rc<str>, Val)> = read
        .iter()
        .map(|name| {
            let name = name.as_str();
            let block: Vec<&Nested> = shim.nested.iter().filter(|n| n.block == name).collect();
            let renamed = shim.nested.iter().find(|n| n.block.is_empty() && n.attribute == name);
            let v = if shim.inputs.contains(&name) || shim.optional.contains(&name) {
                match input(name) {
                    Some(v) => v.clone(),
                    None if shim.optional.contains(&name) => Val::new(V::Null, module.span),
                    None => Val::unknown(module.span),
                }
            } else if let Some(v) = renamed.and_then(first_written) {
                v.clone()
            } else if !block.is_empty() {
                // What is written counts, not the defaults filled in.
                block.iter().filter_map(|n| first_written(n)).for_each(&mut note);
                return (Rc::from(name), nested_block(module, &block, first_written));
            } else if shim.unset.contains(&name) {
                Val::new(V::Null, module.span)
            } else {
                Val::unknown(module.span)
            };
            note(&v);
            (Rc::from(name), v)
        })
        .collect();
    if !judged {
        return None;
    }
    Some(input_element(module, shim.resource, body))
}

/// The one block the module writes from the inputs of `attrs` (all of one
/// block): each attribute from the first of its inputs written, else the
/// module's default when it is the same in every version, else Unknown. A
/// default is placed where the setting that brings it into play is written
/// (`endpoint_public_access = true`), else at the call.
fn nested_block<'m>(module: &'m Element, attrs: &[&Nested], first_written: impl Fn(&Nested) -> Option<&'m Val>) -> Val {
    let written: Vec<Option<&Val>> = attrs.iter().map(|n| first_written(n)).collect();
    let at = written.iter().flatten().next().map_or(module.span, |v| v.span);
    let entries: Vec<(Rc<str>, Val)> = attrs
        .iter()
        .zip(&written)
        .map(|(n, w)| {
            let v = match (w, n.default) {
                (Some(v), _) => (*v).clone(),
                (None, Some(d)) => Val::new(V::List(Rc::new(d.iter().map(|s| Val::str(*s, at)).collect())), at),
                (None, None) => Val::unknown(module.span),
            };
            (Rc::from(n.attribute), v)
        })
        .collect();
    let map = Val::new(V::Map(Rc::new(entries)), module.span);
    Val::new(V::List(Rc::new(vec![map])), module.span)
}

/// An input of a call, when written (and not `null`).
fn written_input<'m>(module: &'m Element, name: &str) -> Option<&'m Val> {
    module.get(name).filter(|v| !v.is_null())
}

/// Is the resource made, as far as the flags `create` written in the call
/// tell (each set to anything but a known `true` may mean it is not)?
fn made(module: &Element, create: &[&str]) -> bool {
    create.iter().filter_map(|n| written_input(module, n)).all(|v| v.as_bool() == Some(true))
}

/// The [`Kind::ModuleInput`] element of a call, as a resource of `type_name`.
fn input_element(module: &Element, type_name: &str, body: Vec<(Rc<str>, Val)>) -> Element {
    Element {
        kind: Kind::ModuleInput,
        type_name: type_name.to_string(),
        address: module.address.clone(),
        span: module.span,
        body: Val::new(V::Map(Rc::new(body)), module.span),
    }
}

/// A call of the security group module, as the `aws_security_group` its
/// ingress rules would be inline blocks of (see [`security_group_ingress`]).
fn security_group(module: &Element, auto: &[&str], reads: &InputReads) -> Option<Element> {
    if !made(module, &["create"]) {
        return None;
    }
    let ingress = security_group_ingress(module, auto);
    if ingress.is_empty() {
        return None;
    }
    let mut body: Vec<(Rc<str>, Val)> = reads
        .get("aws_security_group")
        .into_iter()
        .flatten()
        .filter(|n| *n != "ingress")
        .map(|n| (Rc::from(n.as_str()), Val::unknown(module.span)))
        .collect();
    body.push(("ingress".into(), Val::new(V::List(Rc::new(ingress)), module.span)));
    Some(input_element(module, "aws_security_group", body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_matched_with_or_without_the_registry_host() {
        assert!(shim_of("terraform-aws-modules/rds/aws").is_some());
        assert!(shim_of("registry.terraform.io/Terraform-AWS-Modules/rds/aws").is_some());
        assert!(shim_of("terraform-aws-modules/cloudwatch/aws//modules/log-group").is_some());
        assert!(shim_of("terraform-aws-modules/cloudwatch/aws").is_none(), "the root module makes no log group");
        assert!(shim_of("git::https://github.com/terraform-aws-modules/terraform-aws-rds.git").is_none());
    }

    #[test]
    fn every_shim_input_is_a_name_and_every_source_is_lowercase() {
        for s in SHIMS {
            assert_eq!(s.source, s.source.to_ascii_lowercase());
            let nested = s.nested.iter().flat_map(|n| n.inputs.iter().chain([&n.attribute]));
            let chosen = s.made_when.iter().map(|(name, _)| name);
            for i in s
                .inputs
                .iter()
                .chain(s.optional)
                .chain(s.unset)
                .chain(s.needs)
                .chain(s.instead)
                .chain(s.create)
                .chain(nested)
                .chain(chosen)
            {
                assert!(i.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{i}");
            }
        }
    }
}
