//! Checks for IAM, S3, ECR and ECS beyond the first rules (see the rule files that name them).

#[allow(unused_imports)]
use crate::model::{Element, Kind, Val, V};
#[allow(unused_imports)]
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[];
