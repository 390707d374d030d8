// The table of rows: virtualised (only the rows in view, plus a margin, are in the DOM, and only
// those are asked of the worker), moved through with the arrow keys, edited in place (Enter or
// F2, Escape to cancel), and undone.
import { names } from './naming.js';
import { applyChange, dropWindow, emit, on, state } from './state.js';
import { bridge, ERROR, failed, REMOVED, setStatus, SEVERITY, ui, WARNING } from './ui.js';

const ROW_HEIGHT = 40; // px, as in style.css (.grid td): the table is virtualised on it.
const OVERSCAN = 10;
// Rows asked of the worker at a time: a screenful and a good margin each way, so that scrolling
// asks again only every few screens.
const BLOCK = 120;
// Fetched rows the page keeps at most.
const KEEP = 2000;

/** The fetched row of spreadsheet row `row`, if it is in the window. */
export function cachedRow(row) {
  for (const item of state.window.rows.values()) if (item.row === row) return item;
  return null;
}

/** The index among the filter's rows of spreadsheet row `row`, or -1. */
async function indexOf(row) {
  for (const [i, item] of state.window.rows) if (item.row === row) return i;
  return bridge.call('locate', { filter: state.filter, row });
}

/** Fetches the rows [from, to) of the filter that the window lacks. */
async function ensure(from, to) {
  const { window } = state;
  // Until the worker has answered once for this window, its total is not known.
  const end = window.known ? Math.min(to, window.total) : to;
  let missing = -1;
  for (let i = from; i < end; i += 1) {
    if (!window.rows.has(i)) {
      missing = i;
      break;
    }
  }
  if (missing < 0 && window.known) return;
  const start = Math.max(0, (missing < 0 ? from : missing) - OVERSCAN);
  const answer = await bridge.call('rows', { filter: state.filter, from: start, count: Math.max(BLOCK, to - start) });
  // A change or another filter since: this answer is about rows that are no longer shown.
  if (window !== state.window) return;
  window.total = answer.total;
  window.known = true;
  // Scrolling through a long file keeps only the rows around the view.
  if (window.rows.size > KEEP) {
    for (const i of window.rows.keys()) if (Math.abs(i - start) > KEEP / 2) window.rows.delete(i);
  }
  answer.rows.forEach((item, k) => window.rows.set(answer.from + k, item));
}

