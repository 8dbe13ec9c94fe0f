#!/usr/bin/env bash
# Installs Debian's prometheus package for `promtool` (the alert rules and the
# generated scrape config are checked with it in npm test) and for the local
# stack's optional Prometheus (STACK_PROMETHEUS=on). No system service is left
# running: the stack starts its own server on loopback with its own data.
#
#   sudo bash tools/ci/install-prometheus.sh     (idempotent)
set -euo pipefail

log() { printf '[install-prometheus] %s\n' "$*" >&2; }

if [[ "$(id -u)" != 0 ]]; then
  log "must run as root (apt-get install)"
  exit 1
fi

# A policy-rc.d that refuses to start services stops the package's postinst
# from launching a server on port 9090; it is removed again afterwards.
policy=/usr/sbin/policy-rc.d
own_policy=false
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  own_policy=true
fi
cleanup() { if [[ "$own_policy" == true ]]; then rm -f "$policy"; fi; }
trap cleanup EXIT

if dpkg-query -W -f='${Status}' prometheus 2>/dev/null | grep -q 'install ok installed'; then
  log "prometheus already installed: $(dpkg-query -W -f='${Version}' prometheus)"
else
  log "installing prometheus"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends prometheus
fi

if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
  log "stopping the prometheus system service"
  systemctl stop prometheus
  systemctl disable prometheus >/dev/null 2>&1 || true
elif [[ -x /etc/init.d/prometheus ]] && pgrep -u prometheus -x prometheus >/dev/null; then
  log "stopping the prometheus init service"
  /etc/init.d/prometheus stop
fi

command -v promtool >/dev/null
log "ready: $(promtool --version 2>&1 | head -1)"
