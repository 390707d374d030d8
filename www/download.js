// Step 4, the download and the deposit: the corrected workbook under the ARS name, the steps
// to put it on the ARS share (its address from config.json beside the page, set by the ARS;
// never a password), and the blank template.
import { names } from './naming.js';
import { state } from './state.js';
import { bridge, clearError, failed, setStatus, ui } from './ui.js';

/** Saves `blob` (the workbook as the worker made it, typed, in one piece) as `name`. */
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

async function download() {
  clearError();
  if (!state.head) return;
  try {
    const written = await bridge.call('write', { names: names() });
    save(written.blob, written.name);
    ui.depositName.textContent = written.name;
    for (const again of ui.deposit.querySelectorAll('.deposit-name-again')) again.textContent = written.name;
    ui.deposit.hidden = false;
    ui.deposit.focus();
    setStatus(`Fichier « ${written.name} » téléchargé.`);
  } catch (e) {
    failed(e);
  }
}

async function downloadTemplate() {
  clearError();
  try {
    save(await bridge.call('template'), 'Modele_Annuaire_CPTS.xlsx');
    setStatus('Modèle vierge téléchargé.');
  } catch (e) {
    failed(e);
  }
}

/** Reads config.json beside the page: the share's address, a schema, a contact. */
export async function loadConfig() {
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

export function startDownload() {
  ui.download.addEventListener('click', download);
  ui.template.addEventListener('click', downloadTemplate);
}
