#!/usr/bin/env python3
"""compare.sh baseline for `aos-ops golden hash`: recompute every step's output_hash and seed of an engine trace.

Written for the benchmark from the formulas the old tools use (the reference's upstream-behaviour notes, engine
golden format A), in the idiom of those tools: each line is decoded with json.loads, the step's output is
canonicalised (volatile keys dropped at every level, keys lowercased with the first in code-point order winning,
None values omitted, floats rounded to 6 places), serialised with sorted keys and compact separators, and hashed with
SHA-256 (the first 16 hex characters); every step seed is int(sha256(f"{base_seed}:{index}")[:16], 16).
One line per step and a summary are printed, as `aos-ops golden hash` prints them. Exit 0 when every stored hash
and seed matches, 1 when one differs, 2 when the file cannot be read.

    recompute_hashes.py TRACE.steps.jsonl
"""
import hashlib
import json
import sys

VOLATILE = {
    "timestamp", "ts", "created_at", "updated_at", "started_at", "ended_at", "duration_ms", "latency_ms",
    "request_id", "trace_id", "span_id", "correlation_id",
}


def canonical(value):
    if isinstance(value, dict):
        out = {}
        for key in sorted(value):
            lowered = key.lower()
            item = value[key]
            if lowered in VOLATILE or item is None or lowered in out:
                continue
            out[lowered] = canonical(item)
        return out
    if isinstance(value, list):
        return [canonical(item) for item in value]
    if isinstance(value, float):
        return round(value, 6)
    return value


def output_hash(output):
    text = json.dumps(canonical(output), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def step_seed(base_seed, index):
    return int(hashlib.sha256(f"{base_seed}:{index}".encode("utf-8")).hexdigest()[:16], 16)


def main(path):
    base_seed = None
    steps = mismatched = 0
    out = sys.stdout
    try:
        with open(path, encoding="utf-8") as trace:
            for number, line in enumerate(trace, 1):
                if not line.strip():
                    continue
                event = json.loads(line)
                data = event.get("data") or {}
                kind = event.get("event_type")
                if kind == "run_start":
                    base_seed = data.get("seed")
                elif kind == "step":
                    steps += 1
                    recomputed = output_hash(data.get("output"))
                    ok = recomputed == data.get("output_hash")
                    if base_seed is not None:
                        ok = ok and step_seed(base_seed, data.get("index")) == data.get("seed")
                    mismatched += 0 if ok else 1
                    out.write(f"  step {data.get('index')} {data.get('step_id')} {data.get('skill_id')} "
                              f"output_hash {recomputed} {'ok' if ok else 'MISMATCH'}\n")
    except (OSError, ValueError) as e:
        print(f"{path}: {e}", file=sys.stderr)
        return 2
    out.write(f"  {steps} steps, {mismatched} mismatched\n")
    return 1 if mismatched or steps == 0 else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
