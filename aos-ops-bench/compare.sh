#!/usr/bin/env bash
# Whole-process comparison harness for aos-ops. Times aos-ops commands and their baselines side by side
# in ONE run, on corpora generated into a private temp dir, and prints medians and ratios. Where a row's ratio is
# against a baseline (golden hash, retention status, golden summary, the archive's deletes, java -version for the
# old runner's run), the two are timed in
# alternating rounds, one rep of each in turn, so a change in the machine's speed meets both alike.
#
#   aos-ops-bench/compare.sh [--reps N] [--diff-baseline 'CMD {a} {b}'] [--summary-baseline 'CMD {dir}']
#                            [--files N] [--steps N] [--status-files N] [--seed S] [--results FILE] [--keep]
#                            [--only LIST]
#
# It builds nothing: it needs aos-ops-cli/target/aos-ops.jar and aos-ops-bench/target/benchmarks.jar
# (mvn -B -ntp package -DskipTests). Every path it writes is below one `mktemp -d` directory, removed on exit
# (--keep leaves it); AOS_STATE_DIR, ARCHIVE_DIR, GOLDEN_DIR and AOS_SHADOW_GLOB point there, so no real
# path (/var/lib/aos, /root/archive, /tmp/shadow_simulation_*) is read or written.
# A command that is not built yet (exit 2, "not built yet") is reported as such and skipped.
# Runs in about 2-5 minutes on 2 cores (plus what a --diff-baseline takes: upstream's tool is ~16 s a run).
set -uo pipefail

usage() {
  sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<'EOF'
Options:
  --reps N                 repetitions per timed command (default: 5 for fast commands, 3 for heavy ones)
  --diff-baseline CMD      another diff tool, {a} and {b} replaced by the two traces, e.g.
                           'python3 /path/golden_diff_debug.py --golden-a {a} --golden-b {b}'
  --summary-baseline CMD   another summary tool, {dir} replaced by the 24-hour shadow directory (default:
                           python3 baselines/summarize_run.py {dir}, the old summary mode, when python3 is there)
  --files N                golden-sized files for the archive comparison (default: 100000)
  --steps N                steps per trace for the diff comparison (default: 100000)
  --status-files N         files in the one directory retention status scans (default: 200000; the issue's
                           other size, 1000000, takes about a minute more to create)
  --seed S                 corpus seed (default: 12345)
  --results FILE           also write the results as tab-separated lines to FILE
  --keep                   keep the temp dir (its path is printed)
  --only LIST              run only these sections, comma-separated (default: all):
                           startup, shadow, diff, diff-inserted, summary, cron, oldrun, status, hash, archive, aot
Environment:
  AOS_OPS_AOT_JAVA         a JDK 24+ home for the aot section (default: the newest under /usr/lib/jvm)
EOF
}

reps_override=""
diff_baseline=""
summary_baseline=""
files=100000
steps=100000
status_files=200000
seed=12345
results_file=""
keep=0
only=startup,shadow,diff,diff-inserted,summary,cron,oldrun,status,hash,archive,aot
while (($#)); do
  case $1 in
    --reps) reps_override=$2; shift 2 ;;
    --diff-baseline) diff_baseline=$2; shift 2 ;;
    --summary-baseline) summary_baseline=$2; shift 2 ;;
    --files) files=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --status-files) status_files=$2; shift 2 ;;
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
bg_pids=() # background processes a section started (the oldrun section's stand-in runner): stopped on exit
stop_bg() { local p; for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done; bg_pids=(); }
if ((keep)); then
  trap 'stop_bg; echo "compare.sh: kept $tmp" >&2' EXIT
else
  trap 'stop_bg; rm -rf "$tmp"' EXIT
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
# Timing. measure NAME REPS [--before 'shell cmd'] [--needs 'subcommand words'] CMD... runs CMD REPS times
# (stdout/stderr to files), wall time from date +%s%N, peak RSS from GNU time. Sets: m_status (ok | not-built |
# failed:RC), m_median, m_min (seconds), m_rss (peak MB, max of reps), m_reps.
# A command "ran" when it exits 0 or 1 (1 is what a diff or check says on a finding); 2 + "not built yet" is
# not-built and stops further reps; anything else is a failure whose stderr tail is printed.
# Side by side: queue (same arguments as measure) several commands, then run_queue runs them in rounds, one rep of
# each per round, in turn (every other round in reverse order), so that a change in the machine's speed during a
# section (another job, the disk's write-back) falls on the baseline and on aos-ops alike; take I then sets the m_
# variables from the I-th queued command (0-based), for row. measure is a queue of one.
# ---------------------------------------------------------------------------------------------------------------
declare -a rows=()
m_status="" m_median="" m_min="" m_rss="" m_reps=""
declare -a q_name=() q_reps=() q_before=() q_needs=() q_cmd=()
declare -a r_status=() r_median=() r_min=() r_rss=() r_reps=()

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

