#!/usr/bin/env bash
# GameHall on a running Payara Server 6/7 domain: our keystore and TLS settings on the HTTPS listener, HSTS, the
# token key directory, threads for the default managed executors, a listener for a reverse proxy bound to loopback,
# and the WAR deployed at /gamehall.
#
#   PAYARA_HOME=/opt/payara6 ASADMIN_OPTS="--port 4848 --user admin --passwordfile FILE" \
#     server-config/payara/configure-server.sh GAMEHALL.war [PROXY_ADDRESS [PROXY_PORT]]
#
# Before it: the domain is running, and DOMAIN_DIR/config/gamehall-keystore.p12 was made with the domain's master
# password (docs/deployment.md, section 6). PROXY_ADDRESS/PROXY_PORT: the listener nginx forwards to (default
# 127.0.0.1:8090), the only one that believes X-Forwarded-Proto; give the address nginx connects to if nginx runs on
# another host. Re-runnable: a second run changes nothing but redeploys the WAR. Exits non-zero if any command fails.
# The settings themselves are in configure-tls.asadmin; restore-server.sh undoes everything.
set -euo pipefail
[[ $# -ge 1 ]] || { sed -n '2,14p' "$0"; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=asadmin-lib.sh
source "$here/asadmin-lib.sh"
war=$1 proxy_address=${2:-127.0.0.1} proxy_port=${3:-8090}
[[ -r $war ]] || { echo "cannot read $war" >&2; exit 2; }
war=$(cd "$(dirname "$war")" && pwd)/$(basename "$war")
[[ $war != *'"'* ]] || { echo "the WAR path may not contain a double quote" >&2; exit 2; }

listeners=$(asadmin_query list-http-listeners)
commands=$(mktemp)
trap 'rm -f "$commands"' EXIT
cat "$here/configure-tls.asadmin" >"$commands"
if ! grep -qE '^gamehall-proxy[[:space:]]*$' <<<"$listeners"; then
  echo "create-http-listener --listeneraddress $proxy_address --listenerport $proxy_port --defaultvs server --securityenabled=false gamehall-proxy" >>"$commands"
fi
cat >>"$commands" <<COMMANDS
set configs.config.server-config.network-config.network-listeners.network-listener.gamehall-proxy.address=$proxy_address
set configs.config.server-config.network-config.network-listeners.network-listener.gamehall-proxy.port=$proxy_port
set configs.config.server-config.network-config.protocols.protocol.gamehall-proxy.http.scheme-mapping=X-Forwarded-Proto
set configs.config.server-config.network-config.protocols.protocol.gamehall-proxy.http.timeout-seconds=120
deploy --force=true --contextroot=gamehall --name=gamehall "$war"
COMMANDS
asadmin_file "$commands"
