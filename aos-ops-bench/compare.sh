#!/usr/bin/env bash
# Whole-process comparison harness for aos-ops. Times aos-ops commands and their baselines side by side
# in ONE run, on corpora generated into a private temp dir, and prints medians and ratios.
#
#   aos-ops-bench/compare.sh [--reps N] [--diff-baseline 'CMD {a} {b}'] [--summary-baseline 'CMD {dir}']
#                            [--files N] [--steps N] [--seed S] [--results FILE] [--keep] [--only LIST]
#
# It builds nothing: it needs aos-ops-cli/target/aos-ops.jar and aos-ops-bench/target/benchmarks.jar
# (mvn -B -ntp package -DskipTests). Every path it writes is below one `mktemp -d` directory, removed on exit
# (--keep leaves it); AOS_STATE_DIR, ARCHIVE_DIR, GOLDEN_DIR and AOS_SHADOW_GLOB point there, so no real
# path (/var/lib/aos, /root/archive, /tmp/shadow_simulation_*) is read or written.
# A command that is not built yet (exit 2, "not built yet") is reported as such and skipped.
# Runs in about 2-5 minutes on 2 cores (plus what a --diff-baseline takes: upstream's tool is ~16 s a run).
set -uo pipefail

usage() {
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<'EOF'
Options:
  --reps N                 repetitions per timed command (default: 5 for fast commands, 3 for heavy ones)
  --diff-baseline CMD      another diff tool, {a} and {b} replaced by the two traces, e.g.
                           'python3 /path/golden_diff_debug.py --golden-a {a} --golden-b {b}'
  --summary-baseline CMD   another summary tool, {dir} replaced by the 24-hour shadow directory
  --files N                golden-sized files for the archive comparison (default: 100000)
  --steps N                steps per trace for the diff comparison (default: 100000)
  --seed S                 corpus seed (default: 12345)
  --results FILE           also write the results as tab-separated lines to FILE
  --keep                   keep the temp dir (its path is printed)
  --only LIST              run only these sections, comma-separated (default: all):
                           startup, shadow, diff, summary, cron, archive
EOF
}

reps_override=""
diff_baseline=""
summary_baseline=""
files=100000
steps=100000
seed=12345
results_file=""
keep=0
only=startup,shadow,diff,summary,cron,archive
while (($#)); do
  case $1 in
    --reps) reps_override=$2; shift 2 ;;
    --diff-baseline) diff_baseline=$2; shift 2 ;;
    --summary-baseline) summary_baseline=$2; shift 2 ;;
    --files) files=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --results) results_file=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --only) only=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "compare.sh: unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

