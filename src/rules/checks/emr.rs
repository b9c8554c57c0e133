//! EMR security configurations: the encryption settings of the JSON document
//! in `aws_emr_security_configuration.configuration` (`jsonencode`, heredoc
//! or file).

use crate::model::{Element, Val};
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] =
    &[("emr_security_configuration_encryption", emr_security_configuration_encryption)];

/// `params.setting`: `at_rest` (`EnableAtRestEncryption` false), `in_transit`
/// (`EnableInTransitEncryption` false) or `local_disk` (at-rest encryption on,
/// but no `LocalDiskEncryptionConfiguration` or an empty key provider).
/// Only known values fire; a switch missing from a known
/// `EncryptionConfiguration` is off.
pub fn emr_security_configuration_encryption(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let Some(conf) = el.get("configuration") else { return };
    let Some(doc) = crate::parse::json::document(conf, cx.sources) else { return };
    let Some(enc) = doc.get_ci("EncryptionConfiguration") else { return };
    let flag = |key: &str| enc.get_ci(key).filter(|v| v.as_bool() == Some(false));
    // A known `EncryptionConfiguration` without the switch leaves it off
    // (EMR reads a missing one as false); an Unknown one may hold it.
    let unset = |key: &str| enc.as_map().is_some() && enc.get_ci(key).is_none_or(|v| v.is_null());
    let report = |v: &Val, msg: &str, hits: &mut Vec<Hit>| {
        hits.push(Hit::new(el.locate(v, conf), msg).origin(el.written_at(v).or(conf.origin)));
    };
    match cx.param_str("setting") {
        Some("at_rest") => {
            if let Some(v) = flag("EnableAtRestEncryption") {
                report(v, "`EnableAtRestEncryption` is false: data written to S3 through EMRFS and the cluster's local disks (HDFS, shuffle and spill files) are stored unencrypted", hits);
            } else if unset("EnableAtRestEncryption") {
                report(enc, "`EnableAtRestEncryption` is not set, so it is false: data written to S3 through EMRFS and the cluster's local disks (HDFS, shuffle and spill files) are stored unencrypted", hits);
            }
        }
        Some("in_transit") => {
            if let Some(v) = flag("EnableInTransitEncryption") {
                report(v, "`EnableInTransitEncryption` is false: Spark, Tez, Hadoop shuffle and Presto traffic between the cluster's nodes crosses the network in plain text", hits);
            } else if unset("EnableInTransitEncryption") {
                report(enc, "`EnableInTransitEncryption` is not set, so it is false: Spark, Tez, Hadoop shuffle and Presto traffic between the cluster's nodes crosses the network in plain text", hits);
            }
        }
        Some("local_disk") => {
            let Some(on) = enc.get_ci("EnableAtRestEncryption").filter(|v| v.as_bool() == Some(true)) else { return };
            let local =
                enc.get_ci("AtRestEncryptionConfiguration").and_then(|a| a.get_ci("LocalDiskEncryptionConfiguration"));
            match local {
                None => report(on, "at-rest encryption is enabled without a `LocalDiskEncryptionConfiguration`: the cluster's local disks (HDFS, shuffle and spill files) are not encrypted", hits),
                Some(l) => {
                    if let Some(p) = l.get_ci("EncryptionKeyProviderType").filter(|p| p.as_str().is_some_and(|s| s.trim().is_empty())) {
                        report(p, "`LocalDiskEncryptionConfiguration.EncryptionKeyProviderType` is empty: the cluster's local disks (HDFS, shuffle and spill files) are not encrypted", hits);
                    }
                }
            }
        }
        _ => {}
    }
}
