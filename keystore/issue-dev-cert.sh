#!/usr/bin/env bash
# Issues another server certificate from the dev CA that generate-dev-keystore.sh made: for rehearsing a renewal,
# or a certificate with other names. Development and tests only; a real certificate comes from a real CA.
#
#   keystore/issue-dev-cert.sh KEYSTORE_DIR OUT_PREFIX NAMES [SERIAL]
#     NAMES   subjectAltName list, e.g. DNS:localhost  or  DNS:localhost,IP:127.0.0.1
#     SERIAL  decimal or 0x-hex serial number (default: random), so tests can tell two certificates apart
#
# Writes OUT_PREFIX.key, OUT_PREFIX_bundle.crt (certificate then dev CA, the shape cloud CAs hand out) and
# OUT_PREFIX.p12 (alias "gamehall", made by import-pem.sh, password $GAMEHALL_KEYSTORE_PASSWORD).
set -euo pipefail
[[ $# -ge 3 ]] || { sed -n '2,10p' "$0"; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
ca_dir=$1 out=$2 names=$3 serial=${4:-0x$(openssl rand -hex 8)}
first=${names%%,*} cn=${first#*:}
for f in dev-ca.crt dev-ca.key; do [[ -r "$ca_dir/$f" ]] || { echo "no $ca_dir/$f: run generate-dev-keystore.sh" >&2; exit 2; }; done
mkdir -p "$(dirname "$out")"
umask 077
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
openssl ecparam -name prime256v1 -genkey -noout -out "$out.key"
openssl req -new -key "$out.key" -subj "/O=GameHall development/CN=$cn" -out "$work/req.csr" 2>/dev/null
printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' \
  "$names" > "$work/ext"
openssl x509 -req -in "$work/req.csr" -CA "$ca_dir/dev-ca.crt" -CAkey "$ca_dir/dev-ca.key" -set_serial "$serial" \
  -sha256 -days "${GAMEHALL_DEV_CERT_DAYS:-30}" -extfile "$work/ext" -out "$work/leaf.crt" 2>/dev/null
cat "$work/leaf.crt" "$ca_dir/dev-ca.crt" > "${out}_bundle.crt"
"$here/import-pem.sh" "${out}_bundle.crt" "$out.key" "$out.p12" gamehall
