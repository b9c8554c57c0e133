//! A `.tf` file: HCL parsing, evaluation, every rule, every output format.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tflint_rs_fuzz::check_files(&[("main.tf", data)]);
});
