# One image per service, all built from this file (docs/adr/0023-container-images-and-compose.md):
#
#   docker build --target checkout -t course-shop/checkout:dev .
#
# Targets: checkout, payment, enrollment, notification, analytics, bff — and
# two one-shots that run before the services start: migrate (creates and
# migrates every database, grants each service its own role) and kafka-setup
# (topics and each service's ACLs). docker-compose.yml builds them all.
#
# The base is the official Node image by default; a machine without a registry
# passes its local stand-in: --build-arg NODE_IMAGE=localhost/course-shop/node:…
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# ---------------------------------------------------------------------------
# builder: install, build, then one production-only tree per service
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS builder
# Behind a TLS-intercepting proxy, the path of its CA bundle inside the build
# (mounted by the builder, e.g. `podman build -v <bundle>:/tmp/ca.crt:ro
# --build-arg NODE_EXTRA_CA_CERTS=/tmp/ca.crt`); unset otherwise. Used by
# npm and pnpm while building only, never part of an image.
ARG NODE_EXTRA_CA_CERTS
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    CI=true
RUN npm install --global --no-audit --no-fund --loglevel=error pnpm@12.21.0
WORKDIR /src
# The lockfile alone decides this layer: the packages are downloaded once and
# reused by every build that does not change a dependency.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline
RUN pnpm nx run-many -t build --output-style=static \
      -p @shop/checkout @shop/payment @shop/enrollment @shop/notification @shop/analytics @shop/bff @shop/web @shop/database @shop/messaging
# `pnpm deploy --prod`: the service, its workspace libraries (their dist, proto,
# GraphQL SDL and event schemas) and its production dependencies only.
RUN for app in checkout payment enrollment notification analytics bff web; do \
      pnpm deploy --filter "@shop/$app" --prod "/out/$app" || exit 1; \
    done \
 && pnpm deploy --filter @shop/database --prod /out/migrate \
 && pnpm deploy --filter @shop/messaging --prod /out/kafka-setup \
 && for migrations in apps/*/prisma/migrations; do \
      service="$(basename "$(dirname "$(dirname "$migrations")")")"; \
      mkdir -p "/out/migrate/databases/$service" \
      && cp -r "$migrations" "/out/migrate/databases/$service/" \
      && if [ -f "apps/$service/prisma/seed.sql" ]; then \
           cp "apps/$service/prisma/seed.sql" "/out/migrate/databases/$service/"; \
         fi || exit 1; \
    done
# Prisma Client ships a query compiler for every database it supports; the
# services use PostgreSQL only (about 50 MB less per image).
RUN find /out -path '*/@prisma/client/runtime/query_compiler_*' ! -name '*.postgresql.*' -delete

# ---------------------------------------------------------------------------
# base: what every image of ours shares, services and one-shots alike — OCI
# labels, production mode, the non-root `node` user
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
ARG VERSION=dev
ARG SOURCE_URL=
ARG LICENSES=NOASSERTION
LABEL org.opencontainers.image.vendor="course-shop" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.licenses="${LICENSES}"
ENV NODE_ENV=production
WORKDIR /app
USER node

# ---------------------------------------------------------------------------
# runtime: what every service image adds
# ---------------------------------------------------------------------------
FROM base AS runtime
# In a container the service must listen beyond loopback; the port is published
# (or not) by the container engine.
ENV HTTP_HOST=0.0.0.0
# Node itself is PID 1 (exec-form CMD, no shell or npm in between): SIGTERM
# reaches it, readiness turns 503, connections drain, the process exits 0.
STOPSIGNAL SIGTERM
# No spaces inside the script: podman 4.3 re-splits an exec-form healthcheck on spaces.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.HTTP_PORT}/health/ready`).then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The tracing preload runs before the app's first import (as `npm start` runs it).
CMD ["node", "--enable-source-maps", "--import", "@shop/tracing/register", "dist/main.js"]

