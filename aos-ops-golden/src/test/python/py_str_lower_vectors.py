#!/usr/bin/env python3
"""Writes the test vectors for io.aos.ops.golden.json.PyStr (Python's str.lower()) under CPython, so the Java tests
need no Python at run time. Run from aos-ops-golden/: python3 src/test/python/py_str_lower_vectors.py

  src/test/resources/io/aos/ops/golden/json/python-str-lower.jsonl
      one JSON array per line, ["input", "input.lower()"], ASCII-escaped: random strings over an alphabet rich in
      capital sigma and in the characters around it that decide between final and non-final sigma
  src/test/resources/io/aos/ops/golden/json/python-lower-code-points.txt
      "HEX HEX..." for every code point (but U+03A3) whose lower() is not itself: code point, then its lower()
  src/test/resources/io/aos/ops/golden/json/python-sigma-context.txt
      "I FIRST-LAST" (case-ignorable: skipped when looking for the letters around a sigma) and "C FIRST-LAST" (cased,
      not case-ignorable) ranges of code points, read off lower() itself: (c + "Σ") ends in ς iff c is cased and not
      case-ignorable; ("a" + c + "Σ") ends in ς iff c is either
  src/test/resources/io/aos/ops/golden/format/sigma-keys.steps.jsonl (ASCII-escaped, as the engine writes) and
  sigma-keys-utf8.steps.jsonl (the same events as raw UTF-8): an engine trace whose step outputs have keys with a
  capital sigma, with the output_hash and seeds of aos-ops-bench/baselines/recompute_hashes.py's formula
"""
import json
import os
import random
import sys
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "aos-ops-bench",
                                "baselines"))
from recompute_hashes import output_hash, step_seed  # noqa: E402

OUT = "src/test/resources/io/aos/ops/golden/json/"

# capital, small and final sigma; other Greek and Latin letters; digits; separators; case-ignorables of every kind:
# combining acute (Mn), soft hyphen (Cf), modifier letters (Lm, one of them also cased), modifier symbols (Sk),
# Word_Break MidLetter/MidNumLet/Single_Quote punctuation; cased letters outside Lu/Ll (Lt, Other_Uppercase Nl/So,
# Other_Lowercase Lo, a mark that is Other_Lowercase); dotted capital I (two code points in lower()); astral letters;
# characters Unicode 14 added or changed (a JDK 17 knows Unicode 13)
ALPHABET = (
    ["\u03a3"] * 8 + ["\u03c3", "\u03c2", "\u039f", "\u0394", "\u0391", "\u03a1", "\u0399", "\u0398", "\u03bf",
                      "\u03b1", "\u03b9", "\u0386", "\u03ac"]
    + ["A", "a", "Z", "z", "I", "\u00c9", "\u00e9", "\u0130", "\u1e9e", "\u00df"]
    + ["0", "1", "9", "_", "-", '"', ".", ":", "'", " ", "\t", "/", "\\", "\u00a0", "\u3000"]
    + ["\u0301", "\u0301", "\u00ad", "\u00ad", "\u02b0", "\u02bc", "\u02c6", "\u02e4", "^", "`", "\u00b7", "\u0387",
       "\u2018", "\u2019", "\u2024", "\u2027", "\ufe13", "\ufe52", "\ufe55", "\uff07", "\uff0e", "\uff1a", "\u055f",
       "\u05f4", "\u200d", "\ufe0f", "\u0345", "\u20dd"]
    + ["\u01c5", "\u2160", "\u24b6", "\u24d0", "\u00aa", "\u00ba", "\U00010400", "\U00010428", "\U0001d400",
       "\U0001e900", "\U0001f600"]
    + ["\u2c2f", "\ua7c0", "\U00010570", "\u1734", "\u0888", "\U0001df00", "\U0001e030"]
)

FIXED = ["a_\u03a3", 'a"\u03a3', "a-\u03a3", "a1\u03a3", "\u039f\u0394\u039f\u03a3_\u0391\u03a1\u0399\u0398\u039c\u039f\u03a3",
         "a\u03a3", "a \u03a3", "a.\u03a3", "\u03a3", "\u03a3\u03a3", "a\u03a3\u03a3", "a\u03a3b", "a\u03a3.b",
         "a\u03a3\u0301", "a\u0301\u03a3", "a\u00ad\u03a3", "a\u03a3\u00adb", "\u02b0\u03a3", "a\u03a3\u02b0",
         "\u0130", "I\u0130\u03a3", "\U00010400\u03a3", "a\u03a3\U00010400", "\u2c2f\u03a3", "a\u1734\u03a3",
         "\u00c9T\u00c9\u03a3_\u00c9T\u00c9", "\u03a3a", "1\u03a3", "_\u03a3", "\u0391\u03a3'", "\u0391\u03a3'\u0391"]


