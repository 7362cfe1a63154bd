#!/usr/bin/env bash
# The main job on the examples: shapes, grids, W/Wᵀ and verifications of every example, then the broken
# examples through `tconv check`, which must report errors (exit 1) and nothing worse.
set -uo pipefail
cd "$(dirname "$0")/.."
node dist/cli.js show 'examples/*.tconv.json' || { echo "tconv show failed on the examples" >&2; exit 1; }
echo
echo "━━ The broken examples: each reports its diagnostic on the offending token"
node dist/cli.js check examples/broken
status=$?
if [ "$status" -ne 1 ]; then echo "expected tconv check to exit 1 on examples/broken, got $status" >&2; exit 1; fi
