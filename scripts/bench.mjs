#!/usr/bin/env node
// `npm run bench`: measures the checker against the budgets of issue 7 and writes BENCHMARKS.md.
//
//   npm run bench                       # everything (≈ 10 min on 2 cores)
//   npm run bench -- --sizes 1000,10000 --no-native --no-build
//
// Options: --sizes N,N,…  --reps N (browser runs per size and tool; default 5, 3 at 100 000 rows)
//          --only ours|ours-cold|sheetjs (one tool only: for quick before/after comparisons)
//          --no-build (reuse dist/ and target/release)  --no-native  --no-browser
//          --out FILE (default BENCHMARKS.md)
//          --markdown-only (no run: BENCHMARKS.md again from bench-output/results.json, e.g. after
//          editing bench/NOTES.md)
//          --compare (only the year-over-year comparison, issue 16: last year's file against
//          this year's at each size, natively — examples/bench_compare.rs and the CLI's
//          `compare` — and in Chromium; prints the figures and writes bench-output/compare.json,
//          not BENCHMARKS.md). `npm run bench -- --compare --sizes 100000 --no-build`
//          --ars-page (only the ARS's page, issue 15: 50 files × 2,000 rows dropped at once on
//          the real page, until the table of files and the indicators are shown, then the
//          merged directory's download; the main thread's long tasks; --reps runs, default 3;
//          writes bench-output/ars-page.json, not BENCHMARKS.md).
//          `npm run bench -- --ars-page --no-build`
//
// What it does, in order:
//  1. builds the native CLI and the generator (examples/gen_bench.rs), generates the files;
//  2. builds the page (`npm run build` → dist/) and assembles the bench site in
//     bench-output/site: bench/index.html + bench/bench.js, the wasm package copied from dist/,
//     SheetJS (devDependency `xlsx`, loaded by the bench page only), the generated files;
//  3. serves bench-output/site at / and dist/ at /app/ on 127.0.0.1 and drives headless
//     Chromium: one fresh browser context per measured operation (our read + check + fix + write,
//     or SheetJS's XLSX.read), peak memory read from the renderer's /proc status (VmHWM reset
//     through clear_refs just before the operation), then the real page's time to interactive;
//  4. runs the native CLI next to `frictionless validate` under hyperfine;
//  5. writes BENCHMARKS.md (and bench-output/results.json).

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const OUT = path.join(root, 'bench-output');
const SITE = path.join(OUT, 'site');
const DIST = process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : path.join(root, 'dist');
const TARGET = process.env.CARGO_TARGET_DIR
  ? path.resolve(process.env.CARGO_TARGET_DIR)
  : path.join(root, 'target');
const CLI = path.join(TARGET, 'release', 'annuaire-cpts');
const GEN = path.join(TARGET, 'release', 'examples', 'gen_bench');
const STAGES = path.join(TARGET, 'release', 'examples', 'bench_stages');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FRICTIONLESS_VERSION = '5.21.0';
const CPTS = 'CPTS Bench';
const YEAR = 2026;

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const o = {
    sizes: [1000, 10000, 100000],
    reps: null,
    build: true,
    native: true,
    browser: true,
    out: path.join(root, 'BENCHMARKS.md'),
    tools: ['ours', 'ours-cold', 'sheetjs'],
  };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--sizes') o.sizes = argv[++i].split(',').map(Number);
    else if (a === '--reps') o.reps = Number(argv[++i]);
    else if (a === '--no-build') o.build = false;
    else if (a === '--markdown-only') o.markdownOnly = true;
    else if (a === '--no-native') o.native = false;
    else if (a === '--no-browser') o.browser = false;
    else if (a === '--out') o.out = path.resolve(argv[++i]);
    else if (a === '--only') o.tools = [argv[++i]];
    else if (a === '--compare') o.compare = true;
    else if (a === '--ars-page') o.arsPage = true;
    else throw new Error(`bench: unknown option ${a}`);
  }
  if (o.sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('bench: bad --sizes');
  return o;
}

const repsFor = (opts, rows) => opts.reps ?? (rows >= 100000 ? 3 : 5);

// ---------------------------------------------------------------- small helpers

const say = (line) => process.stdout.write(`[bench] ${line}\n`);

function run(cmd, args, options = {}) {
  say(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (r.status !== 0) throw new Error(`bench: ${cmd} failed (${r.status ?? r.signal})`);
}

function output(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const fmtMs = (ms) => (ms == null || !Number.isFinite(ms) ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const fmtBytes = (b) => {
  if (b == null || !Number.isFinite(b)) return '—';
  if (b >= 1024 * 1024) return `${(b / 1024 / 1024).toFixed(1)} MiB`;
  if (b >= 1024) return `${(b / 1024).toFixed(0)} KiB`;
  return `${b} B`;
};
const fmtRatio = (r) => (r == null || !Number.isFinite(r) ? '—' : `${r.toFixed(2)}×`);
const rowsLabel = (n) => n.toLocaleString('en-US');

function walk(dir) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(p));
    else files.push(p);
  }
  return files;
}

// ---------------------------------------------------------------- 1. native build and data

function buildNative() {
  run('cargo', ['build', '--release', '--bin', 'annuaire-cpts', '--example', 'gen_bench', '--example', 'bench_stages']);
}

function generate(sizes) {
  const dir = path.join(OUT, 'data');
  fs.mkdirSync(dir, { recursive: true });
  const files = {};
  for (const n of sizes) {
    const file = path.join(dir, `rows-${n}.xlsx`);
    run(GEN, [String(n), file]);
    files[n] = file;
  }
  return files;
}

// ---------------------------------------------------------------- 2. page build and bench site

function buildPage(opts) {
  if (opts.build || !fs.existsSync(DIST)) run('npm', ['run', 'build']);
  if (!fs.existsSync(DIST)) throw new Error('bench: dist/ is missing after `npm run build`');
}

/** The page's wasm module and its wasm-bindgen glue, wherever the page build put them. */
function findPackage() {
  const wasm = walk(DIST).filter((f) => f.endsWith('.wasm'));
  if (wasm.length !== 1) throw new Error(`bench: expected one .wasm in dist/, found ${wasm.length}`);
  const glue = wasm[0].replace(/_bg\.wasm$/, '.js');
  if (!fs.existsSync(glue)) throw new Error(`bench: no wasm-bindgen glue ${glue}`);
  return { wasm: wasm[0], glue };
}

