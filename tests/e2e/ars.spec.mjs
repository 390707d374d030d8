// Issue 15 on the page: several files dropped at once (xlsx, csv, ods, xls, xlsm and one that is
// no spreadsheet) are checked one by one into a sortable table of files (a misnamed one with its
// expected name, an unreadable one with its French message), the merged directory and the
// indicators download, and « Ouvrir » shows one file in the one-file view. And the
// coordinator's own « Indicateurs sans données personnelles ».
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, dataRows } from './helpers.mjs';
import { FILES, file } from './files.mjs';
import { HEADERS, member, SECOND } from './data.mjs';
import { csv, unzip, xlsx } from './xlsx.mjs';

const OUTPUT = 'tests/e2e/output';
const LOT = 'Annuaire_CPTS_Du_Lot_2026.xlsx';
const AVEYRON = 'annuaire cpts sud aveyron 2026.csv';
const ODS = 'Annuaire_CPTS_Ouest_Audois_2026.ods';
const XLS = 'Annuaire_CPTS_Grand_Auch_2026.xls';
const XLSM = 'Annuaire_CPTS_Haut_Languedoc_2026.xlsm';
const BROKEN = 'Annuaire_CPTS_Cassee_2026.xlsx';

const secretary = (i) => member({ Nom: `DURAND${String.fromCharCode(65 + i)}`, Profession: 'Secrétaire', 'RPPS / ADELI': '' });

test.beforeAll(() => {
  mkdirSync(FILES, { recursive: true });
  // The Lot: twelve secretaries, MARTIN, and a member who objected.
  const lot = [HEADERS, member()];
  for (let i = 0; i < 12; i += 1) lot.push(secretary(i));
  lot.push(member({ ...SECOND, Nom: 'OPPOSE', 'Opposition à la transmission': 'Oui' }));
  writeFileSync(file(LOT), xlsx({ Annuaire: lot }));
  // Sud Aveyron (not named by the rule): MARTIN again (she belongs to two CPTS), and a bad RPPS.
  writeFileSync(file(AVEYRON), csv([HEADERS, member(), member({ ...SECOND, 'RPPS / ADELI': '10999999990' })]));
  copyFileSync('tests/fixtures/read/directory.ods', file(ODS));
  copyFileSync('tests/fixtures/read/directory.xls', file(XLS));
  copyFileSync('tests/fixtures/read/directory.xlsm', file(XLSM));
  copyFileSync(file('pas-un-tableur.xlsx'), file(BROKEN));
});

async function dropAll(page) {
  await page.getByLabel("Fichier de l'annuaire").setInputFiles([LOT, AVEYRON, ODS, XLS, XLSM, BROKEN].map(file));
  await expect(page.locator('#batch-summary')).toContainText('6 fichiers vérifiés pour 2026 : 5 lus, 1 illisible');
}

const lines = (page) => page.locator('#batch-table tbody tr');

