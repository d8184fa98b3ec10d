#!/usr/bin/env bash
# Rules benchmark: large traces replayed through fold + state (Falco 0.44 compat) + the
# upstream rules (stable alone, then stable+incubating+sandbox), rules load time, and load time
# and memory of synthetic rules files with 1,000,000 IPs (`fd.sip in (list)`) and 100,000
# domains (`fd.sip.name in (list)`). Uses peregrine-bench (which wires the crates itself), and
# also times `peregrine -r ... -o engine.kind=replay` when the binary supports it.
# usage: scripts/bench-rules.sh      env: K (default 60), RUNS (default 3), PEREGRINE_SHARED,
#                                         CARGO_TARGET_DIR, BENCH_WORK (scratch dir)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
bash "$ROOT/scripts/setup.sh" >/dev/null
build
R="$SHARED/falco-rules"
STABLE=("$R/falco_rules.yaml")
ALL=("$R/falco_rules.yaml" "$R/falco-incubating_rules.yaml" "$R/falco-sandbox_rules.yaml")

# cli_args TRACE RULES... : sets CLI to the replay command line (Falco's flags).
cli_args() {
  local trace=$1
  shift
  CLI=("$BIN")
  for r in "$@"; do CLI+=(-r "$r"); done
  CLI+=(-o engine.kind=replay -o "engine.replay.capture_file=$trace")
}
cli_args "$SHARED/traces/falco/cat_write.scap" "${STABLE[@]}"
has_cli=no
if "${CLI[@]}" >/dev/null 2>&1; then has_cli=yes; fi

echo "## Rules replay (median of $RUNS)"
echo
machine
echo "replay command available: $has_cli"
for t in "${BIG_TRACES[@]}"; do
  big=$(big_trace "$t")
  for set in stable all; do
    if [ "$set" = stable ]; then files=("${STABLE[@]}"); else files=("${ALL[@]}"); fi
    echo
    echo "### $t x$K, $set rules"
    echo
    echo "\`$BENCH replay $big ${files[*]} --runs $RUNS\`"
    echo
    "$BENCH" replay "$big" "${files[@]}" --runs "$RUNS"
    time_runs whole "$BENCH" replay "$big" "${files[@]}" --runs 1
    echo
    echo "peregrine-bench as a whole process (/usr/bin/time, --runs 1): wall $whole_wall s, CPU $whole_cpu s, max RSS $((whole_rss / 1024)) MiB (median of $RUNS; wall of each run: $whole_walls)"
    if [ "$has_cli" = yes ]; then
      cli_args "$big" "${files[@]}"
      time_runs cli "${CLI[@]}"
      echo
      echo "\`${CLI[*]}\`: wall $cli_wall s, CPU $cli_cpu s, max RSS $((cli_rss / 1024)) MiB (median of $RUNS; wall of each run: $cli_walls)"
    fi
  done
done

echo
echo "## Rules load"
"$BENCH" gen-lists "$WORK/lists" >/dev/null
IPS="$WORK/lists/ip_list_rules.yaml"
DOMAINS="$WORK/lists/domain_list_rules.yaml"
echo
echo "| rules files | file MiB | load wall s (median) | load CPU s | peak RSS MiB | RSS held after load MiB | runs (wall s) |"
echo "|---|---|---|---|---|---|---|"
load_row() { # LABEL FILES...
  local label=$1 walls="" cpus="" rss="" held="" mib
  shift
  mib=$(du -cb "$@" | tail -1 | awk '{printf "%.1f", $1 / 1048576}')
  for _ in $(seq "$RUNS"); do
    "$BENCH" load "$@" >"$WORK/load.out"
    walls+="$(sed -n 's/.*(total \([0-9.]*\)s,.*/\1/p' "$WORK/load.out") "
    cpus+="$(sed -n 's/.*load CPU \([0-9.]*\)s.*/\1/p' "$WORK/load.out") "
    rss+="$(sed -n 's/.*peak \([0-9.]*\) MiB.*/\1/p' "$WORK/load.out") "
    held+="$(sed -n 's/.*(+\([0-9.]*\) MiB held).*/\1/p' "$WORK/load.out") "
  done
  echo "| $label | $mib | $(median_of "$walls") | $(median_of "$cpus") | $(median_of "$rss") | $(median_of "$held") | ${walls% } |"
}
load_row "stable" "${STABLE[@]}"
load_row "stable + incubating + sandbox" "${ALL[@]}"
load_row "1,000,000 IPs (fd.sip in list)" "$IPS"
load_row "100,000 domains (fd.sip.name in list)" "$DOMAINS"
load_row "stable + 1,000,000 IPs + 100,000 domains" "${STABLE[@]}" "$IPS" "$DOMAINS"

echo
echo "## Replay cost of the big lists"
big=$(big_trace "${BIG_TRACES[0]}")
echo
echo "\`$BENCH replay $big ${STABLE[*]} $IPS $DOMAINS --runs $RUNS\`"
echo
"$BENCH" replay "$big" "${STABLE[@]}" "$IPS" "$DOMAINS" --runs "$RUNS"