function assembleSite(files) {
  fs.rmSync(SITE, { recursive: true, force: true });
  fs.mkdirSync(path.join(SITE, 'pkg'), { recursive: true });
  fs.mkdirSync(path.join(SITE, 'data'), { recursive: true });
  for (const f of ['index.html', 'bench.js']) fs.copyFileSync(path.join(root, 'bench', f), path.join(SITE, f));
  // The page's decoding of a check, which bench.js imports to measure what the page pays.
  const pkg = findPackage();
  // The names bench.js imports; the glue finds its module next to itself under the same name.
  fs.copyFileSync(pkg.glue, path.join(SITE, 'pkg', 'annuaire_cpts.js'));
  fs.copyFileSync(pkg.wasm, path.join(SITE, 'pkg', 'annuaire_cpts_bg.wasm'));
  const sheetjs = require.resolve('xlsx/dist/xlsx.full.min.js');
  fs.copyFileSync(sheetjs, path.join(SITE, 'xlsx.full.min.js'));
  for (const [n, f] of Object.entries(files)) fs.copyFileSync(f, path.join(SITE, 'data', `rows-${n}.xlsx`));
  return {
    sheetjs_version: JSON.parse(fs.readFileSync(require.resolve('xlsx/package.json'), 'utf8')).version,
    wasm: path.relative(root, pkg.wasm),
  };
}

// ---------------------------------------------------------------- 3. server and browser

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.txt': 'text/plain; charset=utf-8',
};

