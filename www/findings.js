// The findings panel: the summary (its counts are the table's filters), the findings about the
// file, the selected cell's detail (where a fix can be refused, and given back), and the two
// lists under the table (automatic fixes, errors and warnings), each showing a page of the
// worker's list.
import { cachedRow, cellFindings, focusCell, setFilter } from './grid.js';
import { names } from './naming.js';
import { applyChange, on, state } from './state.js';
import { bridge, failed, findingItem, moreItem, REMOVED, setStatus, ui } from './ui.js';

// The lists under the table show so many items at most: a file with 100,000 findings must not
// freeze the page (the table, virtualised, shows them all through the summary's filters).
const LIST_LIMIT = 200;

function renderFileFindings() {
  const findings = state.head.file_findings;
  ui.fileFindings.replaceChildren();
  if (!findings.length) return;
  const title = document.createElement('h3');
  title.textContent = 'Remarques sur le fichier';
  const list = document.createElement('ul');
  list.className = 'issue-list';
  for (const f of findings.slice(0, LIST_LIMIT)) list.append(findingItem(f));
  ui.fileFindings.append(title, list);
}

function renderSummary() {
  const { report, counts } = state.head;
  const removed = counts.blank + counts.example + counts.opposition;
  // Why rows were removed, in words: « 3 lignes retirées (1 vide, 2 opposition) ».
  const reasons = [[counts.blank, 'vide'], [counts.example, 'exemple'], [counts.opposition, 'opposition']]
    .filter(([count]) => count > 0)
    .map(([count, word]) => `${count} ${word}`);
  const why = reasons.length ? ` (${reasons.join(', ')})` : '';
  const fixes = counts.fixes;
  const items = [
    ['all', report.rows_read, 'lignes lues'],
    ['kept', report.rows_kept, report.rows_kept > 1 ? 'lignes conservées' : 'ligne conservée'],
    ['error', report.summary.error, report.summary.error > 1 ? 'erreurs' : 'erreur'],
    ['warning', report.summary.warning, report.summary.warning > 1 ? 'avertissements' : 'avertissement'],
    ['fixed', fixes, fixes > 1 ? 'corrections automatiques' : 'correction automatique'],
    ['removed', removed, `${removed > 1 ? 'lignes retirées' : 'ligne retirée'}${why}`],
  ];
  ui.summary.replaceChildren(...items.map(([show, count, label]) => {
    const item = document.createElement('button');
    item.className = `count ${show}`;
    const number = document.createElement('strong');
    number.textContent = String(count);
    item.append(number, ` ${label}`);
    item.type = 'button';
    item.dataset.filter = show;
    item.setAttribute('aria-pressed', String(state.filter.show === show));
    item.addEventListener('click', () => choose(show));
    return item;
  }));
}

function choose(show) {
  ui.onlyErrors.checked = show === 'error';
  setFilter({ show, column: null });
}

function pressFilter() {
  for (const b of ui.summary.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.filter === state.filter.show));
}

// ---------- the selected cell ----------

/** Shows the findings of one cell ('' : the row itself), with its fix and a refused one. */
function showDetail({ row, field: fieldId }) {
  const item = cachedRow(row);
  if (!item) return;
  const field = state.head.fields.find((f) => f.id === fieldId);
  const findings = field ? cellFindings(item, fieldId) : item.findings.filter((f) => f.column == null);
  // A refused fix is no longer reported: offer it back here, where it was refused.
  const refused = field ? item.refused.filter((f) => f.column === fieldId) : [];
  const offered = findings.some((f) => f.code === 'value.fixed') ? [] : refused;
  ui.detail.replaceChildren();
  const title = document.createElement('p');
  title.className = 'detail-title';
  title.textContent = field ? `Ligne ${row} · ${field.title}` : `Ligne ${row}`;
  ui.detail.append(title);
  if (item.removed) {
    const p = document.createElement('p');
    p.textContent = `Cette ligne n'est pas reprise dans le fichier corrigé (${REMOVED[item.removed] ?? 'retirée'}).`;
    ui.detail.append(p);
  }
  if (!findings.length && !offered.length && !item.removed) {
    const p = document.createElement('p');
    p.textContent = 'Aucune remarque sur cette cellule.';
    ui.detail.append(p);
  }
  const list = document.createElement('ul');
  for (const f of findings) list.append(f.code === 'value.fixed' ? fixItem(f, false) : findingItem(f));
  for (const f of offered) list.append(fixItem(f, true));
  if (list.children.length) ui.detail.append(list);
}

function hint() {
  const p = document.createElement('p');
  p.className = 'help';
  p.textContent = 'Sélectionnez une cellule du tableau (clic ou flèches du clavier) : ses remarques s\'affichent ici.';
  ui.detail.replaceChildren(p);
}

// ---------- fixes the coordinator reviews ----------

