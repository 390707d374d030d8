// The page: drop a file, see its rows and findings, fix cells, download the corrected file.
// Every value from the file is shown with textContent, never as HTML. Nothing is stored
// (no localStorage, IndexedDB, cookie) and nothing is sent: the work happens in the worker.
import { Bridge, Cancelled, Crashed } from './bridge.js';
import { CheckView, ERROR, FIXED, WARNING } from './view.js';
import { initCompare } from './compare.js';

const $ = (id) => document.getElementById(id);
const ui = {
  drop: $('drop'), file: $('file'), fileChosen: $('file-chosen'), template: $('template'),
  sheetBox: $('sheet-box'), sheet: $('sheet'), schema: $('schema'), schemaName: $('schema-name'),
  progressBox: $('progress-box'), progressText: $('progress-text'), cancel: $('cancel'),
  status: $('status'), error: $('error'),
  cpts: $('cpts'), year: $('year'), filename: $('filename'),
  results: $('results'), fileFindings: $('file-findings'), summary: $('summary'),
  onlyErrors: $('only-errors'), nextError: $('next-error'), undo: $('undo'),
  detail: $('detail'), grid: $('grid'), table: $('table'),
  thead: document.querySelector('#table thead'), tbody: document.querySelector('#table tbody'),
  fixes: $('fixes'), fixList: $('fix-list'), issues: $('issues'), issueList: $('issue-list'),
  stepDownload: $('step-download'), download: $('download'), downloadWarning: $('download-warning'),
  deposit: $('deposit'), depositName: $('deposit-name'), depositShare: $('deposit-share'),
  depositContact: $('deposit-contact'),
};

const STAGES = { read: 'Lecture du fichier…', check: 'Vérification des lignes…' };
const SEVERITY = {
  error: { label: 'Erreur', icon: '✖' },
  warning: { label: 'Avertissement', icon: '⚠' },
  notice: { label: 'Information', icon: 'ℹ' },
};
const REMOVED = {
  'row.blank': 'ligne vide, retirée',
  'row.example': 'ligne d\'exemple, retirée',
  'row.opposition': 'opposition, retirée',
};
// The lists under the table show so many items at most: a file with 100,000 findings must not
// freeze the page (the table, virtualised, shows them all through the summary's filters).
const LIST_LIMIT = 200;
const ROW_HEIGHT = 40; // px, as in style.css (.grid td): the table is virtualised on it.
const OVERSCAN = 10;

const bridge = new Bridge((stage) => showProgress(STAGES[stage] ?? ''));

const state = {
  file: null, // the File being checked
  view: null, // a CheckView of what Session.check returns
  refused: [], // [{row, column}] fixes the coordinator refused
  undo: [], // [{row, field, previous}]
  filter: 'all', // all | kept | error | warning | fixed | removed
  schema: null, // Table Schema JSON text replacing the default schema (picked, or config.json)
  rows: new Uint32Array(0), // numbers of the records shown (view.row(i)…), after the filter
  cursor: null, // {row, field} of the focused cell
  editing: false,
};

// ---------- file in ----------

ui.file.addEventListener('change', () => {
  const file = ui.file.files?.[0];
  if (file) openFile(file);
});
ui.drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  ui.drop.classList.add('over');
});
ui.drop.addEventListener('dragleave', () => ui.drop.classList.remove('over'));
ui.drop.addEventListener('drop', (e) => {
  e.preventDefault();
  ui.drop.classList.remove('over');
  const file = e.dataTransfer?.files?.[0];
  if (file) openFile(file);
});
// A file dropped beside the zone must not make the browser navigate away from the page.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());

ui.sheet.addEventListener('change', () => state.file && openFile(state.file, ui.sheet.value));
ui.schema.addEventListener('change', async () => {
  const picked = ui.schema.files?.[0];
  if (!picked) return;
  state.schema = await picked.text();
  ui.schemaName.textContent = `Schéma utilisé : ${picked.name}`;
  if (state.file) openFile(state.file);
});

