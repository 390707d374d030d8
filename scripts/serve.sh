#!/usr/bin/env bash
# Installs what is missing, builds the page and serves it on http://127.0.0.1:8080
# (another port: PORT=9000 ./scripts/serve.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
npm run --silent build
exec node scripts/serve.mjs dist
