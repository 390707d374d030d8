#!/usr/bin/env bash
# Checks that the build is reproducible: builds the page again from a copy of this tree at
# another path, with a fresh cargo target directory, and compares the two dist/ byte for byte.
# Run after `npm run build` (scripts/test.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f dist/SHA256SUMS ] || { echo "dist/ is not built: run npm run build first" >&2; exit 1; }
# The same commit stamp as the first build (the copy has no .git).
commit=$(git rev-parse --short=12 HEAD)
git diff --quiet HEAD -- || commit="$commit-modifié"

copy=$(mktemp -d "${TMPDIR:-/tmp}/annuaire-cpts-rebuild.XXXXXX")
trap 'rm -rf "$copy" "$copy.log"' EXIT
# The files git knows, as they are now (what the first build read); node_modules is shared.
git ls-files -z --cached --others --exclude-standard \
  | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$copy"
ln -s "$PWD/node_modules" "$copy/node_modules"

start=$(date +%s)
if ! (cd "$copy" && env -u CARGO_TARGET_DIR BUILD_COMMIT="$commit" bash scripts/build-web.sh >"$copy.log" 2>&1); then
  cat "$copy.log" >&2
  exit 1
fi
echo "second build, from $copy with a fresh target directory: $(($(date +%s) - start)) s"

if ! diff -r dist "$copy/dist" >/dev/null; then
  echo "NOT reproducible: the two builds differ:" >&2
  diff -rq dist "$copy/dist" >&2 || true
  exit 1
fi
echo "reproducible: $(wc -l <dist/SHA256SUMS) files byte for byte identical (SHA256SUMS $(sha256sum dist/SHA256SUMS | cut -c1-16)…)"
