#!/usr/bin/env bash
# RABBITMQ_DEFAULT_USER / _PASS / _VHOST become the broker's default user and
# vhost (created on first start, as in the official image), then the server
# runs as `rabbitmq`.
set -euo pipefail

defaults=/etc/rabbitmq/conf.d/20-environment.conf
{
  echo "# Written at start from the RABBITMQ_DEFAULT_* variables."
  if [[ -n "${RABBITMQ_DEFAULT_USER:-}" ]]; then echo "default_user = $RABBITMQ_DEFAULT_USER"; fi
  if [[ -n "${RABBITMQ_DEFAULT_PASS:-}" ]]; then echo "default_pass = $RABBITMQ_DEFAULT_PASS"; fi
  if [[ -n "${RABBITMQ_DEFAULT_VHOST:-}" ]]; then echo "default_vhost = $RABBITMQ_DEFAULT_VHOST"; fi
} >"$defaults"

if [[ "$(id -u)" == 0 ]]; then
  # Volumes arrive owned by root: hand them to rabbitmq, then drop root.
  chown -R rabbitmq:rabbitmq /var/lib/rabbitmq "$defaults"
  exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "$@"
fi
exec "$@"
