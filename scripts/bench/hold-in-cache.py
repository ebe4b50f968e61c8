#!/usr/bin/env python3
"""Holds files in the OS's page cache for the length of a benchmark run.

    scripts/bench/hold-in-cache.py FILE...

Maps each file read-only and locks the mapping (mlockall), which reads every page once and keeps it
resident until this process ends: the kernel neither reclaims nor pages out locked pages. Prints
"held N MB" on standard output once every file is in memory, then waits for SIGTERM or SIGINT.

Why: a virtual machine may reclaim page cache on its own schedule (this one runs DAMON's `pageout`
scheme: any region untouched for about a minute is written out, 128 MB a second), so a run over a
4.5 GB database measures which of its pages the host evicted as much as the app. Holding the file
separates the two: a run with it measures the app with its data in memory (as on any machine with
the RAM to spare), a run without it the same machine as it is. Needs the right to lock that much
memory (root, or RLIMIT_MEMLOCK); says so and exits 1 otherwise.
"""

import ctypes
import ctypes.util
import mmap
import os
import signal
import sys

MCL_CURRENT = 1


def main():
    paths = sys.argv[1:]
    if not paths:
        print("usage: scripts/bench/hold-in-cache.py FILE...", file=sys.stderr)
        return 2
    maps = []
    total = 0
    for path in paths:
        try:
            with open(path, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size == 0:
                    continue
                maps.append(mmap.mmap(handle.fileno(), size, prot=mmap.PROT_READ))
                total += size
        except OSError as error:
            print(f"hold-in-cache: {path}: {error.strerror}", file=sys.stderr)
            return 1
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    if libc.mlockall(MCL_CURRENT) != 0:
        reason = os.strerror(ctypes.get_errno())
        print(f"hold-in-cache: cannot lock {total // 1048576} MB in memory: {reason}", file=sys.stderr)
        return 1
    print(f"held {total // 1048576} MB", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
