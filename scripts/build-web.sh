#!/usr/bin/env bash
# Builds the deployable site into dist/: index.html, style.css, the JS modules, config.json and
# the wasm package (pkg/). Nothing else is needed to host it: copy dist/ to any static server.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
cargo build --release --target wasm32-unknown-unknown --lib
rm -rf dist
mkdir -p dist/pkg
# Removing the name section gives the smallest gzip (wasm-opt -Oz makes it larger, see SETUP).
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir dist/pkg "$target_dir/wasm32-unknown-unknown/release/annuaire_cpts.wasm"
cp www/index.html www/style.css www/*.js www/config.json dist/
wasm_bytes=$(wc -c <dist/pkg/annuaire_cpts_bg.wasm)
wasm_gzip=$(gzip -9 -c dist/pkg/annuaire_cpts_bg.wasm | wc -c)
echo "dist/ written: wasm $((wasm_bytes / 1024)) KiB, $((wasm_gzip / 1024)) KiB gzipped"
