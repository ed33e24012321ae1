#!/usr/bin/env bash
# Scans a running HTTPS/wss endpoint with testssl.sh (Debian package "testssl.sh", command "testssl") and checks
# GameHall's TLS policy: only TLS 1.2 and 1.3 offered, and only AEAD suites (GCM, ChaCha20-Poly1305, CCM).
#
#   server-config/tls-scan.sh HOST:PORT [JSON_OUT]          (JSON_OUT default: ./tls-scan.json)
#
# Only the protocol and per-protocol cipher checks run (about 30-60 s); a full "testssl HOST:PORT" adds certificate,
# header and vulnerability checks and takes several minutes. Exit status: 0 policy met, 1 violated, 2 scan failed.
set -uo pipefail
[[ $# -ge 1 ]] || { sed -n '2,8p' "$0"; exit 2; }
target=$1 json=${2:-tls-scan.json}
testssl=$(command -v testssl || command -v testssl.sh) || { echo "testssl not installed (apt-get install testssl.sh)" >&2; exit 2; }
rm -f "$json"
# --ip one / --nodns min: scan the address given, no DNS lookups beyond it; --warnings off: never prompt.
"$testssl" --quiet --color 0 --warnings off --ip one --nodns min \
  --protocols --cipher-per-proto --jsonfile "$json" "$target"
[[ -s $json ]] || { echo "testssl wrote no $json" >&2; exit 2; }

# One "id finding" line per JSON object (testssl's JSON puts each field on its own line).
findings=$(awk -F'"' '/"id"/{id=$4} /"finding"/{print id "\t" $4}' "$json")
violations=()
for p in SSLv2 SSLv3 TLS1 TLS1_1; do
  grep -qP "^$p\tnot offered" <<<"$findings" || violations+=("$p is offered")
done
for p in TLS1_2 TLS1_3; do
  grep -qP "^$p\toffered" <<<"$findings" || violations+=("$p is not offered")
done
ciphers=$(grep -P '^cipher-' <<<"$findings" | cut -f2)
[[ -n $ciphers ]] || violations+=("no cipher suites found")
while IFS= read -r suite; do
  [[ -z $suite || $suite =~ GCM|CHACHA20|CCM ]] || violations+=("non-AEAD suite: $suite")
done <<<"$ciphers"

echo "--- GameHall TLS policy on $target"
grep -P '^(SSLv2|SSLv3|TLS1|TLS1_1|TLS1_2|TLS1_3)\t' <<<"$findings" | sed 's/^/  /'
sed 's/^/  /' <<<"$ciphers" | tr -s ' '
if [[ ${#violations[@]} -gt 0 ]]; then
  printf 'VIOLATION: %s\n' "${violations[@]}"
  exit 1
fi
echo "policy met: TLS 1.2/1.3 only, AEAD suites only"
