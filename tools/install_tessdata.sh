#!/usr/bin/env bash
# Lines in Cyrillic or Hangul, which RapidOCR's bundled recogniser does not read, are read again
# with Tesseract (checkup2action/ocr/scripts.py: the extra `scripts` brings tesserocr, whose wheel
# carries the Tesseract library; the language packs come from Debian). Install the packs when they
# are missing and this machine can (apt as root, or sudo without a password); otherwise say so
# once: such pages then keep RapidOCR's reading with a SCRIPT_NOT_READ warning, and the tests
# that need the packs skip with that reason.
set -uo pipefail
PACKS="tesseract-ocr-rus tesseract-ocr-ukr tesseract-ocr-kor"
missing=""
for pack in $PACKS; do
  dpkg -s "$pack" >/dev/null 2>&1 || missing="$missing $pack"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install_tessdata: no apt-get here; install Tesseract's rus, ukr and kor packs yourself" >&2
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  SUDO=""
elif sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "install_tessdata: not root and no sudo; 'apt-get install$missing' to read Cyrillic and Hangul" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq $missing >/dev/null 2>&1 \
  || { $SUDO apt-get update -qq >/dev/null 2>&1 && $SUDO apt-get install -y -qq $missing >/dev/null 2>&1; } \
  || echo "install_tessdata: apt-get could not install$missing; Cyrillic and Hangul lines stay unread" >&2
exit 0
