#!/usr/bin/env bash
# Copies the README's screenshots from the latest test artifacts (npm run test:browser, npm run test:integration).
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
mkdir -p "$out"
copy() { [ -f "test-results/$1" ] || { echo "missing test-results/$1: run the tests first" >&2; exit 1; }; cp "test-results/$1" "$out/$2"; }
copy ui/hover-formula.png editor-hover-formula.png
copy ui/hover-diagnostic.png editor-hover-diagnostic.png
copy ui/problems.png editor-problems.png
copy ui/preview-follows-edit.png editor-preview.png
copy ui/quick-fix-menu.png editor-quick-fix.png
copy ui/testing-view.png editor-testing.png
copy screenshots/d2l-stride-dark-steps.png preview-steps.png
copy screenshots/d2l-stride-light-matrix.png preview-matrix.png
copy screenshots/d2l-stride-dark-grids.png preview-grids.png
copy screenshots/dcgan-generator-light-shapes.png preview-shapes-dcgan.png
copy screenshots/unet-skips-dark-shapes.png preview-shapes-unet.png
copy screenshots/dims3-dark-grids.png preview-3d-slice.png
copy screenshots/d2l-stride-dark-symbolic.png preview-symbolic.png
copy ui/walkthrough.png editor-walkthrough.png
copy screenshots/ko-d2l-round-trip-grids.png preview-korean.png
copy ui-web/web-preview.png editor-web-host.png
copy ui/large-paste-hover.png editor-large-paste-hover.png
echo "updated $(ls "$out" | wc -l) screenshots in $out"
