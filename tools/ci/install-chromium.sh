#!/usr/bin/env bash
# Installs Debian's chromium for the browser suite (e2e/browser: playwright-core
# drives /usr/bin/chromium; Playwright's own browser download does not work
# here). Chromium runs no system service.
#
#   sudo bash tools/ci/install-chromium.sh     (idempotent)
set -euo pipefail

log_prefix='[install-chromium]'
if [[ "$(id -u)" != 0 ]]; then
  printf '%s must run as root (apt-get install)\n' "$log_prefix" >&2
  exit 1
fi
if dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q 'install ok installed'; then
  printf '%s already installed: %s\n' "$log_prefix" "$(dpkg-query -W -f='${Version}' chromium)" >&2
else
  printf '%s installing\n' "$log_prefix" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
fi
test -x /usr/bin/chromium
printf '%s ready: %s\n' "$log_prefix" "$(/usr/bin/chromium --version 2>/dev/null || dpkg-query -W -f='${Version}' chromium)" >&2
