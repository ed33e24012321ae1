#!/usr/bin/env bash
# Applies jboss-cli scripts to a stopped server by booting it embedded in the CLI (no ports opened).
# The build uses it on the server it provisions; an admin can use it on any stopped WildFly.
#
#   server-config/wildfly/apply-offline.sh JBOSS_HOME SCRIPT.cli [SCRIPT.cli ...]
#
# All scripts run in one embedded boot (each boot costs several seconds).
set -euo pipefail
if [[ $# -lt 2 ]]; then
  sed -n '2,7p' "$0"; exit 2
fi
home=$1; shift
[[ -x "$home/bin/jboss-cli.sh" ]] || { echo "no WildFly at $home" >&2; exit 2; }
batch=$(mktemp --suffix=.cli); trap 'rm -f "$batch"' EXIT
{
  echo "embed-server --std-out=discard --server-config=standalone.xml"
  for script in "$@"; do cat "$script"; echo; done
  echo "stop-embedded-server"
} > "$batch"
"$home/bin/jboss-cli.sh" --file="$batch"
