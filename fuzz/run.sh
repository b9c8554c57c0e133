#!/usr/bin/env bash
# Seeds, builds and runs one fuzz target for a given time; exits non-zero if
# libFuzzer reports a crash (panic, stack overflow, out-of-memory, timeout).
#
# usage: fuzz/run.sh TARGET SECONDS [extra libFuzzer options...]
#   TARGET: tf | tf_json | tfvars | task_def | plan | structured
# environment:
#   FUZZ_SANITIZER  cargo-fuzz sanitizer (default none: safe Rust, debug
#                   assertions and overflow checks on; `address` is ~2x slower)
#   FUZZ_RSS_MB     -rss_limit_mb (default 2048)
#   FUZZ_CPU_LIMIT  CPU seconds one input may use (default 20; see src/cpu_watch.rs)
#   FUZZ_TIMEOUT    libFuzzer's -timeout: wall seconds for one input (default
#                   300, a margin for a fuzzer niced beside builds: the CPU
#                   limit above is what catches slow inputs)
# Crash reproducers land in fuzz/artifacts/TARGET/; the log in fuzz/TARGET.log.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer options...]}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer options...]}
shift 2
sanitizer=${FUZZ_SANITIZER:-none}

./seed.sh "$target"
cargo +nightly fuzz build -s "$sanitizer" "$target"
# Byte-level targets get the dictionary; the structured one gets full-size
# inputs at once (its bytes are choices, and small ones build small trees).
extra=(-dict=terraform.dict)
[ "$target" != structured ] || extra=(-max_len=4096 -len_control=0)
mkdir -p "artifacts/$target"
set +e
cargo +nightly fuzz run -s "$sanitizer" "$target" "corpus/$target" -- \
  "${extra[@]}" -max_total_time="$seconds" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
  -timeout="${FUZZ_TIMEOUT:-300}" -print_final_stats=1 "$@" 2>&1 | tee "$target.log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "fuzz/run.sh: $target failed (exit $status); reproducer(s) in fuzz/artifacts/$target/:" >&2
  ls -l "artifacts/$target" >&2 || true
fi
exit "$status"
