// Issue 6: the page a coordinator uses, from the dropped file to the deposited one.
import { mkdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, dataRows } from './helpers.mjs';
import { file, TO_FIX, LARGE_ROWS, MESSY_ROWS } from './files.mjs';
import { NIR } from './data.mjs';
import { checkJson } from './cli.mjs';
import { unzip } from './xlsx.mjs';

const OUTPUT = 'tests/e2e/output';
const cell = (page, row, field) => page.locator(`#table tbody tr[data-row="${row}"] td[data-field="${field}"]`);
const summary = (page, filter) => page.locator(`#summary button[data-filter="${filter}"]`);

/** Clicks a download button; returns the suggested name and where the file was saved. */
async function download(page, button) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  mkdirSync(`${OUTPUT}/downloads`, { recursive: true });
  const path = `${OUTPUT}/downloads/${file.suggestedFilename()}`;
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path };
}

async function openToFix(page) {
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file(TO_FIX));
  await expect(cell(page, 3, 'identifiant')).toHaveClass(/error/);
}

test('a file named by the convention pre-fills the CPTS name, the year and the ARS file name', async ({ page }) => {
  await openToFix(page);
  await expect(page.getByLabel('Nom de la CPTS')).toHaveValue('CPTS Du Centre TARN');
  await expect(page.getByLabel('Année de dépôt')).toHaveValue('2026');
  await expect(page.locator('#filename')).toHaveText(TO_FIX);
  await page.getByLabel('Nom de la CPTS').fill("CPTS Moyenne et Haute Vallée de l'Aude");
  await page.getByLabel('Année de dépôt').fill('2023');
  await expect(page.locator('#filename')).toHaveText('Annuaire_CPTS_Moyenne_Et_Haute_Vallée_De_Laude_2023.xlsx');
});

test('the summary counts, and its filters and « Uniquement les lignes à corriger » narrow the table', async ({ page }) => {
  await openToFix(page);
  await expect(summary(page, 'error')).toContainText(/^[1-9]\d* erreur/);
  await expect(summary(page, 'fixed')).toContainText(/^[1-9]\d* correction/);
  await expect(summary(page, 'removed')).toContainText(/^1 ligne retirée/);
  await expect(page.locator('#summary')).toContainText('lignes lues');
  await page.getByLabel('Uniquement les lignes à corriger').check();
  await expect(dataRows(page)).toHaveCount(1);
  await expect(dataRows(page).first()).toHaveAttribute('data-row', '3');
  await expect(summary(page, 'error')).toHaveAttribute('aria-pressed', 'true');
  await summary(page, 'removed').click();
  await expect(dataRows(page)).toHaveCount(1);
  await expect(dataRows(page).first()).toHaveAttribute('data-row', '5');
  await expect(page.getByLabel('Uniquement les lignes à corriger')).not.toBeChecked();
  await summary(page, 'kept').click();
  await expect(dataRows(page)).toHaveCount(4);
  await summary(page, 'all').click();
  await expect(dataRows(page)).toHaveCount(5);
});

test('the removed rows are counted by reason (blank, example, opposition)', async ({ page }) => {
  await openToFix(page);
  await expect(summary(page, 'removed')).toHaveText('1 ligne retirée (1 vide)');
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('nir.xlsx'));
  await expect(summary(page, 'removed')).toHaveText('1 ligne retirée (1 opposition)');
  await expect(summary(page, 'kept')).toHaveText('2 lignes conservées');
});

test('a wrong cell is marked by colour and icon, and its message shows on focus', async ({ page }) => {
  await openToFix(page);
  await expect(page.locator('#detail')).toContainText('Sélectionnez une cellule');
  const wrong = cell(page, 3, 'identifiant');
  await expect(wrong.locator('.icon')).toHaveText('✖');
  await expect(wrong.locator('.sr-only')).toContainText('Erreur');
  await wrong.focus();
  await expect(page.locator('#detail')).toContainText('Ligne 3');
  await expect(page.locator('#detail')).toContainText(/RPPS/);
  const fixed = cell(page, 4, 'telephone');
  await expect(fixed).toHaveClass(/fixed/);
  await expect(fixed.locator('.value')).toHaveText('05 61 12 34 56');
  await fixed.hover();
  await expect(page.locator('#detail')).toContainText('Ligne 4');
});

