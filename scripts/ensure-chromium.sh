#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through Playwright (`playwright install` cannot
# download browsers here). Install it if it is missing; needs root (or sudo) only then.
set -euo pipefail
if [ -x "${ILS_CHROMIUM:-/usr/bin/chromium}" ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "ensure-chromium: installing Debian's chromium" >&2
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
