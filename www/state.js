// The page's one state store. The checked directory itself lives in the worker (src/wasm.rs,
// `Session`); the page keeps only what it shows: the head of the check (counts, fields, file
// findings), the filter, the rows of the visible window, and the cell the coordinator is on.
//
//   import { state, on, emit } from './state.js';
//   on('changed', () => …);   // 'opened' (a new file), 'changed' (an edit, a refusal, an undo),
//                             // 'filtered' (another filter), 'closed' (no file any more)
//   emit('changed');

export const state = {
  /** The File being checked, or null. */
  file: null,
  /** What the worker's `head` returns: {report, fields, sheet, sheets, file_findings, counts, can_undo}. */
  head: null,
  /** Which rows the table shows: {show: 'all' | 'kept' | 'error' | 'warning' | 'fixed' | 'removed', column: field id | null}. */
  filter: { show: 'all', column: null },
  /** Rows of the filter fetched from the worker, by index among the filter's rows; `total` of
   * them, `known` once the worker has answered for this window. */
  window: { total: 0, known: false, rows: new Map() },
  /** {row, field} of the focused cell ('' is the row's own cell), or null. */
  cursor: null,
  /** A cell is being edited. */
  editing: false,
  /** Table Schema JSON text replacing the default schema (picked, or from config.json), or null. */
  schema: null,
};

const listeners = new Map();

/** Calls `listener` after every `emit(event)`. */
export function on(event, listener) {
  if (!listeners.has(event)) listeners.set(event, []);
  listeners.get(event).push(listener);
}

/** Tells every listener of `event`, in the order they were added. */
export function emit(event, detail) {
  for (const listener of listeners.get(event) ?? []) listener(detail);
}

/** Forgets the fetched rows (after any change in the worker, or another filter). */
export function dropWindow(total = state.window.total) {
  state.window = { total, known: false, rows: new Map() };
}

/** Takes in what an edit, a refusal or an undo answered ({change: {row, field, rows}, head}). */
export function applyChange(result) {
  if (!result) return null;
  state.head = result.head;
  dropWindow();
  emit('changed', result.change);
  return result.change;
}