test('« Erreur suivante » moves to the next error; an edited cell is checked again at once and can be undone', async ({ page }) => {
  await openToFix(page);
  await page.getByRole('button', { name: 'Erreur suivante' }).click();
  const wrong = cell(page, 3, 'identifiant');
  await expect(wrong).toBeFocused();
  await page.keyboard.press('Enter');
  const input = page.getByLabel('RPPS / ADELI, ligne 3');
  await expect(input).toBeFocused();
  await input.fill('10000000017');
  await page.keyboard.press('Enter');
  await expect(cell(page, 3, 'identifiant')).not.toHaveClass(/error/);
  await expect(cell(page, 3, 'identifiant')).toBeFocused();
  await expect(summary(page, 'error')).toContainText(/^0 erreur/);
  await page.getByRole('button', { name: 'Annuler la dernière modification' }).click();
  await expect(cell(page, 3, 'identifiant')).toHaveClass(/error/);
  await expect(cell(page, 3, 'identifiant').locator('.value')).toHaveText('10000000008');
  // Escape leaves the cell as it was.
  await cell(page, 3, 'identifiant').dblclick();
  await page.getByLabel('RPPS / ADELI, ligne 3').fill('123');
  await page.keyboard.press('Escape');
  await expect(cell(page, 3, 'identifiant').locator('.value')).toHaveText('10000000008');
});

test('an edit updates the rows that depend on the edited one, and undo gives them back', async ({ page }) => {
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('doublon.xlsx'));
  // Row 3 has row 2's RPPS: the duplicate is reported on row 3.
  await expect(cell(page, 3, 'identifiant')).toHaveClass(/error/);
  await expect(cell(page, 2, 'identifiant')).not.toHaveClass(/error/);
  await cell(page, 2, 'identifiant').dblclick();
  const input = page.getByLabel('RPPS / ADELI, ligne 2');
  await input.fill('10000000017');
  await input.press('Enter');
  // Only row 2 was edited; row 3 is no longer a duplicate.
  await expect(cell(page, 3, 'identifiant')).not.toHaveClass(/error/);
  await expect(summary(page, 'error')).toContainText(/^0/);
  await page.getByRole('button', { name: 'Annuler la dernière modification' }).click();
  await expect(cell(page, 2, 'identifiant').locator('.value')).toHaveText('10000000009');
  await expect(cell(page, 3, 'identifiant')).toHaveClass(/error/);
  await expect(page.getByRole('button', { name: 'Annuler la dernière modification' })).toBeDisabled();
});

test('the arrow keys move between cells', async ({ page }) => {
  await openToFix(page);
  await cell(page, 2, 'nom').focus();
  await page.keyboard.press('ArrowDown');
  await expect(cell(page, 3, 'nom')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(cell(page, 3, 'prenom')).toBeFocused();
  // The table is a single Tab stop: Tab leaves it, Shift+Tab comes back to the same cell.
  await page.keyboard.press('Tab');
  await expect(page.locator('#fixes summary')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(cell(page, 3, 'prenom')).toBeFocused();
  // From the first column, ArrowLeft reaches the row number and its own remarks.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('#table tbody tr[data-row="3"] th')).toBeFocused();
});

test('keyboard only: the table is a single Tab stop between the toolbar and the lists', async ({ page }) => {
  await openToFix(page);
  await page.locator('#next-error').focus();
  const stops = [];
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('Tab');
    stops.push(await page.evaluate(() => {
      const el = document.activeElement;
      return el.closest('#table') ? 'table' : el.id || el.tagName.toLowerCase();
    }));
  }
  expect(stops.filter((s) => s === 'table')).toHaveLength(1);
});

test('an automatic fix can be refused and restored', async ({ page }) => {
  await openToFix(page);
  await page.locator('#fixes summary').click();
  // The list is drawn again after each check: the locator finds the new checkbox each time.
  const fix = page.locator('#fix-list li', { hasText: 'Ligne 4' }).filter({ hasText: 'Téléphone' }).getByRole('checkbox');
  await expect(fix).toBeChecked();
  await fix.uncheck();
  await expect(cell(page, 4, 'telephone').locator('.value')).toHaveText('561123456');
  await expect(fix).not.toBeChecked();
  await fix.check();
  await expect(cell(page, 4, 'telephone').locator('.value')).toHaveText('05 61 12 34 56');
});

test('the corrected file downloads under the ARS name, reads back clean, and the deposit steps follow', async ({ page }) => {
  await openToFix(page);
  await cell(page, 3, 'identifiant').dblclick();
  await page.getByLabel('RPPS / ADELI, ligne 3').fill('10000000017');
  await page.keyboard.press('Enter');
  await expect(summary(page, 'error')).toContainText(/^0 erreur/);
  await page.getByLabel('Nom de la CPTS').fill('CPTS du centre TARN');
  const { name, path } = await download(page, 'Télécharger le fichier corrigé');
  expect(name).toBe(TO_FIX);
  const { status, report } = checkJson(path);
  expect(report.summary.error, JSON.stringify(report.issues, null, 1)).toBe(0);
  expect(status).toBe(0);
  expect(report.rows_kept).toBe(4);
  await expect(page.locator('#deposit')).toBeVisible();
  await expect(page.locator('#deposit')).toContainText(TO_FIX);
  await expect(page.locator('#deposit')).toContainText('mot de passe');
  // The ARS guide's steps: pick the file, wait for 100 %, check it is listed under its name.
  const steps = page.locator('#deposit ol > li');
  await expect(steps.filter({ hasText: '100 %' })).toHaveCount(1);
  await expect(steps.filter({ hasText: 'apparaît bien dans la liste' })).toContainText(TO_FIX);
  // Nothing of the file is kept by the browser.
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    databases: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
  }));
  expect(stored).toEqual({ local: 0, session: 0, cookie: '', databases: 0, caches: 0 });
});

