#!/usr/bin/env bash
# The viewer's browser test drives Debian's chromium (tests/service/test_browser.py). Install it
# when it is missing and this machine can (apt as root, or sudo without a password); otherwise
# say so once: that one test then skips with the same message.
set -uo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install_browser: no apt-get here; install chromium yourself to run the browser test" >&2
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  SUDO=""
elif sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "install_browser: not root and no sudo; 'apt-get install chromium' to run the browser test" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -qq chromium >/dev/null 2>&1 \
  || { $SUDO apt-get update -qq >/dev/null 2>&1 && $SUDO apt-get install -y -qq chromium >/dev/null 2>&1; } \
  || echo "install_browser: apt-get could not install chromium; the browser test will skip" >&2
exit 0
