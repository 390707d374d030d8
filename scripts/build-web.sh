#!/usr/bin/env bash
# Builds the deployable site into dist/: index.html, style.css, the JS modules, config.json, the
# wasm package (pkg/), the one-file page annuaire-cpts.html (everything inside, for file://) and
# SHA256SUMS. Nothing else is needed to host it: copy dist/ to any static server
# (docs/DEPLOIEMENT.md). Two builds of the same commit give the same bytes
# (scripts/reproducible.sh checks it).
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
# No absolute path of this machine in the module (panic locations name source files): the
# registry's sources and this tree get fixed names, whoever builds and wherever.
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$cargo_home=/cargo --remap-path-prefix=$PWD=/build"
cargo build --profile wasm --target wasm32-unknown-unknown --lib
rm -rf dist
mkdir -p dist/pkg
# Removing the name section gives the smallest gzip (wasm-opt -Oz makes it larger, see SETUP).
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir dist/pkg "$target_dir/wasm32-unknown-unknown/wasm/annuaire_cpts.wasm"
cp -R www/. dist/

# The build's identity, shown at the bottom of the page: the version, the commit (BUILD_COMMIT
# when built outside a git checkout) and the SHA-256 of the wasm module.
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
commit="${BUILD_COMMIT:-$(git rev-parse --short=12 HEAD 2>/dev/null || echo inconnu)}"
if [ -z "${BUILD_COMMIT:-}" ] && ! git diff --quiet HEAD -- 2>/dev/null; then commit="$commit-modifié"; fi
node scripts/stamp.mjs dist "$version" "$commit"
node scripts/single-file.mjs dist

# Every file of dist/ but this list, in a fixed order, paths relative to dist/.
(cd dist && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs -d '\n' sha256sum >SHA256SUMS)

wasm_bytes=$(wc -c <dist/pkg/annuaire_cpts_bg.wasm)
wasm_gzip=$(gzip -9 -n -c dist/pkg/annuaire_cpts_bg.wasm | wc -c)
one_bytes=$(wc -c <dist/annuaire-cpts.html)
one_gzip=$(gzip -9 -n -c dist/annuaire-cpts.html | wc -c)
echo "dist/ written: wasm $((wasm_bytes / 1024)) KiB, $((wasm_gzip / 1024)) KiB gzipped;" \
  "annuaire-cpts.html $((one_bytes / 1024)) KiB, $((one_gzip / 1024)) KiB gzipped"
