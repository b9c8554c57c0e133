//! A Terraform plan in JSON (`terraform show -json`), named on the command line
//! as `tflint-rs check plan.json` names it, with the `.tf` source it is placed
//! back into beside it (testdata/plan/aws): reading the plan, building elements,
//! and finding each resource's block and attribute in the source.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tflint_rs_fuzz::check_plan(data);
});
