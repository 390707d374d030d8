// What the one-file page (dist/annuaire-cpts.html, written by scripts/single-file.mjs) carries
// inside itself instead of fetching it beside the page: the worker's script, the wasm module,
// config.json. In the hosted page nothing is embedded and every file is fetched from the server.
// scripts/single-file.mjs replaces this module when it bundles the page and the worker.

/** null here: the hosted page. In the one file, { startWorker?, wasm? } (see single-file.mjs). */
export const embedded = null;

/** A file beside the page (config.json, the schema it names), as a fetch Response. */
export function fetchBeside(name) {
  return fetch(name, { cache: 'no-store', credentials: 'omit' });
}
