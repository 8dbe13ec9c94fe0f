#!/usr/bin/env bash
# Installs Debian's prometheus package for `promtool` (the alert rules and the
# generated scrape config are checked with it in npm test) and for the local
# stack's optional Prometheus (STACK_PROMETHEUS=on). No system service is left
# running: the stack starts its own server on loopback with its own data.
#
#   sudo bash tools/ci/install-prometheus.sh     (idempotent)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/apt-no-service.sh"

install_without_service prometheus prometheus prometheus
command -v promtool >/dev/null
printf '[install-prometheus] ready: %s\n' "$(promtool --version 2>&1 | head -1)" >&2