ui.cancel.addEventListener('click', () => {
  bridge.cancel();
  // A fresh worker loads the wasm now, not on the next drop.
  bridge.call('ready').catch((e) => showError(messageOf(e)));
});

async function openFile(file, sheet = null) {
  clearError();
  ui.fileChosen.textContent = `Fichier choisi : ${file.name}`;
  state.file = file;
  state.refused = [];
  state.undo = [];
  refusedFindings.clear();
  ui.undo.disabled = true;
  if (!sheet) await prefillFromName(file.name);
  try {
    showProgress(STAGES.read);
    const view = new CheckView(await bridge.call('open', { file, sheet, schema: state.schema, options: options() }));
    setStatus(`Fichier « ${file.name} » vérifié.`);
    showView(view, { fresh: true });
  } catch (e) {
    closeFile();
    showError(e instanceof Cancelled ? 'Vérification interrompue. Vous pouvez déposer à nouveau le fichier.' : messageOf(e));
  } finally {
    hideProgress();
  }
}

async function prefillFromName(name) {
  try {
    const parsed = await bridge.call('parseFileName', { name });
    if (parsed) {
      ui.cpts.value = parsed.cpts;
      ui.year.value = String(parsed.year);
    }
  } catch {
    // The name is only a hint: a failure here changes nothing.
  }
}

function closeFile() {
  state.file = null;
  state.view = null;
  ui.results.hidden = true;
  ui.stepDownload.hidden = true;
  ui.sheetBox.hidden = true;
  ui.file.value = '';
  ui.fileChosen.textContent = 'Aucun fichier choisi.';
}

// ---------- options, file name ----------

function options() {
  const year = Number.parseInt(ui.year.value, 10);
  return {
    cpts: ui.cpts.value.trim() || null,
    year: Number.isFinite(year) ? year : null,
    refused_fixes: state.refused,
  };
}

ui.year.value = String(new Date().getFullYear());
ui.cpts.addEventListener('input', updateFileName);
ui.year.addEventListener('input', updateFileName);

let nameRequest = 0;
async function updateFileName() {
  const ticket = ++nameRequest;
  const { cpts, year } = options();
  if (!cpts || !year) {
    ui.filename.textContent = 'indiquez le nom de la CPTS et l\'année';
    return;
  }
  try {
    const name = await bridge.call('fileName', { cpts, year });
    if (ticket === nameRequest) ui.filename.textContent = name;
  } catch (e) {
    if (ticket === nameRequest) ui.filename.textContent = '—';
  }
}

// ---------- results ----------

/** 'error', 'warning' or undefined: the worst finding of record `i`. */
function rowSeverity(i) {
  const flags = state.view.flags(i);
  if (flags & ERROR) return 'error';
  return flags & WARNING ? 'warning' : undefined;
}

