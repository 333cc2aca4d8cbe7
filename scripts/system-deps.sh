#!/usr/bin/env bash
# Install the few Debian/Ubuntu packages the project needs, only those that are missing.
#   scripts/system-deps.sh run   -> python venv support, npm (vendored assets), gettext (catalogs),
#                                   DejaVu Sans (the Vietnamese font embedded in generated PDFs)
#   scripts/system-deps.sh test  -> the same plus chromium (browser tests)
set -euo pipefail
want=()
python3 -c 'import ensurepip, venv' 2>/dev/null || want+=(python3-venv)
command -v npm >/dev/null || want+=(npm)
command -v msgfmt >/dev/null || want+=(gettext)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] \
  || want+=(fonts-dejavu-core)
if [ "${1:-run}" = test ]; then
  [ -x /usr/bin/chromium ] || want+=(chromium)
fi
[ ${#want[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${want[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${want[@]}"
