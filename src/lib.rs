//! tflint-rs: a policy and security linter for Terraform and AWS ECS task
//! definitions.
//!
//! The pipeline, one module per step:
//! [`discover`] → [`parse`] → [`eval`] (into the [`model`]) → [`rules`] → [`report`],
//! driven by [`pipeline`]; what they produce ([`diagnostics`]) is shared by all.

pub mod baseline;
pub mod boundary;
pub mod config;
pub mod diagnostics;
pub mod discover;
pub mod docs;
pub mod eval;
pub mod git;
pub mod model;
pub mod parse;
pub mod path_key;
pub mod pipeline;
pub mod plan;
pub mod report;
pub mod rules;
pub mod secrets;
pub mod source;
pub mod suppress;
