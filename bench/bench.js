// The bench page's side of `npm run bench` (scripts/bench.mjs drives it through Playwright).
// It loads our wasm package exactly as the page's worker does (the same pkg/ files copied from
// dist/) and SheetJS (loaded by this page only), fetches a generated directory file, and runs
// ONE measured operation per page load, so that the peak memory the driver reads from
// /proc/<renderer>/status belongs to that operation alone.

import init, { Session, compare, warm_up } from './pkg/annuaire_cpts.js';

const log = (line) => {
  document.getElementById('log').textContent += `${line}\n`;
};

let wasm = null;
let bytes = null;

/** Instantiates the wasm module and fetches the file; the driver then resets the peak RSS. */
// As www/worker.js does (WARM_UP_MS) once the page is ready, before any file is dropped.
const WARM_UP_MS = 150;

/**
 * Instantiates the module, then warms it up as the page's worker does after loading, unless
 * `warm` is false (the « without warm-up » column: a file dropped the very moment the page is
 * ready).
 */
window.benchPrepare = async (file, warm = true) => {
  wasm = await init();
  if (warm) log(`mise en route : ${warm_up(WARM_UP_MS)} passages`);
  const response = await fetch(file);
  bytes = new Uint8Array(await response.arrayBuffer());
  log(`prêt : ${file}, ${bytes.length} octets`);
  return { bytes: bytes.length, wasmMemory: wasm.memory.buffer.byteLength };
};

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const heap = () => (performance.memory ? performance.memory.usedJSHeapSize : null);

/** What crossing from the worker to the page costs: the structured clone of postMessage. */
const hop = (value) => structuredClone(value);

// The rows the page's table asks for at a time (www/grid.js, BLOCK).
const WINDOW = 120;

/**
 * Our whole pipeline as the page runs it: read and check the file (Session.open), what the page
 * then draws (the head and the first window of rows, with their hop from the worker), then fix
 * and write the corrected workbook (Session.write, one Blob of its parts, and the hop). Then one
 * edit as the coordinator makes it: the edit (the row checked again, the head), and the window
 * of rows drawn again.
 */
function ours(options) {
  const t0 = performance.now();
  const session = Session.open(bytes, 'Annuaire_CPTS_Bench_2026.xlsx', null);
  const t1 = performance.now();
  const head = hop(session.head(options));
  const window = hop(session.rows(null, 0, WINDOW));
  const t2 = performance.now();
  const written = session.write(options);
  // As www/worker.js does: one Blob of the parts, posted to the page.
  const blob = new Blob(written.parts, { type: XLSX_TYPE });
  const out = hop({ name: written.name, blob });
  const t3 = performance.now();
  // An edit in the middle of the file, Enter to the window drawn again.
  const middle = Math.floor(head.report.rows_read / 2);
  const around = hop(session.rows(null, middle, WINDOW));
  const target = around.rows[0]?.row ?? 2;
  const t4 = performance.now();
  const changed = hop(session.edit(target, 'nom', 'DUPONT', options));
  const redrawn = hop(session.rows(null, middle, WINDOW));
  const t5 = performance.now();
  session.free();
  window.keep = { head, window, changed, redrawn }; // what the page keeps: the heap figure counts it
  const { report } = head;
  return {
    ms: t3 - t0,
    open_ms: t1 - t0,
    check_ms: t2 - t1,
    write_ms: t3 - t2,
    edit_ms: t5 - t4,
    rows_read: report.rows_read,
    rows_kept: report.rows_kept,
    issues: report.summary.error + report.summary.warning + report.summary.notice,
    summary: report.summary,
    output_bytes: out.blob.size,
  };
}

/** SheetJS merely reading the same bytes, with its default options. */
function sheetjs() {
  const t0 = performance.now();
  const workbook = XLSX.read(bytes, { type: 'array' });
  const t1 = performance.now();
  const sheet = workbook.Sheets[workbook.SheetNames[0]];
  const range = XLSX.utils.decode_range(sheet['!ref']);
  window.keep = workbook; // keep it alive so the heap figure counts it
  return { ms: t1 - t0, rows: range.e.r + 1 };
}

/** Runs one operation; returns its timings and memory figures. */
window.benchRun = (tool, options) => {
  const heapBefore = heap();
  const result = tool === 'ours' ? ours(options) : sheetjs();
  result.js_heap_after = heap();
  result.js_heap_before = heapBefore;
  result.wasm_memory = wasm.memory.buffer.byteLength;
  log(`${tool} : ${result.ms.toFixed(1)} ms`);
  return result;
};

/**
 * The year-over-year comparison as the page's worker runs it (`npm run bench -- --compare`):
 * both generated files fetched first, then ONE `compare` call (read + check both, compare,
 * write « Évolutions »), with the module's own split of its time.
 */
window.benchCompare = async (lastFile, thisFile) => {
  wasm = await init();
  log(`mise en route : ${warm_up(WARM_UP_MS)} passages`);
  const fetchBytes = async (f) => new Uint8Array(await (await fetch(f)).arrayBuffer());
  const [last, current] = await Promise.all([fetchBytes(lastFile), fetchBytes(thisFile)]);
  const t0 = performance.now();
  const result = compare(last, 'last.xlsx', current, 'this.xlsx', null);
  const blob = new Blob(result.parts, { type: XLSX_TYPE });
  const ms = performance.now() - t0;
  const c = result.comparison;
  log(`compare : ${ms.toFixed(1)} ms`);
  return {
    ms,
    ...result.timings,
    joined: c.joined.length,
    left: c.left.length,
    changed: c.changed.length,
    unchanged: c.unchanged,
    ambiguous: c.ambiguous.length,
    objecting: c.objecting,
    evolutions_bytes: blob.size,
    wasm_memory: wasm.memory.buffer.byteLength,
  };
};