test('a corrected file of several megabytes, written in 1 MiB parts, downloads whole', async ({ page }) => {
  test.setTimeout(90_000);
  const rows = 10 * LARGE_ROWS;
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('tres-grand-annuaire.xlsx'));
  await expect(summary(page, 'all')).toContainText(`${rows} lignes lues`, { timeout: 60_000 });
  await page.getByLabel('Nom de la CPTS').fill('CPTS du centre TARN');
  const { path } = await download(page, 'Télécharger le fichier corrigé');
  const bytes = readFileSync(path);
  expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024);
  // Every part inflates to its recorded size and CRC: the parts were joined in order, whole.
  const parts = unzip(bytes);
  const annuaire = parts.get('xl/worksheets/sheet1.xml').toString('utf8');
  expect(annuaire.match(/<row /g)).toHaveLength(1 + rows);
  expect(parts.has('docProps/core.xml')).toBe(true);
});

test('a NIR is never shown whole in the page, wherever it was in the file', async ({ page }) => {
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('nir.xlsx'));
  await expect(dataRows(page)).toHaveCount(3);
  await cell(page, 2, 'specialite').focus();
  await expect(page.locator('#detail')).toContainText('Ligne 2');
  await page.locator('#fixes summary').click();
  await page.locator('#issues summary').click();
  await expect(page.locator('#issue-list')).toContainText(/NIR|sécurité sociale/i);
  // Everything a person or a screen reader can get: text, tooltips, labels, field values.
  const shown = await page.evaluate(() => {
    const parts = [document.body.innerText, document.body.textContent];
    for (const el of document.querySelectorAll('*')) {
      for (const a of ['title', 'aria-label', 'value']) if (el.getAttribute(a)) parts.push(el.getAttribute(a));
      if ('value' in el && typeof el.value === 'string') parts.push(el.value);
    }
    return parts.join('\n').replace(/[\s.-]/g, '');
  });
  expect(shown).not.toContain(NIR.replace(/ /g, ''));
  expect(shown).not.toContain(NIR.replace(/ /g, '').slice(0, 13));
});

test('no request at all while the coordinator edits, refuses a fix and downloads', async ({ page, requests }) => {
  await openToFix(page);
  await page.waitForLoadState('networkidle');
  requests.length = 0;
  await cell(page, 3, 'identifiant').dblclick();
  await page.getByLabel('RPPS / ADELI, ligne 3').fill('10000000017');
  await page.keyboard.press('Enter');
  await expect(summary(page, 'error')).toContainText(/^0 erreur/);
  await page.locator('#fixes summary').click();
  await page.locator('#fix-list li', { hasText: 'Ligne 4' }).getByRole('checkbox').uncheck();
  await expect(cell(page, 4, 'telephone').locator('.value')).toHaveText('561123456');
  await page.getByLabel('Nom de la CPTS').fill('CPTS du centre TARN');
  await download(page, 'Télécharger le fichier corrigé');
  await download(page, 'Télécharger le modèle vierge');
  // The downloads are blob: URLs made in the page: nothing goes to any server, not even ours.
  expect(requests.filter((u) => !u.startsWith('blob:'))).toEqual([]);
});

