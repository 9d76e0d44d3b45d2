#!/usr/bin/env bash
# Byte-for-byte check that two builds of aos-ops give the same verdicts: runs the launcher of this checkout and of
# another (an older commit, built) on the bench corpora and compares stdout, stderr and the exit code of each command.
#
#   aos-ops-bench/same-verdicts.sh OTHER_CHECKOUT [--steps N] [--cycles N]
#
# OTHER_CHECKOUT is a checkout with aos-ops-cli/target/aos-ops.jar built, e.g.
#   git worktree add --detach /tmp/before <rev> && (cd /tmp/before && mvn -B -ntp -q package -DskipTests)
# Both checkouts need their jars; the corpora come from this checkout's benchmarks.jar. Cases: golden diff (text,
# --json, -v) and golden hash of a trace pair of every kind (identical, volatile-only, leaked-timestamp,
# inserted-step, seed-change), golden summary (text, --json) and cron-check of a 24-hour shadow dir with and without
# mismatches. The one value that differs by design, the summary's "analyzed_at" clock reading, is masked.
# Everything is written below one mktemp -d directory, removed on exit. Exit 0 when every case is the same, 1 if not.
set -uo pipefail
if (($# < 1)) || [[ $1 == -h || $1 == --help ]]; then sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; fi
other=$(cd "$1" && pwd) || exit 2; shift
steps=100000 cycles=2880
while (($#)); do
  case $1 in
    --steps) steps=$2; shift 2 ;;
    --cycles) cycles=$2; shift 2 ;;
    *) echo "same-verdicts.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench=$here/aos-ops-bench/target/benchmarks.jar
for jar in "$bench" "$here/aos-ops-cli/target/aos-ops.jar" "$other/aos-ops-cli/target/aos-ops.jar"; do
  [[ -f $jar ]] || { echo "same-verdicts.sh: missing $jar (mvn -B -ntp package -DskipTests)" >&2; exit 2; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/aos-ops-same.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
export AOS_STATE_DIR=$tmp/state ARCHIVE_DIR=$tmp/archive GOLDEN_DIR=$tmp/state/golden NO_COLOR=1
export AOS_SHADOW_GLOB="$tmp/none/shadow_simulation_*" AOS_SHADOW_LOG_GLOB="$tmp/none/shadow_24h_*.log"
mkdir -p "$tmp/cds-this" "$tmp/cds-other" "$AOS_STATE_DIR"
corpus() { java -cp "$bench" io.aos.ops.bench.corpus.CorpusMain "$@" >/dev/null || exit 2; }
mask() { sed -E 's/"analyzed_at" : "[^"]*"/"analyzed_at" : "…"/' "$1"; }
same=0 different=0
check() { # check NAME ARGS...
  local name=$1 a b; shift
  AOS_OPS_CDS_DIR=$tmp/cds-other AOS_OPS_JAR=$other/aos-ops-cli/target/aos-ops.jar "$other/bin/aos-ops" "$@" \
    >"$tmp/o.out" 2>"$tmp/o.err"; a=$?
  AOS_OPS_CDS_DIR=$tmp/cds-this AOS_OPS_JAR=$here/aos-ops-cli/target/aos-ops.jar "$here/bin/aos-ops" "$@" \
    >"$tmp/t.out" 2>"$tmp/t.err"; b=$?
  if cmp -s <(mask "$tmp/o.out") <(mask "$tmp/t.out") && cmp -s "$tmp/o.err" "$tmp/t.err" && ((a == b)); then
    printf 'same       exit %s  %10s bytes  %s\n' "$b" "$(wc -c <"$tmp/t.out")" "$name"; ((same++))
  else
    printf 'DIFFERENT  exit %s/%s  %s\n' "$a" "$b" "$name"; ((different++))
  fi
}
for kind in identical volatile-only leaked-timestamp inserted-step seed-change; do
  corpus trace-pair --steps "$steps" --difference "$kind" --output "$tmp/$kind"
  a=$tmp/$kind/a.steps.jsonl b=$tmp/$kind/b.steps.jsonl
  check "golden diff, $kind" golden diff --golden-a "$a" --golden-b "$b"
  check "golden diff --json, $kind" golden diff --golden-a "$a" --golden-b "$b" --json
  check "golden diff -v, $kind" golden diff --golden-a "$a" --golden-b "$b" -v
  check "golden hash, $kind (trace B)" golden hash "$b"
  rm -rf "${tmp:?}/$kind"
done
corpus shadow-dir --cycles "$cycles" --output "$tmp/run"
corpus shadow-dir --cycles "$cycles" --mismatch-cycles 40 --output "$tmp/run-mismatches"
for run in run run-mismatches; do
  check "golden summary, $run" golden summary --summary-dir "$tmp/$run"
  check "golden summary --json, $run" golden summary --summary-dir "$tmp/$run" --json
  check "cron-check, $run" cron-check --run-dir "$tmp/$run"
done
echo "same: $same, different: $different"
((different == 0))
