// The only importer of the wasm package. Holds the opened file (a Session) between the page's
// calls, so that editing a cell checks again without reading the file again.
// Protocol: {id, type, args} in; {id, progress} and then {id, ok, result | error, fatal} out.
import init, { Session, compare, file_name, parse_file_name, template, warm_up } from './pkg/annuaire_cpts.js';
import { buffersOf } from './view.js';

let ready = null;
let session = null;

// How long the worker warms the module up once the page is ready (see `warm_up` in
// src/wasm.rs): a first file of 1,000 rows then takes ~100 ms instead of ~250 ms. A file dropped
// meanwhile waits at most this long.
const WARM_UP_MS = 150;
let warmed = false;

function warm() {
  if (warmed) return;
  warmed = true;
  try {
    warm_up(WARM_UP_MS);
  } catch (e) {
    // Only ever a bug: the coordinator's file will show it with its own message.
    console.error(e);
  }
}

const handlers = {
  // After the answer: the page must not wait for the warm-up to say it is ready.
  ready: () => {
    setTimeout(warm, 0);
    return null;
  },

  async open(id, { file, sheet, schema, options }) {
    progress(id, 'read');
    const bytes = new Uint8Array(await file.arrayBuffer());
    session?.free();
    session = null;
    session = Session.open(bytes, file.name, { sheet: sheet ?? null, schema: schema ?? null });
    progress(id, 'check');
    return view(session.check(options));
  },

  check: (id, { options }) => view(current().check(options)),

  edit(id, { row, field, value, options }) {
    const s = current();
    s.set_cell(row, field, value);
    return view(s.check(options));
  },

  // `view` is null when the workbook was written from the last check, which the page has.
  write(id, { options }) {
    const written = current().write(options);
    const blob = workbook(written.parts);
    const buffers = written.view ? buffersOf(written.view) : [];
    return transfer({ name: written.name, view: written.view, blob }, buffers);
  },

  template: () => workbook(template()),

  // This year's file against last year's (www/compare.js); the open Session is not touched.
  async compare(id, { last, file, sheet, schema }) {
    const [a, b] = await Promise.all([last.arrayBuffer(), file.arrayBuffer()]);
    const result = compare(new Uint8Array(a), last.name, new Uint8Array(b), file.name,
      { schema: schema ?? null, sheet: sheet ?? null });
    const { comparison, counts, items, name } = result;
    return { comparison, counts, items, name, blob: workbook(result.parts) };
  },

  fileName: (id, { cpts, year }) => file_name(cpts, year),
  parseFileName: (id, { name }) => parse_file_name(name),
};

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// A workbook leaves the module as 1 MiB parts, each freed there once copied (src/wasm.rs): one
// Blob of them is the file, and a Blob posts to the page without copying its bytes.
const workbook = (parts) => new Blob(parts, { type: XLSX_TYPE });

function current() {
  if (!session) throw new Error('Aucun fichier ouvert : déposez le fichier de l\'annuaire.');
  return session;
}

function progress(id, stage) {
  self.postMessage({ id, progress: stage });
}

class Transfer {
  constructor(value, list) {
    this.value = value;
    this.list = list;
  }
}
const transfer = (value, list) => new Transfer(value, list);
// A check's view is a few strings and typed arrays (src/wasm.rs): its buffers move to the page
// instead of being copied.
const view = (raw) => transfer(raw, buffersOf(raw));

self.onmessage = async ({ data: { id, type, args } }) => {
  try {
    ready ??= init();
    await ready;
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown call ${type}`);
    const result = await handler(id, args ?? {});
    if (result instanceof Transfer) self.postMessage({ id, ok: true, result: result.value }, result.list);
    else self.postMessage({ id, ok: true, result });
  } catch (e) {
    // A trap (a bug, never a user error) leaves the wasm instance unusable: the bridge then
    // replaces this worker.
    const fatal = e instanceof WebAssembly.RuntimeError;
    if (fatal) session = null;
    self.postMessage({ id, ok: false, fatal, error: e?.message ?? String(e) });
  }
};