test('the blank template downloads and is a workbook the checker reads', async ({ page }) => {
  const { name, path } = await download(page, 'Télécharger le modèle vierge');
  expect(name).toBe('Modele_Annuaire_CPTS.xlsx');
  const { status, report } = checkJson(path);
  expect(status).not.toBe(2);
  expect(report.rows_kept).toBe(0);
});

for (const name of ['deux-adherents.ods', 'deux-adherents.csv']) {
  test(`a ${name.split('.').pop()} file is read too`, async ({ page }) => {
    await page.getByLabel("Fichier de l'annuaire").setInputFiles(file(name));
    await expect(dataRows(page)).toHaveCount(2);
    await expect(page.locator('#table tbody')).toContainText('BERNARD');
  });
}

test('a workbook with several sheets offers the choice', async ({ page }) => {
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('deux-feuilles.xlsx'));
  const picker = page.getByLabel('Feuille à vérifier');
  await expect(picker).toBeVisible();
  await expect(picker).toHaveValue('Annuaire');
  await expect(dataRows(page)).toHaveCount(1);
  await picker.selectOption('Consignes');
  await expect(page.getByRole('alert')).toContainText(/en-tête/);
  await expect(picker).toBeHidden();
});

test('a short file shows all its rows at once, before any scroll', async ({ page }) => {
  // The grid is as short as its header when a file's first rows are drawn: the rest must
  // follow as soon as it grows, not at the first scroll or click.
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('Annuaire_CPTS_Du_Lot_2026.xlsx'));
  await expect(summary(page, 'all')).toContainText('14 lignes lues');
  await expect(dataRows(page)).toHaveCount(14);
  await expect(dataRows(page).last()).toHaveAttribute('data-row', '15');
});

test('a large file shows progress and keeps only the visible rows in the page', async ({ page }) => {
  await page.evaluate(() => {
    window.__progressSeen = false;
    const box = document.getElementById('progress-box');
    new MutationObserver(() => { if (!box.hidden) window.__progressSeen = true; })
      .observe(box, { attributes: true });
  });
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('grand-annuaire.xlsx'));
  await expect(summary(page, 'all')).toContainText(`${LARGE_ROWS} lignes lues`, { timeout: 20_000 });
  expect(await page.evaluate(() => window.__progressSeen)).toBe(true);
  const shown = await dataRows(page).count();
  expect(shown).toBeGreaterThan(5);
  expect(shown).toBeLessThan(200);
  await page.locator('#grid').evaluate((g) => { g.scrollTop = g.scrollHeight; });
  await expect(dataRows(page).last()).toHaveAttribute('data-row', String(LARGE_ROWS + 1));
});

test('thousands of findings: the lists stay short, the table and the filters give them all', async ({ page }) => {
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('beaucoup-d-erreurs.xlsx'));
  await expect(summary(page, 'error')).toContainText(/^\d{4,} erreurs/, { timeout: 20_000 });
  await expect(page.getByRole('alert')).toBeEmpty();
  const errors = Number((await summary(page, 'error').innerText()).split(' ')[0]);
  expect(errors).toBeGreaterThanOrEqual(MESSY_ROWS);
  await expect(page.locator('#issues summary')).toContainText(/\(\d{4,}\)/);
  const issues = await page.locator('#issue-list > li').count();
  expect(issues).toBeLessThanOrEqual(201);
  await expect(page.locator('#issue-list > li').last()).toContainText('autres');
  expect(await page.locator('#fix-list > li').count()).toBeLessThanOrEqual(201);
  await expect(page.locator('#fix-list > li').last()).toContainText('autres');
  // A fix beyond the list is refused from its cell.
  await summary(page, 'fixed').click();
  await page.mouse.move(0, 0); // away from the table: hovering a cell shows that cell's remarks
  await page.locator('#grid').evaluate((g) => { g.scrollTop = g.scrollHeight; });
  const last = String(MESSY_ROWS + 1);
  await cell(page, last, 'telephone').focus();
  await expect(page.locator('#detail')).toContainText(`Ligne ${last}`);
  // By keyboard: the box is just before the table.
  await page.keyboard.press('Shift+Tab');
  await expect(page.locator('#detail').getByRole('checkbox')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(cell(page, last, 'telephone').locator('.value')).toHaveText('561123456');
  // By mouse, passing over other cells on the way: the box of the selected cell stays.
  await cell(page, last, 'telephone').click();
  await cell(page, MESSY_ROWS - 1, 'telephone').hover();
  await expect(page.locator('#detail')).toContainText(`Ligne ${MESSY_ROWS - 1}`);
  await page.locator('#detail').hover();
  await expect(page.locator('#detail')).toContainText(`Ligne ${last}`);
  await expect(page.locator('#detail').getByRole('checkbox')).not.toBeChecked();
  await page.locator('#detail').getByRole('checkbox').check();
  await expect(cell(page, last, 'telephone').locator('.value')).toHaveText('05 61 12 34 56');
});

