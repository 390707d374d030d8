// Writes the build's identity into dist/index.html, at the bottom of the page: the version, the
// commit and the SHA-256 of the wasm module, the same hash as pkg/annuaire_cpts_bg.wasm's line
// of dist/SHA256SUMS (docs/DEPLOIEMENT.md, « Vérifier la page »).
// Usage: node scripts/stamp.mjs DIST VERSION COMMIT
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dist, version, commit] = process.argv.slice(2);
if (!dist || !version || !commit) throw new Error('usage: node scripts/stamp.mjs DIST VERSION COMMIT');

const MODULE = 'pkg/annuaire_cpts_bg.wasm';
const PLACEHOLDER = '<p id="build" class="build"></p>';
const escape = (s) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const hash = createHash('sha256').update(readFileSync(join(dist, MODULE))).digest('hex');
const page = join(dist, 'index.html');
const html = readFileSync(page, 'utf8');
if (!html.includes(PLACEHOLDER)) throw new Error(`${page}: no ${PLACEHOLDER} to fill`);
const stamp = `<p id="build" class="build" data-module-sha256="${hash}">Version ${escape(version)} · `
  + `commit ${escape(commit)} · empreinte du module (SHA-256) : <code>${hash}</code></p>`;
writeFileSync(page, html.replace(PLACEHOLDER, stamp));
