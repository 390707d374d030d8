// Issue 17: the members' notice, with the deposit steps: the CPTS's name filled in, the blanks
// marked, the coordinator's own edits kept, copied as shown.
import { test, expect } from './helpers.mjs';
import { file } from './files.mjs';

const notice = (page) => page.getByLabel("Notice d'information des adhérents");

/** The notice sits with the deposit steps: a file opened, its panel unfolded. */
async function openNotice(page) {
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('deux-adherents.xlsx'));
  await page.locator('#notice summary').click();
  await expect(notice(page)).toBeVisible();
}

test('the notice follows the CPTS name, marks its blanks and keeps the coordinator\'s edits', async ({ page }) => {
  await expect(notice(page)).toHaveValue(/la \[À COMPLÉTER : nom de la CPTS\] transmet/);
  await openNotice(page);
  await page.getByLabel('Nom de la CPTS').fill('CPTS du centre TARN');
  const text = await notice(page).inputValue();
  for (const part of ['Qui collecte ces données ?\nL\'ARS Occitanie.', 'SPICO Dossier et SPICO Discussion',
    'article 6-1-e', 'conservé un an', 'accéder', 'rectifier', 'limitation', 'vous opposer', 'CNIL',
    'auprès de la CPTS du centre TARN : [À COMPLÉTER : adresse électronique ou postale de la CPTS]']) {
    expect(text).toContain(part);
  }
  await notice(page).fill(text.replace('[À COMPLÉTER : date]', '31 mars'));
  await page.getByLabel('Nom de la CPTS').fill('CPTS Moyenne et Haute Vallée de l\'Aude');
  await expect(notice(page)).toHaveValue(/avant le 31 mars/);
});

test('« Copier la notice » puts the text as shown on the clipboard', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL).origin });
  await openNotice(page);
  await page.getByLabel('Nom de la CPTS').fill('CPTS du centre TARN');
  await page.getByRole('button', { name: 'Copier la notice' }).click();
  await expect(page.locator('#notice-status')).toHaveText(/Notice copiée/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await notice(page).inputValue());
});
