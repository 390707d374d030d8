// The only importer of the wasm package. Holds the opened file (a Session) between the page's
// calls: the checked directory lives here, and the page asks only for what it draws.
//
// Envelope: {id, type, args} in; {id, progress} (zero or more) and then {id, ok, result} or
// {id, ok: false, error, fatal} out. `names` = {cpts, year} (they name the corrected file);
// `filter` = {show: 'all' | 'kept' | 'error' | 'warning' | 'fixed' | 'removed', column: field
// id | null}; `head` = {report, fields, sheet, sheets, file_findings, counts, can_undo}.
//
// | type          | args                          | result                                   |
// |---------------|-------------------------------|------------------------------------------|
// | ready         |                               | null (the module is loaded)              |
// | open          | file, sheet, schema, names    | head (progress: 'read', then 'check')    |
// | head          | names                         | head                                     |
// | rows          | filter, from, count           | {total, from, rows: [{row, removed, marks, values, findings, refused}]} |
// | locate        | filter, row                   | index among the filter's rows, or -1     |
// | findings      | row                           | the row as `rows` gives it, or null      |
// | list          | name ('fixes'/'issues'), from, count | {total, first_refused, items: [finding]} |
// | nextError     | filter, row, field            | {row, field} | null                      |
// | edit          | row, field, value, names      | {change: {row, field, rows}, head} | null |
// | refuse        | row, field, refused, names    | as edit                                  |
// | undo          | names                         | as edit                                  |
// | write         | names                         | {blob, name}                             |
// | report        | names                         | the §9 report, JSON text                 |
// | template      |                               | Blob (the blank template)                |
// | fileName      | cpts, year                    | the ARS file name                        |
// | parseFileName | name                          | {cpts, year} | null                      |
// | compare       | last (last year's File)       | {comparison, counts, items, name, blob}  |
//   (www/compare.js: the open directory as it stands, edits included, against last year's)
// | indicators    | names                         | {indicators, name, blob} of the open file |
// | batchStart    | schema                        | null (an empty batch: www/batch.js)      |
// | batchAdd      | file                          | the file's line of the table of files    |
// | batchUnreadable | name, message               | a line for a file that could not be read |
// | batchMark     | listing                       | the members two CPTS list marked after the files `listing` names (bytes; empty: none); the listing with these files (bytes) |
// | batchKept     |                               | how many members this worker's files keep |
// | batchRows     | sheet, first, keep            | this worker's rows of the merged 'annuaire' or 'controle' from row `first`: kept here (keep: their lines of « Contrôle ») or as bytes |
// | batchHandOver |                               | this worker's files, as bytes for another's batchTakeOver |
// | batchTakeOver | bytes                         | null (the files another worker checked, after these) |
// | batchAddRows  | bytes                         | rows another worker wrote, after these: their lines of « Contrôle » |
// | batchFinish   |                               | {year, files, read, has_errors, merged_name, indicators_name, indicators} |
// | batchMerged   |                               | {blob, name} (Annuaire_CPTS_Occitanie_AAAA.xlsx) |
// | batchIndicators |                             | {blob, name} (Indicateurs_CPTS_Occitanie_AAAA.xlsx) |
//   (the batch is kept beside the open file: « Ouvrir » opens one of its files without losing it)
//
// A finding is {code, severity, row, column, value, fixed, message}; `marks` are
// bits: 1 error, 2 warning, 4 automatic fix, 8 other notice (src/session.rs, `Marks`).
import init, { Batch, Session, file_name, parse_file_name, template, warm_up } from './pkg/annuaire_cpts.js';
import { embedded } from './embedded.js';

let ready = null;
let session = null;
let batch = null;