function visibleRange() {
  const height = ui.grid.clientHeight || 600;
  const first = Math.max(0, Math.floor(ui.grid.scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.ceil((ui.grid.scrollTop + height) / ROW_HEIGHT) + OVERSCAN;
  return [first, last];
}

/** Draws the rows in view, asking the worker for those it does not have yet. `changed`: the
 * spreadsheet rows an edit changed; when the rows shown are the same ones, only those are
 * drawn again (an edit is then one row's redraw, not the window's). */
export async function renderRows(changed = null) {
  if (!state.head) return;
  const [first, wanted] = visibleRange();
  const drawn = shownRows();
  try {
    await ensure(first, wanted);
  } catch (e) {
    failed(e);
    return;
  }
  if (!state.head) return;
  if (changed && sameRows(drawn, first, wanted)) patch(new Set(changed), first);
  else draw();
}

/** The spreadsheet rows drawn now, in order. */
function shownRows() {
  return [...ui.tbody.querySelectorAll('tr[data-row]')].map((tr) => Number(tr.dataset.row));
}

/** Whether the window's rows from `first` are the rows `drawn`, in the same places. */
function sameRows(drawn, first, wanted) {
  const last = Math.min(state.window.total, wanted);
  if (drawn.length !== last - first) return false;
  return drawn.every((row, k) => state.window.rows.get(first + k)?.row === row);
}

/** Draws again only the rows in `changed`, in place. */
function patch(changed, first) {
  const focused = state.cursor && ui.tbody.contains(document.activeElement);
  // The edited cell's input leaves before its row is replaced: a blur during the replacement
  // would run its handler in the middle of it.
  if (document.activeElement instanceof HTMLInputElement && ui.tbody.contains(document.activeElement)) {
    document.activeElement.blur();
  }
  const trs = [...ui.tbody.querySelectorAll('tr[data-row]')];
  for (const [k, tr] of trs.entries()) {
    const item = state.window.rows.get(first + k);
    if (!item || !changed.has(item.row)) continue;
    if (tr.parentNode !== ui.tbody) {
      // Drawn again meanwhile: draw the whole window from what is there now.
      draw();
      return;
    }
    tr.replaceWith(renderRow(item, first + k));
  }
  rovingTabStop();
  if (focused) focusDrawn(state.cursor.row, state.cursor.field, false);
  emit('drawn');
}

function draw() {
  const total = state.window.total;
  const [first, wanted] = visibleRange();
  const last = Math.min(total, wanted);
  const columns = state.head.fields.length + 1;
  ui.table.setAttribute('aria-rowcount', String(total + 1));
  const spacer = (rows) => {
    const tr = document.createElement('tr');
    tr.className = 'spacer';
    tr.setAttribute('aria-hidden', 'true');
    const td = document.createElement('td');
    td.colSpan = columns;
    td.style.height = `${rows * ROW_HEIGHT}px`;
    tr.append(td);
    return tr;
  };
  const body = [];
  if (first > 0) body.push(spacer(Math.min(first, total)));
  for (let i = first; i < last; i += 1) {
    const item = state.window.rows.get(i);
    body.push(item ? renderRow(item, i) : spacer(1));
  }
  if (last < total) body.push(spacer(total - last));
  if (!total) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = columns;
    td.className = 'empty';
    td.textContent = state.filter.show === 'all' ? 'Aucune ligne de données.' : 'Aucune ligne ne correspond à ce filtre.';
    tr.append(td);
    body.push(tr);
  }
  const focused = state.cursor && ui.tbody.contains(document.activeElement);
  ui.tbody.replaceChildren(...body);
  rovingTabStop();
  if (focused) focusDrawn(state.cursor.row, state.cursor.field, false);
  emit('drawn');
}

/** The table is one stop of the Tab key (the last focused cell, else the first one): the arrow
 * keys move inside it, so that Tab reaches what follows without crossing every cell. */
function rovingTabStop() {
  const cells = ui.tbody.querySelectorAll('td[data-field], th[data-field]');
  let stop = null;
  for (const cell of cells) {
    cell.tabIndex = -1;
    if (state.cursor && cell.dataset.field === state.cursor.field
      && Number(cell.parentElement.dataset.row) === state.cursor.row) stop = cell;
  }
  stop ??= ui.tbody.querySelector('td[data-field]');
  if (stop) stop.tabIndex = 0;
}

/** The findings of one cell of a fetched row. */
export function cellFindings(item, field) {
  return item.findings.filter((f) => f.column === field);
}

function renderRow(item, i) {
  const tr = document.createElement('tr');
  tr.setAttribute('aria-rowindex', String(i + 2));
  tr.dataset.row = String(item.row);
  if (item.marks & ERROR) tr.classList.add('error');
  else if (item.marks & WARNING) tr.classList.add('warning');
  if (item.removed) tr.classList.add('removed');
  const head = document.createElement('th');
  head.scope = 'row';
  head.dataset.field = '';
  head.textContent = String(item.row);
  const rowFindings = item.findings.filter((f) => f.column == null);
  if (item.removed || rowFindings.length) {
    const note = document.createElement('span');
    note.className = 'row-note';
    const worst = rowFindings.find((f) => f.severity === 'error') ?? rowFindings.find((f) => f.severity === 'warning');
    if (worst) {
      note.textContent = ` ${SEVERITY[worst.severity].icon}`;
      note.setAttribute('aria-label', SEVERITY[worst.severity].label);
    } else note.textContent = ` (${REMOVED[item.removed] ?? 'retirée'})`;
    head.append(note);
    head.title = [item.removed ? REMOVED[item.removed] : null, ...rowFindings.map((f) => f.message)].filter(Boolean).join('\n');
  }
  tr.append(head);
  state.head.fields.forEach((field, j) => tr.append(renderCell(item, field, j)));
  return tr;
}

function renderCell(item, field, j) {
  const td = document.createElement('td');
  td.tabIndex = -1; // rovingTabStop() gives one cell the Tab stop
  td.dataset.field = field.id;
  const findings = cellFindings(item, field.id);
  const worst = findings.some((f) => f.severity === 'error') ? 'error'
    : findings.some((f) => f.severity === 'warning') ? 'warning' : null;
  const fixed = findings.some((f) => f.code === 'value.fixed');
  const kind = worst ?? (fixed ? 'fixed' : null);
  if (kind) {
    td.classList.add(kind);
    const icon = document.createElement('span');
    icon.className = 'icon';
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = kind === 'fixed' ? '✎' : SEVERITY[kind].icon;
    td.append(icon);
  }
  const text = document.createElement('span');
  text.className = 'value';
  text.textContent = item.values[j] ?? '';
  td.append(text);
  if (findings.length) {
    const sr = document.createElement('span');
    sr.className = 'sr-only';
    sr.textContent = findings.map((f) => ` ${f.code === 'value.fixed' ? 'Corrigé' : SEVERITY[f.severity].label} : ${f.message}`).join('');
    td.append(sr);
    td.title = findings.map((f) => f.message).join('\n');
  }
  return td;
}

function renderHead() {
  const tr = document.createElement('tr');
  tr.setAttribute('aria-rowindex', '1');
  const th = document.createElement('th');
  th.scope = 'col';
  th.textContent = 'Ligne';
  tr.append(th);
  for (const field of state.head.fields) {
    const cell = document.createElement('th');
    cell.scope = 'col';
    cell.textContent = field.title;
    tr.append(cell);
  }
  ui.thead.replaceChildren(tr);
}

function focusDrawn(row, field, scroll) {
  const tr = ui.tbody.querySelector(`tr[data-row="${row}"]`);
  const cell = tr && [...tr.children].find((c) => c.dataset.field === field);
  cell?.focus({ preventScroll: !scroll });
  return Boolean(cell);
}

/** Scrolls to the cell of spreadsheet row `row` and field `field` among the rows shown and
 * focuses it; `false` when the filter does not show that row. */
export async function focusCell(row, field, { scroll = true } = {}) {
  const i = await indexOf(row);
  if (i < 0) return false;
  state.cursor = { row, field };
  if (scroll) {
    const top = i * ROW_HEIGHT;
    const view = ui.grid.clientHeight - ROW_HEIGHT * 2;
    if (top < ui.grid.scrollTop || top > ui.grid.scrollTop + view) ui.grid.scrollTop = Math.max(0, top - ROW_HEIGHT * 2);
  }
  await renderRows();
  focusDrawn(row, field, scroll);
  return true;
}

/** Shows the rows of another filter, from the top. */
export function setFilter(filter) {
  state.filter = filter;
  ui.grid.scrollTop = 0;
  dropWindow(0);
  emit('filtered');
  renderRows();
}

// ---------- editing ----------

function startEdit(td) {
  const row = Number(td.parentElement.dataset.row);
  const fieldId = td.dataset.field;
  const j = state.head.fields.findIndex((f) => f.id === fieldId);
  const item = cachedRow(row);
  if (!item || j < 0) return;
  const shown = item.values[j] ?? '';
  state.editing = true;
  const input = document.createElement('input');
  input.type = 'text';
  input.className = 'cell-input';
  input.value = shown;
  input.setAttribute('aria-label', `${state.head.fields[j].title}, ligne ${row}`);
  td.replaceChildren(input);
  input.focus();
  input.select();
  let done = false;
  const finish = async (commit) => {
    if (done) return;
    done = true;
    state.editing = false;
    const { value } = input;
    if (commit && value !== shown) await editCell(row, fieldId, value);
    else draw();
    focusCell(row, fieldId);
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      finish(true);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      finish(false);
    }
  });
  input.addEventListener('blur', () => finish(true));
}

