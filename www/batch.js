// The ARS's page (issue 15): several files dropped at once are checked, each as on its own,
// into a sortable table of files; the merged directory and the indicators are written on
// demand. « Ouvrir » shows one file in the one-file view below, with its findings; the batch
// stays in the worker meanwhile.
//
// Two workers share the checks (src/wasm/batch.rs): the page's worker takes the first run of
// files, a helper the rest (cut in the middle), one by one each. Each writes its
// files' rows of the merged « Annuaire » as soon as it knows where they start (the first
// run's kept members); the helper then hands its files over, with only what the rest of the
// batch needs, and the page's worker finishes the batch as if it had checked them all.
//
// A file whose check stops the module (a bug: the worker is replaced and the batch with it)
// becomes a line with the internal-error message, and the batch is checked again without it:
// one bad file never stops the others.
import { Crashed } from './bridge.js';
import { openFile } from './drop.js';
import { renderIndicators } from './indicators.js';
import { save } from './save.js';
import { emit, state } from './state.js';
import { bridge, clearError, failed, helper, hideProgress, setStatus, showProgress } from './ui.js';

const $ = (id) => document.getElementById(id);

/** The table of files' columns: the line's key, the header, and how a value is shown. */
const COLUMNS = [
  { key: 'file', title: 'Fichier' },
  { key: 'follows_rule', title: 'Nom conforme', show: (line) => (line.follows_rule ? 'Oui' : `Non : « ${line.expected_name ?? '—'} »`) },
  { key: 'rows_read', title: 'Lignes lues', number: true },
  { key: 'rows_kept', title: 'Lignes conservées', number: true },
  { key: 'errors', title: 'Erreurs', number: true },
  { key: 'warnings', title: 'Avertissements', number: true },
  { key: 'rows_removed', title: 'Lignes retirées', number: true },
];

const batch = {
  /** The Files, in the order given. */
  files: [],
  /** What the worker's `batchFinish` answered ({year, files, read, has_errors, indicators…}). */
  result: null,
  /** {key, ascending} of the table's order, or null for the order given. */
  sort: null,
};

const number = new Intl.NumberFormat('fr-FR');

/**
 * Where to cut `files` in two runs: in the middle by count (the first run never empty). Not by
 * size: reading a File's size can ask the disk on this thread (50 files, 17–52 ms in a test).
 */
const cutAt = (files) => Math.ceil(files.length / 2);

async function checkAll(files) {
  const crashed = new Map();
  for (;;) {
    try {
      return await checkOnce(files, crashed);
    } catch (e) {
      if (!(e instanceof CrashedOn)) throw e;
      crashed.set(e.index, e.message);
    }
  }
}

class CrashedOn extends Error {
  constructor(index, message) {
    super(message);
    this.index = index;
  }
}

async function checkOnce(files, crashed) {
  let checked = 0;
  // Set when a run fails: the other stops sending files, so that none lands in the next try.
  let stop = false;
  // Checks files[from..to] in `worker`: their lines.
  const check = async (worker, from, to) => {
    await worker.call('batchStart', { schema: state.schema });
    const lines = [];
    for (let index = from; index < to && !stop; index++) {
      const file = files[index];
      if (crashed.has(index)) {
        lines.push(await worker.call('batchUnreadable', { name: file.name, message: crashed.get(index) }));
      } else {
        try {
          lines.push(await worker.call('batchAdd', { file }));
        } catch (e) {
          if (e instanceof Crashed) throw new CrashedOn(index, e.message);
          throw e;
        }
      }
      checked += 1;
      showProgress(`Vérification des fichiers : ${checked} sur ${files.length} (${file.name})`);
    }
    return lines;
  };
  try {
    return await checkRuns(files, check);
  } finally {
    stop = true;
  }
}

/** Both runs of `files`, checked by `check`, then the batch finished in the page's worker. */
async function checkRuns(files, check) {
  showProgress(`Vérification des fichiers : 0 sur ${files.length}`);
  const cut = cutAt(files);
  const first = check(bridge, 0, cut);
  const second = cut < files.length ? check(helper, cut, files.length) : Promise.resolve(null);
  // Awaited below; a failure of the first run must not leave this one unobserved.
  second.catch(() => {});
  await first;
  // The page's worker marks its members another of its CPTS lists and writes its files' rows
  // of the merged directory (« Contrôle » first: the helper's lines start after them), while
  // the helper may still check; the helper then marks its own after those, hands its files
  // over and writes its rows after the first run's. Queued in the page's worker: its rows,
  // the helper's files, the batch finished, the helper's rows.
  const mine = bridge.call('batchMark', { listing: new Uint8Array() });
  const kept = bridge.call('batchKept');
  const lines = bridge.call('batchRows', { sheet: 'controle', first: 1, keep: true });
  const own = bridge.call('batchRows', { sheet: 'annuaire', first: 1, keep: true });
  for (const call of [mine, kept, lines, own]) call.catch(() => {});
  if (await second) {
    const listing = await mine;
    await helper.call('batchMark', { listing }, [listing.buffer]);
    const handed = helper.call('batchHandOver');
    const members = helper.call('batchRows', { sheet: 'annuaire', first: 1 + (await kept), keep: false });
    const findings = helper.call('batchRows', { sheet: 'controle', first: 1 + (await lines), keep: false });
    for (const call of [members, findings]) call.catch(() => {});
    const bytes = await handed;
    await bridge.call('batchTakeOver', { bytes }, [bytes.buffer]);
    showProgress('Regroupement et indicateurs…');
    const finished = bridge.call('batchFinish');
    finished.catch(() => {});
    const theirs = [await members, await findings];
    // Its memory back to the system (a wasm memory never shrinks): the next batch starts a
    // fresh one while the page's worker checks its first files.
    helper.cancel();
    for (const rows of theirs) await bridge.call('batchAddRows', { bytes: rows }, [rows.buffer]);
    return finished;
  }
  await own;
  showProgress('Regroupement et indicateurs…');
  return bridge.call('batchFinish');
}