def vectors(rng, count):
    seen = set()
    out = []
    for s in FIXED:
        seen.add(s)
        out.append(s)
    while len(out) < count:
        s = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 10)))
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


def ranges(points):
    runs = []
    for c in points:
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return runs


SIGMA_OUTPUTS = [
    # keys CPython and Java lowered differently, one collision that only exists in Python (a_Σ and a_σ), nested
    {"a_\u03a3": 1, "a_\u03c3": 2, 'a"\u03a3': "q", "a-\u03a3": [1, {"a1\u03a3": 0.1234567891}],
     "\u039f\u0394\u039f\u03a3_\u0391\u03a1\u0399\u0398\u039c\u039f\u03a3": {"\u03a3\u03a3": True},
     "Timestamp": "2026-12-03T10:00:00+00:00", "\u0130D": None},
    # keys both lowered alike
    {"a\u03a3": 1, "a \u03a3": 2, "a.\u03a3": 3, "\u039f\u0394\u039f\u03a3": "\u03a3"},
]


def sigma_trace(path, ensure_ascii):
    seed = 12345
    events = [{"event_type": "run_start", "run_id": "run-sigma", "timestamp": "2026-12-03T10:00:00+00:00",
               "data": {"spec_id": "wf-sigma", "spec_name": "sigma", "spec_version": "1.0.0",
                        "steps_count": len(SIGMA_OUTPUTS), "seed": seed, "replay": False,
                        "spec_hash": "0000000000000000"}}]
    for index, out in enumerate(SIGMA_OUTPUTS):
        result = {"step_id": "s%d" % index, "success": True, "output": out, "error": None, "error_code": None,
                  "recovery_hint": None, "duration_ms": 3, "cost_cents": 0, "retries": 0}
        events.append({"event_type": "step", "run_id": "run-sigma", "timestamp": "2026-12-03T10:00:01+00:00",
                       "data": {"index": index, "step_id": "s%d" % index, "skill_id": "echo", "inputs": {},
                                "seed": step_seed(seed, index), "success": True, "output": result,
                                "output_hash": output_hash(result)}})
        print("step %d output_hash %s" % (index, output_hash(result)))
    events.append({"event_type": "run_end", "run_id": "run-sigma", "timestamp": "2026-12-03T10:00:02+00:00",
                   "data": {"status": "completed"}})
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for e in events:
            f.write(json.dumps(e, sort_keys=True, separators=(",", ":"), ensure_ascii=ensure_ascii) + "\n")


def main():
    rng = random.Random(20261203)
    with open(OUT + "python-str-lower.jsonl", "w", encoding="ascii", newline="\n") as f:
        for s in vectors(rng, 5000):
            f.write(json.dumps([s, s.lower()]) + "\n")
    ignorable, cased = [], []
    with open(OUT + "python-lower-code-points.txt", "w", encoding="ascii", newline="\n") as f:
        for cp in range(0x110000):
            if cp == 0x3A3:
                continue
            c = chr(cp)
            low = c.lower()
            if low != c:
                f.write(" ".join("%04X" % ord(x) for x in c + low) + "\n")
            if (c + "\u03a3").lower()[-1] == "\u03c2":
                cased.append(cp)
            elif ("a" + c + "\u03a3").lower()[-1] == "\u03c2":
                ignorable.append(cp)
    with open(OUT + "python-sigma-context.txt", "w", encoding="ascii", newline="\n") as f:
        for tag, points in (("I", ignorable), ("C", cased)):
            for a, b in ranges(points):
                f.write("%s %04X-%04X\n" % (tag, a, b))
    fmt = "src/test/resources/io/aos/ops/golden/format/"
    sigma_trace(fmt + "sigma-keys.steps.jsonl", True)
    sigma_trace(fmt + "sigma-keys-utf8.steps.jsonl", False)
    print("CPython %s, Unicode %s" % (sys.version.split()[0], unicodedata.unidata_version))


if __name__ == "__main__":
    main()
