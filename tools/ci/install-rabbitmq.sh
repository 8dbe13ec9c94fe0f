#!/usr/bin/env bash
# Installs Debian's rabbitmq-server for the differential AMQP tests, and makes
# sure no system service is left running: the tests start their own node on
# random ports with a fresh data directory (infra/amqp-broker/src/testing).
#
#   sudo bash tools/ci/install-rabbitmq.sh     (idempotent)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/apt-no-service.sh"

install_without_service rabbitmq-server rabbitmq beam.smp
test -x /usr/lib/rabbitmq/bin/rabbitmq-server
id rabbitmq >/dev/null
printf '[install-rabbitmq-server] ready: %s\n' "$(dpkg-query -W -f='${Version}' rabbitmq-server)" >&2