/** Where the record of spreadsheet row `row` is among the rows shown, or -1. */
function shownAt(row) {
  const i = state.view.indexOf(row);
  const rows = state.rows;
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid] === i) return mid;
    if (rows[mid] < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function showView(view, { fresh = false } = {}) {
  state.view = view;
  ui.results.hidden = false;
  ui.stepDownload.hidden = false;
  ui.deposit.hidden = true;
  renderSheets(view);
  renderFileFindings(view);
  renderSummary(view);
  renderHead(view);
  applyFilter();
  renderFixes(view);
  renderIssues(view);
  renderDownloadWarning(view);
  if (view.report.filename) ui.filename.textContent = view.report.filename;
  if (fresh) {
    ui.grid.scrollTop = 0;
    state.cursor = null;
    const hint = document.createElement('p');
    hint.className = 'help';
    hint.textContent = 'Sélectionnez une cellule du tableau (clic ou flèches du clavier) : ses remarques s\'affichent ici.';
    ui.detail.replaceChildren(hint);
  }
}

function renderSheets(view) {
  ui.sheetBox.hidden = view.sheets.length < 2;
  ui.sheet.replaceChildren(...view.sheets.map((name) => {
    const option = document.createElement('option');
    option.value = name;
    option.textContent = name;
    option.selected = name === view.sheet;
    return option;
  }));
}

function renderFileFindings(view) {
  const findings = view.fileFindings;
  ui.fileFindings.replaceChildren();
  if (!findings.length) return;
  const title = document.createElement('h3');
  title.textContent = 'Remarques sur le fichier';
  const list = document.createElement('ul');
  list.className = 'issue-list';
  for (const f of findings.slice(0, LIST_LIMIT)) list.append(findingItem(f));
  ui.fileFindings.append(title, list);
}

function findingItem(f, where = '') {
  const li = document.createElement('li');
  li.className = `finding ${f.severity}`;
  const icon = document.createElement('span');
  icon.className = 'icon';
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = SEVERITY[f.severity].icon;
  const text = document.createElement('span');
  text.textContent = `${SEVERITY[f.severity].label}${where ? ` — ${where}` : ''} : ${f.message}`;
  li.append(icon, text);
  return li;
}

function renderSummary(view) {
  const { report } = view;
  const fixes = view.select((code) => code === 'value.fixed', 0).count
    + view.fileFindings.filter((f) => f.code === 'value.fixed').length;
  const removed = view.removedCount();
  // Why rows were removed, in words: « 3 lignes retirées (1 vide, 2 opposition) ».
  const reasons = [['row.blank', 'vide'], ['row.example', 'exemple'], ['row.opposition', 'opposition']]
    .map(([code, word]) => [view.removedCount(code), word])
    .filter(([count]) => count > 0)
    .map(([count, word]) => `${count} ${word}`);
  const why = reasons.length ? ` (${reasons.join(', ')})` : '';
  const items = [
    ['all', report.rows_read, 'lignes lues'],
    ['kept', report.rows_kept, report.rows_kept > 1 ? 'lignes conservées' : 'ligne conservée'],
    ['error', report.summary.error, report.summary.error > 1 ? 'erreurs' : 'erreur'],
    ['warning', report.summary.warning, report.summary.warning > 1 ? 'avertissements' : 'avertissement'],
    ['fixed', fixes, fixes > 1 ? 'corrections automatiques' : 'correction automatique'],
    ['removed', removed, `${removed > 1 ? 'lignes retirées' : 'ligne retirée'}${why}`],
  ];
  ui.summary.replaceChildren(...items.map(([filter, count, label]) => {
    const item = document.createElement(filter ? 'button' : 'span');
    item.className = `count ${filter ?? 'kept'}`;
    const number = document.createElement('strong');
    number.textContent = String(count);
    item.append(number, ` ${label}`);
    if (filter) {
      item.type = 'button';
      item.dataset.filter = filter;
      item.setAttribute('aria-pressed', String(state.filter === filter));
      item.addEventListener('click', () => setFilter(filter));
    }
    return item;
  }));
}

function setFilter(filter) {
  state.filter = filter;
  ui.onlyErrors.checked = filter === 'error';
  for (const b of ui.summary.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.filter === filter));
  ui.grid.scrollTop = 0;
  applyFilter();
}

ui.onlyErrors.addEventListener('change', () => setFilter(ui.onlyErrors.checked ? 'error' : 'all'));

function applyFilter() {
  const { view } = state;
  const refusedRows = new Set(state.refused.map((r) => r.row));
  const keep = {
    all: () => true,
    error: (i) => (view.flags(i) & ERROR) !== 0,
    warning: (i) => (view.flags(i) & WARNING) !== 0,
    // A refused fix keeps its row here, where it can be accepted again.
    fixed: (i) => (view.flags(i) & FIXED) !== 0 || refusedRows.has(view.row(i)),
    removed: (i) => view.removed(i) != null,
    kept: (i) => view.removed(i) == null,
  }[state.filter];
  const rows = new Uint32Array(view.length);
  let shown = 0;
  for (let i = 0; i < view.length; i += 1) if (keep(i)) rows[shown++] = i;
  state.rows = rows.subarray(0, shown);
  ui.table.setAttribute('aria-rowcount', String(state.rows.length + 1));
  renderRows();
}

