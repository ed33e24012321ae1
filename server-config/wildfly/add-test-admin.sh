#!/usr/bin/env bash
# Adds the test operator (role gamehall-admin) to a build-provisioned WildFly's application realm, with a fresh random
# password written next to it for the integration tests. Never used on a real server: there, run add-user.sh with a
# password from your secret store (docs/security.md).
#
#   server-config/wildfly/add-test-admin.sh JBOSS_HOME PASSWORD_FILE
set -euo pipefail
if [[ $# -ne 2 ]]; then
  sed -n '2,6p' "$0"; exit 2
fi
home=$1; out=$2
user=gamehall-test-admin
conf=$home/standalone/configuration
# Re-runnable: add-user.sh refuses a user that exists, so drop the old entry and its groups first.
sed -i "/^${user}=/d" "$conf/application-users.properties" "$conf/application-roles.properties"
password=$(openssl rand -hex 16)
"$home/bin/add-user.sh" -s -a -u "$user" -p "$password" -g gamehall-admin -sc "$conf" >/dev/null
mkdir -p "$(dirname "$out")"
umask 077
printf '%s:%s\n' "$user" "$password" > "$out"