/** No axe violation in the page as it stands; a screenshot at desktop and phone sizes. */
async function review(page, state) {
  const found = await new AxeBuilder({ page }).analyze();
  expect(found.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(' ')})`), state).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${OUTPUT}/${state}-1280x800.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  // On a phone, only the table scrolls sideways: the page itself never does.
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${state}: page wider than the phone`).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${OUTPUT}/${state}-390x844.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('no accessibility violation (axe) in each main state, with screenshots at desktop and phone sizes', async ({ page }) => {
  mkdirSync(OUTPUT, { recursive: true });
  await review(page, '1-accueil');
  // Every word on the screen is French, the file button's too (not the browser's own).
  const input = page.getByLabel("Fichier de l'annuaire", { exact: true });
  await expect(input).toHaveAttribute('type', 'file');
  expect(await input.boundingBox().then((b) => b.width * b.height)).toBeLessThanOrEqual(1);
  await expect(page.locator('.file-button')).toHaveText('Choisir le fichier…');
  await expect(page.locator('#drop')).toContainText('Aucun fichier choisi.');
  await input.focus();
  await expect(page.locator('.file-button')).toHaveCSS('outline-style', 'solid');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.file-button').click()]);
  await chooser.setFiles(file('pas-un-tableur.xlsx'));
  await expect(page.getByRole('alert')).not.toBeEmpty();
  await review(page, '2-fichier-illisible');
  await openToFix(page);
  await cell(page, 3, 'identifiant').focus();
  await page.locator('#fixes summary').click();
  await page.locator('#issues summary').click();
  await page.locator('#step-check').scrollIntoViewIfNeeded();
  await review(page, '3-verification');
  await page.getByLabel('Nom de la CPTS').fill('CPTS du centre TARN');
  await download(page, 'Télécharger le fichier corrigé');
  await expect(page.locator('#deposit')).toBeVisible();
  await page.locator('#step-download-title').scrollIntoViewIfNeeded();
  await review(page, '4-depot');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#drop')).toBeHidden();
  await expect(page.locator('#issue-list')).toBeVisible();
  await page.pdf({ path: `${OUTPUT}/5-impression.pdf` }).catch(() => {});
});

test('the deposit steps show the share address of config.json, and never a password', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({ partage: 'https://nextcloud.exemple.fr/s/AbCdEf', contact: 'esante@exemple.fr', motdepasse: 'secret-123' }),
  }));
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByRole('heading', { name: 'Vos données restent sur votre ordinateur' })).toBeVisible();
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('deux-adherents.xlsx'));
  await expect(dataRows(page)).toHaveCount(2);
  await page.getByLabel('Nom de la CPTS').fill('CPTS du centre TARN');
  const { name } = await download(page, 'Télécharger le fichier corrigé');
  expect(name).toMatch(/^Annuaire_CPTS_Du_Centre_TARN_\d{4}\.xlsx$/);
  const deposit = page.locator('#deposit');
  await expect(deposit).toBeFocused();
  await expect(deposit.getByRole('link', { name: 'https://nextcloud.exemple.fr/s/AbCdEf' })).toBeVisible();
  await expect(deposit).toContainText('esante@exemple.fr');
  await expect(page.locator('body')).not.toContainText('secret-123');
});

