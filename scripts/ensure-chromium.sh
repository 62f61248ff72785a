#!/usr/bin/env bash
# Browser tests drive Debian's chromium through playwright-core (a downloaded browser build
# cannot be installed here). Installs it when missing and we may use apt; otherwise says how.
set -u
if command -v chromium >/dev/null 2>&1 || [[ -n ${IREUM_CHROMIUM:-} ]]; then exit 0; fi
SUDO=''
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO='sudo'; else
    echo "chromium is missing: install it (apt-get install chromium) or set IREUM_CHROMIUM to a Chromium binary" >&2
    exit 0
  fi
fi
echo 'installing chromium for the browser tests (apt-get install chromium)' >&2
$SUDO apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium fonts-noto-cjk >/dev/null ||
  echo 'chromium could not be installed; the browser tests will fail' >&2
exit 0
