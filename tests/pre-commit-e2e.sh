#!/usr/bin/env bash
# End to end with the real pre-commit (from PyPI) in a temporary git repository:
# the hook in .pre-commit-hooks.yaml is installed from this repository's HEAD,
# a commit that adds a public RDS instance is refused, a clean one goes through.
#
# TFLINT_RS_HOOK=tflint-rs-system runs the hook that uses the tflint-rs binary
# on PATH (a debug build, say) instead of having pre-commit compile the crate.
set -euo pipefail
hook=${TFLINT_RS_HOOK:-tflint-rs}
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
      - id: $hook
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
git rm --quiet --cached deploy_key && rm deploy_key

# A module committed clean, then only its variables.tf changed: the database
# that default makes public is in main.tf, which the commit does not touch.
mkdir db
cat > db/main.tf <<'EOF'
resource "aws_db_instance" "orders" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = var.publicly_accessible
}
EOF
cat > db/variables.tf <<'EOF'
variable "publicly_accessible" {
  type    = bool
  default = false
}
EOF
git add db
git commit --quiet -m "orders database" >"$work/out" 2>&1 || { cat "$work/out"; echo "FAIL: a clean module was refused"; exit 1; }
sed -i 's/default = false/default = true/' db/variables.tf
git add db/variables.tf
if git commit --quiet -m "open the orders database" >"$work/out" 2>&1; then
  cat "$work/out"
  echo "FAIL: a default that makes a database public went through"
  exit 1
fi
grep -q "db/main.tf:5:25: critical aws-rds-publicly-accessible aws_db_instance.orders" "$work/out" \
  || { cat "$work/out"; echo "FAIL: the hook did not name the database"; exit 1; }
grep -q "written at db/variables.tf:3" "$work/out" \
  || { cat "$work/out"; echo "FAIL: the hook did not say where the value is written"; exit 1; }
git reset --quiet --hard
echo "ok: a variable default that makes a database public is refused, naming the database"

# OpenTofu: a .tofu file is checked; a .tf file it replaces is not.
cat > app.tofu <<'EOF'
resource "aws_db_instance" "app" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = true
}
EOF
git add app.tofu
if git commit --quiet -m "public database in OpenTofu" >"$work/out" 2>&1; then
  cat "$work/out"
  echo "FAIL: the commit of a public RDS instance in a .tofu file went through"
  exit 1
fi
grep -q "app.tofu:5:25: critical aws-rds-publicly-accessible" "$work/out" \
  || { cat "$work/out"; echo "FAIL: the hook did not say why"; exit 1; }
sed -i 's/publicly_accessible = true/publicly_accessible = false/' app.tofu
sed 's/publicly_accessible = false/publicly_accessible = true/' app.tofu > app.tf
git add app.tofu app.tf
git commit --quiet -m "private database; the Terraform copy is ignored by OpenTofu" >"$work/out" 2>&1 \
  || { cat "$work/out"; echo "FAIL: a .tf file that app.tofu replaces was checked"; exit 1; }
echo "ok: .tofu files are checked, and the .tf files they replace are not"
echo "5 passed, 0 failed"
