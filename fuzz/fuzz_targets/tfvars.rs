//! A `terraform.tfvars` file, loaded into a fixed root module whose variables
//! reach rules (strings, booleans, lists, objects, a JSON-encoded value), so
//! that the values the input sets are evaluated and checked, not only parsed.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tflint_rs_fuzz::check_files(&[("terraform.tfvars", data), ("variables.tf", tflint_rs_fuzz::TFVARS_SIBLING.as_bytes())]);
});
