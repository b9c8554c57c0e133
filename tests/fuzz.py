#!/usr/bin/env python3
"""Mutation fuzzing of the command line: no input may make tflint-rs panic.

usage: tests/fuzz.py BINARY [ITERATIONS] [SEED]

Each iteration takes three fixture files (Terraform, Terraform JSON, JSON,
tfvars; Terraform files named `.tf` or OpenTofu's `.tofu`, at times with the
same base name, so that one replaces the other), damages them (inserted HCL tokens, NUL and invalid UTF-8 bytes,
deletions, duplications), and runs `check` on them in three output formats.
Any exit status other than 0, 1 or 2, or a panic message, is a failure; the
offending input is kept under target/fuzz-crashes/.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKENS = [b"${", b"}", b"{", b"[", b"]", b'"', b"<<EOF\n", b"\nEOF\n", b"%{", b"~}", b"=", b"\n", b"#",
          b"//", b"/*", b"*/", b"\\", b"\x00", b"\xff", b"jsonencode(", b'file("', b"local.", b"var.",
          b"module.", b"for x in ", b"? ", b": ", b"...", b"[*]", "\u00e9".encode(), b"0.0.0.0/0", b"-1"]


def sources():
    out = []
    for base, _, files in os.walk(os.path.join(ROOT, "testdata")):
        out += [os.path.join(base, f) for f in files if f.endswith((".tf", ".tofu", ".json", ".tfvars", ".tpl"))]
    return sorted(out)


def main():
    binary = os.path.abspath(sys.argv[1])
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    srcs = sources()
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(iterations):
            case = os.path.join(tmp, "case")
            shutil.rmtree(case, ignore_errors=True)
            os.makedirs(case)
            for k in range(3):
                p = rng.choice(srcs)
                data = bytearray(open(p, "rb").read())
                for _ in range(rng.randint(1, 8)):
                    op, pos = rng.random(), rng.randint(0, len(data))
                    if op < 0.4:
                        data[pos:pos] = rng.choice(TOKENS)
                    elif op < 0.7 and data:
                        del data[pos:pos + rng.randint(1, 20)]
                    else:
                        data[pos:pos] = data[max(0, pos - 50):pos]
                name = os.path.basename(p)
                ext = next((e for e in (".tf.json", ".tofu.json") if name.endswith(e)), os.path.splitext(name)[1])
                if ext in (".tf", ".tofu", ".tf.json", ".tofu.json"):
                    ext = rng.choice((".tf", ".tofu")) + (".json" if ext.endswith(".json") else "")
                base = "main" if rng.random() < 0.3 else f"f{k}"
                with open(os.path.join(case, f"{base}{ext}"), "wb") as f:
                    f.write(bytes(data))
            ok = True
            for fmt in ("json", "sarif", "text"):
                r = subprocess.run([binary, "check", case, "--format", fmt, "--profile", "strict"],
                                   capture_output=True, timeout=60)
                if r.returncode not in (0, 1, 2) or b"panicked" in r.stderr:
                    keep = os.path.join(ROOT, "target", "fuzz-crashes", f"crash{failed}")
                    shutil.copytree(case, keep, dirs_exist_ok=True)
                    print(f"FAIL exit {r.returncode}: {r.stderr[-300:].decode(errors='replace')} (input kept in {keep})")
                    ok = False
                    break
            if ok:
                passed += 1
            else:
                failed += 1
    print(f"fuzz: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