queue() { # queue NAME REPS [--before 'shell cmd'] [--needs 'subcommand words'] CMD...
  local i=${#q_name[@]}
  q_name[i]=$1 q_reps[i]=$2; shift 2
  q_before[i]="" q_needs[i]=""
  if [[ ${1:-} == --before ]]; then q_before[i]=$2; shift 2; fi
  if [[ ${1:-} == --needs ]]; then q_needs[i]=$2; shift 2; fi
  [[ -n $reps_override ]] && q_reps[i]=$reps_override
  printf -v "q_cmd[i]" '%q ' "$@"
}

run_queue() { # runs what queue queued (see above), prints a line for each, and empties the queue
  local n=${#q_name[@]} log=$tmp/log.$RANDOM$RANDOM i k round rounds=0 rc wall kb
  local -a walls=() rss_max=() order=()
  for ((i = 0; i < n; i++)); do
    r_status[i]=ok walls[i]="" rss_max[i]=0
    # shellcheck disable=SC2086 # q_needs is a list of words
    if [[ -n ${q_needs[i]} ]] && ! built ${q_needs[i]}; then r_status[i]=not-built; fi
    ((q_reps[i] > rounds)) && rounds=${q_reps[i]}
  done
  for ((round = 1; round <= rounds; round++)); do
    order=()
    for ((k = 0; k < n; k++)); do
      if ((round % 2)); then order+=("$k"); else order+=("$((n - 1 - k))"); fi
    done
    for i in "${order[@]}"; do
      [[ ${r_status[i]} == ok ]] && ((round <= q_reps[i])) || continue
      if [[ -n ${q_before[i]} ]]; then
        bash -c "${q_before[i]}" >/dev/null 2>&1 || { r_status[i]="failed:setup"; continue; }
      fi
      wall=$(eval "run_once \"\$log.out\" \"\$log.err\" \"\$log.rss\" ${q_cmd[i]}"); rc=$?
      if ((rc == 2)) && grep -q 'not built yet' "$log.err" "$log.out" 2>/dev/null; then
        r_status[i]=not-built; continue
      fi
      if ((rc != 0 && rc != 1)); then
        r_status[i]="failed:$rc"
        echo "  ${q_name[i]}: exit $rc; last lines of stderr:" >&2
        tail -n 5 "$log.err" | sed 's/^/    /' >&2
        continue
      fi
      walls[i]+="$wall "
      if ((have_time)) && [[ -s $log.rss ]]; then
        kb=$(tail -n 1 "$log.rss"); ((kb > rss_max[i])) && rss_max[i]=$kb
      fi
    done
  done
  for ((i = 0; i < n; i++)); do
    r_median[i]="" r_min[i]="" r_rss[i]="" r_reps[i]=0
    if [[ ${r_status[i]} == ok ]]; then
      # shellcheck disable=SC2086 # walls[i] is a list of numbers
      r_median[i]=$(printf '%s\n' ${walls[i]} | median)
      # shellcheck disable=SC2086
      r_min[i]=$(printf '%s\n' ${walls[i]} | sort -g | head -n 1)
      # shellcheck disable=SC2086
      r_reps[i]=$(printf '%s\n' ${walls[i]} | grep -c .)
      ((have_time)) && r_rss[i]=$(awk -v k="${rss_max[i]}" 'BEGIN {printf "%.0f", k/1024}')
    fi
    take "$i"
    printf '  %-52s %s\n' "${q_name[i]}" "$(describe)" >&2
  done
  rm -f "$log".*
  q_name=() q_reps=() q_before=() q_needs=() q_cmd=()
}

take() { # take I: the m_ variables from the I-th command of the last run_queue
  m_status=${r_status[$1]} m_median=${r_median[$1]} m_min=${r_min[$1]} m_rss=${r_rss[$1]} m_reps=${r_reps[$1]}
}

measure() { # measure NAME REPS [--before 'shell cmd'] [--needs 'subcommand words'] CMD...
  q_name=() q_reps=() q_before=() q_needs=() q_cmd=()
  queue "$@"
  run_queue
  take 0
}

describe() {
  case $m_status in
    ok) printf 'median %.3f s (min %.3f, %s reps)%s' "$m_median" "$m_min" "$m_reps" \
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
if wants shadow || wants summary || wants cron || wants aot; then
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
java_version=""
if wants startup; then
  echo "== JVM startup" >&2
  measure "java -version (bare JVM start)" 11 java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version
  row "java -version (bare JVM start, the floor)" "" ""
  java_version=$m_median
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
  # default baseline: the old summary mode written from its documented behaviour (baselines/summarize_run.py)
  if [[ -z $summary_baseline ]] && command -v python3 >/dev/null 2>&1; then
    summary_baseline="python3 '$here/baselines/summarize_run.py' {dir}"
  fi
  # one untimed run first: the launcher writes the command's class-data-sharing archive on its first run
  "${aos[@]}" golden summary --summary-dir "$shadow" >/dev/null 2>&1
  queue "aos-ops golden summary (cold JVM)" 5 --needs "golden summary" "${aos[@]}" golden summary --summary-dir "$shadow"
  queue "aos-ops golden summary --json (cold JVM)" 5 --needs "golden summary" \
    "${aos[@]}" golden summary --json --summary-dir "$shadow"
  if [[ -n $summary_baseline ]]; then
    cmd=${summary_baseline//\{dir\}/$shadow}
    queue "baseline: $summary_baseline" 5 bash -c "$cmd"
  fi
  run_queue # side by side, in rounds
  if [[ -n $summary_baseline ]]; then
    take 2
    row "summary baseline: $summary_baseline" "" ""
    [[ $m_status == ok ]] && base_median=$m_median
  fi
  take 0
  row "aos-ops golden summary, 24h dir, cold (goal < 0.5 s)" "$base_median" \
    "$([[ $m_status == ok && -n $startup ]] && awk -v m="$m_median" -v s="$startup" 'BEGIN {printf "%.3f s above --help", m-s}')"
  take 1
  row "aos-ops golden summary --json, 24h dir, cold" "$base_median" \
    "$([[ $m_status == ok && -n $startup ]] && awk -v m="$m_median" -v s="$startup" 'BEGIN {printf "%.3f s above --help", m-s}')"
fi
if wants cron; then
  echo "== cron-check of the 24-hour shadow run (completed, no mismatches: silent, exit 0)" >&2
  if [[ -z $java_version ]]; then
    measure "java -version (bare JVM start)" 11 java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version
    row "java -version (bare JVM start, the floor)" "" ""
    java_version=$m_median
  fi
  "${aos[@]}" cron-check --run-dir "$shadow" >/dev/null 2>&1 # writes the launcher's CDS archive, untimed
  measure "aos-ops cron-check (cold JVM)" 11 "${aos[@]}" cron-check --run-dir "$shadow"
  row "aos-ops cron-check, 24h run, cold (goal <= 0.3 s)" "" \
    "$([[ $m_status == ok && -n $startup ]] && awk -v m="$m_median" -v s="$startup" 'BEGIN {printf "%.3f s vs --help", m-s}')"
fi
if wants oldrun; then
  # A 24-hour run made by upstream's bash runner, found the way an operator's defaults find it: AOS_SHADOW_GLOB and
  # AOS_SHADOW_LOG_GLOB (the same as --run-dir DIR --log FILE, which cron-check and status also take). Completed:
  # the log ends with the report block and PASSED. Alive: a stand-in runner (a script named run_shadow_simulation.sh
  # started with upstream's --hours 24 --workers 3 --verbose --output RUN_DIR, sleeping) is in the process table,
  # the log is fresh and stops mid-cycle. Goal (issue 20): each <= 5x a bare java -version, whole process.
  echo "== cron-check and status of a 24-hour run by the old (upstream bash) runner, completed and alive" >&2
  corpus upstream-run --cycles 2880 --seed "$seed" --output "$tmp/oldrun-done" || exit 2
  corpus upstream-run --cycles 2880 --seed "$seed" --alive --output "$tmp/oldrun-alive" || exit 2
  sync # the corpora's ~52,000 new files are written back now, not during the timed runs
  mkdir -p "$tmp/oldrun-bin"
  cat >"$tmp/oldrun-bin/run_shadow_simulation.sh" <<'EOS'
#!/usr/bin/env bash
# stands in for upstream's runner: only its command line matters to a monitor
trap 'kill $! 2>/dev/null; exit 0' TERM INT
sleep 3600 & wait
EOS
  chmod +x "$tmp/oldrun-bin/run_shadow_simulation.sh"
  # each ratio is against a java -version timed in the same rounds as the command (not the startup section's)
  jv_round=""
  vs_java() { [[ $m_status == ok && -n $jv_round ]] && awk -v m="$m_median" -v j="$jv_round" \
    'BEGIN {if (j > 0) printf "%.1fx java -version (goal <= 5x)", m/j}'; }
  # Its own CDS directory: the launcher's archive holds the classes of the run that wrote it, and the cron section's
  # was written by a run of this suite's runner (status.json), not an upstream one.
  mkdir -p "$tmp/oldrun-cds"
  # oldrun_rounds DIR STATE: cron-check and status of the run below DIR (after one untimed run each, which writes the
  # launcher's CDS archive), in rounds with java -version, each row's ratio against that java -version
  oldrun_rounds() {
    local run_env=(env "AOS_OPS_CDS_DIR=$tmp/oldrun-cds" "AOS_SHADOW_GLOB=$1/shadow_simulation_*"
      "AOS_SHADOW_LOG_GLOB=$1/shadow_24h_*.log") cmd i
    for cmd in cron-check status; do
      "${run_env[@]}" "${aos[@]}" "$cmd" >/dev/null 2>&1
    done
    queue "java -version (in the $2 run's rounds)" 11 java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
      -version
    for cmd in cron-check status; do
      queue "aos-ops $cmd, old runner's 24h run, $2" 11 "${run_env[@]}" "${aos[@]}" "$cmd"
    done
    run_queue
    take 0
    jv_round=$m_median
    for i in 1 2; do
      take "$i"
      row "aos-ops $([[ $i == 1 ]] && echo cron-check || echo status), old runner's 24h run, $2" "" "$(vs_java)"
    done
  }
  oldrun_rounds "$tmp/oldrun-done" completed
  # --output names the run: the stand-in starts now, and a runner without it writes a directory stamped with its own
  # start, not the corpus's run of 24 hours ago (a monitor takes such a runner for another run's)
  alive_dir=$(ls -d "$tmp/oldrun-alive"/shadow_simulation_*)
  "$tmp/oldrun-bin/run_shadow_simulation.sh" --hours 24 --workers 3 --verbose --output "$alive_dir" >/dev/null 2>&1 &
  bg_pids+=($!)
  oldrun_rounds "$tmp/oldrun-alive" "runner alive"
  stop_bg
  rm -rf "$tmp/oldrun-done" "$tmp/oldrun-alive" "$tmp/oldrun-bin" "$tmp/oldrun-cds"
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
  # side by side, in rounds: the baseline's deletes and aos-ops's hit the same disk in the same minutes
  queue "tar czf --remove-files" 3 --before "$fresh && rm -f '$tmp/out.tgz'" \
    tar czf "$tmp/out.tgz" --remove-files -C "$tmp/golden-run" .
  queue "aos-ops retention archive --days 0 (gzip)" 3 --before "$fresh" --needs "retention archive" \
    "${aos[@]}" retention archive --days 0 --dir "$tmp/golden-run"
  queue "aos-ops retention archive --days 0 --format zstd" 3 --before "$fresh" --needs "retention archive" \
    "${aos[@]}" retention archive --days 0 --format zstd --dir "$tmp/golden-run"
  run_queue
  take 0
  tar_rm=$m_median
  row "tar czf --remove-files (packs, then deletes the originals)" "$tar_gz" "$(files_per_s "$files" "$m_median")"
  rm -f "$tmp/out.tgz"
  vs_rm() { [[ $m_status == ok && -n $tar_rm ]] && awk -v b="$tar_rm" -v m="$m_median" \
    'BEGIN {if (m > 0) printf "; %.2fx tar czf --remove-files", b/m}'; }
  # (the archive directory holds the last run's archive: with an odd number of rounds, the zstd one)
  zst_size=""
  if [[ -n $(find "$ARCHIVE_DIR" -name '*.zst' 2>/dev/null | head -n 1) ]]; then zst_size=", $(size_of "$ARCHIVE_DIR")"; fi
  take 1
  row "aos-ops retention archive, gzip (goal >= 1.0x tar czf)" "$tar_gz" \
    "$([[ $m_status == ok ]] && echo "$(files_per_s "$files" "$m_median")$(vs_rm)")"
  row "  same run vs tar czf --remove-files (goal >= 2x)" "$tar_rm" "same work: pack, then delete"
  take 2
  row "aos-ops retention archive --format zstd (goal >= 1.5x tar czf)" "$tar_gz" \
    "$([[ $m_status == ok ]] && echo "$(files_per_s "$files" "$m_median")$zst_size$(vs_rm)")"
  row "  same run vs tar czf --remove-files (goal >= 2x)" "$tar_rm" "same work: pack, then delete"
  rm -rf "$tmp/golden-run"
fi
if wants hash; then
  # A --steps engine trace (format A): the diff section's unchanged trace when it ran, else one made here.
  trace=$tmp/pair/a.steps.jsonl
  if [[ ! -f $trace ]]; then
    corpus trace-pair --steps "$steps" --difference identical --seed "$seed" --output "$tmp/hash-pair" || exit 2
    trace=$tmp/hash-pair/a.steps.jsonl
  fi
  trace_bytes=$(stat -c %s "$trace")
  mb_per_s() { awk -v b="$trace_bytes" -v s="$1" 'BEGIN {if (s > 0) printf "%.0f MB/s", b/s/1e6}'; }
  echo "== golden hash, ${steps}-step engine trace ($(size_of "$trace"))" >&2
  # one untimed run first: the launcher writes the command's class-data-sharing archive on its first run
  "${aos[@]}" golden hash "$trace" >/dev/null 2>&1
  # side by side, in rounds: sha256sum, the Python baseline (every output_hash and seed recomputed with the old
  # tools' formulas, line by line: baselines/recompute_hashes.py prints the same step lines as aos-ops golden hash)
  # and aos-ops
  queue "aos-ops golden hash (cold JVM)" 5 --needs "golden hash" "${aos[@]}" golden hash "$trace"
  queue "sha256sum (reads and hashes every byte once)" 5 sha256sum "$trace"
  have_py=0
  if command -v python3 >/dev/null 2>&1; then
    have_py=1
    queue "python3 recompute_hashes.py (the old formulas)" 3 python3 "$here/baselines/recompute_hashes.py" "$trace"
  fi
  run_queue
  take 1
  sha_median=$m_median
  row "sha256sum of the ${steps}-step trace (the floor)" "" "$([[ $m_status == ok ]] && mb_per_s "$m_median")"
  py_median=""
  if ((have_py)); then
    take 2
    py_median=$m_median
    row "python3 recomputing every hash, ${steps}-step trace (baseline)" "" \
      "$([[ $m_status == ok ]] && mb_per_s "$m_median")"
  fi
  take 0
  row "aos-ops golden hash, ${steps}-step trace (goal >= 150 MB/s)" "$sha_median" \
    "$([[ $m_status == ok ]] && echo "$(mb_per_s "$m_median"); ratio = sha256sum / aos-ops")"
  if [[ -n $py_median ]]; then
    row "  same run vs the Python baseline (goal >= 4x)" "$py_median" "ratio = python3 / aos-ops"
  fi
fi

if wants aot; then
  # The launcher's AOT cache (JDK 24+, JEP 483) in place of the AppCDS archive: the same commands on that JDK,
  # each after one untimed run that records and writes its cache. The JDK 17 + AppCDS figures are the rows above.
  aot_java=${AOS_OPS_AOT_JAVA:-}
  if [[ -z $aot_java ]]; then
    for home in /usr/lib/jvm/*/; do
      v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
      if [[ -n $v ]] && ((v >= 24)) && [[ -x $home/bin/java ]]; then aot_java=${home%/}; fi
    done
  fi
  if [[ -z $aot_java ]]; then
    echo "== AOT cache: no JDK 24+ found (set AOS_OPS_AOT_JAVA): skipped" >&2
  else
    aot_v=$("$aot_java/bin/java" -version 2>&1 | head -n 1)
    echo "== AOT cache: $aot_v ($aot_java)" >&2
    measure "java -version (bare JVM start, JDK 24+)" 11 "$aot_java/bin/java" -XX:+UseSerialGC \
      -XX:TieredStopAtLevel=1 -version
    row "java -version on $aot_v" "" ""
    JAVA_HOME=$aot_java "${aos[@]}" golden summary --summary-dir "$shadow" >/dev/null 2>&1 # writes the cache
    measure "aos-ops golden summary, AOT cache" 5 --needs "golden summary" \
      env JAVA_HOME="$aot_java" "${aos[@]}" golden summary --summary-dir "$shadow"
    row "aos-ops golden summary, 24h dir, JDK 24+ AOT cache" "" "$aot_v"
    JAVA_HOME=$aot_java "${aos[@]}" cron-check --run-dir "$shadow" >/dev/null 2>&1 # writes the cache
    measure "aos-ops cron-check, AOT cache" 11 env JAVA_HOME="$aot_java" "${aos[@]}" cron-check --run-dir "$shadow"
    row "aos-ops cron-check, 24h run, JDK 24+ AOT cache" "" "$aot_v"
  fi
fi

if wants diff-inserted; then
  # The diff's slow case: B has one step inserted half-way, so every later step is one place further on (its index
  # and url differ too) and the traces cannot be compared line k against line k; they are aligned by identity.
  corpus trace-pair --steps "$steps" --difference inserted-step --seed "$seed" --output "$tmp/pair-inserted" || exit 2
  a=$tmp/pair-inserted/a.steps.jsonl b=$tmp/pair-inserted/b.steps.jsonl
  echo "== golden diff, ${steps}-step pair, one inserted step ($(size_of "$a") each)" >&2
  steps_label=$( ((steps == 100000)) && echo 100k || echo "${steps}-step")
  if [[ -n $diff_baseline ]]; then
    cmd=${diff_baseline//\{a\}/$a}; cmd=${cmd//\{b\}/$b}
    measure "baseline: $diff_baseline" 3 bash -c "$cmd"
    row "diff baseline, inserted step: $diff_baseline" "" ""
  else
    measure "baseline: GNU diff a b" 3 diff "$a" "$b"
    row "GNU diff a b, inserted step (a line diff, no classification: a floor)" "" ""
  fi
  base_median=""
  [[ $m_status == ok ]] && base_median=$m_median
  "${aos[@]}" golden diff --golden-a "$a" --golden-b "$b" >/dev/null 2>&1 # writes the launcher's CDS archive, untimed
  measure "aos-ops golden diff (inserted step)" 3 --needs "golden diff" "${aos[@]}" golden diff --golden-a "$a" \
    --golden-b "$b"
  row "aos-ops golden diff, $steps_label pair, one inserted step (goal <= 1 s, 256 MB)" "$base_median" \
    "ratio = baseline / aos-ops"
  rm -rf "$tmp/pair-inserted"
fi

if wants status; then
  # One flat directory, as the issue measured it. find -type f needs no stat (readdir gives the type); every
  # figure of the status (sizes, oldest/newest, last-6-h growth) needs each file's size and mtime, i.e. a stat,
  # so find -printf '%s %T@' (the same stats, nothing else) is timed too: the floor for a stat per file.
  echo "== retention status, one directory of $status_files golden-sized files" >&2
  corpus golden-files --count "$status_files" --files-per-dir "$status_files" --seed "$seed" \
    --output "$tmp/status-dir" || exit 2
  sdir=$tmp/status-dir
  "${aos[@]}" retention status --dir "$sdir" >/dev/null 2>&1 # writes the launcher's CDS archive, untimed
  queue "find -type f | wc -l" 5 bash -c "find '$sdir' -type f | wc -l"
  queue "find -type f -printf '%s %T@' | wc -l" 5 bash -c "find '$sdir' -type f -printf '%s %T@\n' | wc -l"
  queue "aos-ops retention status --dir DIR" 5 --needs "retention status" "${aos[@]}" retention status --dir "$sdir"
  queue "aos-ops retention status --dir DIR --json" 5 --needs "retention status" \
    "${aos[@]}" retention status --dir "$sdir" --json
  run_queue # side by side, in rounds
  take 0
  find_n=$m_median
  row "find DIR -type f | wc -l, $status_files files (baseline)" "" "readdir only"
  take 1
  row "find DIR -type f -printf '%s %T@' | wc -l (a stat per file)" "$find_n" "ratio vs find | wc -l"
  take 2
  row "aos-ops retention status, $status_files files (goal >= 0.50x)" "$find_n" "ratio vs find | wc -l"
  take 3
  row "aos-ops retention status --json, $status_files files" "$find_n" "ratio vs find | wc -l"
  rm -rf "$sdir"
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
