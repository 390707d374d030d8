// « Comparer avec l'annuaire de l'an dernier »: last year's file against the file being checked,
// through the worker's `compare` call (src/wasm.rs `compare`), which does not touch the open
// file. Shows the counts and a filterable list, and downloads the « Évolutions » workbook (for
// the coordinator: never part of the file for the ARS). Every text from the files is shown with
// textContent. The sentences come from the module (src/text/compare.rs), as on the command line.

import { on, state } from './state.js';
import { bridge } from './ui.js';

// The list shows so many lines at most: the search and the filter narrow it.
const LIST_LIMIT = 200;

/** Wires the section « Comparer avec l'annuaire de l'an dernier » (www/index.html). */
export function startCompare() {
  const $ = (id) => document.getElementById(id);
  const ui = {
    input: $('compare-file'), status: $('compare-status'), error: $('compare-error'),
    result: $('compare-result'), counts: $('compare-counts'), filter: $('compare-filter'),
    search: $('compare-search'), list: $('compare-list'), download: $('compare-download'),
  };
  let shown = null; // { counts, items, name, blob }

  const reset = () => {
    shown = null;
    ui.result.hidden = true;
    ui.status.textContent = '';
    ui.error.textContent = '';
    ui.input.value = '';
  };
  // Another file to check, or none: the comparison shown was for the previous one.
  on('opened', reset);
  on('closed', reset);

  ui.input.addEventListener('change', async () => {
    const last = ui.input.files?.[0];
    const { file } = state;
    if (!last) return;
    ui.error.textContent = '';
    if (!file) {
      ui.error.textContent = "Déposez d'abord le fichier de cette année.";
      return;
    }
    ui.status.textContent = `Comparaison de « ${last.name} » avec « ${file.name} »…`;
    try {
      shown = await bridge.call('compare', { last });
      ui.status.textContent = `Comparaison terminée : « ${last.name} » (l'an dernier) et « ${file.name} » (cette année).`;
      render();
    } catch (e) {
      shown = null;
      ui.result.hidden = true;
      ui.status.textContent = '';
      ui.error.textContent = e?.message ?? String(e);
    }
  });
  ui.filter.addEventListener('change', renderList);
  ui.search.addEventListener('input', renderList);
  ui.download.addEventListener('click', () => {
    if (!shown) return;
    const url = URL.createObjectURL(shown.blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = shown.name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    ui.status.textContent = `Fichier « ${shown.name} » téléchargé.`;
  });

  function render() {
    ui.counts.replaceChildren(...shown.counts.map(([label, n]) => {
      const li = document.createElement('li');
      li.textContent = `${label} : ${n}`;
      return li;
    }));
    ui.result.hidden = false;
    renderList();
  }

  function renderList() {
    if (!shown) return;
    const kind = ui.filter.value;
    const needle = fold(ui.search.value);
    const matching = shown.items.filter((item) => (kind === 'all' || item.kind === kind)
      && (!needle || fold(item.text).includes(needle)));
    const items = matching.slice(0, LIST_LIMIT).map((item) => {
      const li = document.createElement('li');
      li.dataset.kind = item.kind;
      li.textContent = item.text;
      return li;
    });
    if (matching.length === 0) {
      const li = document.createElement('li');
      li.textContent = 'Aucune ligne.';
      items.push(li);
    } else if (matching.length > LIST_LIMIT) {
      const li = document.createElement('li');
      li.textContent = `… et ${matching.length - LIST_LIMIT} autres lignes : précisez la recherche, ou téléchargez les évolutions.`;
      items.push(li);
    }
    ui.list.replaceChildren(...items);
  }
}

/** Case and accents aside, for the search box. */
const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
