#!/usr/bin/env bash
# System packages some tests need beyond Python: Node.js and npm (the Node client's test),
# strace and unshare (the no-network test). Installed from Debian's packages when missing and
# this runs as root; otherwise the tests that need them skip and say why.
set -euo pipefail
need=()
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
command -v strace >/dev/null || need+=(strace)
command -v unshare >/dev/null || need+=(util-linux)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing ${need[*]} from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "missing ${need[*]}: the tests that need them will skip" >&2
fi