test('several files make a table of files, sortable, with the misnamed and the unreadable ones', async ({ page }) => {
  await dropAll(page);
  await expect(lines(page)).toHaveCount(6);
  for (const name of [ODS, XLS, XLSM]) {
    await expect(lines(page).filter({ hasText: name }).locator('td').nth(1)).not.toHaveText('—');
  }
  const lot = lines(page).filter({ hasText: LOT });
  await expect(lot.locator('td').nth(0)).toHaveText('Oui');
  // 14 rows read, 13 kept (the member who objected is left out).
  await expect(lot.locator('td').nth(1)).toHaveText('14');
  await expect(lot.locator('td').nth(2)).toHaveText('13');
  const aveyron = lines(page).filter({ hasText: AVEYRON });
  await expect(aveyron.locator('td').nth(0)).toHaveText('Non : « Annuaire_Cpts_Sud_Aveyron_2026.xlsx »');
  await expect(aveyron.locator('td.error')).toHaveCount(1);
  const broken = lines(page).filter({ hasText: BROKEN });
  await expect(broken).toHaveClass(/unreadable/);
  await expect(broken.locator('.why')).not.toBeEmpty();
  await expect(broken.getByRole('button')).toHaveCount(0);
  // The one-file view is not shown meanwhile.
  await expect(page.locator('#results')).toBeHidden();

  // Sorting by errors, most first on the second click.
  const errors = page.getByRole('button', { name: 'Erreurs' });
  await errors.click();
  await expect(page.locator('#batch-table th[aria-sort="ascending"]')).toHaveText('Erreurs');
  await errors.click();
  await expect(page.locator('#batch-table th[aria-sort="descending"]')).toHaveText('Erreurs');
  const shown = await lines(page).evaluateAll((rows) => rows.map((r) => r.cells[4].textContent));
  // The unreadable file shows « — » for its counts, and sorts by its one error.
  const counted = shown.filter((t) => t !== '—').map(Number);
  expect(counted).toEqual([...counted].sort((a, b) => b - a));
  expect(counted[0]).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Fichier', exact: true }).click();
  await expect(page.locator('#batch-table th[aria-sort="ascending"]')).toHaveText('Fichier');
  const names = await lines(page).evaluateAll((rows) => rows.map((r) => r.cells[0].firstChild.textContent));
  expect(names).toHaveLength(6);
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base', numeric: true })));

  const found = await new AxeBuilder({ page }).include('#batch').analyze();
  expect(found.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

async function saved(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  mkdirSync(`${OUTPUT}/downloads`, { recursive: true });
  const path = `${OUTPUT}/downloads/${download.suggestedFilename()}`;
  await download.saveAs(path);
  return { name: download.suggestedFilename(), parts: unzip(readFileSync(path)) };
}

const text = (parts) => [...parts.values()].map((b) => b.toString('utf8')).join('\n');

test('the merged directory and the indicators download; the indicators hold no member', async ({ page }) => {
  await dropAll(page);
  const merged = await saved(page, /Télécharger l'annuaire régional/);
  expect(merged.name).toBe('Annuaire_CPTS_Occitanie_2026.xlsx');
  const workbook = merged.parts.get('xl/workbook.xml').toString('utf8');
  const sheets = [...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  expect(sheets.slice(0, 3)).toEqual(['Annuaire', 'Contrôle', 'Fichiers']);
  const all = text(merged.parts);
  expect(all).toContain('DURANDA');
  expect(all).toContain('CPTS Du Lot');
  expect(all).not.toContain('OPPOSE');
  // MARTIN is listed by two CPTS: a notice, not an error.
  expect(all).toContain('figure aussi dans l\'annuaire de');

  const counts = await saved(page, /Télécharger les indicateurs/);
  expect(counts.name).toBe('Indicateurs_CPTS_Occitanie_2026.xlsx');
  const numbers = text(counts.parts);
  for (const name of ['MARTIN', 'DURAND', 'BERNARD', 'OPPOSE', '10000000009']) expect(numbers).not.toContain(name);
  expect(numbers).toContain('&lt; 11');

  await page.locator('#batch-counts summary').click();
  const first = page.locator('#batch-tables table').first();
  await expect(first.locator('caption')).not.toBeEmpty();
  await expect(first.locator('tbody tr').last()).toContainText('Région (toutes les CPTS)');
  await expect(page.locator('#batch-tables')).toContainText('< 11');
  await expect(page.locator('#batch-tables')).not.toContainText('DURAND');

  // The same files again: the helper worker, let go after the first batch, starts afresh.
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file(AVEYRON));
  await expect(page.locator('#batch')).toBeHidden();
  await dropAll(page);
  const again = await saved(page, /Télécharger l'annuaire régional/);
  expect([...again.parts.keys()]).toEqual([...merged.parts.keys()]);
  for (const [name, bytes] of merged.parts) expect(again.parts.get(name).equals(bytes), name).toBe(true);
});

test('« Ouvrir » shows one file of the batch in the one-file view, the table of files kept', async ({ page }) => {
  await dropAll(page);
  await page.getByRole('button', { name: `Ouvrir ${AVEYRON}` }).click();
  await expect(dataRows(page)).toHaveCount(2);
  await expect(page.locator('#summary')).toContainText('2 lignes lues');
  await page.getByRole('button', { name: `Ouvrir ${LOT}` }).click();
  await expect(page.locator('#summary')).toContainText('14 lignes lues');
  await expect(page.getByLabel('Nom de la CPTS')).toHaveValue('CPTS Du Lot');
  await expect(lines(page)).toHaveCount(6);
  // And the batch is still there to download from.
  const merged = await saved(page, /Télécharger l'annuaire régional/);
  expect(merged.name).toBe('Annuaire_CPTS_Occitanie_2026.xlsx');
  // One file dropped afterwards is the coordinator's journey again.
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file(AVEYRON));
  await expect(page.locator('#batch')).toBeHidden();
  await expect(page.locator('#summary')).toContainText('2 lignes lues');
});

test('the coordinator\'s own indicators, by the same rules, follow her edits', async ({ page }) => {
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file(LOT));
  await expect(page.locator('#summary')).toContainText('14 lignes lues');
  await page.locator('#indicators summary').click();
  const tables = page.locator('#indicators-tables');
  const members = tables.locator('table').first();
  await expect(members.locator('tbody tr')).toHaveCount(1);
  await expect(members.locator('tbody tr').first()).toContainText('Votre CPTS');
  await expect(members.locator('tbody td').last()).toHaveText('13');
  await expect(tables).toContainText('< 11');
  await expect(tables).not.toContainText('DURAND');
  // She records an objection in the table: that member is no longer counted.
  await page.locator('#table tbody tr[data-row="2"] td[data-field="opposition"]').dblclick();
  const input = page.getByLabel('Opposition à la transmission, ligne 2');
  await input.fill('Oui');
  await input.press('Enter');
  await expect(page.locator('#table tbody tr[data-row="2"]')).toHaveClass(/removed/);
  await expect(members.locator('tbody td').last()).toHaveText('12');
  const counts = await saved(page, 'Télécharger les indicateurs');
  expect(counts.name).toBe('Indicateurs_CPTS_Du_Lot_2026.xlsx');
  expect(text(counts.parts)).not.toContain('DURAND');
  const found = await new AxeBuilder({ page }).include('#indicators').analyze();
  expect(found.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('a file whose check stops either worker is a line of the table, the others checked', async ({ page }) => {
  // A trap is a bug of the module, so no file makes one on purpose: the worker is served with
  // its `batchAdd` trapping on one file name, as the module would.
  await page.context().route('**/worker.js', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(
      'async batchAdd(id, { file }) {',
      `async batchAdd(id, { file }) {
    if (['${LOT}', '${BROKEN}'].includes(file.name)) throw new WebAssembly.RuntimeError('unreachable');`,
    );
    await route.fulfill({ response, body });
  });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await page.getByLabel("Fichier de l'annuaire").setInputFiles([LOT, AVEYRON, ODS, BROKEN].map(file));
  await expect(page.locator('#batch-summary')).toContainText('4 fichiers vérifiés pour 2026 : 2 lus, 2 illisibles');
  // The first file is checked by the page's worker, the last by its helper (www/batch.js).
  for (const name of [LOT, BROKEN]) {
    await expect(lines(page).filter({ hasText: name }).locator('.why')).toContainText('Une erreur interne est survenue');
  }
  await expect(lines(page).filter({ hasText: AVEYRON }).locator('td').nth(1)).toHaveText('2');
});
