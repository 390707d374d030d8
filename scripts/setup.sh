#!/usr/bin/env bash
# Installs what the build and the tests need, and only what is missing: fast when all is there.
# Debian 12, rustup Rust, node 20 + npm expected. Downloads only from crates.io, npm and apt.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

# The wasm-bindgen CLI must be the exact version of the crate in Cargo.lock.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
wasm_pack_version=0.15.1

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "rustup component add $component"
    rustup component add "$component"
  fi
done

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
  say "cargo install wasm-bindgen-cli $bindgen_version (a few minutes, once)"
  # No --locked: its lockfile pins a crate version the registry may lack.
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi
if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $wasm_pack_version" ]; then
  say "cargo install wasm-pack $wasm_pack_version (a minute or two, once)"
  cargo install wasm-pack --version "$wasm_pack_version" --locked --force
fi

# Firefox is driven through geckodriver (WebDriver): its npm package downloads a binary, the
# crate builds from crates.io.
geckodriver_version=0.37.1
if [ "$(geckodriver --version 2>/dev/null | head -n1 | awk '{ print $2 }')" != "$geckodriver_version" ]; then
  say "cargo install geckodriver $geckodriver_version (a few minutes, once)"
  cargo install geckodriver --version "$geckodriver_version" --locked --force
fi

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v soffice >/dev/null || missing+=(libreoffice-calc)
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
# The deployment guide's nginx configuration is tested with Debian's nginx.
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm ci only when node_modules is missing or older than the lockfile.
if [ ! -d node_modules/@playwright/test ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
fi