test('a long check can be interrupted, and the page then works at once', async ({ page, requests }) => {
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('tres-grand-annuaire.xlsx'));
  await page.getByRole('button', { name: 'Interrompre' }).click();
  await expect(page.getByRole('alert')).toContainText('interrompue');
  await expect(page.locator('#results')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Interrompre' })).toBeHidden();
  // The new worker has fetched its module (the page's load fetched it once): on a loaded
  // machine, « networkidle » alone can come before the fetch has even started.
  await expect.poll(() => requests.filter((u) => u.endsWith('/annuaire_cpts_bg.wasm')).length).toBe(2);
  await page.waitForLoadState('networkidle');
  requests.length = 0;
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('deux-adherents.xlsx'));
  await expect(dataRows(page)).toHaveCount(2);
  await expect(page.getByRole('alert')).toBeEmpty();
  expect(requests, 'the new worker was ready before the drop').toEqual([]);
});

test('a schema file replaces the columns; a broken one gives a French error', async ({ page }) => {
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('deux-adherents.xlsx'));
  await expect(page.locator('#table thead th')).toHaveCount(18);
  await page.locator('summary', { hasText: 'Options avancées' }).click();
  const schema = {
    name: 'essai',
    fields: [
      { name: 'nom', title: 'Nom de famille', 'x-rule': 'nom', constraints: { required: true } },
      { name: 'courriel', title: 'Courriel', 'x-rule': 'email', 'x-synonyms': ['Email'] },
    ],
  };
  await page.getByLabel("Schéma de l'annuaire (facultatif)").setInputFiles({
    name: 'schema.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(schema)),
  });
  await expect(page.locator('#table thead th')).toHaveText(['Ligne', 'Nom de famille', 'Courriel']);
  await expect(dataRows(page)).toHaveCount(2);
  await expect(page.locator('#file-findings')).toContainText('Avertissement');
  // No field of role « opposition » in this schema: the page says that no objection is known.
  await expect(page.locator('#file-findings')).toContainText("ne désigne aucune colonne d'opposition");
  await page.getByLabel("Schéma de l'annuaire (facultatif)").setInputFiles({
    name: 'casse.json', mimeType: 'application/json', buffer: Buffer.from('{"fields": 3'),
  });
  await expect(page.getByRole('alert')).toContainText(/schéma/i);
});

// Issue 12: files that try to make the reader allocate without bound; each gives its French
// message, and the page (its worker) then reads a good file at once.
test('hostile files give a French message and the page stays usable', async ({ page }) => {
  const hostile = (name) => `tests/fixtures/hostile/${name}`;
  for (const [path, message] of [
    [hostile('text_s.ods'), /trop de texte/],
    [hostile('looping_chain.xls'), /endommagé/],
    [hostile('long_repeat.ods'), /trop de texte/],
    [hostile('value_no_type.ods'), /aucune feuille/],
    [file('cellules.csv'), /trop volumineux.*cellules/],
  ]) {
    await page.getByLabel("Fichier de l'annuaire").setInputFiles(path);
    await expect(page.getByRole('alert'), path).toContainText(message);
  }
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('deux-adherents.xlsx'));
  await expect(dataRows(page)).toHaveCount(2);
  await expect(page.getByRole('alert')).toBeEmpty();
});

// Issue 12: an .xlsx calamine refuses for one odd cell or a macro sheet is read; each odd cell
// is flagged where it is.
test('a workbook with odd cells or a macro sheet is read, each odd cell flagged on its cell', async ({ page }) => {
  const input = page.getByLabel("Fichier de l'annuaire");
  await input.setInputFiles('tests/fixtures/xlsx/odd_cells.xlsx');
  await expect(dataRows(page)).toHaveCount(4);
  await expect(page.getByRole('alert')).toBeEmpty();
  await expect(cell(page, 3, 'spico_dossier')).toHaveClass(/error|warning/);
  await expect(cell(page, 4, 'telephone')).toHaveClass(/error/);
  await expect(cell(page, 2, 'nom').locator('.value')).toHaveText('DURAND');
  await input.setInputFiles('tests/fixtures/xlsx/macro_chart.xlsm');
  await expect(dataRows(page)).toHaveCount(4);
  await expect(page.getByRole('alert')).toBeEmpty();
});
