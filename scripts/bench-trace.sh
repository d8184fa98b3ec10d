#!/usr/bin/env bash
# Foundation benchmark: decode + state + format a fixed -p line, `peregrine trace` side by side
# with `sysdig -r` on large traces (shared/tools/scapbig.py, K repetitions), then the
# stage-by-stage breakdown (decode, fold, state, format) from peregrine-bench. Prints Markdown
# for BENCHMARKS.md.
# usage: scripts/bench-trace.sh      env: K (default 60), RUNS (default 3), PEREGRINE_SHARED,
#                                         CARGO_TARGET_DIR, BENCH_WORK (scratch dir)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
bash "$ROOT/scripts/setup.sh" >/dev/null
build
FMT='%evt.num %proc.name %fd.name'

echo "## peregrine trace vs sysdig (-p '$FMT', x$K, median of $RUNS)"
echo
machine
echo
echo "| trace (x$K) | events | peregrine wall s | peregrine Mev/s | peregrine CPU s | peregrine RSS MiB | sysdig wall s | sysdig Mev/s | sysdig CPU s | sysdig RSS MiB | speed-up wall | speed-up CPU | output lines differing |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for t in "${BIG_TRACES[@]}"; do
  big=$(big_trace "$t")
  # Every event of the file, shown or not.
  events=$("$BENCH" count "$big")
  # The two tools run alternately so that load from other users hits both alike.
  pw="" pc="" pm="" sw="" sc="" sm=""
  for _ in $(seq "$RUNS"); do
    read -r w c m < <(time_once "$BIN" trace "$big" -p "$FMT"); pw+="$w " pc+="$c " pm+="$m "
    read -r w c m < <(time_once sysdig -r "$big" -p "$FMT"); sw+="$w " sc+="$c " sm+="$m "
  done
  "$BIN" trace "$big" -p "$FMT" >"$WORK/p.out"
  sysdig -r "$big" -p "$FMT" >"$WORK/s.out"
  ndiff=$(diff "$WORK/p.out" "$WORK/s.out" | grep -c '^[<>]' || true)
  nlines=$(wc -l <"$WORK/s.out")
  rm -f "$WORK/p.out" "$WORK/s.out"
  python3 - "$t" "$events" "$(median_of "$pw")" "$(median_of "$pc")" "$(median_of "$pm")" \
    "$(median_of "$sw")" "$(median_of "$sc")" "$(median_of "$sm")" "$ndiff" "$nlines" <<'PY'
import sys
t, n = sys.argv[1], int(sys.argv[2])
pw, pc, pm, sw, sc, sm = map(float, sys.argv[3:9])
nd, nl = int(sys.argv[9]), int(sys.argv[10])
print(f"| {t} | {n:,} | {pw:.2f} | {n/pw/1e6:.2f} | {pc:.2f} | {pm/1024:.1f} | {sw:.2f} | {n/sw/1e6:.2f} "
      f"| {sc:.2f} | {sm/1024:.1f} | {sw/pw:.1f}x | {sc/pc:.1f}x | {nd:,} of {nl:,} |")
PY
done
echo
echo "## Stage breakdown (peregrine-bench stages, median of $RUNS)"
for t in "${BIG_TRACES[@]}"; do
  echo
  echo "\`$BENCH stages $(big_trace "$t") -p '$FMT' --runs $RUNS\`"
  echo
  "$BENCH" stages "$(big_trace "$t")" -p "$FMT" --runs "$RUNS"
done
