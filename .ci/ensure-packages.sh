#!/usr/bin/env bash
# Installs the Debian packages GameHall's build and tests use, when a command is missing.
#   .ci/ensure-packages.sh COMMAND[=PACKAGE] ...     e.g.  .ci/ensure-packages.sh openssl nginx chromium=chromium
# A COMMAND starting with / is a file that must exist instead (fonts, data files).
# Runs apt-get as root (or through sudo); does nothing when everything is already there.
set -euo pipefail
missing=()
for spec in "$@"; do
  cmd=${spec%%=*}; pkg=${spec#*=}
  if [[ "$cmd" == /* ]]; then
    [[ -e "$cmd" ]] || missing+=("$pkg")
  else
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
echo "installing missing packages: ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
# Another apt run (a second build, unattended upgrades) holds the dpkg lock: wait for it instead of failing.
lock=(-o DPkg::Lock::Timeout=600)
$sudo apt-get "${lock[@]}" update -qq
$sudo apt-get "${lock[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
