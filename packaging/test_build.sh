#!/usr/bin/env bash
# Prove that what packaging/build.sh built works (run it after build.sh, as root):
#   1. installs the tools the proof uses when missing (desktop-file-utils, appstream, lintian,
#      xvfb, xdotool) and the libraries the package depends on;
#   2. installs dist/interventiondesk_<version>_amd64.deb with dpkg -i;
#   3. runs packaging/tests/ with pytest (its own run: the main `pytest` never collects it)
#      against the onedir app and the installed package;
#   4. removes the package with dpkg -r (also when a test failed) and checks it left nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' src/interventiondesk/__init__.py)
deb="dist/interventiondesk_${version}_amd64.deb"
if [ ! -f "$deb" ] || [ ! -x dist/InterventionDesk/interventiondesk ] || [ ! -x build/venv/bin/python ]; then
  echo "test_build.sh: run packaging/build.sh first (no $deb or dist/InterventionDesk)" >&2
  exit 1
fi
if dpkg -s interventiondesk >/dev/null 2>&1; then
  echo "test_build.sh: interventiondesk is already installed here; remove it first (dpkg -r interventiondesk)" >&2
  exit 1
fi

# The proof's tools, and what the package depends on (dpkg -i does not fetch dependencies).
TOOLS="desktop-file-utils appstream lintian xvfb xdotool"
depends=$(dpkg-deb -f "$deb" Depends | tr -d ' ' | tr ',' ' ')
missing=""
for package in $TOOLS $depends; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if [ -n "$missing" ]; then
  echo "Installing:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# pytest goes beside the build venv, not into it: what is installed there could be frozen
# into the next build.
build/venv/bin/pip install -q --upgrade --target build/proof-packages "pytest>=8"

started=$(date +%s)
dpkg -i "$deb" >/dev/null
remove() {
  dpkg -r interventiondesk >/dev/null
  if [ -e /opt/interventiondesk ] || [ -e /usr/bin/interventiondesk ]; then
    echo "test_build.sh: dpkg -r left files behind" >&2
    exit 1
  fi
}
trap remove EXIT

PYTHONPATH=build/proof-packages build/venv/bin/python -m pytest \
  -c packaging/tests/pytest.ini --rootdir . packaging/tests "$@"
echo "Proof of the built artefacts took $(($(date +%s) - started)) s."
