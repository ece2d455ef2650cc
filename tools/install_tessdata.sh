#!/usr/bin/env bash
# Lines in Cyrillic or Hangul, which RapidOCR's bundled recogniser does not read, are read again
# with Tesseract (checkup2action/ocr/scripts.py: the extra `scripts` brings tesserocr, whose wheel
# carries the Tesseract library; the language packs come from Debian). Install the packs when they
# are missing and this machine can (tools/apt_install.sh): without them such pages keep
# RapidOCR's reading with a SCRIPT_NOT_READ warning, and the tests that need the packs skip.
set -uo pipefail
missing=()
for pack in tesseract-ocr-rus tesseract-ocr-ukr tesseract-ocr-kor; do
  dpkg -s "$pack" >/dev/null 2>&1 || missing+=("$pack")
done
[ ${#missing[@]} -eq 0 ] && exit 0
exec "$(dirname "$0")/apt_install.sh" install_tessdata "to read Cyrillic and Hangul lines" "${missing[@]}"
