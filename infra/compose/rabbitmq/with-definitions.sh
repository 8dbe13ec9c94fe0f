#!/usr/bin/env bash
# Runs before the rabbitmq image's own entrypoint (docker-compose.yml): fills
# the passwords of definitions.template.json — the local stack's users and
# permissions (infra/stack/src/lib/broker-credentials.ts) — in from the
# environment and has RabbitMQ import the result at boot (`load_definitions`:
# then no default user is made, `guest` serves nobody). Refuses a missing
# password, one RabbitMQ's JSON or an AMQP URL could not carry as it is, and,
# unless NODE_ENV=development, the public `dev-only-…` defaults.
set -euo pipefail

template=/etc/rabbitmq/shop/definitions.template.json
rendered=/etc/rabbitmq/shop-definitions.json
variables=(RABBITMQ_USER RABBITMQ_PASSWORD CHECKOUT_AMQP_PASSWORD ENROLLMENT_AMQP_PASSWORD)

definitions=$(cat "$template")
for name in "${variables[@]}"; do
  value=${!name:-}
  if [[ -z "$value" ]]; then
    echo "with-definitions: $name is not set" >&2
    exit 1
  fi
  if [[ ! "$value" =~ ^[A-Za-z0-9._~-]+$ ]]; then
    echo "with-definitions: $name: use letters, digits and . _ ~ - only" >&2
    exit 1
  fi
  if [[ "${NODE_ENV:-}" != development && "$value" == dev-only-* ]]; then
    echo "with-definitions: $name is the public development default; NODE_ENV is not \"development\", so set one of your own" >&2
    exit 1
  fi
  definitions=${definitions//"\${$name}"/$value}
done

printf '%s\n' "$definitions" >"$rendered"
echo "load_definitions = $rendered" >/etc/rabbitmq/conf.d/30-shop-definitions.conf
chown rabbitmq:rabbitmq "$rendered" /etc/rabbitmq/conf.d/30-shop-definitions.conf
chmod 600 "$rendered"
exec "$@"
