#!/usr/bin/env bash
# Runs the unchanged WAR on Payara Micro with GameHall's PKCS12 keystore on the HTTPS port, TLS 1.2/1.3 only.
#
#   server-config/payara/run-micro.sh PAYARA_MICRO.jar gamehall.war KEYSTORE.p12 [HTTP_PORT [HTTPS_PORT]]
#
# Defaults: ports 8080 and 8443, alias "gamehall" (import-pem.sh's default), password $GAMEHALL_KEYSTORE_PASSWORD
# (default "changeit"), Java from $JAVA_HOME or the PATH. Payara Micro 6 runs on Java 17+; Payara Micro 7 on Java 21+.
# Extra JVM options: $GAMEHALL_JAVA_OPTS (e.g. -Dgamehall.heartbeat.seconds=20). Extra Micro options:
# $GAMEHALL_MICRO_OPTS (e.g. --rootdir /var/lib/gamehall-micro to keep its working files in one place).
# Token signing key: kept under $GAMEHALL_DATA_DIR (default ~/.gamehall), so players stay logged in across restarts;
# several instances behind one name need gamehall.token.keys instead (docs/deployment.md, settings).
# The application is then at https://<name>:HTTPS_PORT/gamehall/, the socket at wss://<name>:HTTPS_PORT/gamehall/ws.
# Behind a TLS-terminating proxy (nginx): GAMEHALL_MICRO_PROXY_ADDRESS=127.0.0.1 (the address nginx reaches Micro on)
# binds the HTTP listener to that address only and makes it believe X-Forwarded-Proto, so nginx proxies to
# http://127.0.0.1:HTTP_PORT. Grizzly's TLS keeps a 25 KB buffer per connection that nginx does not (performance.md).
set -euo pipefail
[[ $# -ge 3 ]] || { sed -n '2,16p' "$0"; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
jar=$1 war=$2 keystore=$3 http_port=${4:-8080} https_port=${5:-8443}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
data_dir=${GAMEHALL_DATA_DIR:-$HOME/.gamehall}
preboot=$here/micro-tls.asadmin
if [[ -n ${GAMEHALL_MICRO_PROXY_ADDRESS:-} ]]; then
  # Micro takes one pre-boot file: micro-tls.asadmin and the proxy listener's two lines, rewritten at every start.
  mkdir -p "$data_dir"
  preboot=$data_dir/micro-preboot.asadmin
  { cat "$here/micro-tls.asadmin"
    echo "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=$GAMEHALL_MICRO_PROXY_ADDRESS"
    echo "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.scheme-mapping=X-Forwarded-Proto"
  } >"$preboot"
fi
# The keystore replaces Micro's built-in self-signed one for the whole JVM; --sslcert picks our alias from it.
# --nocluster: no Hazelcast discovery (one instance; it would otherwise probe the network at boot).
# Micro binds every interface: firewall the HTTP port, or leave it to the CONFIDENTIAL redirect.
exec "$java" \
  -Djavax.net.ssl.keyStore="$keystore" \
  -Djavax.net.ssl.keyStorePassword="${GAMEHALL_KEYSTORE_PASSWORD:-changeit}" \
  -Djavax.net.ssl.keyStoreType=PKCS12 \
  -Dgamehall.data.dir="$data_dir" \
  ${GAMEHALL_JAVA_OPTS:-} \
  -jar "$jar" \
  --nocluster \
  --port "$http_port" \
  --sslport "$https_port" \
  --sslcert gamehall \
  --prebootcommandfile "$preboot" \
  --contextroot gamehall \
  --deploy "$war" \
  ${GAMEHALL_MICRO_OPTS:-}
