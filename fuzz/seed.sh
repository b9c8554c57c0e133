#!/usr/bin/env bash
# Seed corpus: copies the testdata files of each kind into fuzz/corpus/TARGET/
# (named by content hash, so seeding twice adds nothing). The corpus is not
# committed; it is made again from testdata before each run.
#
# usage: fuzz/seed.sh [TARGET...]    (default: every target)
set -euo pipefail
cd "$(dirname "$0")"
root=..
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(tf tf_json tfvars task_def plan structured)

copy() { # target, find arguments...
  local dir="corpus/$1"; shift
  mkdir -p "$dir"
  find "$root/testdata" "$root/tests" -type f "$@" -print0 2>/dev/null |
    while IFS= read -r -d '' f; do
      cp "$f" "$dir/$(sha1sum "$f" | cut -c1-40)"
    done
}

for t in "${targets[@]}"; do
  case "$t" in
    tf) copy tf \( -name '*.tf' -o -name '*.tofu' \) ;;
    tf_json) copy tf_json \( -name '*.tf.json' -o -name '*.tofu.json' -o -name '*.tfvars.json' \) ;;
    tfvars) copy tfvars -name '*.tfvars' ;;
    task_def) copy task_def -name '*.json' ! -name '*.tf.json' ! -name '*.tofu.json' ! -name '*.tfvars.json' ;;
    plan) copy plan -name 'plan.json' -path '*testdata/plan/*' ;;
    structured) mkdir -p corpus/structured ;; # arbitrary bytes: no text seeds
    *) echo "seed.sh: unknown target $t" >&2; exit 2 ;;
  esac
  echo "corpus/$t: $(ls "corpus/$t" | wc -l) files"
done
