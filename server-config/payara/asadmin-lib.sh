# Shared by configure-server.sh and restore-server.sh (sourced, not run): one asadmin session per script, and a
# failed command fails the script. `asadmin multimode --file` itself exits 0 even when a command in the file failed
# (measured with Payara 6.2025.9), so its output is checked for asadmin's own "Command <name> failed." line.
#
# PAYARA_HOME  the installation (asadmin is $PAYARA_HOME/bin/asadmin), or ASADMIN: the asadmin command itself
# ASADMIN_OPTS asadmin's own options for the domain, e.g. "--port 4848 --user admin --passwordfile /root/.asadmin-pw"
#              (the password file holds AS_ADMIN_PASSWORD=...; domain1's admin has an empty password until you set one)
asadmin_bin=${ASADMIN:-${PAYARA_HOME:?set PAYARA_HOME to the Payara installation (or ASADMIN to its asadmin)}/bin/asadmin}
read -r -a asadmin_opts <<<"${ASADMIN_OPTS:-}"

# Runs every command of FILE in one asadmin session; prints the output; fails if any command failed.
asadmin_file() {
  local out status=0
  out=$("$asadmin_bin" --interactive=false "${asadmin_opts[@]}" multimode --file "$1" 2>&1) || status=$?
  grep -v '^Unable to retrieve infocmp' <<<"$out"
  if [[ $status -ne 0 ]] || grep -qE '^Command [^ ]+ failed\.' <<<"$out"; then
    echo "asadmin: a command above failed (file $1)" >&2
    return 1
  fi
}

# Runs the given read-only commands (one per argument) in one session and prints their output.
asadmin_query() {
  local file
  file=$(mktemp)
  printf '%s\n' "$@" >"$file"
  asadmin_file "$file" || { rm -f "$file"; return 1; }
  rm -f "$file"
}
