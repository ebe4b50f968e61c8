#!/usr/bin/env python3
"""Prints line coverage per module from the last `swift test --enable-code-coverage` run, and
fails when a gated module is below its threshold."""
import json
import os
import subprocess
import sys
from collections import defaultdict

GATES = {"EdulinkCore": 80.0}

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(root)
bin_path = subprocess.run(["swift", "build", "--show-bin-path"], capture_output=True, text=True, check=True).stdout.strip()
profdata = os.path.join(bin_path, "codecov", "default.profdata")
tests = [os.path.join(bin_path, f) for f in os.listdir(bin_path) if f.endswith(".xctest")]
if not os.path.exists(profdata) or not tests:
    sys.exit("coverage.py: no coverage data; run swift test --enable-code-coverage first")
llvm_cov = os.path.join(os.path.dirname(os.path.realpath(subprocess.run(
    ["which", "swift"], capture_output=True, text=True).stdout.strip())), "llvm-cov")
if not os.path.exists(llvm_cov):
    llvm_cov = "llvm-cov"
out = subprocess.run([llvm_cov, "export", "-summary-only", "-instr-profile", profdata, tests[0]],
                     capture_output=True, text=True, check=True).stdout
files = json.loads(out)["data"][0]["files"]
covered = defaultdict(int)
total = defaultdict(int)
sources = os.path.join(root, "Sources") + os.sep
for f in files:
    name = f["filename"]
    if not name.startswith(sources):
        continue
    module = name[len(sources):].split(os.sep)[0]
    lines = f["summary"]["lines"]
    covered[module] += lines["covered"]
    total[module] += lines["count"]
failed = False
print(f"{'module':<22}{'lines':>8}{'covered':>9}{'percent':>9}")
for module in sorted(total):
    pct = 100.0 * covered[module] / total[module] if total[module] else 100.0
    gate = GATES.get(module)
    mark = ""
    if gate is not None:
        mark = f"  (gate {gate:.0f} %)" if pct >= gate else f"  BELOW GATE {gate:.0f} %"
        failed |= pct < gate
    print(f"{module:<22}{total[module]:>8}{covered[module]:>9}{pct:>8.1f}%{mark}")
all_total = sum(total.values())
all_cov = sum(covered.values())
print(f"{'all':<22}{all_total:>8}{all_cov:>9}{100.0 * all_cov / max(all_total, 1):>8.1f}%")
sys.exit(1 if failed else 0)
