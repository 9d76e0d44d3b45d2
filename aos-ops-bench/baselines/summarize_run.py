#!/usr/bin/env python3
"""compare.sh baseline for `aos-ops golden summary`: the old summary mode, over one shadow run directory.

Written for the benchmark from the old tool's documented summary mode (the reference's upstream-behaviour notes,
golden_diff_debug.py --summary-dir): every reports/cycle_*.json is read with json.load in lexicographic order and
tallied (workflows from primary.total, replays and mismatches from shadow, the first 5 mismatch details of each
failing cycle, an unreadable report recorded as an error), the golden/*.json files are counted with their apparent
size, and the summary is printed as indented JSON with its PASS/FAIL verdict. Exit 0 PASS, 1 FAIL.

    summarize_run.py RUN_DIR
"""
import datetime
import glob
import json
import os
import sys


def main(directory):
    cycles = []
    totals = {"workflows": 0, "replays": 0, "mismatches": 0}
    details = []
    for path in sorted(glob.glob(os.path.join(directory, "reports", "cycle_*.json"))):
        name = os.path.splitext(os.path.basename(path))[0]
        try:
            with open(path, encoding="utf-8") as f:
                report = json.load(f)
            workflows = report.get("primary", {}).get("total", 0)
            replays = report.get("shadow", {}).get("total_replays", 0)
            mismatches = report.get("shadow", {}).get("mismatches", 0)
        except (OSError, ValueError, AttributeError) as e:
            cycles.append({"cycle": name, "error": str(e)})
            continue
        totals["workflows"] += workflows
        totals["replays"] += replays
        totals["mismatches"] += mismatches
        if mismatches:
            details.extend(report.get("mismatch_details", [])[:5])
        cycles.append({"cycle": name, "workflows": workflows, "replays": replays, "mismatches": mismatches,
                       "passed": mismatches == 0})
    summary = {
        "directory": directory,
        "analyzed_at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        "cycles": len(cycles),
        "total_workflows": totals["workflows"],
        "total_replays": totals["replays"],
        "total_mismatches": totals["mismatches"],
        "mismatch_details": details,
        "cycle_summaries": cycles,
    }
    golden = os.path.join(directory, "golden")
    if os.path.isdir(golden):
        files = glob.glob(os.path.join(golden, "*.json"))
        summary["golden_file_count"] = len(files)
        summary["golden_dir_size_bytes"] = sum(os.path.getsize(f) for f in files)
    summary["mismatch_rate"] = totals["mismatches"] / max(totals["replays"], 1)
    summary["passed"] = totals["mismatches"] == 0
    summary["verdict"] = "PASS" if summary["passed"] else "FAIL"
    print(json.dumps(summary, indent=2))
    return 0 if summary["passed"] else 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