// How long the worker warms the module up once the page is ready (see `warm_up` in
// src/wasm.rs). A file dropped meanwhile waits at most this long.
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

  async open(id, { file, sheet, schema, names }) {
    progress(id, 'read');
    const bytes = new Uint8Array(await file.arrayBuffer());
    session?.free();
    session = null;
    session = Session.open(bytes, file.name, { sheet: sheet ?? null, schema: schema ?? null });
    progress(id, 'check');
    return session.head(names);
  },

  head: (id, { names }) => current().head(names),
  rows: (id, { filter, from, count }) => current().rows(filter, from, count),
  locate: (id, { filter, row }) => current().locate(filter, row),
  findings: (id, { row }) => current().findings(row),
  list: (id, { name, from, count }) => current().list(name, from, count),
  nextError: (id, { filter, row, field }) => current().next_error(filter, row ?? 0, field ?? ''),
  edit: (id, { row, field, value, names }) => current().edit(row, field, value, names),
  refuse: (id, { row, field, refused, names }) => current().refuse(row, field, refused, names),
  undo: (id, { names }) => current().undo(names),

  write(id, { names }) {
    const written = current().write(names);
    return { name: written.name, blob: workbook(written.parts) };
  },

  report: (id, { names }) => current().report_json(names),
  template: () => workbook(template()),

  // The open directory as it stands against last year's file (www/compare.js): this year's
  // is not read again, and the comparison sees the coordinator's edits.
  async compare(id, { last }) {
    const bytes = new Uint8Array(await last.arrayBuffer());
    const result = current().compare_last(bytes, last.name);
    const { comparison, counts, items, name } = result;
    return { comparison, counts, items, name, blob: workbook(result.parts) };
  },

  indicators(id, { names }) {
    const result = current().indicators(names);
    return { indicators: result.indicators, name: result.name, blob: workbook(result.parts) };
  },

  batchStart(id, { schema }) {
    batch?.free();
    batch = null;
    batch = new Batch({ schema: schema ?? null });
    return null;
  },
  async batchAdd(id, { file }) {
    let bytes;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      return currentBatch().add_unreadable(file.name, 'Le navigateur n\'a pas pu lire ce fichier (déplacé, supprimé ou inaccessible ?).');
    }
    return currentBatch().add(bytes, file.name);
  },
  batchUnreadable: (id, { name, message }) => currentBatch().add_unreadable(name, message),
  batchMark: (id, { listing }) => currentBatch().mark(listing),
  batchKept: () => currentBatch().kept(),
  batchRows(id, { sheet, first, keep }) {
    const rows = sheet === 'annuaire' ? currentBatch().annuaire_rows(first) : currentBatch().controle_rows(first);
    return keep ? currentBatch().add_rows(rows) : rows;
  },
  batchHandOver: () => currentBatch().hand_over(),
  batchTakeOver: (id, { bytes }) => currentBatch().take_over(bytes),
  batchAddRows: (id, { bytes }) => currentBatch().add_rows(bytes),
  batchFinish: () => currentBatch().finish(),
  batchMerged() {
    const written = currentBatch().write_merged();
    return { name: written.name, blob: workbook(written.parts) };
  },
  batchIndicators() {
    const written = currentBatch().write_indicators();
    return { name: written.name, blob: workbook(written.parts) };
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

function currentBatch() {
  if (!batch) throw new Error('Aucun lot de fichiers : déposez à nouveau les fichiers des CPTS.');
  return batch;
}

function progress(id, stage) {
  self.postMessage({ id, progress: stage });
}

self.onmessage = async ({ data: { id, type, args } }) => {
  try {
    // The one-file page carries the module inside it (embedded.js); the hosted one fetches it.
    ready ??= init(embedded?.wasm ? { module_or_path: embedded.wasm() } : undefined);
    await ready;
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown call ${type}`);
    const result = await handler(id, args ?? {});
    self.postMessage({ id, ok: true, result });
  } catch (e) {
    // A trap (a bug, never a user error) leaves the wasm instance unusable: the bridge then
    // replaces this worker.
    const fatal = e instanceof WebAssembly.RuntimeError;
    if (fatal) {
      session = null;
      batch = null;
    }
    self.postMessage({ id, ok: false, fatal, error: e?.message ?? String(e) });
  }
};
