#!/usr/bin/env bash
# Fills the placeholders of gamehall.conf and writes the result; optionally wraps it in a self-contained nginx.conf
# (own pid, logs and temp dirs) that runs without touching /etc/nginx or /var.
#
#   server-config/nginx/render.sh OUT.conf                 the http-context snippet, e.g. for /etc/nginx/conf.d/
#   server-config/nginx/render.sh --standalone DIR         DIR/nginx.conf + DIR/gamehall.conf; run it with
#                                                          nginx -p DIR -c DIR/nginx.conf -e DIR/logs/error.log
#
# Settings (environment, defaults in brackets):
#   GAMEHALL_SERVER_NAME [_]  GAMEHALL_HTTP_PORT [80]  GAMEHALL_HTTPS_PORT [443]
#   GAMEHALL_UPSTREAM [127.0.0.1:8080]                 WildFly's HTTP listener (one node)
#   GAMEHALL_CERT, GAMEHALL_KEY                        the CA's PEM bundle and key [/etc/nginx/tls/gamehall_bundle.crt, .key]
#   GAMEHALL_STATIC_ROOT [/srv/gamehall]               directory holding static/ (the exploded WAR)
#   GAMEHALL_READ_TIMEOUT [75s]                        proxy_read_timeout: at least 3x gamehall.heartbeat.seconds
#   GAMEHALL_CONN_PER_IP [20]  GAMEHALL_REQ_RATE [10r/s]  GAMEHALL_REQ_BURST [20]
#   GAMEHALL_NGINX_TEMPLATE                            another template (default: gamehall.conf next to this script)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
standalone=0
if [[ ${1:-} == --standalone ]]; then standalone=1; shift; fi
[[ $# -eq 1 ]] || { sed -n '2,17p' "$0"; exit 2; }
template=${GAMEHALL_NGINX_TEMPLATE:-$here/gamehall.conf}

https_port=${GAMEHALL_HTTPS_PORT:-443}
suffix=""; [[ $https_port == 443 ]] || suffix=":$https_port"

render() {
  # "|" as the sed delimiter: paths contain "/". Values are the admin's own, not untrusted input.
  sed -e "s|@SERVER_NAME@|${GAMEHALL_SERVER_NAME:-_}|g" \
      -e "s|@HTTP_PORT@|${GAMEHALL_HTTP_PORT:-80}|g" \
      -e "s|@HTTPS_PORT_SUFFIX@|$suffix|g" \
      -e "s|@HTTPS_PORT@|$https_port|g" \
      -e "s|@UPSTREAM@|${GAMEHALL_UPSTREAM:-127.0.0.1:8080}|g" \
      -e "s|@CERT@|${GAMEHALL_CERT:-/etc/nginx/tls/gamehall_bundle.crt}|g" \
      -e "s|@KEY@|${GAMEHALL_KEY:-/etc/nginx/tls/gamehall.key}|g" \
      -e "s|@STATIC_ROOT@|${GAMEHALL_STATIC_ROOT:-/srv/gamehall}|g" \
      -e "s|@READ_TIMEOUT@|${GAMEHALL_READ_TIMEOUT:-75s}|g" \
      -e "s|@CONN_PER_IP@|${GAMEHALL_CONN_PER_IP:-20}|g" \
      -e "s|@REQ_RATE@|${GAMEHALL_REQ_RATE:-10r/s}|g" \
      -e "s|@REQ_BURST@|${GAMEHALL_REQ_BURST:-20}|g" \
      "$template"
}

if [[ $standalone == 0 ]]; then
  render > "$1"
  exit 0
fi

dir=$(mkdir -p "$1" && cd "$1" && pwd)
mkdir -p "$dir/logs" "$dir/temp"
render > "$dir/gamehall.conf"
mime=/etc/nginx/mime.types
[[ -r $mime ]] || { echo "no $mime: install nginx" >&2; exit 1; }
{
  echo "# Written by server-config/nginx/render.sh --standalone: a private nginx for one GameHall instance."
  # As root, nginx would switch its workers to "nobody", who may not read the build's files.
  [[ $(id -u) -eq 0 ]] && echo "user root;"
  cat <<CONF
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/logs/error.log info;
events { worker_connections 1024; }
http {
    include $mime;
    default_type application/octet-stream;
    access_log $dir/logs/access.log;
    client_body_temp_path $dir/temp/client_body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    include $dir/gamehall.conf;
}
CONF
} > "$dir/nginx.conf"
echo "$dir/nginx.conf"
