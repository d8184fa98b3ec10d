#!/usr/bin/env bash
# Benchmark: decode + state + format a fixed -p line, peregrine vs sysdig, on large traces made
# by repeating real ones (shared/tools/scapbig.py). Prints a Markdown table for BENCHMARKS.md.
# usage: scripts/bench-trace.sh [K]   (K = repetitions, default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
SHARED="${PEREGRINE_SHARED:-$(cd .. && pwd)/shared}"
K="${1:-60}"
FMT='%evt.num %proc.name %fd.name'
cargo build --release -q -p peregrine
BIN=target/release/peregrine
WORK="${TMPDIR:-/tmp}/peregrine-bench"
mkdir -p "$WORK"

measure() { # prints "seconds maxrss_kb"
  /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; return 1; }
  cat "$WORK/time"
}

echo "| trace (x$K) | events | peregrine s | peregrine Mev/s | peregrine RSS MB | sysdig s | sysdig Mev/s | sysdig RSS MB | speed-up |"
echo "|---|---|---|---|---|---|---|---|---|"
for t in sf-collector/mpm-worker/full_capture.scap sf-collector/mpm-event/full_capture.scap sysdig-inspect/502Error.scap sf-collector/objectstore/download.scap; do
  big="$WORK/$(echo "$t" | tr / _).x$K.scap"
  [ -f "$big" ] || python3 "$SHARED/tools/scapbig.py" "$SHARED/traces/$t" "$big" "$K" >/dev/null
  events=$("$BIN" trace "$big" -p '%evt.num' | tail -n 1)
  read -r ps pm < <(measure "$BIN" trace "$big" -p "$FMT")
  read -r ss sm < <(measure sysdig -r "$big" -p "$FMT")
  python3 - "$t" "$events" "$ps" "$pm" "$ss" "$sm" <<'PY'
import sys
t, n, ps, pm, ss, sm = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:])
print(f"| {t} | {n:,} | {ps:.2f} | {n/ps/1e6:.2f} | {pm/1024:.0f} | {ss:.2f} | {n/ss/1e6:.2f} | {sm/1024:.0f} | {ss/ps:.1f}x |")
PY
done
