//! Parsers: Terraform (HCL) with hcl-edit, JSON with spans, and the small
//! line-oriented formats of credential files.

pub mod hcl;
pub mod json;
pub mod json_syntax;
pub mod tolerant;
