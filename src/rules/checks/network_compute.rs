//! Checks for networking (security groups, NACLs, subnets), EC2, launch templates, autoscaling and load balancers (see the rule files that name them).

#[allow(unused_imports)]
use crate::model::{Element, Kind, Val, V};
#[allow(unused_imports)]
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[];
