// What every part of the page shares: the elements, the worker bridge, the French words for
// severities and removals, one finding drawn as a list item, and the messages (progress,
// status, errors). Every value from the file is shown with textContent, never as HTML.
import { Bridge, Cancelled, Crashed } from './bridge.js';
import { emit } from './state.js';

const $ = (id) => document.getElementById(id);
export const ui = {
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

export const STAGES = { read: 'Lecture du fichier…', check: 'Vérification des lignes…' };
export const SEVERITY = {
  error: { label: 'Erreur', icon: '✖' },
  warning: { label: 'Avertissement', icon: '⚠' },
  notice: { label: 'Information', icon: 'ℹ' },
};
export const REMOVED = {
  'row.blank': 'ligne vide, retirée',
  'row.example': 'ligne d\'exemple, retirée',
  'row.opposition': 'opposition, retirée',
};
/** `marks` bits of a row (src/session.rs, `Marks`). */
export const ERROR = 1;
export const WARNING = 2;
export const FIXED = 4;

/** The one bridge to the worker (www/worker.js lists its messages). */
export const bridge = new Bridge((stage) => showProgress(STAGES[stage] ?? ''));

/** The second worker of the ARS's page, for the later run of its files (www/batch.js). */
export const helper = new Bridge();

export function findingItem(f, where = '') {
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

export function moreItem(text) {
  const li = document.createElement('li');
  li.className = 'more';
  li.textContent = text;
  return li;
}

export function showProgress(text) {
  ui.progressBox.hidden = false;
  ui.progressText.textContent = text;
}
export function hideProgress() {
  ui.progressBox.hidden = true;
}
export function setStatus(text) {
  ui.status.textContent = text;
}
/** What the coordinator reads: the module's French message, or a French sentence for a fault
 * of the page itself (a TypeError, a RangeError…), whose English detail goes to the console. */
export function messageOf(e) {
  if (e instanceof Cancelled || e instanceof Crashed || e?.constructor === Error) return e.message;
  console.error('annuaire-cpts :', e);
  return 'Une erreur inattendue est survenue dans la page. Déposez le fichier à nouveau ; si cela se reproduit, signalez-le à l\'ARS.';
}
export function showError(text) {
  ui.error.textContent = text;
}
export function clearError() {
  ui.error.textContent = '';
}

/** After a failed call: a crash or an interruption closes the file (the worker was replaced). */
export function failed(e) {
  if (e instanceof Crashed || e instanceof Cancelled) emit('closed');
  showError(messageOf(e));
}
