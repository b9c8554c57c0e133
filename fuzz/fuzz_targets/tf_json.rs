//! A `.tf.json` file (Terraform's JSON syntax), through the whole pipeline.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tflint_rs_fuzz::check_files(&[("main.tf.json", data)]);
});
