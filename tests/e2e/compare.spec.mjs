// Issue 16: « Comparer avec l'annuaire de l'an dernier » — last year's file (a CSV, its zeros
// lost) against the file being checked (an .xlsx in another column order): the counts, the
// filterable list, the « Évolutions » download, and nothing of the member who objected.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, dataRows } from './helpers.mjs';
import { FILES, file } from './files.mjs';
import { HEADERS, member, SECOND } from './data.mjs';
import { csv, unzip, xlsx } from './xlsx.mjs';

const OUTPUT = 'tests/e2e/output';
const LAST = 'annuaire-2025.csv';
const THIS = 'annuaire-2026.xlsx';

const ROUX = { Nom: 'ROUX', 'Prénom': 'Marc', Profession: 'Secrétaire', 'RPPS / ADELI': '', 'Téléphone': '05 61 00 00 01' };
const PETIT = { Nom: 'PETIT', 'Prénom': 'Anne', Profession: 'Secrétaire', 'RPPS / ADELI': '', 'Téléphone': '05 61 00 00 02' };

test.beforeAll(() => {
  mkdirSync(FILES, { recursive: true });
  // Last year: MARTIN (phone as Excel's CSV writes a number: the 0 lost), BERNARD (leaves), ROUX.
  writeFileSync(file(LAST), csv([HEADERS, member({ 'Téléphone': '561123456', 'Utilise SPICO Dossier': 'Non' }),
    member(SECOND), member(ROUX)]));
  // This year, columns reversed: MARTIN adopts SPICO Dossier, ROUX objects, PETIT joins.
  const reversed = (row) => [...row].reverse();
  writeFileSync(file(THIS), xlsx({
    Annuaire: [reversed(HEADERS), reversed(member()), reversed(member({ ...ROUX, 'Opposition à la transmission': 'Oui' })),
      reversed(member(PETIT))],
  }));
});

async function compare(page) {
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file(THIS));
  await expect(dataRows(page)).toHaveCount(3);
  await page.getByText("Comparer avec l'annuaire de l'an dernier").click();
  await page.getByLabel("Annuaire de l'an dernier").setInputFiles(file(LAST));
  await expect(page.locator('#compare-status')).toContainText('Comparaison terminée');
}

test('last year\'s file gives the counts and a filterable list, the objecting member only counted', async ({ page }) => {
  await compare(page);
  const counts = page.locator('#compare-counts');
  await expect(counts).toContainText('Arrivées : 1');
  await expect(counts).toContainText('Départs : 1');
  await expect(counts).toContainText('Adhérents dont une information a changé : 1');
  await expect(counts).toContainText('Adhérents sans changement : 0');
  await expect(counts).toContainText('Adhérents opposés à la transmission (comptés, non nommés) : 1');
  await expect(counts).toContainText('SPICO Dossier : adoptions (Non → Oui) : 1');
  const items = page.locator('#compare-list li');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toHaveText('Arrivée, ligne 4 : PETIT Anne (Secrétaire)');
  await expect(items.nth(1)).toContainText('Départ, ligne 3 de l\'an dernier : BERNARD Louis (Médecin)');
  // The phone is the same once normalised: only SPICO Dossier changed.
  await expect(items.nth(2)).toContainText('MARTIN Claire (Infirmier) — Utilise SPICO Dossier : « Non » → « Oui »');
  await expect(items.nth(2)).not.toContainText('Téléphone');
  await expect(page.locator('#compare')).not.toContainText('ROUX');

  await page.getByLabel('Afficher').selectOption('left');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('BERNARD');
  await page.getByLabel('Afficher').selectOption('all');
  await page.getByLabel('Rechercher').fill('martín');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('MARTIN');
  await page.getByLabel('Rechercher').fill('personne');
  await expect(items).toHaveText(['Aucune ligne.']);

  const found = await new AxeBuilder({ page }).include('#compare').analyze();
  expect(found.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('« Télécharger les évolutions » gives the coordinator\'s workbook, never the ARS file', async ({ page }) => {
  await compare(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Télécharger les évolutions' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Evolutions_annuaire-2026.xlsx');
  mkdirSync(`${OUTPUT}/downloads`, { recursive: true });
  const path = `${OUTPUT}/downloads/${download.suggestedFilename()}`;
  await download.saveAs(path);
  const parts = unzip(readFileSync(path));
  const workbook = parts.get('xl/workbook.xml').toString('utf8');
  const names = [...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  expect(names).toEqual(['Synthèse', 'Arrivées', 'Départs', 'Modifications']);
  const all = [...parts.values()].map((b) => b.toString('utf8')).join('\n');
  expect(all).toContain('PETIT');
  expect(all).toContain('BERNARD');
  expect(all).not.toContain('ROUX');
  // The corrected file for the ARS holds this year's members only, as before.
  await expect(page.getByRole('button', { name: 'Télécharger le fichier corrigé' })).toBeVisible();
});

test('a comparison with a file that is not a spreadsheet says so in French, the page still usable', async ({ page }) => {
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file(THIS));
  await expect(dataRows(page)).toHaveCount(3);
  await page.getByText("Comparer avec l'annuaire de l'an dernier").click();
  await page.getByLabel("Annuaire de l'an dernier").setInputFiles(file('pas-un-tableur.xlsx'));
  await expect(page.locator('#compare-error')).toContainText('pas-un-tableur.xlsx : ');
  await expect(page.locator('#compare-result')).toBeHidden();
  // The file being checked is still open.
  await expect(dataRows(page)).toHaveCount(3);
  await page.getByLabel("Annuaire de l'an dernier").setInputFiles(file(LAST));
  await expect(page.locator('#compare-counts')).toContainText('Arrivées : 1');
});
