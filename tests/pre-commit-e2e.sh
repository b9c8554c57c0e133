#!/usr/bin/env bash
# End to end with the real pre-commit (from PyPI) in a temporary git repository:
# the hook in .pre-commit-hooks.yaml is installed from this repository's HEAD,
# a commit that adds a public RDS instance is refused, a clean one goes through.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
export PATH="$work/venv/bin:$PATH" PRE_COMMIT_HOME="$work/cache"

rev=$(git -C "$root" rev-parse HEAD)
git init --quiet "$work/repo"
cd "$work/repo"
git config user.email ci@example.com
git config user.name ci
cat > .pre-commit-config.yaml <<EOF
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: tflint-rs
EOF
git add .pre-commit-config.yaml
git commit --quiet --no-verify -m "pre-commit config"
pre-commit install --install-hooks >/dev/null

cat > main.tf <<'EOF'
resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = true
}
EOF
git add main.tf
if git commit --quiet -m "public database" >"$work/out" 2>&1; then
  cat "$work/out"
  echo "FAIL: the commit of a public RDS instance went through"
  exit 1
fi
grep -q "aws-rds-publicly-accessible" "$work/out" || { cat "$work/out"; echo "FAIL: the hook did not say why"; exit 1; }
echo "ok: a public RDS instance is refused"

sed -i 's/publicly_accessible = true/publicly_accessible = false/' main.tf
git add main.tf
git commit --quiet -m "private database" >"$work/out" 2>&1 || { cat "$work/out"; echo "FAIL: a clean commit was refused"; exit 1; }
echo "ok: a clean commit goes through"

# A private key whose name says nothing (no extension) is recognised by its content.
printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACDf3c1yXq8b7zHkF0mV2wz9sX5T1pRaL3nQeUoVbT7gGwAAAJgk2h6NJNoe\n-----END OPENSSH PRIVATE KEY-----\n' > deploy_key
git add deploy_key
if git commit --quiet -m "deploy key" >"$work/out" 2>&1; then
  cat "$work/out"
  echo "FAIL: the commit of a private key without an extension went through"
  exit 1
fi
grep -q "secret-private-key-file" "$work/out" || { cat "$work/out"; echo "FAIL: the hook did not say why"; exit 1; }
echo "ok: a private key without an extension is refused"
echo "3 passed, 0 failed"
