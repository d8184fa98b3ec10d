#!/usr/bin/env bash
# Shared helpers of scripts/bench-*.sh (sourced, not run).
# Builds the release binaries, makes the large traces, times commands 3 times and reports
# medians. The machine is shared (2 cores): every figure is the median of $RUNS runs, and both
# wall time and CPU time (user+sys) are kept, since wall time includes waiting for a core.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${PEREGRINE_SHARED:-$(cd "$ROOT/.." && pwd)/shared}"
K="${K:-60}"
RUNS="${RUNS:-3}"
WORK="${BENCH_WORK:-${TMPDIR:-/tmp}/peregrine-bench}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
BIN="$TARGET/release/peregrine"
BENCH="$TARGET/release/peregrine-bench"
mkdir -p "$WORK"

# The large shared traces: mpm-worker is the issue's reference (x60 = 2.18M events); 502Error
# is another producer and scap 1.0; alpine is a container start-up. (objectstore/download and
# ls cannot be repeated: their last enter event of a thread meets an exit of another type in
# the next copy, which the converter rejects as libscap does, so replay stops there.)
BIG_TRACES=(
  sf-collector/mpm-worker/full_capture.scap
  sf-collector/mpm-event/full_capture.scap
  sysdig-inspect/502Error.scap
  sf-collector/alpine/alpine.scap
)

build() {
  (cd "$ROOT" && cargo build --release -q -p peregrine -p peregrine-bench)
}

machine() {
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc: $(nproc)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo '```'
  free -h
  lscpu | head
  echo '```'
  echo "sysdig: $(sysdig --version 2>/dev/null | head -1)"
  echo "peregrine: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null) + working tree, release profile"
}

# big_trace REL -> path of REL repeated $K times (made once, kept in $WORK).
big_trace() {
  local out
  out="$WORK/$(echo "$1" | tr / _).x$K.scap"
  [ -f "$out" ] || python3 "$SHARED/tools/scapbig.py" "$SHARED/traces/$1" "$out" "$K" >/dev/null
  echo "$out"
}

# time_once CMD... -> "wall cpu maxrss_kib" of one run, stdout of CMD discarded.
time_once() {
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$@" >/dev/null 2>"$WORK/err" || {
    cat "$WORK/err" >&2
    return 1
  }
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$WORK/time"
}

# median_of "a b c ..." -> the median number.
median_of() {
  tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {
    if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2] + v[NR/2+1]) / 2 }'
}

# time_runs NAME CMD... : runs CMD $RUNS times; sets NAME_wall NAME_cpu NAME_rss (medians, RSS
# in KiB) and NAME_walls (each run's wall seconds).
time_runs() {
  local name=$1 walls="" cpus="" rsss="" w c m
  shift
  for _ in $(seq "$RUNS"); do
    read -r w c m < <(time_once "$@")
    walls+="$w " cpus+="$c " rsss+="$m "
  done
  printf -v "${name}_wall" '%s' "$(median_of "$walls")"
  printf -v "${name}_cpu" '%s' "$(median_of "$cpus")"
  printf -v "${name}_rss" '%s' "$(median_of "$rsss")"
  printf -v "${name}_walls" '%s' "${walls% }"
}
