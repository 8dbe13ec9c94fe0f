#!/usr/bin/env bash
# kafka-run-class.sh <main class> [args…]: Apache's script reduced to what
# these tools need: the jars, a heap, JVM flags and the log4j 2 configuration.
# The defaults suit a small machine; the official variables override them.
set -euo pipefail
# shellcheck disable=SC2086 # the *_OPTS variables are lists of flags, as in Apache's script
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} \
  ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true} \
  ${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/etc/kafka/docker/tools-log4j2.properties} \
  ${KAFKA_OPTS:-} -cp '/opt/kafka/libs/*' "$@"