function serve() {
  const roots = [
    ['/app/', DIST],
    ['/', SITE],
  ];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const [prefix, dir] = roots.find(([p]) => url.pathname.startsWith(p));
    let rel = decodeURIComponent(url.pathname.slice(prefix.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(dir, rel);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Pids of the renderer processes descending from this process (the browser Playwright started). */
function renderers(ancestor) {
  const parent = new Map();
  const renderer = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.includes('--type=renderer')) renderer.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  const descends = (pid) => {
    for (let p = pid, i = 0; p && i < 64; p = parent.get(p), i += 1) if (p === ancestor) return true;
    return false;
  };
  return renderer.filter(descends);
}

function status(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number((s.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm')) || [])[1]) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** Resets the peak resident size of the renderers (Linux: 5 → clear_refs resets VmHWM). */
function resetPeak(pids) {
  const base = new Map();
  for (const pid of pids) {
    try {
      fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      // not permitted or gone: its VmHWM then covers its whole life (an upper bound)
    }
    const s = status(pid);
    if (s) base.set(pid, s.rss);
  }
  return base;
}

function peakSince(base) {
  let peak = 0;
  for (const [pid, rss] of base) {
    const s = status(pid);
    if (s) peak = Math.max(peak, s.hwm - rss);
  }
  return peak;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-precise-memory-info',
  '--disable-features=SpareRendererForSitePerProcess',
];

async function launch() {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** One measured operation in a fresh context: its own renderer, its own peak. */
async function measure(browser, base, tool, rows) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/index.html`);
    // « ours-cold »: our pipeline without the warm-up the page's worker runs once it is ready.
    const prepared = await page.evaluate(([f, w]) => window.benchPrepare(f, w), [`data/rows-${rows}.xlsx`, tool !== 'ours-cold']);
    const pids = renderers(process.pid);
    const rss = resetPeak(pids);
    let result;
    try {
      result = await page.evaluate(
        ([t, o]) => window.benchRun(t, o),
        [tool === 'ours-cold' ? 'ours' : tool, { cpts: CPTS, year: YEAR, refused_fixes: [] }],
      );
    } catch (e) {
      // A failed run is reported, not retried: the table then shows it instead of a figure.
      say(`${tool} failed: ${String(e.message || e).split('\n')[0]}`);
      return { ms: null, failed: String(e.message || e).split('\n')[0], file_bytes: prepared.bytes };
    }
    result.peak_rss_delta = peakSince(rss);
    if (rows < 100000 && tool !== 'ours-cold') {
      // The same operation again in the same page: no lazy wasm compilation, warm JIT. Shows how
      // much of a small file's time is the first call's fixed cost. (Not run at 100,000 rows:
      // too long for what it tells.)
      const again = await page.evaluate(
        ([t, o]) => window.benchRun(t, o),
        [tool, { cpts: CPTS, year: YEAR, refused_fixes: [] }],
      );
      result.warm_ms = again.ms;
    }
    result.wasm_memory_before = prepared.wasmMemory;
    result.file_bytes = prepared.bytes;
    if (errors.length) result.errors = errors;
    return result;
  } finally {
    await context.close();
  }
}

async function browserBench(opts, base) {
  const browser = await launch();
  const results = { version: browser.version(), sizes: {} };
  try {
    for (const n of opts.sizes) {
      const runs = { ours: [], 'ours-cold': [], sheetjs: [] };
      const reps = repsFor(opts, n);
      for (let i = 0; i < reps; i += 1) {
        // Alternate the order so that drift (thermal, other load) hits both alike.
        const order = (i % 2 ? ['sheetjs', 'ours-cold', 'ours'] : ['ours', 'ours-cold', 'sheetjs']).filter((t) => opts.tools.includes(t));
        for (const tool of order) {
          const r = await measure(browser, base, tool, n);
          say(`${rowsLabel(n)} rows, ${tool}, run ${i + 1}/${reps}: ${fmtMs(r.ms)}, peak RSS +${fmtBytes(r.peak_rss_delta)}`);
          runs[tool].push(r);
        }
      }
      results.sizes[n] = runs;
    }
    results.interactive = await interactive(browser, base);
    const largest = Math.max(...opts.sizes);
    results.journey = await journey(browser, base, path.join(SITE, 'data', `rows-${largest}.xlsx`), largest);
  } finally {
    await browser.close();
  }
  return results;
}

// Long tasks of the page's main thread, from the first moment (buffered observer).
const LONG_TASKS = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
};

/** The real page (dist/ at /app/) in `context`, its long tasks recorded, its worker ready. */
async function readyPage(context, base) {
  const page = await context.newPage();
  await page.addInitScript(LONG_TASKS);
  await page.goto(`${base}/app/index.html`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20000 });
  // As the page's worker does before a file is dropped.
  await page.waitForTimeout(400);
  return page;
}

/**
 * The real page (dist/ at /app/) through the coordinator's journey on the largest file: drop it,
 * wait for its first rows, edit a cell (Enter to the row drawn again, three times), download.
 * Returns the page's longest main-thread task and the times the coordinator waits.
 */
async function journey(browser, base, file, rows) {
  if (!fs.existsSync(path.join(DIST, 'index.html')) || !fs.existsSync(file)) return null;
  const context = await browser.newContext({ acceptDownloads: true });
  try {
    const page = await readyPage(context, base);
    const t0 = Date.now();
    await page.getByLabel("Fichier de l'annuaire").setInputFiles(file);
    await page.locator('#table tbody tr[data-row] td[data-field="nom"]').first().waitFor({ timeout: 120000 });
    const shown = Date.now() - t0;
    const edits = [];
    for (let k = 0; k < 3; k += 1) {
      const cell = page.locator('#table tbody tr[data-row] td[data-field="nom"]').nth(2 + k);
      const row = await cell.evaluate((td) => td.parentElement.dataset.row);
      await cell.dblclick();
      const input = page.locator('input.cell-input');
      await input.fill(`DUPONT${k}`);
      // Timed in the page, from the Enter key to the mutation that draws the row again: a
      // locator's polling would add its own interval.
      await page.evaluate(([r, want]) => {
        window.__redrawn = new Promise((resolve) => {
          const tbody = document.querySelector('#table tbody');
          let start = null;
          document.addEventListener('keydown', (e) => { if (e.key === 'Enter') start = performance.now(); }, { capture: true, once: true });
          const observer = new MutationObserver(() => {
            const value = tbody.querySelector(`tr[data-row="${r}"] td[data-field="nom"] .value`);
            if (start != null && value?.textContent.startsWith(want)) {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          });
          observer.observe(tbody, { childList: true, subtree: true, characterData: true });
        });
      }, [row, `DUPONT${k}`.toUpperCase()]);
      await input.press('Enter');
      edits.push(await page.evaluate(() => window.__redrawn));
    }
    await page.getByLabel('Nom de la CPTS').fill('CPTS du centre TARN');
    const t1 = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.getByRole('button', { name: 'Télécharger le fichier corrigé' }).click()]);
    await download.path();
    const downloaded = Date.now() - t1;
    const tasks = await page.evaluate(() => window.__longTasks);
    const r = { rows, shown_ms: shown, edit_ms: edits, download_ms: downloaded, long_tasks: tasks.length, longest_task_ms: tasks.length ? Math.max(...tasks) : 0 };
    say(`journey on ${rowsLabel(rows)} rows: first rows ${fmtMs(shown)}, edits ${edits.map(fmtMs).join(', ')}, download ${fmtMs(downloaded)}, longest main-thread task ${fmtMs(r.longest_task_ms)}`);
    return r;
  } finally {
    await context.close();
  }
}

// The page is interactive when the file input « Fichier de l'annuaire » is enabled and the
// page has said that its worker is ready: www/main.js sets <html data-ready="true"> once the
// worker has instantiated the wasm module. The probe runs before any page script and records
// performance.now(), i.e. milliseconds since navigation start; it also records when the input
// first exists and is enabled (the page is drawn, but a file dropped then waits for the worker).
const READY_PROBE = () => {
  window.__benchReady = null;
  window.__benchInput = null;
  const check = () => {
    const input = document.querySelector('input[type=file]');
    if (!input || input.disabled) return;
    if (window.__benchInput === null) window.__benchInput = performance.now();
    if (window.__benchReady === null && document.documentElement.dataset.ready === 'true') {
      window.__benchReady = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('DOMContentLoaded', check);
};

async function interactive(browser, base) {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) return null;
  const runs = [];
  for (let i = 0; i < 7; i += 1) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      let worker = null;
      page.on('worker', (w) => {
        worker ??= w;
      });
      await page.addInitScript(READY_PROBE);
      await page.goto(`${base}/app/index.html`, { waitUntil: 'load' });
      await page.waitForFunction(() => window.__benchReady !== null, null, { timeout: 10000 });
      const t = await page.evaluate(() => ({
        ready: window.__benchReady,
        input: window.__benchInput,
        dcl: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
        load: performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? null,
        origin: performance.timeOrigin,
      }));
      // Where the time goes: when the worker started, when its wasm module had arrived (both
      // in the page's clock); ready − wasm = compile + instantiate + the first message.
      if (worker) {
        const w = await worker.evaluate(() => ({
          origin: performance.timeOrigin,
          wasm: performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.responseEnd ?? null,
        })).catch(() => null);
        if (w) {
          t.worker = w.origin - t.origin;
          t.wasm = w.wasm == null ? null : t.worker + w.wasm;
        }
      }
      delete t.origin;
      say(`page interactive, run ${i + 1}/7: ${fmtMs(t.ready)}`);
      runs.push(t);
    } finally {
      await context.close();
    }
  }
  return runs;
}

// ---------------------------------------------------------------- transfer size

function transfer() {
  if (!fs.existsSync(DIST)) return null;
  const files = walk(DIST).map((f) => {
    const raw = fs.readFileSync(f);
    return {
      file: path.relative(DIST, f),
      raw: raw.length,
      gzip: zlib.gzipSync(raw, { level: 9 }).length,
    };
  });
  const sum = (k, list) => list.reduce((a, f) => a + f[k], 0);
  const wasm = files.filter((f) => f.file.endsWith('.wasm'));
  return {
    files: files.sort((a, b) => b.gzip - a.gzip),
    wasm_raw: sum('raw', wasm),
    wasm_gzip: sum('gzip', wasm),
    total_raw: sum('raw', files),
    total_gzip: sum('gzip', files),
  };
}

// ---------------------------------------------------------------- 4. native CLI vs frictionless

function frictionless() {
  const venv = path.join(OUT, 'venv');
  const bin = path.join(venv, 'bin', 'frictionless');
  if (!fs.existsSync(bin)) {
    say(`installing frictionless ${FRICTIONLESS_VERSION} in ${path.relative(root, venv)}`);
    const a = spawnSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    const b = a.status === 0 && spawnSync(path.join(venv, 'bin', 'pip'), ['install', '-q', `frictionless[excel]==${FRICTIONLESS_VERSION}`], { stdio: 'inherit' });
    if (!b || b.status !== 0) return null;
  }
  return { bin, version: output(bin, ['--version']) };
}

/** Median wall time (ms) and peak RSS of a command: hyperfine when present, else repeated runs. */
function time(name, argv, runs) {
  const json = path.join(OUT, `hyperfine-${name}.json`);
  const quote = (s) => `'${s.replace(/'/g, "'\\''")}'`;
  let ms = null;
  if (runs <= 1) {
    // A single run (frictionless at 100,000 rows: minutes): its GNU time run below gives both.
  } else if (output('hyperfine', ['--version'])) {
    run('hyperfine', [
      '--style', 'basic', '-i', '--warmup', runs > 3 ? '1' : '0', '--runs', String(runs),
      '--export-json', json, '--command-name', name, argv.map(quote).join(' '),
    ]);
    const r = JSON.parse(fs.readFileSync(json, 'utf8')).results[0];
    ms = r.median * 1000;
  } else {
    const times = [];
    for (let i = 0; i < runs; i += 1) {
      const t0 = process.hrtime.bigint();
      spawnSync(argv[0], argv.slice(1), { stdio: 'ignore' });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    ms = median(times);
  }
  // One more run under GNU time for the peak resident size; its output (the start of it) and
  // exit code let the caller check that the command really did the work.
  const out = path.join(OUT, `last-${name}.out`);
  const fd = fs.openSync(out, 'w');
  const t0 = process.hrtime.bigint();
  const t = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { encoding: 'utf8', stdio: ['ignore', fd, 'pipe'] });
  ms ??= Number(process.hrtime.bigint() - t0) / 1e6;
  fs.closeSync(fd);
  const kb = Number((t.stderr || '').trim().split('\n').pop());
  const head = Buffer.alloc(65536);
  const rfd = fs.openSync(out, 'r');
  const read = fs.readSync(rfd, head, 0, head.length, 0);
  fs.closeSync(rfd);
  fs.rmSync(out);
  return { ms, peak_rss: Number.isFinite(kb) ? kb * 1024 : null, status: t.status, head: head.subarray(0, read).toString('utf8') };
}

/** Fails loudly when a timed command did not do the work (a figure for an error is no figure). */
function verify(what, r, ok) {
  if (!ok(r)) throw new Error(`bench: ${what} did not run properly (exit ${r.status}): ${r.head.slice(0, 400)}`);
  delete r.head;
}

/** Native per-stage times (examples/bench_stages.rs), median of `runs`. */
function stages(file, runs) {
  const all = [];
  for (let i = 0; i < runs; i += 1) {
    const out = output(STAGES, [file]) ?? '';
    const ms = (k) => Number((out.match(new RegExp(`^${k}\\s+([\\d.]+) ms`, 'm')) || [])[1]);
    all.push({ read: ms('read'), check: ms('check'), write: ms('write'), total: ms('total') });
  }
  const med = (k) => median(all.map((r) => r[k]).filter(Number.isFinite));
  return { read: med('read'), check: med('check'), write: med('write'), total: med('total') };
}

function nativeBench(opts, files) {
  const fl = frictionless();
  const fixed = path.join(OUT, 'fixed');
  fs.mkdirSync(fixed, { recursive: true });
  const schema = path.join(root, 'bench', 'frictionless-schema.json');
  const results = { frictionless: fl?.version ?? null, sizes: {} };
  for (const n of opts.sizes) {
    const f = files[n];
    const runs = n >= 100000 ? 3 : 10;
    const r = {
      check: time(`check-${n}`, [CLI, 'check', f, '--json'], runs),
      fix: time(`fix-${n}`, [CLI, 'fix', f, '--cpts', CPTS, '--year', String(YEAR), '-o', fixed, '--json'], runs),
    };
    // Exit 0 or 1 (errors found) with the rows read; 2 would mean the file was not read.
    const readAll = (x) => x.status <= 1 && new RegExp(`"rows_read": ${n}\\b`).test(x.head);
    verify(`annuaire-cpts check (${n} rows)`, r.check, readAll);
    verify(`annuaire-cpts fix (${n} rows)`, r.fix, readAll);
    r.stages = stages(f, n >= 100000 ? 3 : 5);
    if (fl) {
      r.frictionless = time(`frictionless-${n}`, [
        // --trusted: frictionless refuses absolute paths as « not safe » otherwise.
        fl.bin, 'validate', f, '--schema', schema, '--header-rows', '4', '--trusted',
        '--limit-errors', '100000000', '--json',
      ], n >= 100000 ? 1 : n >= 10000 ? 3 : 5);
      verify(`frictionless validate (${n} rows)`, r.frictionless, (x) => new RegExp(`"rows": ${n}\\b`).test(x.head));
    }
    results.sizes[n] = r;
  }
  return results;
}

// ---------------------------------------------------------------- 5. BENCHMARKS.md

function machine() {
  const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? '?';
  const mem = os.totalmem();
  return {
    nproc: output('nproc', []) ?? String(os.cpus().length),
    cpu,
    memory: mem,
    chromium: output(CHROMIUM, ['--version']),
    node: process.version,
    rustc: output('rustc', ['--version']),
    commit: output('git', ['rev-parse', '--short', 'HEAD']),
    dirty: Boolean(output('git', ['status', '--porcelain'])),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

function summarise(results) {
  const s = {};
  for (const [n, runs] of Object.entries(results.browser?.sizes ?? {})) {
    const med = (tool, k) => (runs[tool].length && runs[tool].every((r) => r[k] != null) ? median(runs[tool].map((r) => r[k])) : null);
    const file = runs.ours[0]?.file_bytes ?? runs.sheetjs[0]?.file_bytes;
    s[n] = {
      file,
      ours: med('ours', 'ms'),
      ours_warm: med('ours', 'warm_ms'),
      ours_cold: med('ours-cold', 'ms'),
      sheetjs_warm: med('sheetjs', 'warm_ms'),
      open: med('ours', 'open_ms'),
      check: med('ours', 'check_ms'),
      write: med('ours', 'write_ms'),
      edit: med('ours', 'edit_ms'),
      sheetjs: med('sheetjs', 'ms'),
      ours_peak: med('ours', 'peak_rss_delta'),
      sheetjs_peak: med('sheetjs', 'peak_rss_delta'),
      ours_wasm: med('ours', 'wasm_memory'),
      ours_wasm_before: med('ours', 'wasm_memory_before'),
      ours_heap: med('ours', 'js_heap_after') - med('ours', 'js_heap_before'),
      sheetjs_heap: med('sheetjs', 'js_heap_after') - med('sheetjs', 'js_heap_before'),
      rows_read: runs.ours[0]?.rows_read,
      issues: runs.ours[0]?.issues,
      errors: [...runs.ours, ...(runs['ours-cold'] ?? []), ...runs.sheetjs].flatMap((r) => [...(r.errors ?? []), ...(r.failed ? [r.failed] : [])]),
    };
  }
  return s;
}

const verdict = (ok) => (ok == null ? 'not measured' : ok ? '**met**' : '**MISSED**');

function markdown(results, opts) {
  const m = results.machine;
  const s = summarise(results);
  const sizes = Object.keys(s).map(Number);
  const lines = [];
  const p = (l = '') => lines.push(l);
  p('# Benchmarks');
  p();
  p('Written by `npm run bench` (scripts/bench.mjs); do not edit by hand — the analysis below the');
  p('tables comes from bench/NOTES.md.');
  p();
  p('## Machine and conditions');
  p();
  p(`- Date: ${m.date}; commit ${m.commit}${m.dirty ? ' (with uncommitted changes)' : ''}`);
  p(`- Command: \`${results.command}\``);
  p(`- CPU: ${m.cpu}, \`nproc\` = ${m.nproc}; memory ${fmtBytes(m.memory)}`);
  p(`- Browser: ${m.chromium} (headless, Playwright ${results.playwright}); ${m.node}; ${m.rustc}`);
  p(`- SheetJS \`xlsx\` ${results.site?.sheetjs_version ?? '—'}; frictionless ${results.native?.frictionless ?? 'not installed'}`);
  p(`- Load average (1, 5, 15 min) at start: ${results.load_start.map((x) => x.toFixed(2)).join(', ')}; at end: ${results.load_end.map((x) => x.toFixed(2)).join(', ')}`);
  p();
  p('Files: generated by `examples/gen_bench.rs` (17 columns of SPEC §2, coordinator-typed headers');
  p('under a title row, numbers for phones, postal codes and RPPS, abbreviations, `mailto:`, stray');
  p('spaces, ~0.5 % blank rows, duplicates and a few per cent of wrong values; synthetic identifiers).');
  p();
  if (results.browser) {
    p('## In the browser: our whole pipeline vs. SheetJS merely reading');
    p();
    p('Ours = `Session.open` (read and check) + what the page then draws (`head` and the first');
    p('window of 120 rows, with their hop from the worker: a structured clone) + `Session.write`');
    p('(fix + write the corrected workbook), called on the bench page with the');
    p('wasm package of dist/. SheetJS = `XLSX.read(bytes, {type: "array"})` only. Each figure is the');
    p('median of fresh-context runs, as for a user: the module is instantiated, then warmed up as the');
    p('page\'s worker does once the page is ready (`warm_up`, 150 ms on a built-in 100-row file, while');
    p('the coordinator picks her file), then the file is run once; SheetJS runs cold. « Without');
    p('warm-up » = a file run the very moment the module is instantiated. Ratio = ours / SheetJS');
    p('(< 1: faster).');
    p();
    p('| rows | file | ours: read + check + fix + write | (read and check / first draw / write) | SheetJS `XLSX.read` | ratio | our read alone / SheetJS read | ours without warm-up | second run in the same page: ours / SheetJS | faster than SheetJS | budget < 2 s at 100k |');
    p('|---:|---:|---:|---|---:|---:|---:|---:|---|---|---|');
    for (const n of sizes) {
      const r = s[n];
      const budget = n >= 100000 ? verdict(r.ours != null && r.ours < 2000) : '';
      p(`| ${rowsLabel(n)} | ${fmtBytes(r.file)} | ${fmtMs(r.ours)} | ${fmtMs(r.open)} / ${fmtMs(r.check)} / ${fmtMs(r.write)} | ${fmtMs(r.sheetjs)} | ${fmtRatio(r.ours / r.sheetjs)} | ${fmtRatio(r.open / r.sheetjs)} | ${r.ours_cold == null ? '—' : `${fmtMs(r.ours_cold)} (${fmtRatio(r.ours_cold / r.sheetjs)})`} | ${r.ours_warm == null ? '—' : `${fmtMs(r.ours_warm)} / ${fmtMs(r.sheetjs_warm)}`} | ${verdict(r.ours == null || r.sheetjs == null ? null : r.ours < r.sheetjs)} | ${budget} |`);
    }
    p();
    p('Edit = one cell edited in the middle of the file as the page does it: `Session.edit` (the row');
    p('checked again, with what depends on it, and the new head) and the window of rows drawn');
    p('again, each with its hop; median of the same runs (budget ≤ 50 ms at 100,000 rows):');
    p();
    p(`${sizes.map((n) => `${rowsLabel(n)} rows: ${fmtMs(s[n].edit)}${n >= 100000 ? ` (${verdict(s[n].edit != null && s[n].edit <= 50)})` : ''}`).join('; ')}.`);
    p();
    p(`Findings reported (all severities; « Contrôle » summarises the automatic fixes): ${sizes.map((n) => s[n].issues == null ? `${rowsLabel(n)}: —` : `${rowsLabel(n)} rows → ${rowsLabel(s[n].issues)} (${(s[n].issues / n).toFixed(1)} per row)`).join(', ')}.`);
    p();
    p('### Memory');
    p();
    p('Peak RSS = growth of the renderer process\'s peak resident size during the one operation');
    p('(VmHWM reset just before it). Wasm memory = the module\'s linear memory after the run (it only');
    p('grows, so it is its peak; it includes the ~baseline the module has after instantiation).');
    p('JS heap = `performance.memory.usedJSHeapSize` after − before, the result still referenced.');
    p();
    p('| rows | file | ours: peak RSS | ours: wasm memory (at load → peak) | ours: JS heap | SheetJS: peak RSS | SheetJS: JS heap | ours peak RSS / file | budget ≤ 10× |');
    p('|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const n of sizes) {
      const r = s[n];
      const x = r.ours_peak / r.file;
      p(`| ${rowsLabel(n)} | ${fmtBytes(r.file)} | ${fmtBytes(r.ours_peak)} | ${fmtBytes(r.ours_wasm_before)} → ${fmtBytes(r.ours_wasm)} | ${fmtBytes(r.ours_heap)} | ${fmtBytes(r.sheetjs_peak)} | ${fmtBytes(r.sheetjs_heap)} | ${fmtRatio(x)} | ${verdict(Number.isFinite(x) ? x <= 10 : null)} |`);
    }
    p();
    const errs = sizes.flatMap((n) => s[n].errors);
    if (errs.length) {
      p(`Page errors during the runs: ${[...new Set(errs)].join('; ')}`);
      p();
    }
    const j = results.browser.journey;
    if (j) {
      p('### The real page, on the largest file');
      p();
      p(`dist/ served from 127.0.0.1, one run: the file dropped on the page until its first rows are drawn, three`);
      p('edits (Enter to the edited row drawn again, in the page\'s clock), the download; and the');
      p('longest task of the page\'s main thread during all of it (PerformanceObserver `longtask`).');
      p();
      p('| rows | drop → first rows | edits: Enter → row drawn | download | long tasks | longest | budget: no task > 100 ms |');
      p('|---:|---:|---|---:|---:|---:|---|');
      p(`| ${rowsLabel(j.rows)} | ${fmtMs(j.shown_ms)} | ${j.edit_ms.map(fmtMs).join(', ')} | ${fmtMs(j.download_ms)} | ${j.long_tasks} | ${fmtMs(j.longest_task_ms)} | ${verdict(j.longest_task_ms <= 100)} |`);
      p();
    }
    const it = results.browser.interactive;
    p('### Page load');
    p();
    if (it && it.length) {
      const ready = it.map((r) => r.ready);
      p('Time from navigation start to the file input « Fichier de l\'annuaire » enabled with the');
      p(`worker ready (dist/ served from 127.0.0.1, fresh context each, ${it.length} loads):`);
      p();
      const med = (k) => (it.every((r) => r[k] != null) ? median(it.map((r) => r[k])) : null);
      p('| ready: median | min | max | input drawn | DOMContentLoaded | load event | worker started | wasm module received | budget ≤ 300 ms |');
      p('|---:|---:|---:|---:|---:|---:|---:|---:|---|');
      p(`| ${fmtMs(median(ready))} | ${fmtMs(Math.min(...ready))} | ${fmtMs(Math.max(...ready))} | ${fmtMs(med('input'))} | ${fmtMs(med('dcl'))} | ${fmtMs(med('load'))} | ${fmtMs(med('worker'))} | ${fmtMs(med('wasm'))} | ${verdict(median(ready) <= 300)} |`);
      p();
      p('(Columns after « max »: medians, ms since navigation start.)');
    } else {
      p('Not measured (no dist/index.html).');
    }
    p();
  }
  if (results.transfer) {
    const t = results.transfer;
    p('## Transfer size of dist/');
    p();
    p('| | raw | gzip -9 | budget |');
    p('|---|---:|---:|---|');
    p(`| wasm module | ${fmtBytes(t.wasm_raw)} | ${fmtBytes(t.wasm_gzip)} | ≤ 1 MB gzipped: ${verdict(t.wasm_gzip <= 1000000)} |`);
    p(`| all of dist/ (${t.files.length} files) | ${fmtBytes(t.total_raw)} | ${fmtBytes(t.total_gzip)} | |`);
    p();
    p('Largest files (gzip): ' + t.files.slice(0, 6).map((f) => `${f.file} ${fmtBytes(f.gzip)}`).join(', ') + '.');
    p();
  }
  if (results.native) {
    const nat = results.native.sizes;
    p('## Native CLI vs. `frictionless validate`');
    p();
    p('`annuaire-cpts check FILE --json` and `annuaire-cpts fix FILE --cpts … -o DIR --json`');
    p('(release build) next to `frictionless validate FILE --schema bench/frictionless-schema.json');
    p('--header-rows 4 --trusted --limit-errors 100000000 --json` (the same columns, required fields, patterns,');
    p('enumerations and unique identifier as a Table Schema: it cannot map synonyms, restore');
    p('leading zeros, check Luhn keys or communes, and writes nothing). Median wall time under');
    p('hyperfine (output discarded); peak RSS from one run under GNU time. Ratio = ours / frictionless.');
    p();
    p('| rows | ours `check` | ours `fix` (writes the workbook) | frictionless validate | check ratio | fix ratio | peak RSS check / fix / frictionless |');
    p('|---:|---:|---:|---:|---:|---:|---|');
    for (const [n, r] of Object.entries(nat)) {
      const fl = r.frictionless;
      p(`| ${rowsLabel(Number(n))} | ${fmtMs(r.check.ms)} | ${fmtMs(r.fix.ms)} | ${fmtMs(fl?.ms)} | ${fmtRatio(fl ? r.check.ms / fl.ms : null)} | ${fmtRatio(fl ? r.fix.ms / fl.ms : null)} | ${fmtBytes(r.check.peak_rss)} / ${fmtBytes(r.fix.peak_rss)} / ${fmtBytes(fl?.peak_rss)} |`);
    }
    p();
    p('Native stages (examples/bench_stages.rs, the calls the page\'s worker makes; median): read =');
    p('`Document::open`, check = `Document::check`, write = `Document::write_checked` (writes from that');
    p('check, as the page\'s download does).');
    p();
    p('| rows | read | check | write | total |');
    p('|---:|---:|---:|---:|---:|');
    for (const [n, r] of Object.entries(nat)) {
      const st = r.stages;
      if (st) p(`| ${rowsLabel(Number(n))} | ${fmtMs(st.read)} | ${fmtMs(st.check)} | ${fmtMs(st.write)} | ${fmtMs(st.total)} |`);
    }
    p();
  }
  p('## Budgets');
  p();
  const big = s[100000];
  const faster = sizes.length ? sizes.every((n) => s[n].ours != null && s[n].ours < s[n].sheetjs) : null;
  const it = results.browser?.interactive;
  p(`- 100,000 rows read + checked + fixed + written in under 2 s: ${verdict(big ? big.ours < 2000 : null)}${big ? ` (${fmtMs(big.ours)})` : ''}`);
  p(`- Our whole pipeline faster than SheetJS's read alone at every size: ${verdict(results.browser ? faster : null)}${results.browser ? ` (${sizes.map((n) => `${rowsLabel(n)}: ${fmtRatio(s[n].ours / s[n].sheetjs)}`).join(', ')})` : ''}`);
  p(`- Page interactive within 300 ms: ${verdict(it?.length ? median(it.map((r) => r.ready)) <= 300 : null)}`);
  p(`- Wasm ≤ 1 MB gzipped: ${verdict(results.transfer ? results.transfer.wasm_gzip <= 1000000 : null)}`);
  p(`- 1,000 rows read + checked + fixed + written in under 60 ms: ${verdict(s[1000] ? s[1000].ours < 60 : null)}${s[1000] ? ` (${fmtMs(s[1000].ours)})` : ''}`);
  const j = results.browser?.journey;
  p(`- No long task over 100 ms on the page's main thread (the real page, largest file): ${verdict(j ? j.longest_task_ms <= 100 : null)}${j ? ` (${fmtMs(j.longest_task_ms)})` : ''}`);
  p(`- An edit, Enter to row redrawn, ≤ 50 ms at 100,000 rows: ${verdict(big?.edit != null ? big.edit <= 50 : null)}${big?.edit != null ? ` (${fmtMs(big.edit)})` : ''}`);
  p(`- Memory ≤ 10× the file size at 10,000 and 100,000 rows: ${verdict(big && s[10000] ? big.ours_peak / big.file <= 10 && s[10000].ours_peak / s[10000].file <= 10 : null)}${big && s[10000] ? ` (${fmtRatio(s[10000].ours_peak / s[10000].file)}, ${fmtRatio(big.ours_peak / big.file)})` : ''}`);
  p();
  const notes = path.join(root, 'bench', 'NOTES.md');
  if (fs.existsSync(notes)) {
    p(fs.readFileSync(notes, 'utf8').trim());
    p();
  }
  p(`Raw figures: bench-output/results.json (not committed). Options: ${JSON.stringify({ sizes: opts.sizes, reps: opts.reps })}.`);
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- main

// ---------------------------------------------------------------- the comparison (issue 16)

const BENCH_COMPARE = path.join(TARGET, 'release', 'examples', 'bench_compare');

/** Both files of each size: this year's (`rows-N.xlsx`) and last year's (`last-N.xlsx`). */
function generatePairs(sizes) {
  const dir = path.join(OUT, 'data');
  fs.mkdirSync(dir, { recursive: true });
  const pairs = {};
  for (const n of sizes) {
    const current = path.join(dir, `rows-${n}.xlsx`);
    const last = path.join(dir, `last-${n}.xlsx`);
    run(GEN, [String(n), current]);
    run(GEN, [String(n), last, '2026', '--last-year']);
    pairs[n] = { last, current };
  }
  return pairs;
}

async function compareBench(opts) {
  if (opts.build || ![CLI, GEN, BENCH_COMPARE].every((f) => fs.existsSync(f))) {
    run('cargo', ['build', '--release', '--bin', 'annuaire-cpts', '--example', 'gen_bench', '--example', 'bench_compare']);
  }
  const sizes = opts.sizes;
  const pairs = generatePairs(sizes);
  const results = { load_start: os.loadavg(), sizes: {} };
  for (const n of sizes) {
    const { last, current } = pairs[n];
    const stages = output(BENCH_COMPARE, [last, current, String(repsFor(opts, n))]);
    if (!stages) throw new Error('bench: examples/bench_compare failed');
    const entry = { native_stages: stages };
    say(`${rowsLabel(n)} rows, natively:\n${entry.native_stages}`);
    // The whole command, as a coordinator runs it (wall time, output discarded).
    const walls = [];
    for (let i = 0; i < repsFor(opts, n); i += 1) {
      const t = process.hrtime.bigint();
      const r = spawnSync(CLI, ['compare', last, current, '--json'], { stdio: 'ignore' });
      if (r.status !== 0) throw new Error(`bench: annuaire-cpts compare exited ${r.status}`);
      walls.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    entry.cli_ms = walls.sort((a, b) => a - b);
    say(`${rowsLabel(n)} rows, annuaire-cpts compare --json: median ${fmtMs(median(walls))} (${walls.map(fmtMs).join(', ')})`);
    results.sizes[n] = entry;
  }
  if (opts.browser) {
    buildPage(opts);
    const files = Object.fromEntries(sizes.map((n) => [n, pairs[n].current]));
    assembleSite(files);
    for (const n of sizes) fs.copyFileSync(pairs[n].last, path.join(SITE, 'data', `last-${n}.xlsx`));
    const server = await serve();
    const base = `http://127.0.0.1:${server.address().port}`;
    const browser = await launch();
    try {
      for (const n of sizes) {
        const runs = [];
        for (let i = 0; i < repsFor(opts, n); i += 1) {
          const context = await browser.newContext();
          try {
            const page = await context.newPage();
            await page.goto(`${base}/index.html`);
            const r = await page.evaluate(([a, b]) => window.benchCompare(a, b), [`data/last-${n}.xlsx`, `data/rows-${n}.xlsx`]);
            say(`${rowsLabel(n)} rows, Chromium, run ${i + 1}: compare() ${fmtMs(r.ms)} = read + check ${fmtMs(r.read_check_ms)}, comparison ${fmtMs(r.compare_ms)}, évolutions ${fmtMs(r.write_ms)}; ${r.joined} joined, ${r.left} left, ${r.changed} changed, ${r.unchanged} unchanged`);
            runs.push(r);
          } finally {
            await context.close();
          }
        }
        results.sizes[n].browser = runs;
        const med = (k) => median(runs.map((r) => r[k]));
        say(`${rowsLabel(n)} rows, Chromium medians: compare() ${fmtMs(med('ms'))}, read + check ${fmtMs(med('read_check_ms'))}, comparison ${fmtMs(med('compare_ms'))}, évolutions ${fmtMs(med('write_ms'))}`);
      }
      results.browser_version = browser.version();
    } finally {
      await browser.close();
      server.close();
    }
  }
  results.load_end = os.loadavg();
  fs.writeFileSync(path.join(OUT, 'compare.json'), JSON.stringify(results, null, 2));
  say('wrote bench-output/compare.json');
}

// ---------------------------------------------------------------- the ARS's page (issue 15)

const ARS_FILES = 50;
const ARS_ROWS = 2000;

/**
 * 50 files × 2,000 rows (gen_bench, one seed per file: other members in each) dropped at once on
 * the real page: the time until the table of files and the indicators are there (« 50 fichiers
 * vérifiés »), then until the merged directory is downloaded, and the main thread's long tasks.
 */
async function arsPageBench(opts) {
  if (opts.build || !fs.existsSync(GEN)) run('cargo', ['build', '--release', '--example', 'gen_bench']);
  buildPage(opts);
  const dir = path.join(OUT, 'ars-page');
  fs.mkdirSync(dir, { recursive: true });
  const files = [];
  for (let i = 1; i <= ARS_FILES; i += 1) {
    const file = path.join(dir, `Annuaire_CPTS_Bench_${i}_2026.xlsx`);
    if (!fs.existsSync(file)) run(GEN, [String(ARS_ROWS), file, String(i)]);
    files.push(file);
  }
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  say(`ARS page: ${ARS_FILES} files × ${ARS_ROWS} rows, ${(bytes / 1048576).toFixed(1)} MiB in all`);
  fs.mkdirSync(SITE, { recursive: true });
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  const runs = [];
  try {
    for (let k = 0; k < (opts.reps ?? 3); k += 1) {
      const context = await browser.newContext({ acceptDownloads: true });
      try {
        const page = await readyPage(context, base);
        // The renderer holds the page and both its workers: its peak over the whole batch.
        const rss = resetPeak(renderers(process.pid));
        // Timed in the page, from the input's change event to the summary's text: a locator's
        // polling (every 500 ms after the first second) would round the time up by as much,
        // and the files' transfer from Playwright is no part of what the ARS waits for.
        await page.evaluate((n) => {
          const summary = document.getElementById('batch-summary');
          window.__batchShown = new Promise((resolve) => {
            const done = () => summary.textContent.includes(`${n} fichiers vérifiés`);
            new MutationObserver((_, observer) => {
              if (done()) {
                observer.disconnect();
                resolve(performance.now());
              }
            }).observe(summary, { childList: true, characterData: true, subtree: true });
          });
          document.getElementById('file').addEventListener('change', () => {
            window.__batchStart = performance.now();
          }, { capture: true, once: true });
        }, ARS_FILES);
        const t0 = Date.now();
        await page.getByLabel("Fichier de l'annuaire").setInputFiles(files);
        const shownAt = await page.evaluate(() => window.__batchShown);
        const shown = shownAt - (await page.evaluate(() => window.__batchStart));
        const polled = Date.now() - t0;
        const t1 = Date.now();
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: 300000 }),
          page.getByRole('button', { name: /Télécharger l'annuaire régional/ }).click(),
        ]);
        await download.path();
        const merged = Date.now() - t1;
        const tasks = await page.evaluate(() => window.__longTasks);
        const r = { shown_ms: shown, shown_from_playwright_ms: polled, merged_ms: merged, total_ms: shown + merged, long_tasks: tasks.length, longest_task_ms: tasks.length ? Math.max(...tasks) : 0, peak_rss_delta: peakSince(rss) };
        say(`ARS page, run ${k + 1}: table of files and indicators ${fmtMs(shown)} (${fmtMs(polled)} from Playwright's call), merged directory downloaded ${fmtMs(merged)} more (${fmtMs(r.total_ms)} in all); ${r.long_tasks} long task(s), longest ${fmtMs(r.longest_task_ms)}; renderer peak +${fmtBytes(r.peak_rss_delta)}`);
        runs.push(r);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const med = (key) => median(runs.map((r) => r[key]));
  say(`ARS page medians: shown ${fmtMs(med('shown_ms'))}, + merged ${fmtMs(med('merged_ms'))} = ${fmtMs(med('total_ms'))}; longest main-thread task ${fmtMs(Math.max(...runs.map((r) => r.longest_task_ms)))}; renderer peak +${fmtBytes(med('peak_rss_delta'))}; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  fs.writeFileSync(path.join(OUT, 'ars-page.json'), JSON.stringify({ files: ARS_FILES, rows: ARS_ROWS, bytes, runs, load: os.loadavg() }, null, 2));
  say('wrote bench-output/ars-page.json');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  fs.mkdirSync(OUT, { recursive: true });
  if (opts.arsPage) {
    await arsPageBench(opts);
    return;
  }
  if (opts.compare) {
    await compareBench(opts);
    return;
  }
  if (opts.markdownOnly) {
    const saved = JSON.parse(fs.readFileSync(path.join(OUT, 'results.json'), 'utf8'));
    fs.writeFileSync(opts.out, markdown(saved, saved.options ?? opts));
    say(`wrote ${path.relative(root, opts.out)} from bench-output/results.json`);
    return;
  }
  const results = {
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    load_start: os.loadavg(),
    options: opts,
  };
  if (opts.build || ![CLI, GEN, STAGES].every((f) => fs.existsSync(f))) buildNative();
  const files = generate(opts.sizes);
  if (opts.browser) {
    buildPage(opts);
    results.site = assembleSite(files);
    results.playwright = JSON.parse(fs.readFileSync(require.resolve('playwright-core/package.json'), 'utf8')).version;
    const server = await serve();
    const base = `http://127.0.0.1:${server.address().port}`;
    try {
      results.browser = await browserBench(opts, base);
    } finally {
      server.close();
    }
  }
  results.transfer = transfer();
  if (opts.native) results.native = nativeBench(opts, files);
  results.load_end = os.loadavg();
  results.machine = machine();
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2));
  fs.writeFileSync(opts.out, markdown(results, opts));
  say(`wrote ${path.relative(root, opts.out)} and bench-output/results.json`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});
