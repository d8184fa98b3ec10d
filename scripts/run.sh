#!/usr/bin/env bash
# The main job: detection with the bundled rules. Live eBPF capture is not built yet, so this
# replays bundled traces (shared/traces) through the stable, incubating and sandbox rules and
# prints Falco-style alerts and the end-of-replay summary.
# usage: scripts/run.sh [TRACE.scap ...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
SHARED="${PEREGRINE_SHARED:-$(cd .. && pwd)/shared}"
cargo build --release -q -p peregrine
RULES=(-r "$SHARED/falco-rules/falco_rules.yaml"
       -r "$SHARED/falco-rules/falco-incubating_rules.yaml"
       -r "$SHARED/falco-rules/falco-sandbox_rules.yaml")
if [ $# -eq 0 ]; then
  set -- "$SHARED/traces/sf-collector/setuid/setuid.scap" \
         "$SHARED/traces/sf-collector/mpm-worker/full_capture.scap" \
         "$SHARED/traces/libs/test_ipv6_client.scap"
fi
for trace in "$@"; do
  echo "== $trace"
  target/release/peregrine "${RULES[@]}" -o json_output=false \
    -o engine.kind=replay -o "engine.replay.capture_file=$trace"
done