async function editCell(row, field, value) {
  try {
    const change = applyChange(await bridge.call('edit', { row, field, value, names: names() }));
    if (change) setStatus(`Ligne ${row} vérifiée à nouveau.`);
  } catch (e) {
    failed(e);
  }
}

async function undo() {
  if (!state.head?.can_undo) return;
  try {
    const change = applyChange(await bridge.call('undo', { names: names() }));
    if (!change) return;
    setStatus(`Modification de la ligne ${change.row} annulée.`);
    await focusCell(change.row, change.field);
  } catch (e) {
    failed(e);
  }
}

async function nextError() {
  const { cursor } = state;
  try {
    const next = await bridge.call('nextError', { filter: state.filter, row: cursor?.row ?? 0, field: cursor?.field ?? '' });
    if (!next) {
      setStatus('Aucune erreur dans les lignes affichées.');
      return;
    }
    await focusCell(next.row, next.field);
  } catch (e) {
    failed(e);
  }
}

async function move(cell, [down, right]) {
  const row = Number(cell.parentElement.dataset.row);
  const i = await indexOf(row);
  // '' is the row number's cell, where a row's own findings (duplicate, removal) are shown.
  const fields = ['', ...state.head.fields.map((f) => f.id)];
  const j = fields.indexOf(cell.dataset.field);
  const target = Math.min(state.window.total - 1, Math.max(0, i + down));
  const field = fields[Math.min(fields.length - 1, Math.max(0, j + right))];
  await ensure(target, target + 1);
  const item = state.window.rows.get(target);
  if (item && field !== undefined) await focusCell(item.row, field);
}

