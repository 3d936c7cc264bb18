#!/usr/bin/env bash
# Rebuild docs/report-*.png: clean the report tests' small corpus and photograph report.html
# in headless chromium. Run from the repository root: bash docs/screenshots.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/tests/data/report/corpus" "$work/corpus"
cd "$work"
PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}" python -m cleaner clean corpus -o out -q -j 1 \
  --rules "$root/tests/data/report/rules"
shoot() {  # shoot NAME WIDTH,HEIGHT [FRAGMENT]
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile-$1" --hide-scrollbars --window-size="$2" \
    --screenshot="$root/docs/$1.png" "file://$work/out/report.html${3:-}" 2>/dev/null
}
shoot report-overview 1280,940
shoot report-view 1280,640 "#doc-1"
# Smaller files for the README when pngquant (Debian: pngquant) is there.
if command -v pngquant >/dev/null; then
  pngquant --force --skip-if-larger --ext .png 64 "$root"/docs/report-*.png || true
fi
