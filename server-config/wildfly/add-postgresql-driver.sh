#!/usr/bin/env bash
# Installs the PostgreSQL JDBC driver as a WildFly module (org.postgresql), which configure-postgresql.cli refers to.
#
#   server-config/wildfly/add-postgresql-driver.sh JBOSS_HOME [postgresql.jar]
#
# Without a jar it takes Debian's (package libpostgresql-jdbc-java: /usr/share/java/postgresql.jar); any 42.x jar from
# Maven Central works too (org.postgresql:postgresql). Re-running replaces the module's jar. Restart or reload WildFly
# afterwards if it was running.
set -euo pipefail
[[ $# -ge 1 ]] || { sed -n '2,8p' "$0"; exit 2; }
home=$1 jar=${2:-/usr/share/java/postgresql.jar}
[[ -d "$home/modules" ]] || { echo "no WildFly at $home" >&2; exit 2; }
[[ -f "$jar" ]] || { echo "no driver jar at $jar" >&2; exit 2; }
dir="$home/modules/org/postgresql/main"
mkdir -p "$dir"
rm -f "$dir"/*.jar
cp "$jar" "$dir/postgresql.jar"
# java.sql and the transaction API are what the driver and its XA data source need from the server.
cat > "$dir/module.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:jboss:module:1.9" name="org.postgresql">
  <resources>
    <resource-root path="postgresql.jar"/>
  </resources>
  <dependencies>
    <module name="java.logging"/>
    <module name="java.naming"/>
    <module name="java.security.jgss"/>
    <module name="java.sql"/>
    <module name="jakarta.transaction.api"/>
  </dependencies>
</module>
XML
echo "PostgreSQL driver module installed in $dir"
