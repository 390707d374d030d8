// The bench page's side of `npm run bench` (scripts/bench.mjs drives it through Playwright).
// It loads our wasm package exactly as the page's worker does (the same pkg/ files copied from
// dist/) and SheetJS (loaded by this page only), fetches a generated directory file, and runs
// ONE measured operation per page load, so that the peak memory the driver reads from
// /proc/<renderer>/status belongs to that operation alone.

import init, { Session } from './pkg/annuaire_cpts.js';

const log = (line) => {
  document.getElementById('log').textContent += `${line}\n`;
};

let wasm = null;
let bytes = null;

/** Instantiates the wasm module and fetches the file; the driver then resets the peak RSS. */
window.benchPrepare = async (file) => {
  wasm = await init();
  const response = await fetch(file);
  bytes = new Uint8Array(await response.arrayBuffer());
  log(`prêt : ${file}, ${bytes.length} octets`);
  return { bytes: bytes.length, wasmMemory: wasm.memory.buffer.byteLength };
};

const heap = () => (performance.memory ? performance.memory.usedJSHeapSize : null);

/**
 * Our whole pipeline as the page runs it: read the file (Session.open), check it (the report
 * and records the page draws), then fix and write the corrected workbook (Session.write).
 */
function ours(options) {
  const t0 = performance.now();
  const session = Session.open(bytes, 'Annuaire_CPTS_Bench_2026.xlsx', null);
  const t1 = performance.now();
  const view = session.check(options);
  const t2 = performance.now();
  const written = session.write(options);
  const t3 = performance.now();
  const summary = view.report.summary;
  const out = written.bytes;
  session.free();
  return {
    ms: t3 - t0,
    open_ms: t1 - t0,
    check_ms: t2 - t1,
    write_ms: t3 - t2,
    rows_read: view.report.rows_read,
    rows_kept: view.report.rows_kept,
    issues: view.report.issues.length,
    summary,
    output_bytes: out.length,
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
