#!/usr/bin/env python3
"""Runbook shim: the old golden_diff_debug.py command line, served by the aos-ops jar.

--summary-dir ... runs 'aos-ops golden summary', anything else 'aos-ops golden diff'; the arguments are passed
through unchanged, so `python3 scripts/stress/golden_diff_debug.py --golden-a A --golden-b B` keeps working.
As in the old tool, --summary-dir wins when both modes are given: --golden-a/--golden-b/--verbose are then left out
(with a note on stderr) instead of failing the summary as unknown options.
"""
import os
import sys

args = sys.argv[1:]
summary = any(a == "--summary-dir" or a.startswith("--summary-dir=") for a in args)
if summary:
    kept, dropped, i = [], [], 0
    while i < len(args):
        a = args[i]
        if a in ("--golden-a", "--golden-b"):
            dropped += args[i:i + 2]
            i += 2
            continue
        if a.startswith(("--golden-a=", "--golden-b=")) or a in ("-v", "--verbose"):
            dropped.append(a)
        else:
            kept.append(a)
        i += 1
    if dropped:
        print("golden_diff_debug.py: --summary-dir wins; ignoring " + " ".join(dropped), file=sys.stderr)
    args = kept
launcher = os.path.join(os.path.dirname(os.path.realpath(__file__)), "..", "..", "bin", "aos-ops")
os.execv(launcher, [launcher, "golden", "summary" if summary else "diff"] + args)
