#!/usr/bin/env bash
# The import tests make PDFs of the seeds with LibreOffice and read them with poppler's
# pdftotext (tests/importers/pdf_routes.py). Install both if missing; needs root (or sudo) only then.
set -euo pipefail
if command -v soffice >/dev/null && command -v pdftotext >/dev/null; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "ensure-pdf-tools: installing Debian's poppler-utils and libreoffice-writer" >&2
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends poppler-utils libreoffice-writer >/dev/null
