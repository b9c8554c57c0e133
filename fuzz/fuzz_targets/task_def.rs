//! A JSON file that may be an ECS task definition (or a list of container
//! definitions, or a policy document), through the whole pipeline.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tflint_rs_fuzz::check_files(&[("task-definition.json", data)]);
});