FROM runtime AS checkout
LABEL org.opencontainers.image.title="course-shop checkout" \
      org.opencontainers.image.description="Orders and the course catalog: REST /v1 and a GraphQL subgraph; pays through payment (gRPC), enrolls through enrollment (AMQP)."
COPY --from=builder /out/checkout /app
ENV HTTP_PORT=3000
EXPOSE 3000

FROM runtime AS payment
LABEL org.opencontainers.image.title="course-shop payment" \
      org.opencontainers.image.description="Card authorizations and refunds over gRPC (shop.payment.v1.PaymentService); HTTP for health only."
COPY --from=builder /out/payment /app
ENV HTTP_PORT=3001 \
    GRPC_HOST=0.0.0.0
EXPOSE 3001 50051

FROM runtime AS enrollment
LABEL org.opencontainers.image.title="course-shop enrollment" \
      org.opencontainers.image.description="Grants seats on enrollment.grant-seat commands (AMQP); GraphQL subgraph of seats and enrollments."
COPY --from=builder /out/enrollment /app
ENV HTTP_PORT=3002
EXPOSE 3002

FROM runtime AS notification
LABEL org.opencontainers.image.title="course-shop notification" \
      org.opencontainers.image.description="Writes a receipt for every completed order (Kafka consumer); GraphQL subgraph of receipts."
COPY --from=builder /out/notification /app
ENV HTTP_PORT=3003
EXPOSE 3003

FROM runtime AS analytics
LABEL org.opencontainers.image.title="course-shop analytics" \
      org.opencontainers.image.description="Per-course sales statistics from order events (Kafka consumer); GraphQL subgraph of stats."
COPY --from=builder /out/analytics /app
ENV HTTP_PORT=3004
EXPOSE 3004

FROM runtime AS bff
LABEL org.opencontainers.image.title="course-shop bff" \
      org.opencontainers.image.description="The GraphQL gateway (Apollo Gateway) over the four subgraphs; learner tokens."
COPY --from=builder /out/bff /app
ENV HTTP_PORT=4000
EXPOSE 4000

FROM runtime AS web
LABEL org.opencontainers.image.title="course-shop web" \
      org.opencontainers.image.description="The browser app (apps/web): its production build, with the bff behind the same origin at /graphql and /dev/tokens."
COPY --from=builder /out/web /app
ENV HTTP_PORT=5173
EXPOSE 5173
# A static server and a proxy: no tracing preload.
CMD ["node", "--enable-source-maps", "dist/server/main.js"]

# ---------------------------------------------------------------------------
# kafka-setup: one-shot — as Kafka's admin, creates every topic and every
# service's ACLs (@shop/messaging's kafkaAclPlan), waits until they are in
# effect, then exits. KAFKA_BROKERS, KAFKA_SASL_USERNAME/PASSWORD (the admin).
# ---------------------------------------------------------------------------
FROM base AS kafka-setup
LABEL org.opencontainers.image.title="course-shop kafka-setup" \
      org.opencontainers.image.description="One-shot: creates the Kafka topics and each service's least-privilege ACLs, then exits."
COPY --from=builder /out/kafka-setup /app
ENTRYPOINT ["node", "--enable-source-maps", "dist/provision-cli.js"]

# ---------------------------------------------------------------------------
# migrate: one-shot — creates each service's database and applies its
# committed migrations (databases/<service>/migrations), then exits.
# DATABASE_URL names the server; `--seed` also loads the demo catalog.
# ---------------------------------------------------------------------------
FROM base AS migrate
LABEL org.opencontainers.image.title="course-shop migrate" \
      org.opencontainers.image.description="One-shot: creates every service's PostgreSQL database and applies its committed migrations, then exits."
COPY --from=builder /out/migrate /app
ENTRYPOINT ["node", "--enable-source-maps", "dist/cli.js", "migrate-all", "--root", "databases"]
CMD []
