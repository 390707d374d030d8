// Issue 2: the file is read in the page, rows are shown as text, nothing leaves the machine.
import { test, expect, dataRows } from './helpers.mjs';
import { file } from './files.mjs';
import { XSS } from './data.mjs';

test('the page declares a strict Content-Security-Policy', async ({ page }) => {
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain("'unsafe-eval'");
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});

test('a dropped workbook shows its rows, with no request at all between drop and result', async ({ page, requests }) => {
  requests.length = 0;
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('deux-adherents.xlsx'));
  await expect(dataRows(page)).toHaveCount(2);
  await expect(page.locator('#table tbody')).toContainText('MARTIN');
  await expect(page.locator('#table tbody')).toContainText('BERNARD');
  await expect(page.locator('#table thead')).toContainText('Prénom');
  // The spreadsheet's own row numbers: a title row, the header on row 2, members on 3 and 4.
  await expect(dataRows(page).first().locator('th')).toHaveText(/^3\b/);
  expect(requests, 'no request between the drop and the result').toEqual([]);
});

test('a real drag and drop onto the zone opens the file', async ({ page }) => {
  const bytes = [...(await import('node:fs')).readFileSync(file('deux-adherents.xlsx'))];
  const transfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'deux-adherents.xlsx'));
    return dt;
  }, bytes);
  await page.dispatchEvent('#drop', 'drop', { dataTransfer: transfer });
  await expect(dataRows(page)).toHaveCount(2);
});

test('a cell holding markup is shown as text and never runs', async ({ page }) => {
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('balise.xlsx'));
  await expect(page.locator('#table tbody')).toContainText(XSS);
  await expect(page.locator('#table img')).toHaveCount(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});

test('a file that is not a spreadsheet gives a French error and the page stays usable', async ({ page }) => {
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('pas-un-tableur.xlsx'));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(/fichier|tableur/i);
  await expect(alert).not.toContainText(/undefined|panicked|RuntimeError|unreachable/);
  await expect(page.locator('#results')).toBeHidden();
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('deux-adherents.xlsx'));
  await expect(dataRows(page)).toHaveCount(2);
  await expect(alert).toBeEmpty();
});

test('a fault of the page itself gives a French message, and the page stays usable', async ({ page }) => {
  // The table fails once to be drawn, as the lists did with 100,000 findings.
  await page.evaluate(() => {
    const original = Element.prototype.replaceChildren;
    Element.prototype.replaceChildren = function once(...nodes) {
      Element.prototype.replaceChildren = original;
      throw new RangeError('Maximum call stack size exceeded');
    };
  });
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('deux-adherents.xlsx'));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('erreur inattendue');
  await expect(alert).not.toContainText(/Maximum|stack|exceeded/);
  await page.getByLabel("Fichier de l'annuaire").setInputFiles(file('deux-adherents.xlsx'));
  await expect(dataRows(page)).toHaveCount(2);
  await expect(alert).toBeEmpty();
});
