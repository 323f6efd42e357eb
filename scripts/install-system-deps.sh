#!/usr/bin/env bash
# Installs the Debian packages the build and the tests use, only those missing.
# Called by the Makefile so that a fresh machine needs nothing but `make build` / `make test`.
set -euo pipefail

# poppler-utils: pdftotext/pdffonts/pdfinfo in the PDF tests; libreoffice-impress: the PPTX conversion test;
# chromium: the website's browser tests; libpango-1.0-0 and libpangoft2-1.0-0: WeasyPrint's text layout;
# gcc and libc6-dev: the checker's two C modules (src/lessonkit/check/kinds/_ngram_sums.c and _hyphen_points.c, built by setup.py).
packages=(gettext chromium poppler-utils libreoffice-impress libpango-1.0-0 libpangoft2-1.0-0 gcc libc6-dev)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
echo "installing Debian packages: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
