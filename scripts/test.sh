#!/usr/bin/env bash
# Installs what is missing, then runs every check and every test; stops at the first failure.
# Nothing is skipped: a missing browser is a failure, not a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }
start=$(date +%s)

step "setup"
./scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native, then wasm32)"
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --test web -- -D warnings

step "cargo doc (every intra-doc link resolves)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet

step "cargo test"
cargo test

step "wasm-pack test (Chromium)"
wasm-pack test --headless --chrome --mode no-install -- --test web

step "npm run build"
npm run --silent build

step "end-to-end tests (Playwright, Chromium: dist/ served, the one file from file://, nginx)"
cargo build --bin annuaire-cpts
npx --no-install playwright test

step "the one file in Firefox (geckodriver): a coordinator's journey, then an ARS batch"
node tests/firefox/single-file.mjs

step "reproducible build (a second build elsewhere, compared byte for byte)"
./scripts/reproducible.sh

printf '\nAll checks passed in %ss.\n' "$(($(date +%s) - start))"
