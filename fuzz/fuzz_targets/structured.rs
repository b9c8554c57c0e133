//! A Terraform tree built from an arbitrary structure (see `src/structured.rs`):
//! chains of locals, module trees with fan-out, nested `for`, functions of
//! shared values, `count` and `for_each`. Finds what byte-level mutation does
//! not: evaluation that grows exponentially. Run it with `-rss_limit_mb` and
//! `-timeout` so that such inputs are reported.
#![no_main]
use tflint_rs_fuzz::structured::Case;

libfuzzer_sys::fuzz_target!(|case: Case| {
    let dir = tflint_rs_fuzz::workdir().join("tree");
    case.write(&dir);
    tflint_rs_fuzz::check_dir(&dir);
});
