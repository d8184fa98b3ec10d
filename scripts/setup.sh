#!/usr/bin/env bash
# Installs what peregrine's build, tests and main job need on a fresh Debian machine (run as root).
# Idempotent: packages already present are not reinstalled.
set -euo pipefail

need=()
for pkg in sysdig clang llvm libelf-dev zlib1g-dev pkg-config dnsmasq iproute2 python3; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # sysdig recommends its kernel-module (DKMS) package, which cannot build here and is not needed.
  apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: this project needs a Rust toolchain (rustup) on PATH" >&2
  exit 1
fi
for comp in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$comp" || rustup component add "$comp"
done

# Live capture needs tracefs; mount it if the kernel offers it and it is absent.
if [ -d /sys/kernel/tracing ] && [ -z "$(ls -A /sys/kernel/tracing 2>/dev/null)" ]; then
  mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null || true
fi
