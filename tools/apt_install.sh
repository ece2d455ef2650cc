#!/usr/bin/env bash
# Install Debian packages when this machine can (apt as root, or sudo without a password);
# otherwise say once why not and what for. Never fails: callers skip what needs the packages.
# Usage: tools/apt_install.sh WHO WHAT-FOR PACKAGE...
set -uo pipefail
who="$1" why="$2"
shift 2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "$who: no apt-get here; install $* yourself $why" >&2
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  SUDO=""
elif sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "$who: not root and no sudo; 'apt-get install $*' $why" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -qq "$@" >/dev/null 2>&1 \
  || { $SUDO apt-get update -qq >/dev/null 2>&1 && $SUDO apt-get install -y -qq "$@" >/dev/null 2>&1; } \
  || echo "$who: apt-get could not install $*; install them yourself $why" >&2
exit 0
