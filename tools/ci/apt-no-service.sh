#!/usr/bin/env bash
# Sourced by the install-*.sh scripts: installs a Debian package whose
# postinst would start a system service, without leaving that service running
# (the tests and the stack start their own servers, on loopback, with their
# own data).
#
#   install_without_service <package> <user of its process> <process name>

install_without_service() {
  local package=$1 user=$2 process=$3
  local log_prefix="[install-$package]"
  if [[ "$(id -u)" != 0 ]]; then
    printf '%s must run as root (apt-get install)\n' "$log_prefix" >&2
    return 1
  fi

  # A policy-rc.d that refuses to start services keeps the package's postinst
  # from launching its server; it is removed again afterwards.
  local policy=/usr/sbin/policy-rc.d own_policy=false
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod +x "$policy"
    own_policy=true
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT # also when the install fails
  fi

  if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    printf '%s already installed: %s\n' "$log_prefix" "$(dpkg-query -W -f='${Version}' "$package")" >&2
  else
    printf '%s installing\n' "$log_prefix" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package"
  fi
  if [[ "$own_policy" == true ]]; then rm -f "$policy"; fi

  # Stop and disable the system service if something started it anyway (not
  # through the package's own tools: rabbitmqctl would itself start epmd).
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$package" 2>/dev/null; then
    printf '%s stopping the system service\n' "$log_prefix" >&2
    systemctl stop "$package"
    systemctl disable "$package" >/dev/null 2>&1 || true
  elif [[ -x "/etc/init.d/$package" ]] && pgrep -u "$user" -x "$process" >/dev/null; then
    printf '%s stopping the init service\n' "$log_prefix" >&2
    "/etc/init.d/$package" stop
  fi
}
