#!/usr/bin/env bash
# Undoes configure-server.sh on a running Payara Server domain: the WAR undeployed, the proxy listener removed, the
# HTTPS listener back on Payara's "s1as" certificate and defaults, both system properties removed. Each removal only
# if present, so it can run twice. The token key file under DOMAIN_DIR/data/gamehall stays (delete it by hand).
#
#   PAYARA_HOME=/opt/payara6 ASADMIN_OPTS="--port 4848 --user admin --passwordfile FILE" server-config/payara/restore-server.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=asadmin-lib.sh
source "$here/asadmin-lib.sh"

state=$(asadmin_query list-applications list-http-listeners list-system-properties)
commands=$(mktemp)
trap 'rm -f "$commands"' EXIT
grep -qE '^gamehall[[:space:]]' <<<"$state" && echo 'undeploy gamehall' >>"$commands"
grep -qE '^gamehall-proxy[[:space:]]*$' <<<"$state" && echo 'delete-http-listener gamehall-proxy' >>"$commands"
cat "$here/restore-tls.asadmin" >>"$commands"
for property in fish.payara.ssl.additionalKeyStores gamehall.data.dir; do
  grep -q "^$property=" <<<"$state" && echo "delete-system-property $property" >>"$commands"
done
asadmin_file "$commands"
