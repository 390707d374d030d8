// « Indicateurs sans données personnelles »: the tables as the module counted and masked them
// (src/ars/indicators.rs), drawn for the ARS's batch (www/batch.js) and, here, for the
// coordinator's own file, computed again from the table as it stands after each change while
// the panel is open. A count is a number or its mask (« < 11 », « s »); a share a number, « s »
// or null.
import { names } from './naming.js';
import { save } from './save.js';
import { on, state } from './state.js';
import { bridge, failed, setStatus } from './ui.js';

const $ = (id) => document.getElementById(id);

const number = new Intl.NumberFormat('fr-FR');
const percent = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

function count(value) {
  return typeof value === 'number' ? number.format(value) : String(value ?? '');
}

function share(value) {
  if (value == null) return '';
  return typeof value === 'number' ? `${percent.format(value)} %` : String(value);
}

function cell(tag, text, attrs = {}) {
  const element = document.createElement(tag);
  element.textContent = text;
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value);
  return element;
}

/** One table: a row per CPTS (then the region), a column per category, then the total; each
 * count with its share beneath when it has one. */
function table(t, firstHeader) {
  const element = document.createElement('table');
  element.className = 'indicators';
  element.append(cell('caption', t.title));
  const head = document.createElement('tr');
  head.append(cell('th', firstHeader, { scope: 'col' }));
  for (const column of t.columns) head.append(cell('th', column, { scope: 'col' }));
  head.append(cell('th', 'Total', { scope: 'col' }));
  const thead = document.createElement('thead');
  thead.append(head);
  const tbody = document.createElement('tbody');
  for (const row of t.rows) {
    const tr = document.createElement('tr');
    tr.append(cell('th', row.label, { scope: 'row' }));
    row.cells.forEach((value, i) => {
      const td = cell('td', count(value));
      const part = share(row.shares[i]);
      if (part) td.append(cell('span', part, { class: 'share' }));
      tr.append(td);
    });
    tr.append(cell('td', count(row.total)));
    tbody.append(tr);
  }
  element.append(thead, tbody);
  return element;
}

/** Draws every table of `indicators` into `container`; `firstHeader` heads the rows' column. */
export function renderIndicators(container, indicators, firstHeader) {
  container.replaceChildren(...indicators.tables.map((t) => {
    const box = document.createElement('div');
    box.className = 'indicators-box';
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', t.title);
    box.tabIndex = 0;
    box.append(table(t, firstHeader));
    return box;
  }));
}

let last = null;

async function refresh() {
  const panel = $('indicators');
  if (!panel.open || !state.head) return;
  try {
    last = await bridge.call('indicators', { names: names() });
    renderIndicators($('indicators-tables'), last.indicators, 'CPTS');
  } catch (e) {
    failed(e);
  }
}

export function startIndicators() {
  const panel = $('indicators');
  panel.addEventListener('toggle', refresh);
  $('indicators-download').addEventListener('click', async () => {
    await refresh();
    if (!last) return;
    save(last.blob, last.name);
    setStatus(`Fichier « ${last.name} » téléchargé.`);
  });
  // Opened on another file, or after an edit: counted again only when shown.
  on('opened', () => {
    last = null;
    $('indicators-tables').replaceChildren();
    refresh();
  });
  on('changed', refresh);
}