function fixItem(f, refused) {
  const li = document.createElement('li');
  li.className = 'fix';
  const label = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = !refused;
  box.addEventListener('change', () => toggleFix(f, !box.checked));
  const field = state.head.fields.find((x) => x.id === f.column);
  const text = document.createElement('span');
  text.textContent = `Ligne ${f.row} · ${field?.title ?? f.column} : « ${f.value ?? ''} » → « ${f.fixed ?? ''} »`;
  label.append(box, ' ', text);
  li.append(label);
  return li;
}

async function toggleFix(fix, refuse) {
  const { row, column } = fix;
  try {
    const change = applyChange(await bridge.call('refuse', { row, field: column, refused: refuse, names: names() }));
    if (change) setStatus(refuse ? `Correction refusée : la ligne ${row} garde sa valeur d'origine.` : `Correction rétablie à la ligne ${row}.`);
  } catch (e) {
    failed(e);
  }
}

let listTicket = 0;
async function renderLists() {
  const ticket = ++listTicket;
  try {
    const [fixes, issues] = [
      await bridge.call('list', { name: 'fixes', from: 0, count: LIST_LIMIT }),
      await bridge.call('list', { name: 'issues', from: 0, count: LIST_LIMIT }),
    ];
    if (ticket !== listTicket || !state.head) return;
    renderFixes(fixes);
    renderIssues(issues);
  } catch (e) {
    failed(e);
  }
}

function renderFixes({ total, first_refused: firstRefused, items }) {
  ui.fixes.querySelector('summary').textContent = `Corrections automatiques (${total})`;
  const list = items.map((f, i) => fixItem(f, i >= firstRefused));
  if (total > LIST_LIMIT) {
    list.push(moreItem(`… et ${total - LIST_LIMIT} autres corrections : filtrez le tableau sur « corrections automatiques » et sélectionnez une cellule pour refuser sa correction.`));
  }
  ui.fixList.replaceChildren(...list);
}

function renderIssues({ total, items }) {
  ui.issues.querySelector('summary').textContent = `Liste des erreurs et avertissements (${total})`;
  const list = items.map((f) => {
    const field = state.head.fields.find((x) => x.id === f.column);
    const li = findingItem(f, field ? `ligne ${f.row}, ${field.title}` : `ligne ${f.row}`);
    const go = document.createElement('button');
    go.type = 'button';
    go.className = 'link';
    go.textContent = 'Voir';
    go.setAttribute('aria-label', `Voir la ligne ${f.row}`);
    go.addEventListener('click', async () => {
      if (!(await focusCell(f.row, f.column ?? ''))) {
        choose('all');
        await focusCell(f.row, f.column ?? '');
      }
    });
    li.append(' ', go);
    return li;
  });
  if (total > LIST_LIMIT) {
    list.push(moreItem(`… et ${total - LIST_LIMIT} autres : utilisez les filtres du résumé (erreurs, avertissements) et le bouton « Erreur suivante ».`));
  }
  ui.issueList.replaceChildren(...list);
}

function renderDownloadWarning() {
  const errors = state.head.report.summary.error;
  const { cpts } = names();
  ui.downloadWarning.hidden = errors === 0 && cpts != null;
  const parts = [];
  if (errors) parts.push(`Le fichier contient encore ${errors} ${errors > 1 ? 'erreurs' : 'erreur'} : corrigez-les avant le dépôt si vous le pouvez ; elles sont signalées dans le fichier (cellules surlignées, feuille « Contrôle »).`);
  if (!cpts) parts.push('Indiquez le nom de la CPTS pour que le fichier soit nommé comme l\'ARS le demande.');
  ui.downloadWarning.textContent = parts.join(' ');
}

function renderHead() {
  ui.results.hidden = false;
  ui.stepDownload.hidden = false;
  renderFileFindings();
  renderSummary();
  renderDownloadWarning();
  ui.undo.disabled = !state.head.can_undo;
  if (state.head.report.filename) ui.filename.textContent = state.head.report.filename;
}

/** The download warning follows the CPTS name as it is typed. */
export function namesChanged() {
  if (state.head) renderDownloadWarning();
}

export function startFindings() {
  ui.onlyErrors.addEventListener('change', () => choose(ui.onlyErrors.checked ? 'error' : 'all'));
  on('opened', () => {
    ui.deposit.hidden = true;
    ui.onlyErrors.checked = false;
    renderHead();
    hint();
    renderLists();
  });
  // The detail is drawn again once the grid has the changed rows.
  let stale = false;
  on('changed', () => {
    ui.deposit.hidden = true;
    renderHead();
    stale = true;
    renderLists();
  });
  on('drawn', () => {
    if (stale && state.cursor) showDetail(state.cursor);
    stale = false;
  });
  on('filtered', pressFilter);
  on('cursor', showDetail);
  on('hover', showDetail);
}
