#!/usr/bin/env bash
# Generates the development TLS material: a throw-away dev CA, a server certificate signed by it (ECDSA P-256,
# names localhost and 127.0.0.1), the server keystore and the truststore clients use.
#
#   keystore/generate-dev-keystore.sh [OUT_DIR]        (default: target/keystore)
#
# Files written to OUT_DIR (all git-ignored, never committed):
#   dev-ca.key, dev-ca.crt        the dev CA (trust it in a browser to test by hand)
#   server.key, server_bundle.crt the server key and its chain, the same PEM shapes a cloud CA hands out for nginx
#   gamehall-keystore.p12         the server keystore (alias "gamehall"), made with import-pem.sh like a real one
#   server-rsa.key, server-rsa_bundle.crt, gamehall-keystore-rsa.p12
#                                 the same names with an RSA-2048 key, for the OpenSSL provider
#                                 (server-config/wildfly/configure-openssl.cli), which loads RSA keys only
#   gamehall-truststore.p12       the dev CA as a trusted entry, for tests and tools
# Password for both PKCS12 files: $GAMEHALL_KEYSTORE_PASSWORD, default "changeit" (a development default only).
# Re-running keeps an existing CA and server certificate unless FORCE=1, so a running server keeps matching files.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-${GAMEHALL_KEYSTORE_DIR:-$here/../target/keystore}}
names=${GAMEHALL_DEV_CERT_NAMES:-DNS:localhost,IP:127.0.0.1,IP:::1}
days=${GAMEHALL_DEV_CERT_DAYS:-397}
export GAMEHALL_KEYSTORE_PASSWORD=${GAMEHALL_KEYSTORE_PASSWORD:-changeit}
mkdir -p "$out"
cd "$out"
umask 077

if [[ "${FORCE:-0}" == 1 ]]; then
  rm -f dev-ca.key dev-ca.crt server.key server.crt server_bundle.crt gamehall-keystore.p12 gamehall-truststore.p12 \
    server-rsa.key server-rsa.crt server-rsa_bundle.crt gamehall-keystore-rsa.p12
fi

if [[ ! -s dev-ca.key || ! -s dev-ca.crt ]]; then
  openssl ecparam -name prime256v1 -genkey -noout -out dev-ca.key
  openssl req -x509 -new -key dev-ca.key -sha256 -days 3650 -subj "/O=GameHall development/CN=GameHall Dev CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out dev-ca.crt
fi

if [[ ! -s server.key || ! -s server_bundle.crt ]]; then
  # P-256: an ECDSA handshake costs the server a fraction of an RSA-2048 one.
  openssl ecparam -name prime256v1 -genkey -noout -out server.key
  openssl req -new -key server.key -subj "/O=GameHall development/CN=localhost" -out server.csr
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' \
    "$names" > server.ext
  openssl x509 -req -in server.csr -CA dev-ca.crt -CAkey dev-ca.key -CAcreateserial -sha256 -days "$days" \
    -extfile server.ext -out server.crt 2>/dev/null
  cat server.crt dev-ca.crt > server_bundle.crt
  rm -f server.csr server.ext dev-ca.srl
  rm -f gamehall-keystore.p12
fi

if [[ ! -s server-rsa.key || ! -s server-rsa_bundle.crt ]]; then
  # WildFly's OpenSSL provider (org.wildfly.openssl 2.2) takes only RSA (or DSA) keys from the key manager: with
  # the P-256 key above every handshake fails with "no shared cipher".
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server-rsa.key 2>/dev/null
  openssl req -new -key server-rsa.key -subj "/O=GameHall development/CN=localhost" -out server-rsa.csr
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' \
    "$names" > server-rsa.ext
  openssl x509 -req -in server-rsa.csr -CA dev-ca.crt -CAkey dev-ca.key -CAcreateserial -sha256 -days "$days" \
    -extfile server-rsa.ext -out server-rsa.crt 2>/dev/null
  cat server-rsa.crt dev-ca.crt > server-rsa_bundle.crt
  rm -f server-rsa.csr server-rsa.ext dev-ca.srl
  rm -f gamehall-keystore-rsa.p12
fi

if [[ ! -s gamehall-keystore-rsa.p12 ]]; then
  "$here/import-pem.sh" server-rsa_bundle.crt server-rsa.key gamehall-keystore-rsa.p12 gamehall >/dev/null
fi

if [[ ! -s gamehall-keystore.p12 ]]; then
  "$here/import-pem.sh" server_bundle.crt server.key gamehall-keystore.p12 gamehall >/dev/null
fi

if [[ ! -s gamehall-truststore.p12 ]]; then
  keytool -importcert -noprompt -alias gamehall-dev-ca -file dev-ca.crt -storetype PKCS12 \
    -keystore gamehall-truststore.p12 -storepass:env GAMEHALL_KEYSTORE_PASSWORD >/dev/null
fi
echo "dev TLS material in $out"
