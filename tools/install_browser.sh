#!/usr/bin/env bash
# The viewer's browser test drives Debian's chromium (tests/service/test_browser.py). Install it
# when it is missing and this machine can (tools/apt_install.sh); otherwise that one test skips
# with the same message.
set -uo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
exec "$(dirname "$0")/apt_install.sh" install_browser "to run the browser test" chromium
