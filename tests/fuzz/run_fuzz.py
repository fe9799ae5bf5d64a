#!/usr/bin/env python3
"""Runs one libFuzzer target for a bounded time (meson test, suite fuzz).

Usage: run_fuzz.py FUZZER SECONDS DICT ARTIFACT_DIR SEED_DIR...
New inputs go to a temporary corpus (the seed directories in the source
tree are only read); a crash, sanitizer report or timeout leaves its input
as ARTIFACT_DIR/crash-* (or leak-*, timeout-*) and fails the test. Prints
the executions run, the corpus size and the coverage reached.
"""
import os
import re
import subprocess
import sys
import tempfile

fuzzer, seconds, dictionary, artifacts = sys.argv[1:5]
seeds = sys.argv[5:]
name = os.path.basename(fuzzer)
os.makedirs(artifacts, exist_ok=True)
with tempfile.TemporaryDirectory() as corpus:
    cmd = [fuzzer, f"-max_total_time={seconds}", "-timeout=10", "-rss_limit_mb=2048",
           "-max_len=4096", "-print_final_stats=1", f"-dict={dictionary}",
           f"-artifact_prefix={artifacts}/{name}-", corpus, *seeds]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       errors="replace", timeout=int(seconds) + 120)
    log = p.stdout
    units = len(os.listdir(corpus))
runs = re.search(r"stat::number_of_executed_units:\s*(\d+)", log)
cov = re.findall(r"cov: (\d+)", log)
print(f"{name}: {runs[1] if runs else '?'} executions in {seconds} s, "
      f"{units} new corpus inputs, coverage {cov[-1] if cov else '?'} edges, exit {p.returncode}")
if p.returncode != 0:
    # the sanitizer's report and the input that caused it
    print("\n".join(log.splitlines()[-60:]))
    sys.exit(1)
