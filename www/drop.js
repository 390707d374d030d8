// Step 1, the file: the drop zone and the file input, the sheet and the schema pickers, and
// interrupting a long check. Opening a file reads and checks it in the worker; the page then
// gets the check's head and asks for the rows it draws.
import { closeBatch, openBatch } from './batch.js';
import { Cancelled } from './bridge.js';
import { names, prefillFromName } from './naming.js';
import { dropWindow, emit, on, state } from './state.js';
import { bridge, clearError, helper, hideProgress, messageOf, setStatus, showError, showProgress, STAGES, ui } from './ui.js';

export async function openFile(file, sheet = null) {
  clearError();
  ui.fileChosen.textContent = `Fichier choisi : ${file.name}`;
  state.file = file;
  if (!sheet) await prefillFromName(file.name);
  try {
    showProgress(STAGES.read);
    state.head = await bridge.call('open', { file, sheet, schema: state.schema, names: names() });
    state.filter = { show: 'all', column: null };
    state.cursor = null;
    dropWindow(0);
    setStatus(`Fichier « ${file.name} » vérifié.`);
    emit('opened');
  } catch (e) {
    emit('closed');
    showError(e instanceof Cancelled ? 'Vérification interrompue. Vous pouvez déposer à nouveau le fichier.' : messageOf(e));
  } finally {
    hideProgress();
  }
}

function closeFile() {
  state.file = null;
  state.head = null;
  dropWindow(0);
  ui.results.hidden = true;
  ui.stepDownload.hidden = true;
  ui.sheetBox.hidden = true;
  ui.file.value = '';
  ui.fileChosen.textContent = 'Aucun fichier choisi.';
}

function renderSheets() {
  const { head } = state;
  ui.sheetBox.hidden = head.sheets.length < 2;
  ui.sheet.replaceChildren(...head.sheets.map((name) => {
    const option = document.createElement('option');
    option.value = name;
    option.textContent = name;
    option.selected = name === head.sheet;
    return option;
  }));
}

/** One file: the coordinator's journey; several: the ARS's batch (www/batch.js). */
function openFiles(list) {
  const files = [...(list ?? [])];
  if (files.length > 1) {
    openBatch(files);
  } else if (files.length === 1) {
    closeBatch();
    openFile(files[0]);
  }
}

export function startDrop() {
  ui.file.addEventListener('change', () => openFiles(ui.file.files));
  ui.drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    ui.drop.classList.add('over');
  });
  ui.drop.addEventListener('dragleave', () => ui.drop.classList.remove('over'));
  ui.drop.addEventListener('drop', (e) => {
    e.preventDefault();
    ui.drop.classList.remove('over');
    openFiles(e.dataTransfer?.files);
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
    helper.cancel();
    // A fresh worker loads the wasm now, not on the next drop.
    bridge.call('ready').catch((e) => showError(messageOf(e)));
  });

  on('opened', renderSheets);
  on('closed', closeFile);
}
