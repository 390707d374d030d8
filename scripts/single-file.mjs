// Writes DIST/annuaire-cpts.html: the page of DIST/index.html in one self-contained file, to
// attach to an e-mail or copy on a USB key and open from file:// with no network at all.
// Usage: node scripts/single-file.mjs DIST
//
// Nothing is listed by hand: the styles are the page's <link rel="stylesheet">, the scripts its
// <script type="module" src> and whatever they import (bundled by esbuild), the worker the
// script each bundle starts with `new Worker(new URL('…', import.meta.url))`, the wasm module
// the `new URL('….wasm', import.meta.url)` of the worker's imports, the files beside the page
// those that `fetchBeside` asks for (config.json and the schema it names). Each bundle gets its
// own www/embedded.js, holding what it would otherwise fetch: the worker's source (started
// from a blob: URL), the gzipped module, config.json. The policy allows only these inline
// script and styles (by hash), the blob: worker and the wasm, and no connection at all.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const dist = resolve(process.argv[2] ?? 'dist');
const OUTPUT = 'annuaire-cpts.html';
const EMBEDDED = join(dist, 'embedded.js');
const WORKER_URL = /new\s+Worker\([^;]*?new\s+URL\(\s*(['"])(.+?)\1\s*,\s*import\.meta\.url\s*\)/g;
const WASM_URL = /new\s+URL\(\s*(['"])([^'"]+\.wasm)\1\s*,\s*import\.meta\.url\s*\)/g;

const read = (path) => readFileSync(path, 'utf8');
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Every `pattern` URL in the bundle's sources, resolved against the source that names it. */
function urlsIn(inputs, pattern) {
  const found = new Set();
  for (const input of inputs) {
    const path = resolve(input);
    for (const m of read(path).matchAll(pattern)) found.add(resolve(dirname(path), m[2]));
  }
  return [...found];
}

/** The source of embedded.js for one bundle: a worker's source, a wasm module, some files. */
function embeddedModule({ worker = null, wasm = null, files = {} }) {
  const lines = ['// Written by scripts/single-file.mjs: what this one-file page carries inside it.'];
  lines.push(`const FILES = ${JSON.stringify(files)};`);
  const parts = [];
  if (worker != null) {
    // A classic worker: Chromium refuses a module worker from a blob: URL made by a file:// page.
    lines.push(`const WORKER = ${JSON.stringify(worker)};`, 'let workerUrl = null;');
    parts.push("startWorker: () => new Worker(workerUrl ??= URL.createObjectURL(new Blob([WORKER], { type: 'text/javascript' })))");
  }
  if (wasm != null) {
    // Gzipped, then base64: far smaller than the raw module in base64, and the page's own
    // gzip then gains almost nothing on it (bench/NOTES.md). Node's gzip writes no date.
    lines.push(`const WASM = ${JSON.stringify(gzipSync(wasm, { level: 9 }).toString('base64'))};`);
    lines.push(`function wasmBytes() {
  const bin = atob(WASM);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}`);
    parts.push('wasm: wasmBytes');
  }
  lines.push(`export const embedded = { ${parts.join(', ')} };`);
  lines.push(`export function fetchBeside(name) {
  const found = Object.hasOwn(FILES, name);
  return Promise.resolve(new Response(found ? FILES[name] : null, { status: found ? 200 : 404 }));
}`);
  return lines.join('\n');
}

/** Bundles `entry` (a path, or {contents} in dist/) with `embedded` as its embedded.js, as
 * an ES module (`esm`) or a classic script (`iife`, for the worker). */
async function bundle(entry, embedded, format = 'esm') {
  const plugin = {
    name: 'embedded',
    setup(b) {
      b.onLoad({ filter: /embedded\.js$/ }, (args) => (resolve(args.path) === EMBEDDED
        ? { contents: embeddedModule(embedded), loader: 'js' }
        : undefined));
    },
  };
  const input = typeof entry === 'string'
    ? { entryPoints: [entry] }
    : { stdin: { contents: entry.contents, resolveDir: dist, sourcefile: 'page.js' } };
  const result = await build({
    ...input,
    bundle: true,
    format,
    // A classic worker has no import.meta: the glue's default module URL is never used there,
    // the module being given to init() (worker.js).
    logOverride: { 'empty-import-meta': 'silent' },
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: dist,
    plugins: [plugin],
  });
  // The stdin entry has no file: it imports the page's scripts and names no URL itself.
  const inputs = Object.keys(result.metafile.inputs).map((p) => join(dist, p)).filter((p) => existsSync(p));
  return { code: result.outputFiles[0].text, inputs };
}

/** What `fetchBeside` may ask for: config.json and the schema file it names, when present. */
function besideFiles() {
  const files = {};
  const config = join(dist, 'config.json');
  if (!existsSync(config)) return files;
  files['config.json'] = read(config);
  const { schema } = JSON.parse(files['config.json']);
  if (typeof schema === 'string' && schema && existsSync(join(dist, schema))) files[schema] = read(join(dist, schema));
  return files;
}

/** Text safe inside <script> or <style>: nothing that could close the element early. */
function inline(text, tag) {
  if (new RegExp(`</${tag}|<!--`, 'i').test(text)) throw new Error(`cannot inline a <${tag}> holding </${tag} or <!--`);
  return text;
}

const html = read(join(dist, 'index.html'));
const styles = [];
const scripts = [];
let page = html
  .replace(/<link rel="stylesheet" href="([^"]+)">/g, (_, href) => {
    const css = inline(read(join(dist, href)), 'style');
    styles.push(css);
    return `<style>${css}</style>`;
  })
  .replace(/\s*<!--[^>]*-->\s*(?=<link rel="modulepreload")/g, '\n  ')
  .replace(/\s*<link rel="modulepreload" href="[^"]+">/g, '')
  .replace(/\s*<script type="module" src="([^"]+)"><\/script>/g, (_, src) => {
    scripts.push(src);
    return '';
  });
if (!scripts.length) throw new Error('index.html has no <script type="module" src>');

// The page: its scripts in their order, as one module; the worker it starts, with the wasm.
const entry = { contents: scripts.map((s) => `import './${s}';`).join('\n') };
const probe = await bundle(entry, {});
const workers = urlsIn(probe.inputs, WORKER_URL);
if (workers.length > 1) throw new Error(`more than one worker: ${workers.join(', ')}`);
let worker = null;
if (workers.length) {
  const found = await bundle(workers[0], {});
  const modules = urlsIn(found.inputs, WASM_URL);
  if (modules.length !== 1) throw new Error(`the worker must load one wasm module, found ${modules.length}`);
  worker = (await bundle(workers[0], { wasm: readFileSync(modules[0]) }, 'iife')).code;
}
const script = inline((await bundle(entry, { worker, files: besideFiles() })).code, 'script');
page = page.replace('</body>', `<script type="module">${script}</script>\n</body>`);

const policy = [
  "default-src 'none'",
  `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
  'worker-src blob:',
  `style-src ${styles.map(sha256).join(' ')}`,
  'img-src data:',
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const meta = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/;
if (!meta.test(page)) throw new Error('index.html has no Content-Security-Policy meta element');
page = page.replace(meta, `<meta http-equiv="Content-Security-Policy" content="${policy}">`);
writeFileSync(join(dist, OUTPUT), page);
console.log(`${relative(process.cwd(), join(dist, OUTPUT))}: ${scripts.join(', ')} and their imports, `
  + `${styles.length} style sheet(s), ${worker ? 'the worker and its wasm module' : 'no worker'} inside`);
