#!/usr/bin/env bash
# Installs Debian's rabbitmq-server for the differential AMQP tests, and makes
# sure no system service is left running: the tests start their own node on
# random ports with a fresh data directory (infra/amqp-broker/src/testing).
#
#   sudo bash tools/ci/install-rabbitmq.sh     (idempotent)
set -euo pipefail

log() { printf '[install-rabbitmq] %s\n' "$*" >&2; }

if [[ "$(id -u)" != 0 ]]; then
  log "must run as root (apt-get install)"
  exit 1
fi

# A policy-rc.d that refuses to start services stops the package's postinst
# from launching a node on port 5672; it is removed again afterwards.
policy=/usr/sbin/policy-rc.d
own_policy=false
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  own_policy=true
fi
cleanup() { if [[ "$own_policy" == true ]]; then rm -f "$policy"; fi; }
trap cleanup EXIT

if dpkg-query -W -f='${Status}' rabbitmq-server 2>/dev/null | grep -q 'install ok installed'; then
  log "rabbitmq-server already installed: $(dpkg-query -W -f='${Version}' rabbitmq-server)"
else
  log "installing rabbitmq-server"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends rabbitmq-server
fi

# Stop and disable the system service if something started it anyway. (Not
# via `rabbitmqctl status`: that would itself start an epmd daemon.)
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet rabbitmq-server 2>/dev/null; then
  log "stopping the rabbitmq-server system service"
  systemctl stop rabbitmq-server
  systemctl disable rabbitmq-server >/dev/null 2>&1 || true
elif [[ -x /etc/init.d/rabbitmq-server ]] && pgrep -u rabbitmq -x beam.smp >/dev/null; then
  log "stopping the rabbitmq-server init service"
  /etc/init.d/rabbitmq-server stop
fi

test -x /usr/lib/rabbitmq/bin/rabbitmq-server
id rabbitmq >/dev/null
log "ready: $(dpkg-query -W -f='${Version}' rabbitmq-server)"