if [[ -n $results_file && $results_file != /* ]]; then results_file=$PWD/$results_file; fi
wants() { [[ ,$only, == *,$1,* ]]; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
aos_jar=${AOS_OPS_JAR:-$repo/aos-ops-cli/target/aos-ops.jar}
bench_jar=$repo/aos-ops-bench/target/benchmarks.jar
missing=0
for jar in "$aos_jar" "$bench_jar"; do
  if [[ ! -f $jar ]]; then
    echo "compare.sh: missing $jar" >&2
    missing=1
  fi
done
if ((missing)); then
  echo "compare.sh: build the jars first: (cd $repo && mvn -B -ntp package -DskipTests)" >&2
  exit 2
fi
export AOS_OPS_JAR=$aos_jar
aos=("$repo/bin/aos-ops")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/aos-ops-compare.XXXXXX")
if ((keep)); then
  trap 'echo "compare.sh: kept $tmp" >&2' EXIT
else
  trap 'rm -rf "$tmp"' EXIT
fi
# Everything aos-ops could touch by default is moved below the temp dir.
export AOS_STATE_DIR=$tmp/state
export GOLDEN_DIR=$tmp/state/golden
export ARCHIVE_DIR=$tmp/archive
export AOS_SHADOW_GLOB="$tmp/no-shadow-runs/shadow_simulation_*"
export AOS_SHADOW_LOG_GLOB="$tmp/state/shadow_24h_*.log"
export NO_COLOR=1
mkdir -p "$AOS_STATE_DIR" "$GOLDEN_DIR" "$ARCHIVE_DIR"
cd "$tmp" || exit 2

have_time=0
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then
  have_time=1
fi

# ---------------------------------------------------------------------------------------------------------------
# Timing. measure NAME REPS CMD... runs CMD REPS times (stdout/stderr to files), wall time from date +%s%N, peak RSS
# from GNU time. Sets: m_status (ok | not-built | failed:RC), m_median, m_min (seconds), m_rss (peak MB, max of reps).
# A command "ran" when it exits 0 or 1 (1 is what a diff or check says on a finding); 2 + "not built yet" is
# not-built and stops further reps; anything else is a failure whose stderr tail is printed.
# ---------------------------------------------------------------------------------------------------------------
declare -a rows=()
m_status="" m_median="" m_min="" m_rss=""

median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) {print ""; exit} if (NR%2) print v[(NR+1)/2]; else printf "%.6f\n", (v[NR/2]+v[NR/2+1])/2}'; }

run_once() { # run_once OUT ERR RSSFILE CMD... ; prints wall seconds, returns the command's exit code
  local out=$1 err=$2 rssf=$3; shift 3
  local t0 t1 rc
  t0=$(date +%s%N)
  if ((have_time)); then
    /usr/bin/time -f '%M' -o "$rssf" "$@" >"$out" 2>"$err"; rc=$?
  else
    "$@" >"$out" 2>"$err"; rc=$?
  fi
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.6f\n", (b-a)/1e9}'
  return $rc
}

# built SUBCOMMAND...: false while the command is still the foundation's placeholder (its --help says NOT BUILT YET).
built() { ! "${aos[@]}" "$@" --help 2>&1 | grep -q 'NOT BUILT YET'; }

measure() { # measure NAME REPS [--before 'shell cmd'] [--needs 'subcommand words'] CMD...
  local name=$1 reps=$2; shift 2
  local before="" needs=""
  if [[ ${1:-} == --before ]]; then before=$2; shift 2; fi
  if [[ ${1:-} == --needs ]]; then needs=$2; shift 2; fi
  m_status=ok m_median="" m_min="" m_rss=""
  # shellcheck disable=SC2086 # $needs is a list of words
  if [[ -n $needs ]] && ! built $needs; then
    m_status=not-built
    printf '  %-52s %s\n' "$name" "not built yet" >&2
    return
  fi
  [[ -n $reps_override ]] && reps=$reps_override
  local log=$tmp/log.$RANDOM$RANDOM walls=() rss_max=0 i rc wall
  for ((i = 1; i <= reps; i++)); do
    if [[ -n $before ]]; then bash -c "$before" >/dev/null 2>&1 || { m_status="failed:setup"; break; }; fi
    wall=$(run_once "$log.out" "$log.err" "$log.rss" "$@"); rc=$?
    if ((rc == 2)) && grep -q 'not built yet' "$log.err" "$log.out" 2>/dev/null; then
      m_status=not-built; break
    fi
    if ((rc != 0 && rc != 1)); then
      m_status="failed:$rc"
      echo "  $name: exit $rc; last lines of stderr:" >&2
      tail -n 5 "$log.err" | sed 's/^/    /' >&2
      break
    fi
    walls+=("$wall")
    if ((have_time)) && [[ -s $log.rss ]]; then
      local kb; kb=$(tail -n 1 "$log.rss"); ((kb > rss_max)) && rss_max=$kb
    fi
  done
  if [[ $m_status == ok ]]; then
    m_median=$(printf '%s\n' "${walls[@]}" | median)
    m_min=$(printf '%s\n' "${walls[@]}" | sort -g | head -n 1)
    ((have_time)) && m_rss=$(awk -v k="$rss_max" 'BEGIN {printf "%.0f", k/1024}')
  fi
  rm -f "$log".*
  printf '  %-52s %s\n' "$name" "$(describe)" >&2
}

describe() {
  case $m_status in
    ok) printf 'median %.3f s (min %.3f, %s reps)%s' "$m_median" "$m_min" "${#walls[@]}" \
          "$([[ -n $m_rss ]] && printf ', peak RSS %s MB' "$m_rss")" ;;
    not-built) printf 'not built yet' ;;
    *) printf '%s' "$m_status" ;;
  esac
}

# row NAME BASELINE_MEDIAN NOTE: records the last measurement; the ratio is baseline/this (> 1 means faster).
row() {
  local name=$1 base=${2:-} note=${3:-} ratio=""
  if [[ $m_status == ok && -n $base ]]; then
    ratio=$(awk -v b="$base" -v m="$m_median" 'BEGIN {if (m > 0) printf "%.2fx", b/m}')
  fi
  rows+=("$name"$'\x1f'"$m_status"$'\x1f'"$m_median"$'\x1f'"$m_rss"$'\x1f'"$ratio"$'\x1f'"$note")
}

files_per_s() { awk -v n="$1" -v s="$2" 'BEGIN {if (s > 0) printf "%.0f files/s", n/s}'; }
payload_of() { find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.1f MB", s/1e6}'; }
size_of() { du -sb "$@" 2>/dev/null | awk '{s+=$1} END {printf "%.1f MB", s/1e6}'; }

# ---------------------------------------------------------------------------------------------------------------
echo "== machine" >&2
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //')
mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo 2>/dev/null)
jdk=$(java -version 2>&1 | head -n 1)
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "  $(date -u +%Y-%m-%dT%H:%M:%SZ), nproc=$(nproc), cpu=$cpu, mem=$mem, $jdk, commit $commit" >&2
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine: compare ratios, not absolute times)" >&2
((have_time)) || echo "  /usr/bin/time (GNU, package 'time') is not installed: no peak RSS figures" >&2

echo "== corpora (seed $seed) in $tmp" >&2
corpus() { java -cp "$bench_jar" io.aos.ops.bench.corpus.CorpusMain "$@" >/dev/null; }
if wants diff; then
    corpus trace-pair --steps "$steps" --difference leaked-timestamp --seed "$seed" --output "$tmp/pair" || exit 2
fi
if wants archive; then
    corpus golden-files --count "$files" --seed "$seed" --output "$tmp/golden-src" || exit 2
fi

shadow=$tmp/shadow_24h
runner_used="generator (CorpusMain shadow-dir)"
if wants shadow || wants summary || wants cron; then
  # --before: with --reps N every rep needs a fresh output directory (the runner refuses one that held a run)
  measure "aos-ops shadow run --cycles 2880 --cycle-interval 0" 1 --before "rm -rf '$shadow'" --needs "shadow run" \
    timeout 600 "${aos[@]}" shadow run --cycles 2880 --cycle-interval 0 --workers 3 --workflows-per-cycle 9 \
      --seed "$seed" --output "$shadow"
  if [[ $m_status == ok && -d $shadow/reports ]]; then
    runner_used="aos-ops shadow run"
    row "shadow run: 2,880 cycles x 9, no sleeps (goal < 120 s)" "" ""
  else
    row "shadow run: 2,880 cycles x 9, no sleeps (goal < 120 s)" "" "24h dir from the generator"
    rm -rf "$shadow"
    corpus shadow-dir --cycles 2880 --seed "$seed" --output "$shadow" || exit 2
fi
echo "  24-hour shadow dir from: $runner_used" >&2
fi

# ---------------------------------------------------------------------------------------------------------------
startup=""
if wants startup; then
  echo "== JVM startup" >&2
  measure "aos-ops --help (cold JVM)" 11 "${aos[@]}" --help
  row "aos-ops --help (cold JVM startup baseline)" "" "launcher flags: SerialGC, C1 only"
  startup=$m_median
fi

if wants diff; then
  echo "== golden diff, ${steps}-step pair, one leaked timestamp ($(size_of "$tmp/pair/a.steps.jsonl") each)" >&2
  a=$tmp/pair/a.steps.jsonl b=$tmp/pair/b.steps.jsonl
  base_median=""
  if [[ -n $diff_baseline ]]; then
    cmd=${diff_baseline//\{a\}/$a}; cmd=${cmd//\{b\}/$b}
    measure "baseline: $diff_baseline" 3 bash -c "$cmd"
    row "diff baseline: $diff_baseline" "" ""
    [[ $m_status == ok ]] && base_median=$m_median
  else
    echo "  (no --diff-baseline given: aos-ops golden diff is timed alone)" >&2
fi
measure "aos-ops golden diff" 3 --needs "golden diff" "${aos[@]}" golden diff --golden-a "$a" --golden-b "$b"
row "aos-ops golden diff, ${steps}-step pair (goal: 100k <= 1.5 s, 512 MB)" "$base_median" "ratio = baseline / aos-ops"

fi
if wants summary; then
  echo "== golden summary, 24-hour shadow dir (2,880 cycles, 25,920 golden files)" >&2
  base_median=""
  if [[ -n $summary_baseline ]]; then
    cmd=${summary_baseline//\{dir\}/$shadow}
    measure "baseline: $summary_baseline" 5 bash -c "$cmd"
    row "summary baseline: $summary_baseline" "" ""
    [[ $m_status == ok ]] && base_median=$m_median
fi
# one untimed run first: the launcher writes the command's class-data-sharing archive on its first run
"${aos[@]}" golden summary --summary-dir "$shadow" >/dev/null 2>&1
measure "aos-ops golden summary (cold JVM)" 5 --needs "golden summary" "${aos[@]}" golden summary --summary-dir "$shadow"
row "aos-ops golden summary, 24h dir, cold (goal < 0.5 s)" "$base_median" \
  "$([[ $m_status == ok && -n $startup ]] && awk -v m="$m_median" -v s="$startup" 'BEGIN {printf "%.3f s above --help", m-s}')"

fi
if wants cron; then
  echo "== cron-check of the 24-hour shadow run (completed, no mismatches: silent, exit 0)" >&2
  measure "java -version (bare JVM start)" 11 java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version
  row "java -version (bare JVM start, the floor)" "" ""
  "${aos[@]}" cron-check --run-dir "$shadow" >/dev/null 2>&1 # writes the launcher's CDS archive, untimed
  measure "aos-ops cron-check (cold JVM)" 11 "${aos[@]}" cron-check --run-dir "$shadow"
  row "aos-ops cron-check, 24h run, cold (goal <= 0.3 s)" "" \
    "$([[ $m_status == ok && -n $startup ]] && awk -v m="$m_median" -v s="$startup" 'BEGIN {printf "%.3f s vs --help", m-s}')"
fi
if wants archive; then
  echo "== archive $files golden-sized files ($(payload_of "$tmp/golden-src") payload)" >&2
  measure "tar czf" 3 --before "rm -f '$tmp/out.tgz'" tar czf "$tmp/out.tgz" -C "$tmp/golden-src" .
  tar_gz=$m_median
  row "tar czf (gzip -6) of $files files, the baseline" "" "$(files_per_s "$files" "$m_median"), $(size_of "$tmp/out.tgz")"
  measure "tar -I zstd -cf" 3 --before "rm -f '$tmp/out.tar.zst'" tar -I zstd -cf "$tmp/out.tar.zst" -C "$tmp/golden-src" .
  row "tar -I zstd -cf (zstd -3)" "$tar_gz" "$(files_per_s "$files" "$m_median"), $(size_of "$tmp/out.tar.zst")"
  measure "tar -I 'zstd -1' -cf" 3 --before "rm -f '$tmp/out.tar.zst'" tar -I 'zstd -1' -cf "$tmp/out.tar.zst" -C "$tmp/golden-src" .
  row "tar -I 'zstd -1' -cf" "$tar_gz" "$(files_per_s "$files" "$m_median"), $(size_of "$tmp/out.tar.zst")"
  rm -f "$tmp/out.tgz" "$tmp/out.tar.zst"

  # archive deletes what it archived, so every repetition gets a fresh copy, copied and synced before the clock
  # starts (without the sync the copy's own write-back lands inside the timed run).
  fresh="rm -rf '$tmp/golden-run' '$ARCHIVE_DIR' && mkdir -p '$ARCHIVE_DIR' && cp -a '$tmp/golden-src' '$tmp/golden-run' && sync"
  # The same work as retention archive minus its verification: pack, then delete every original.
  measure "tar czf --remove-files" 3 --before "$fresh && rm -f '$tmp/out.tgz'" \
    tar czf "$tmp/out.tgz" --remove-files -C "$tmp/golden-run" .
  tar_rm=$m_median
  row "tar czf --remove-files (packs, then deletes the originals)" "$tar_gz" "$(files_per_s "$files" "$m_median")"
  rm -f "$tmp/out.tgz"
  vs_rm() { [[ $m_status == ok && -n $tar_rm ]] && awk -v b="$tar_rm" -v m="$m_median" \
    'BEGIN {if (m > 0) printf "; %.2fx tar czf --remove-files", b/m}'; }
  measure "aos-ops retention archive --days 0 (gzip)" 3 --before "$fresh" --needs "retention archive" \
    "${aos[@]}" retention archive --days 0 --dir "$tmp/golden-run"
  row "aos-ops retention archive, gzip (goal >= 1.0x tar czf)" "$tar_gz" \
    "$([[ $m_status == ok ]] && echo "$(files_per_s "$files" "$m_median"), $(size_of "$ARCHIVE_DIR")$(vs_rm)")"
  row "  same run vs tar czf --remove-files (goal >= 2x)" "$tar_rm" "same work: pack, then delete"
  measure "aos-ops retention archive --days 0 --format zstd" 3 --before "$fresh" --needs "retention archive" \
    "${aos[@]}" retention archive --days 0 --format zstd --dir "$tmp/golden-run"
  row "aos-ops retention archive --format zstd (goal >= 1.5x tar czf)" "$tar_gz" \
    "$([[ $m_status == ok ]] && echo "$(files_per_s "$files" "$m_median"), $(size_of "$ARCHIVE_DIR")$(vs_rm)")"
  row "  same run vs tar czf --remove-files (goal >= 2x)" "$tar_rm" "same work: pack, then delete"
  rm -rf "$tmp/golden-run"
fi

# ---------------------------------------------------------------------------------------------------------------
echo
echo "aos-ops compare.sh - $(date -u +%Y-%m-%dT%H:%M:%SZ) - nproc=$(nproc), $cpu, $mem, $jdk, commit $commit"
echo "ratio = baseline median / this median (higher is faster); medians of N cold whole-process runs"
printf '%-62s %-10s %9s %8s %7s  %s\n' "command" "status" "median s" "RSS MB" "ratio" "note"
for r in "${rows[@]}"; do
  IFS=$'\x1f' read -r name status med rss ratio note <<<"$r"
  [[ -n $med ]] && med=$(printf '%.3f' "$med")
  printf '%-62s %-10s %9s %8s %7s  %s\n' "$name" "$status" "${med:--}" "${rss:--}" "${ratio:--}" "$note"
done
if [[ -n $results_file ]]; then
  printf '%s\n' "${rows[@]}" | tr '\037' '\t' >"$results_file"
  echo "(results also in $results_file)"
fi
