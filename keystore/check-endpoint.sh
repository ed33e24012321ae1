#!/usr/bin/env bash
# Checks what players will meet at a wss endpoint: TLS protocol and cipher, the certificate's names and expiry,
# whether the chain verifies for that host name, and whether a WebSocket upgrade succeeds (101).
#
#   keystore/check-endpoint.sh HOST PORT [PATH]          (PATH default /gamehall/ws)
#
# Verification uses the system's CA store, or $CHECK_CA_FILE (e.g. target/keystore/dev-ca.crt for the dev CA).
# Connect with the name players use: an IP address works only if the certificate lists that address.
# Exit status: 0 all good, 1 TLS or name verification failed, 2 usage, 3 TLS fine but the upgrade failed.
set -uo pipefail
[[ $# -ge 2 ]] || { sed -n '2,9p' "$0"; exit 2; }
host=$1 port=$2 path=${3:-/gamehall/ws}
ca=()
[[ -n ${CHECK_CA_FILE:-} ]] && ca=(-CAfile "$CHECK_CA_FILE")
# SNI only for names; for an IP literal openssl sends none, as browsers do.
sni=()
[[ $host =~ ^[0-9.]+$ || $host == *:* ]] || sni=(-servername "$host")
# -verify_hostname / -verify_ip: verify the name the way a browser would, not just the chain.
if [[ ${#sni[@]} -gt 0 ]]; then name_check=(-verify_hostname "$host"); else name_check=(-verify_ip "$host"); fi

hello=$(timeout 15 openssl s_client -connect "$host:$port" "${sni[@]}" "${ca[@]}" "${name_check[@]}" \
  -verify_return_error -showcerts </dev/null 2>&1)
status=0
# "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384" (the session block below it is not always printed).
protocol=$(sed -n -E 's/^New, ([^,]+), Cipher is (.*)$/\1/p' <<<"$hello" | head -1)
cipher=$(sed -n -E 's/^New, ([^,]+), Cipher is (.*)$/\2/p' <<<"$hello" | head -1)
verify=$(grep -m1 'Verify return code' <<<"$hello" | sed 's/.*Verify return code: *//')
leaf=$(awk '/-----BEGIN CERTIFICATE-----/{p=1} p{print} /-----END CERTIFICATE-----/{exit}' <<<"$hello")

echo "endpoint:  $host:$port$path"
echo "protocol:  ${protocol:-none} ${cipher:+($cipher)}"
if [[ -n $leaf ]]; then
  echo "subject:   $(openssl x509 -noout -subject -nameopt RFC2253 <<<"$leaf" | sed 's/^subject=//')"
  echo "issuer:    $(openssl x509 -noout -issuer -nameopt RFC2253 <<<"$leaf" | sed 's/^issuer=//')"
  echo "names:     $(openssl x509 -noout -ext subjectAltName <<<"$leaf" 2>/dev/null | tail -n +2 | sed 's/^ *//')"
  echo "expires:   $(openssl x509 -noout -enddate <<<"$leaf" | sed 's/^notAfter=//')"
  openssl x509 -noout -checkend $((30 * 86400)) <<<"$leaf" >/dev/null || echo "warning:   expires within 30 days: renew"
fi
echo "verify:    ${verify:-no handshake}"
if [[ -z $protocol || $protocol == "(NONE)" || ${verify%% *} != 0 ]]; then
  echo "upgrade:   not tried (TLS failed)"
  grep -m3 -iE 'error|alert|verify' <<<"$hello" | sed 's/^/  /'
  exit 1
fi

# A raw upgrade request over the same kind of connection; only the status line matters.
key=$(openssl rand -base64 16)
status_line=$(printf 'GET %s HTTP/1.1\r\nHost: %s:%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n' \
    "$path" "$host" "$port" "$key" \
  | timeout 10 openssl s_client -quiet -connect "$host:$port" "${sni[@]}" "${ca[@]}" 2>/dev/null | head -1 | tr -d '\r')
code=$(awk '{print $2}' <<<"$status_line")
echo "upgrade:   ${code:-no answer} ${status_line#HTTP/1.1 [0-9][0-9][0-9] }"
[[ $code == 101 ]] || status=3
exit $status