function renderHead(view) {
  const tr = document.createElement('tr');
  tr.setAttribute('aria-rowindex', '1');
  const th = document.createElement('th');
  th.scope = 'col';
  th.textContent = 'Ligne';
  tr.append(th);
  for (const field of view.fields) {
    const cell = document.createElement('th');
    cell.scope = 'col';
    cell.textContent = field.title;
    tr.append(cell);
  }
  ui.thead.replaceChildren(tr);
}

// Only the rows in view (plus a margin) are in the DOM: a file of thousands of rows scrolls
// as fast as a short one.
ui.grid.addEventListener('scroll', () => {
  if (!state.editing) requestAnimationFrame(renderRows);
});
window.addEventListener('resize', () => state.view && renderRows());

function renderRows() {
  if (!state.view) return;
  const total = state.rows.length;
  const height = ui.grid.clientHeight || 600;
  const first = Math.max(0, Math.floor(ui.grid.scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((ui.grid.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const columns = state.view.fields.length + 1;
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
  if (first > 0) body.push(spacer(first));
  for (let i = first; i < last; i += 1) body.push(renderRow(state.rows[i], i));
  if (last < total) body.push(spacer(total - last));
  if (!total) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = columns;
    td.className = 'empty';
    td.textContent = state.filter === 'all' ? 'Aucune ligne de données.' : 'Aucune ligne ne correspond à ce filtre.';
    tr.append(td);
    body.push(tr);
  }
  const focused = state.cursor && ui.tbody.contains(document.activeElement);
  ui.tbody.replaceChildren(...body);
  rovingTabStop();
  if (focused) focusCell(state.cursor.row, state.cursor.field, { scroll: false });
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

function renderRow(r, i) {
  const { view } = state;
  const record = { row: view.row(r), removed: view.removed(r) };
  const tr = document.createElement('tr');
  tr.setAttribute('aria-rowindex', String(i + 2));
  tr.dataset.row = String(record.row);
  const severity = rowSeverity(r);
  if (severity) tr.classList.add(severity);
  if (record.removed) tr.classList.add('removed');
  const head = document.createElement('th');
  head.scope = 'row';
  head.dataset.field = '';
  head.textContent = String(record.row);
  const rowFindings = view.rowFindings(record.row);
  if (record.removed || rowFindings.length) {
    const note = document.createElement('span');
    note.className = 'row-note';
    const worst = rowFindings.find((f) => f.severity === 'error') ?? rowFindings.find((f) => f.severity === 'warning');
    if (worst) {
      note.textContent = ` ${SEVERITY[worst.severity].icon}`;
      note.setAttribute('aria-label', SEVERITY[worst.severity].label);
    } else note.textContent = ` (${REMOVED[record.removed] ?? 'retirée'})`;
    head.append(note);
    head.title = [record.removed ? REMOVED[record.removed] : null, ...rowFindings.map((f) => f.message)].filter(Boolean).join('\n');
  }
  tr.append(head);
  view.fields.forEach((field, j) => tr.append(renderCell(r, record, field, j)));
  return tr;
}

function renderCell(r, record, field, j) {
  const td = document.createElement('td');
  td.tabIndex = -1; // rovingTabStop() gives one cell the Tab stop
  td.dataset.field = field.id;
  const findings = cellFindings(record.row, field.id);
  const worst = worstOf(findings);
  const value = state.view.value(r, j) ?? '';
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
  text.textContent = value;
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

function cellFindings(row, field) {
  return state.view.cellFindings(row, field);
}

function worstOf(findings) {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return null;
}

// ---------- cell detail, focus, navigation ----------

ui.tbody.addEventListener('focusin', (e) => {
  const cell = e.target.closest('td[data-field], th[data-field]');
  if (!cell || state.editing) return;
  state.cursor = { row: Number(cell.parentElement.dataset.row), field: cell.dataset.field };
  rovingTabStop();
  showDetail(state.cursor.row, state.cursor.field);
});
ui.tbody.addEventListener('mouseover', (e) => {
  const cell = e.target.closest('td[data-field]');
  if (cell && !state.editing) showDetail(Number(cell.parentElement.dataset.row), cell.dataset.field);
});
// Hovering shows a cell's remarks for a moment; leaving the table gives back those of the
// selected cell, so that the mouse can reach its « refuse this fix » box above the table.
ui.tbody.addEventListener('mouseleave', () => {
  if (state.cursor && !state.editing) showDetail(state.cursor.row, state.cursor.field);
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
  const move = moves[e.key];
  if (!move) return;
  e.preventDefault();
  const i = shownAt(Number(cell.parentElement.dataset.row));
  // '' is the row number's cell, where a row's own findings (duplicate, removal) are shown.
  const fields = ['', ...state.view.fields.map((f) => f.id)];
  const j = fields.indexOf(cell.dataset.field);
  const target = state.rows[Math.min(state.rows.length - 1, Math.max(0, i + move[0]))];
  const field = fields[Math.min(fields.length - 1, Math.max(0, j + move[1]))];
  if (target !== undefined && field !== undefined) focusCell(state.view.row(target), field);
});

function showDetail(row, fieldId) {
  const i = state.view.indexOf(row);
  if (i < 0) return;
  const record = { row, removed: state.view.removed(i) };
  const j = state.view.fields.findIndex((f) => f.id === fieldId);
  const field = state.view.fields[j];
  const findings = field ? [...cellFindings(row, fieldId)] : state.view.rowFindings(row);
  // A refused fix is no longer reported: offer it back here, where it was refused.
  const refused = field && isRefused(row, fieldId) && refusedFindings.get(`${row}|${fieldId}`);
  if (refused && !findings.some((f) => f.code === 'value.fixed')) findings.push(refused);
  ui.detail.replaceChildren();
  const title = document.createElement('p');
  title.className = 'detail-title';
  title.textContent = field ? `Ligne ${row} · ${field.title}` : `Ligne ${row}`;
  ui.detail.append(title);
  if (record.removed) {
    const p = document.createElement('p');
    p.textContent = `Cette ligne n'est pas reprise dans le fichier corrigé (${REMOVED[record.removed] ?? 'retirée'}).`;
    ui.detail.append(p);
  }
  if (!findings.length && !record.removed) {
    const p = document.createElement('p');
    p.textContent = 'Aucune remarque sur cette cellule.';
    ui.detail.append(p);
  }
  const list = document.createElement('ul');
  for (const f of findings) {
    const li = f.code === 'value.fixed' ? fixItem(f) : findingItem(f);
    list.append(li);
  }
  if (findings.length) ui.detail.append(list);
}

function focusCell(row, field, { scroll = true } = {}) {
  const i = shownAt(row);
  if (i < 0) return;
  if (scroll) {
    const top = i * ROW_HEIGHT;
    const view = ui.grid.clientHeight - ROW_HEIGHT * 2;
    if (top < ui.grid.scrollTop || top > ui.grid.scrollTop + view) {
      ui.grid.scrollTop = Math.max(0, top - ROW_HEIGHT * 2);
      renderRows();
    }
  }
  const tr = ui.tbody.querySelector(`tr[data-row="${row}"]`);
  const cell = tr && [...tr.children].find((c) => c.dataset.field === field);
  cell?.focus({ preventScroll: !scroll });
}

ui.nextError.addEventListener('click', () => {
  const { view } = state;
  const fields = view.fields.map((f) => f.id);
  // Errors in shown order: rows as shown, then in a row its own (j = -1) before its cells'.
  const errorsOf = (i) => {
    const at = new Set();
    for (const f of view.findingsOf(state.rows[i])) {
      if (f.severity !== 'error') continue;
      // A column outside the schema has no cell to go to.
      const j = f.column == null ? -1 : fields.indexOf(f.column);
      if (f.column == null || j >= 0) at.add(j);
    }
    return [...at].sort((a, b) => a - b);
  };
  const at = state.cursor
    ? { i: shownAt(state.cursor.row), j: fields.indexOf(state.cursor.field) }
    : { i: -1, j: -1 };
  // The first error after the cursor, else the first one of all (from the top again).
  const find = (from, after) => {
    for (let i = Math.max(0, from); i < state.rows.length; i += 1) {
      if (!(view.flags(state.rows[i]) & ERROR)) continue;
      const j = errorsOf(i).find((k) => !after || i > at.i || k > at.j);
      if (j !== undefined) return { row: view.row(state.rows[i]), field: j < 0 ? '' : fields[j] };
    }
    return null;
  };
  const next = find(at.i, true) ?? find(0, false);
  if (!next) {
    setStatus('Aucune erreur dans les lignes affichées.');
    return;
  }
  state.cursor = next;
  focusCell(next.row, next.field);
});

// ---------- editing ----------

function startEdit(td) {
  const row = Number(td.parentElement.dataset.row);
  const fieldId = td.dataset.field;
  const j = state.view.fields.findIndex((f) => f.id === fieldId);
  const i = state.view.indexOf(row);
  if (i < 0 || j < 0) return;
  const shown = state.view.value(i, j) ?? '';
  state.editing = true;
  const input = document.createElement('input');
  input.type = 'text';
  input.className = 'cell-input';
  input.value = shown;
  input.setAttribute('aria-label', `${state.view.fields[j].title}, ligne ${row}`);
  td.replaceChildren(input);
  input.focus();
  input.select();
  let done = false;
  const finish = async (commit) => {
    if (done) return;
    done = true;
    state.editing = false;
    const value = input.value;
    if (commit && value !== shown) {
      // Undo gives back what the cell showed (the fixed value, when a fix applied).
      await editCell(row, fieldId, value, shown);
    } else renderRows();
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

async function editCell(row, field, value, previous, { record = true } = {}) {
  try {
    const view = new CheckView(await bridge.call('edit', { row, field, value, options: options() }));
    if (record) state.undo.push({ row, field, previous });
    ui.undo.disabled = state.undo.length === 0;
    showView(view);
    setStatus(`Ligne ${row} vérifiée à nouveau.`);
  } catch (e) {
    failed(e);
  }
}

ui.undo.addEventListener('click', undo);
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === 'z' && !state.editing && !(e.target instanceof HTMLInputElement)) {
    e.preventDefault();
    undo();
  }
});

async function undo() {
  const last = state.undo.pop();
  ui.undo.disabled = state.undo.length === 0;
  if (!last) return;
  await editCell(last.row, last.field, last.previous, '', { record: false });
  setStatus(`Modification de la ligne ${last.row} annulée.`);
  focusCell(last.row, last.field);
}

// ---------- fixes the coordinator reviews ----------

function fixItem(f) {
  const li = document.createElement('li');
  li.className = 'fix';
  const label = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = !isRefused(f.row, f.column);
  box.addEventListener('change', () => toggleFix(f, !box.checked));
  const field = state.view.fields.find((x) => x.id === f.column);
  const text = document.createElement('span');
  text.textContent = `Ligne ${f.row} · ${field?.title ?? f.column} : « ${f.value ?? ''} » → « ${f.fixed ?? ''} »`;
  label.append(box, ' ', text);
  li.append(label);
  return li;
}

function isRefused(row, column) {
  return state.refused.some((r) => r.row === row && r.column === column);
}

async function toggleFix(fix, refuse) {
  const { row, column } = fix;
  if (refuse) refusedFindings.set(`${row}|${column}`, fix);
  state.refused = refuse
    ? [...state.refused, { row, column }]
    : state.refused.filter((r) => !(r.row === row && r.column === column));
  try {
    showView(new CheckView(await bridge.call('check', { options: options() })));
    setStatus(refuse ? `Correction refusée : la ligne ${row} garde sa valeur d'origine.` : `Correction rétablie à la ligne ${row}.`);
  } catch (e) {
    failed(e);
  }
}

// Refused fixes are no longer reported as fixes: remembered when refused, to offer them back.
const refusedFindings = new Map();

function renderFixes(view) {
  const isFix = (f) => f.code === 'value.fixed';
  const fixes = view.select((code) => code === 'value.fixed', LIST_LIMIT);
  const fileFixes = view.fileFindings.filter(isFix);
  // The refused ones, unless the cell has its fix again (an edit since, say).
  const refused = state.refused
    .filter((r) => refusedFindings.has(`${r.row}|${r.column}`) && !view.cellFindings(r.row, r.column).some(isFix))
    .map((r) => refusedFindings.get(`${r.row}|${r.column}`));
  const total = fileFixes.length + fixes.count + refused.length;
  ui.fixes.querySelector('summary').textContent = `Corrections automatiques (${total})`;
  const items = [...fileFixes, ...fixes.items, ...refused].slice(0, LIST_LIMIT).map(fixItem);
  if (total > LIST_LIMIT) {
    items.push(moreItem(`… et ${total - LIST_LIMIT} autres corrections : filtrez le tableau sur « corrections automatiques » et sélectionnez une cellule pour refuser sa correction.`));
  }
  ui.fixList.replaceChildren(...items);
}

function moreItem(text) {
  const li = document.createElement('li');
  li.className = 'more';
  li.textContent = text;
  return li;
}

function renderIssues(view) {
  const findings = view.select((code, severity) => severity !== 'notice', LIST_LIMIT);
  ui.issues.querySelector('summary').textContent = `Liste des erreurs et avertissements (${findings.count})`;
  const items = findings.items.map((f) => {
    const field = view.fields.find((x) => x.id === f.column);
    const li = findingItem(f, field ? `ligne ${f.row}, ${field.title}` : `ligne ${f.row}`);
    const go = document.createElement('button');
    go.type = 'button';
    go.className = 'link';
    go.textContent = 'Voir';
    go.setAttribute('aria-label', `Voir la ligne ${f.row}`);
    go.addEventListener('click', () => {
      if (shownAt(f.row) < 0) setFilter('all');
      focusCell(f.row, f.column ?? '');
    });
    li.append(' ', go);
    return li;
  });
  if (findings.count > LIST_LIMIT) {
    items.push(moreItem(`… et ${findings.count - LIST_LIMIT} autres : utilisez les filtres du résumé (erreurs, avertissements) et le bouton « Erreur suivante ».`));
  }
  ui.issueList.replaceChildren(...items);
}

// ---------- downloads ----------

function renderDownloadWarning(view) {
  const errors = view.report.summary.error;
  ui.downloadWarning.hidden = errors === 0 && options().cpts != null;
  const parts = [];
  if (errors) parts.push(`Le fichier contient encore ${errors} ${errors > 1 ? 'erreurs' : 'erreur'} : corrigez-les avant le dépôt si vous le pouvez ; elles sont signalées dans le fichier (cellules surlignées, feuille « Contrôle »).`);
  if (!options().cpts) parts.push('Indiquez le nom de la CPTS pour que le fichier soit nommé comme l\'ARS le demande.');
  ui.downloadWarning.textContent = parts.join(' ');
}

ui.download.addEventListener('click', async () => {
  clearError();
  try {
    const written = await bridge.call('write', { options: options() });
    save(written.blob, written.name);
    // No view: the workbook was written from the check the page shows.
    showView(written.view ? new CheckView(written.view) : state.view);
    ui.depositName.textContent = written.name;
    for (const again of ui.deposit.querySelectorAll('.deposit-name-again')) again.textContent = written.name;
    ui.deposit.hidden = false;
    ui.deposit.focus();
    setStatus(`Fichier « ${written.name} » téléchargé.`);
  } catch (e) {
    failed(e);
  }
});

ui.template.addEventListener('click', async () => {
  clearError();
  try {
    save(await bridge.call('template'), 'Modele_Annuaire_CPTS.xlsx');
    setStatus('Modèle vierge téléchargé.');
  } catch (e) {
    failed(e);
  }
});

// `blob`: the workbook as the worker made it (typed, in one piece).
function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---------- messages ----------

function showProgress(text) {
  ui.progressBox.hidden = false;
  ui.progressText.textContent = text;
}
function hideProgress() {
  ui.progressBox.hidden = true;
}
function setStatus(text) {
  ui.status.textContent = text;
}
/** What the coordinator reads: the module's French message, or a French sentence for a fault
 * of the page itself (a TypeError, a RangeError…), whose English detail goes to the console. */
function messageOf(e) {
  if (e instanceof Cancelled || e instanceof Crashed || e?.constructor === Error) return e.message;
  console.error('annuaire-cpts :', e);
  return 'Une erreur inattendue est survenue dans la page. Déposez le fichier à nouveau ; si cela se reproduit, signalez-le à l\'ARS.';
}
function showError(text) {
  ui.error.textContent = text;
}
function clearError() {
  ui.error.textContent = '';
}
function failed(e) {
  if (e instanceof Crashed || e instanceof Cancelled) closeFile();
  showError(messageOf(e));
}

// ---------- start ----------

// The deposit address comes from config.json beside the page (set by the ARS); never a password.
async function loadConfig() {
  try {
    const response = await fetch('config.json', { cache: 'no-store', credentials: 'omit' });
    if (!response.ok) return;
    const config = await response.json();
    if (typeof config.partage === 'string' && /^https:\/\//.test(config.partage)) {
      ui.depositShare.replaceChildren('Ouvrez le partage Nextcloud de l\'ARS Occitanie : ');
      const link = document.createElement('a');
      link.href = config.partage;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.textContent = config.partage;
      ui.depositShare.append(link, '.');
    }
    // A schema shipped beside the page by the ARS (same origin), unless the user picked one.
    if (typeof config.schema === 'string' && config.schema && !/^[a-z]+:|^\/\//i.test(config.schema)) {
      const schema = await fetch(config.schema, { cache: 'no-store', credentials: 'omit' });
      if (schema.ok && state.schema == null) {
        state.schema = await schema.text();
        ui.schemaName.textContent = `Schéma utilisé : ${config.schema}`;
      }
    }
    if (typeof config.contact === 'string' && config.contact.trim()) {
      ui.depositContact.textContent = `Une question ? ${config.contact.trim()}`;
      ui.depositContact.hidden = false;
    }
  } catch {
    // Without config.json the steps keep their general wording.
  }
}

clearError();
// The comparison with last year's file (www/compare.js) runs on the file being checked.
initCompare(bridge, () => ({ file: state.file, schema: state.schema, sheet: ui.sheetBox.hidden ? null : ui.sheet.value || null }));
loadConfig();
updateFileName();
// Loads the wasm now, so that nothing at all is fetched between a drop and its result.
bridge.call('ready')
  .then(() => { document.documentElement.dataset.ready = 'true'; })
  .catch((e) => showError(messageOf(e)));

// Printing shows every finding: open the folded lists first.
window.addEventListener('beforeprint', () => {
  for (const d of document.querySelectorAll('details.panel')) d.open = true;
});
