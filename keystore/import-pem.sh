#!/usr/bin/env bash
# Turns a CA-issued certificate chain and private key in PEM form (what cloud CAs hand out for nginx: a
# "*_bundle.crt" with the server certificate first, then intermediates, and a ".key") into a PKCS12 keystore that
# WildFly (Elytron) and Payara can use.
#
#   keystore/import-pem.sh BUNDLE.crt KEY.key OUT.p12 [ALIAS]     (alias default: gamehall)
#
# Password: $GAMEHALL_KEYSTORE_PASSWORD (default "changeit", for development only; set it in production).
# Checks before writing: the key matches the first certificate, the chain is in order, and the certificate has not
# expired. It prints the names the certificate covers: clients must connect with one of them (never a bare IP the
# certificate does not list).
set -euo pipefail
if [[ $# -lt 3 ]]; then
  sed -n '2,12p' "$0"; exit 2
fi
bundle=$1 key=$2 out=$3 alias=${4:-gamehall}
export GAMEHALL_KEYSTORE_PASSWORD=${GAMEHALL_KEYSTORE_PASSWORD:-changeit}
for f in "$bundle" "$key"; do [[ -r "$f" ]] || { echo "cannot read $f" >&2; exit 2; }; done

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# Split the bundle into one file per certificate, in order.
awk -v dir="$work" '/-----BEGIN CERTIFICATE-----/{n++} n{print > (dir "/cert" n ".pem")}' "$bundle"
count=$(ls "$work"/cert*.pem 2>/dev/null | wc -l)
[[ $count -ge 1 ]] || { echo "$bundle holds no PEM certificate" >&2; exit 1; }

leaf_pub=$(openssl x509 -in "$work/cert1.pem" -noout -pubkey)
key_pub=$(openssl pkey -in "$key" -pubout)
[[ "$leaf_pub" == "$key_pub" ]] || { echo "the key does not belong to the first certificate in $bundle" >&2; exit 1; }
for ((i = 1; i < count; i++)); do
  issuer=$(openssl x509 -in "$work/cert$i.pem" -noout -issuer -nameopt RFC2253 | sed 's/^issuer=//')
  subject=$(openssl x509 -in "$work/cert$((i + 1)).pem" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')
  [[ "$issuer" == "$subject" ]] || { echo "chain out of order: certificate $((i + 1)) did not issue certificate $i" >&2; exit 1; }
done
openssl x509 -in "$work/cert1.pem" -noout -checkend 0 >/dev/null || { echo "the certificate has expired" >&2; exit 1; }

mkdir -p "$(dirname "$out")"
umask 077
openssl pkcs12 -export -in "$bundle" -inkey "$key" -name "$alias" -out "$out.tmp" \
  -passout env:GAMEHALL_KEYSTORE_PASSWORD
mv "$out.tmp" "$out"
echo "wrote $out (alias $alias, $count certificate(s) in the chain)"
openssl x509 -in "$work/cert1.pem" -noout -subject -enddate -ext subjectAltName 2>/dev/null | sed 's/^/  /'
