#!/usr/bin/env python3
"""Is binary B faster than binary A? Paired, interleaved runs on the same files.

Run-to-run noise on a shared or virtual machine (about 5%) is as large as most
single optimizations, and it drifts: timing A five times and then B five times
compares two different moments of the machine. Here every round runs both, in
alternating order, and the report is the median of the per-round ratios B/A
(wall and CPU time), with the interquartile range.

    python3 benches/compare.py OLD_BINARY NEW_BINARY [--dir PATH] [--rounds 15] [--threads 1]
    python3 benches/compare.py OLD_BINARY NEW_BINARY --instructions [--dir PATH | --file F.tf]
    python3 benches/compare.py BINARY BINARY --floor [--dir PATH] [--threads 1] [--instructions]

`--instructions` counts the instructions each binary executes instead, under
valgrind's callgrind (one run each, on one thread; about 50 times slower than
a run): deterministic, so an effect of 1% shows on a machine whose timings
move by 10%. It says how much work a change removes, not how the memory system
takes it: a check of real code executes about 1.5x the parse floor's
instructions but takes about 1.7x its time. `--file` checks one file (a
pre-commit run) instead of a directory.

The directory defaults to the 10,000-file corpus of run.py (generated if
missing). Each command is `BINARY check DIR --format json`; exit codes 0 and 1
count as success. Standard library only.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def one_run(binary: str, path: str, threads: int | None, floor: bool = False) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one check (or, `floor`, of its parse floor)."""
    env = dict(os.environ)
    if threads:
        env["RAYON_NUM_THREADS"] = str(threads)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = ["debug", "parse", path] if floor else ["check", path, "--format", "json"]
    rc = subprocess.run([binary, *command], stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL, env=env).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # 2: some files could not be checked (real code has a few); the rest was
    if rc not in (0, 1, 2):
        sys.exit(f"error: {binary} exited with {rc}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def instructions(binary: str, args: list[str]) -> int:
    """Instructions `binary args...` executes, counted by callgrind."""
    # Without transparent huge pages, which valgrind's allocator replacement ignores anyway.
    env = dict(os.environ, RAYON_NUM_THREADS="1", MIMALLOC_ALLOW_THP="0")
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", binary, *args],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    for line in out.stderr.splitlines():
        if "Collected" in line:
            return int(line.split()[-1])
    sys.exit(f"error: no instruction count from valgrind for {binary}:\n{out.stderr[-2000:]}")


def quartiles(xs: list[float]) -> tuple[float, float, float]:
    xs = sorted(xs)
    at = lambda p: xs[round(p * (len(xs) - 1))]
    return at(0.25), statistics.median(xs), at(0.75)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("a", help="baseline binary")
    ap.add_argument("b", help="candidate binary")
    ap.add_argument("--dir", help="directory to check (default: the 10,000-file corpus)")
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--threads", type=int, help="RAYON_NUM_THREADS for both (default: all cores)")
    ap.add_argument("--instructions", action="store_true",
                    help="count instructions under valgrind's callgrind instead of timing (one thread)")
    ap.add_argument("--file", help="with --instructions: check this one file, as pre-commit does")
    ap.add_argument("--floor", action="store_true",
                    help="A runs its parse floor (`debug parse`) instead of a check: B/A is then the "
                         "check's cost over the floor, measured side by side (give the same binary twice)")
    args = ap.parse_args(argv)
    path = args.file or args.dir
    if not path:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import run  # the benchmark's corpus cache
        path = run.ensure_corpus(10000, os.path.join(REPO, "target"), 1)
    if args.instructions:
        if not shutil.which("valgrind"):
            sys.exit("error: --instructions needs valgrind")
        a = instructions(args.a, ["debug", "parse", path] if args.floor else ["check", path, "--format", "json"])
        b = instructions(args.b, ["check", path, "--format", "json"])
        print(f"instructions on {path} (one thread): A {a:,}, B {b:,}, B/A {b / a:.4f}")
        return 0
    # One untimed run each: page cache and binaries warm.
    one_run(args.a, path, args.threads, args.floor)
    one_run(args.b, path, args.threads)
    walls, cpus, a_walls = [], [], []
    for i in range(args.rounds):
        order = [(0, args.a), (1, args.b)] if i % 2 == 0 else [(1, args.b), (0, args.a)]
        got = {k: one_run(binary, path, args.threads, args.floor and k == 0) for k, binary in order}
        walls.append(got[1][0] / got[0][0])
        cpus.append(got[1][1] / got[0][1])
        a_walls.append(got[0][0])
    q1, med, q3 = quartiles(walls)
    c1, cmed, c3 = quartiles(cpus)
    print(f"{args.rounds} rounds on {path} (threads: {args.threads or 'all'}), A median wall "
          f"{statistics.median(a_walls):.3f} s")
    print(f"B/A wall: median {med:.3f} (quartiles {q1:.3f}-{q3:.3f})")
    print(f"B/A CPU:  median {cmed:.3f} (quartiles {c1:.3f}-{c3:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