export function startGrid() {
  // Only a vertical scroll changes the rows in view.
  let top = ui.grid.scrollTop;
  ui.grid.addEventListener('scroll', () => {
    if (ui.grid.scrollTop === top) return;
    top = ui.grid.scrollTop;
    if (!state.editing) requestAnimationFrame(() => renderRows());
  });
  // The grid's height follows its content up to its maximum: the first draw of a file is made
  // while the grid is as short as its header, and covers only the rows that fit there. Drawn
  // again as soon as it grows (or the window changes), not at the first scroll or click.
  let height = ui.grid.clientHeight;
  new ResizeObserver(() => {
    if (ui.grid.clientHeight === height) return;
    height = ui.grid.clientHeight;
    if (state.head && !state.editing) renderRows();
  }).observe(ui.grid);

  ui.tbody.addEventListener('focusin', (e) => {
    const cell = e.target.closest('td[data-field], th[data-field]');
    if (!cell || state.editing) return;
    state.cursor = { row: Number(cell.parentElement.dataset.row), field: cell.dataset.field };
    rovingTabStop();
    emit('cursor', state.cursor);
  });
  ui.tbody.addEventListener('mouseover', (e) => {
    const cell = e.target.closest('td[data-field]');
    if (cell && !state.editing) emit('hover', { row: Number(cell.parentElement.dataset.row), field: cell.dataset.field });
  });
  // Hovering shows a cell's remarks for a moment; leaving the table gives back those of the
  // selected cell, so that the mouse can reach its « refuse this fix » box above the table.
  ui.tbody.addEventListener('mouseleave', () => {
    if (state.cursor && !state.editing) emit('hover', state.cursor);
  });
  ui.tbody.addEventListener('dblclick', (e) => {
    const cell = e.target.closest('td[data-field]');
    if (cell) startEdit(cell);
  });
  ui.tbody.addEventListener('keydown', (e) => {
    const cell = e.target.closest('td[data-field], th[data-field]');
    if (!cell || state.editing) return;
    if ((e.key === 'Enter' || e.key === 'F2') && cell.tagName === 'TD') {
      e.preventDefault();
      startEdit(cell);
      return;
    }
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const step = moves[e.key];
    if (!step) return;
    e.preventDefault();
    move(cell, step);
  });

  ui.nextError.addEventListener('click', nextError);
  ui.undo.addEventListener('click', undo);
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'z' && !state.editing && !(e.target instanceof HTMLInputElement)) {
      e.preventDefault();
      undo();
    }
  });

  on('opened', () => {
    renderHead();
    ui.grid.scrollTop = 0;
    renderRows();
  });
  on('changed', (change) => renderRows(change?.rows ?? null));
}
