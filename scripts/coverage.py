#!/usr/bin/env python3
"""Prints line coverage per module from the last `swift test --enable-code-coverage` run, and
fails when a gated module is below its threshold."""
import json
import shutil
import os
import subprocess
import sys
from collections import defaultdict

GATES = {"EdulinkCore": 80.0}

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(root)
# The build folder: the first argument (scripts/test.sh passes it, running SwiftPM only once), or
# SwiftPM's debug folder.
bin_path = sys.argv[1] if len(sys.argv) > 1 else subprocess.run(
    ["swift", "build", "--show-bin-path"], capture_output=True, text=True, check=True).stdout.strip()
codecov = os.path.join(bin_path, "codecov")
tests = [os.path.join(bin_path, f) for f in os.listdir(bin_path) if f.endswith(".xctest")]
raw = [os.path.join(codecov, f) for f in os.listdir(codecov)] if os.path.isdir(codecov) else []
raw = [f for f in raw if f.endswith(".profraw")]
if not raw or not tests:
    sys.exit("coverage.py: no coverage data; run swift test --enable-code-coverage first")
toolchain = os.path.dirname(os.path.realpath(shutil.which("swift") or "swift"))


def tool(name):
    path = os.path.join(toolchain, name)
    return path if os.path.exists(path) else name


# Merge every profile written during the run: the test bundle's and those of the `edulink`
# processes the CLI tests start (a killed process may leave a torn file; skip it).
profdata = os.path.join(codecov, "all.profdata")
subprocess.run([tool("llvm-profdata"), "merge", "-sparse", "--failure-mode=all", "-o", profdata, *raw],
               check=True, stderr=subprocess.DEVNULL)
objects = [tests[0]]
for executable in ("edulink",):
    path = os.path.join(bin_path, executable)
    if os.path.exists(path):
        objects += ["-object", path]
out = subprocess.run([tool("llvm-cov"), "export", "-summary-only", "-instr-profile", profdata, *objects],
                     capture_output=True, text=True, check=True).stdout
files = json.loads(out)["data"][0]["files"]
covered = defaultdict(int)
total = defaultdict(int)
sources = os.path.join(root, "Sources") + os.sep
for f in files:
    name = f["filename"]
    # What scripts/generate-openapi.sh wrote is the generator's code, not ours.
    if not name.startswith(sources) or name.startswith(os.path.join(sources, "EdulinkAPI", "Generated") + os.sep):
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