/** Checks `files` (more than one) as the ARS's batch, and shows the table of files. */
export async function openBatch(files) {
  clearError();
  emit('closed');
  batch.files = files;
  batch.result = null;
  batch.sort = null;
  $('batch').hidden = false;
  $('batch-counts').open = false;
  $('batch-tables').replaceChildren();
  $('batch-table').tBodies[0].replaceChildren();
  $('batch-summary').textContent = '';
  $('file-chosen').textContent = `${files.length} fichiers choisis.`;
  try {
    batch.result = await checkAll(files);
    render();
    setStatus(summaryText(batch.result));
    $('batch-title').focus();
  } catch (e) {
    closeBatch();
    failed(e);
  } finally {
    hideProgress();
  }
}

/** Leaves the ARS's view (a single file was dropped). */
export function closeBatch() {
  batch.files = [];
  batch.result = null;
  $('batch').hidden = true;
}

function summaryText(result) {
  const unread = result.files.length - result.read;
  const errors = result.files.reduce((n, f) => n + (f.message ? 0 : f.errors), 0);
  return `${result.files.length} fichiers vérifiés pour ${result.year} : ${result.read} lus`
    + (unread ? `, ${unread} illisible${unread > 1 ? 's' : ''}` : '')
    + `, ${number.format(errors)} erreur${errors > 1 ? 's' : ''} dans les fichiers lus.`;
}

function order() {
  const lines = batch.result.files.map((line, index) => ({ line, index }));
  const { sort } = batch;
  if (!sort) return lines;
  const column = COLUMNS.find((c) => c.key === sort.key);
  const value = (line) => (column.number ? line[sort.key] : String(column.show ? column.show(line) : line[sort.key]));
  const compare = column.number
    ? (a, b) => value(a.line) - value(b.line)
    : (a, b) => value(a.line).localeCompare(value(b.line), 'fr', { sensitivity: 'base', numeric: true });
  lines.sort((a, b) => (sort.ascending ? compare(a, b) : compare(b, a)) || a.index - b.index);
  return lines;
}

function header() {
  const tr = document.createElement('tr');
  for (const column of COLUMNS) {
    const th = document.createElement('th');
    th.scope = 'col';
    const sorted = batch.sort?.key === column.key;
    th.setAttribute('aria-sort', sorted ? (batch.sort.ascending ? 'ascending' : 'descending') : 'none');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link';
    button.textContent = column.title;
    button.addEventListener('click', () => {
      batch.sort = { key: column.key, ascending: sorted ? !batch.sort.ascending : true };
      render();
      $('batch-table').querySelector(`th[aria-sort]:nth-child(${COLUMNS.indexOf(column) + 1}) button`)?.focus();
    });
    th.append(button);
    tr.append(th);
  }
  const action = document.createElement('th');
  action.scope = 'col';
  action.textContent = 'Fichier seul';
  tr.append(action);
  return tr;
}

function row({ line, index }) {
  const tr = document.createElement('tr');
  if (line.message) tr.className = 'unreadable';
  for (const column of COLUMNS) {
    const td = document.createElement(column.key === 'file' ? 'th' : 'td');
    if (column.key === 'file') {
      td.scope = 'row';
      td.textContent = line.file;
      if (line.message) {
        const why = document.createElement('span');
        why.className = 'why';
        why.textContent = line.message;
        td.append(why);
      }
    } else if (line.message && column.number) {
      td.textContent = '—';
    } else {
      td.textContent = column.show ? column.show(line) : number.format(line[column.key]);
      if (column.key === 'errors' && line.errors > 0) td.className = 'error';
      if (column.key === 'warnings' && line.warnings > 0) td.className = 'warning';
    }
    tr.append(td);
  }
  const action = document.createElement('td');
  const file = batch.files[index];
  if (!line.message && file) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = 'Ouvrir';
    button.setAttribute('aria-label', `Ouvrir ${line.file}`);
    button.addEventListener('click', async () => {
      await openFile(file);
      document.getElementById('step-check')?.scrollIntoView();
      document.getElementById('step-check')?.focus();
    });
    action.append(button);
  }
  tr.append(action);
  return tr;
}

function render() {
  const { result } = batch;
  if (!result) return;
  $('batch-summary').textContent = summaryText(result);
  $('batch-table').tHead.replaceChildren(header());
  $('batch-table').tBodies[0].replaceChildren(...order().map(row));
  const none = result.read === 0;
  $('batch-merged').disabled = none;
  $('batch-indicators').disabled = none;
  $('batch-merged').textContent = `Télécharger l'annuaire régional (${result.merged_name})`;
  $('batch-indicators').textContent = `Télécharger les indicateurs (${result.indicators_name})`;
}

async function download(type) {
  clearError();
  try {
    const written = await bridge.call(type);
    save(written.blob, written.name);
    setStatus(`Fichier « ${written.name} » téléchargé.`);
  } catch (e) {
    failed(e);
  }
}

export function startBatch() {
  $('batch-title').tabIndex = -1;
  document.getElementById('step-check').tabIndex = -1;
  $('batch-merged').addEventListener('click', () => download('batchMerged'));
  $('batch-indicators').addEventListener('click', () => download('batchIndicators'));
  // Drawn when first shown: eight tables of every CPTS.
  $('batch-counts').addEventListener('toggle', () => {
    const panel = $('batch-counts');
    if (panel.open && batch.result && !$('batch-tables').hasChildNodes()) {
      renderIndicators($('batch-tables'), batch.result.indicators, 'CPTS');
    }
  });
}
