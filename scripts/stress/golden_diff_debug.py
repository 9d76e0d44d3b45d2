#!/usr/bin/env python3
"""Runbook shim: the old golden_diff_debug.py command line, served by the aos-ops jar.

--summary-dir ... runs 'aos-ops golden summary', anything else 'aos-ops golden diff'; every argument is passed
through unchanged, so `python3 scripts/stress/golden_diff_debug.py --golden-a A --golden-b B` keeps working.
"""
import os
import sys

args = sys.argv[1:]
command = "summary" if any(a == "--summary-dir" or a.startswith("--summary-dir=") for a in args) else "diff"
launcher = os.path.join(os.path.dirname(os.path.realpath(__file__)), "..", "..", "bin", "aos-ops")
os.execv(launcher, [launcher, "golden", command] + args)
