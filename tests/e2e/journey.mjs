// Issue 17: the whole journey of a coordinator, the same wherever the page comes from (the
// one file from file://, dist/ through nginx at / or under a sub-path): drop, findings, edit,
// download under the ARS name, the members' notice, the template, the build's identity.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { file, TO_FIX } from './files.mjs';
import { checkJson } from './cli.mjs';

const DOWNLOADS = 'tests/e2e/output/downloads/journey';
export const CPTS = 'CPTS du centre TARN';
/** The SHA-256 of the built module, as SHA256SUMS lists it. */
export const moduleHash = () => createHash('sha256').update(readFileSync('dist/pkg/annuaire_cpts_bg.wasm')).digest('hex');

const cell = (page, row, field) => page.locator(`#table tbody tr[data-row="${row}"] td[data-field="${field}"]`);

async function download(page, button, where) {
  const [got] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  mkdirSync(`${DOWNLOADS}/${where}`, { recursive: true });
  const path = `${DOWNLOADS}/${where}/${got.suggestedFilename()}`;
  await got.saveAs(path);
  return { name: got.suggestedFilename(), path };
}

/** Opens `url`, waits for the module, and goes through every feature; `where` names the run. */
export async function journey(page, url, where) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#build')).toContainText(moduleHash());

  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file(TO_FIX));
  await expect(cell(page, 3, 'identifiant')).toHaveClass(/error/);
  await expect(page.locator('#summary button[data-filter="error"]')).toContainText(/^[1-9]\d* erreur/);
  await expect(page.getByLabel('Nom de la CPTS')).toHaveValue('CPTS Du Centre TARN');

  await cell(page, 3, 'identifiant').dblclick();
  await page.getByLabel('RPPS / ADELI, ligne 3').fill('10000000017');
  await page.keyboard.press('Enter');
  await expect(page.locator('#summary button[data-filter="error"]')).toContainText(/^0 erreur/);

  await page.getByLabel('Nom de la CPTS').fill(CPTS);
  const corrected = await download(page, 'Télécharger le fichier corrigé', where);
  expect(corrected.name).toBe(TO_FIX);
  const { status, report } = checkJson(corrected.path);
  expect(status, JSON.stringify(report.issues, null, 1)).toBe(0);
  expect(report.rows_kept).toBe(4);
  await expect(page.locator('#deposit')).toBeVisible();
  await expect(page.locator('#deposit')).toContainText(TO_FIX);

  await page.locator('#notice summary').click();
  const notice = page.getByLabel("Notice d'information des adhérents");
  await expect(notice).toHaveValue(new RegExp(`transmet l'annuaire de ses adhérents à l'Agence régionale de santé`));
  await expect(notice).toHaveValue(new RegExp(`auprès de la ${CPTS} :`));
  const text = await download(page, 'Télécharger la notice (texte)', where);
  expect(text.name).toBe('Information_des_adherents.txt');
  const written = readFileSync(text.path, 'utf8');
  for (const word of [CPTS, 'ARS Occitanie', 'SPICO Dossier', 'rectifier', 'limitation', 'opposer', 'CNIL', '[À COMPLÉTER']) {
    expect(written).toContain(word);
  }

  const template = await download(page, 'Télécharger le modèle vierge', where);
  expect(template.name).toBe('Modele_Annuaire_CPTS.xlsx');
  expect(checkJson(template.path).status).not.toBe(2);
  expect(errors, 'no error in the page or its console').toEqual([]);
}
