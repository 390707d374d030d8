// The files the end-to-end tests drop on the page, written once by global-setup.
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { xlsx, csv } from './xlsx.mjs';
import { HEADERS, member, NIR, SECOND, XSS } from './data.mjs';

export const FILES = 'tests/e2e/output/files';
export const file = (name) => join(FILES, name);
/** Named by the ARS convention: the page pre-fills the CPTS name and the year from it. */
export const TO_FIX = 'Annuaire_CPTS_Du_Centre_TARN_2026.xlsx';
export const LARGE_ROWS = 3000;
/** Rows of the file with an error and a fix on each: far more findings than the lists show. */
export const MESSY_ROWS = 1500;

const letters = (i) => {
  let s = '';
  for (let n = i; s.length < 3; n = Math.floor(n / 26)) s += String.fromCharCode(65 + (n % 26));
  return s;
};

export function writeFixtures(write) {
  // Two good members under a title row: the header is not on row 1.
  write(file('deux-adherents.xlsx'), xlsx({
    Annuaire: [['Annuaire des adhérents — CPTS du centre TARN'], HEADERS, member(), member(SECOND)],
  }));
  // A cell holding markup: it must show as text and never run.
  write(file('balise.xlsx'), xlsx({
    Annuaire: [HEADERS, member({ "Structure d'exercice": XSS })],
  }));
  // Not a spreadsheet at all, whatever its name says.
  write(file('pas-un-tableur.xlsx'), randomBytes(4096));
  write(file('deux-adherents.csv'), csv([HEADERS, member(), member(SECOND)]));
  // Rows 2-6: good; bad RPPS checksum; phone stored as a number (Excel dropped the 0); blank;
  // good.
  write(file(TO_FIX), xlsx({
    Annuaire: [
      HEADERS,
      member(),
      member({ Nom: 'PETIT', 'Prénom': 'Anne', 'RPPS / ADELI': '10000000008', Email: 'anne.petit@cabinet-carmes.fr' }),
      member({ Nom: 'ROUX', 'Prénom': 'Paul', 'RPPS / ADELI': '', Profession: 'Secrétaire', 'Téléphone': 561123456, Email: '' }),
      [],
      member(SECOND),
    ],
  }));
  // Row 3 repeats row 2's RPPS: its error depends on row 2, which an edit can change.
  write(file('doublon.xlsx'), xlsx({
    Annuaire: [HEADERS, member(), member({ Nom: 'PETIT', 'Prénom': 'Anne', Email: 'anne.petit@cabinet-carmes.fr' }), member(SECOND)],
  }));
  // A synthetic NIR (social security number) in a kept row, in a column outside the schema and
  // in the row of a member who objected: the page must never show it whole.
  write(file('nir.xlsx'), xlsx({
    Annuaire: [
      [...HEADERS, 'Remarques'],
      [...member({ 'Spécialité': NIR }), ''],
      [...member(SECOND), `Sécu : ${NIR}`],
      [...member({ Nom: 'ROUX', 'Prénom': 'Paul', 'RPPS / ADELI': NIR, 'Opposition à la transmission': 'Oui' }), NIR],
    ],
  }));
  // Instructions first, the directory second: the page must offer the choice.
  write(file('deux-feuilles.xlsx'), xlsx({
    Consignes: [['Remplir une ligne par adhérent.'], ['Ne pas modifier les en-têtes.']],
    Annuaire: [HEADERS, member()],
  }));
  const large = [HEADERS];
  for (let i = 0; i < LARGE_ROWS; i += 1) {
    large.push(member({ Nom: `MARTIN${letters(i)}`, 'Prénom': 'Claire', Profession: 'Secrétaire', 'RPPS / ADELI': '' }));
  }
  write(file('grand-annuaire.xlsx'), xlsx({ Annuaire: large }));
  // A wrong RPPS and a phone to fix on every row: more findings than the lists show.
  const messy = [HEADERS];
  for (let i = 0; i < MESSY_ROWS; i += 1) {
    messy.push(member({ Nom: `PETIT${letters(i)}`, 'RPPS / ADELI': '10000000008', 'Téléphone': 561123456 }));
  }
  write(file('beaucoup-d-erreurs.xlsx'), xlsx({ Annuaire: messy }));
  // Long enough to interrupt.
  const huge = [HEADERS];
  for (let i = 0; i < 10 * LARGE_ROWS; i += 1) huge.push(large[1 + (i % LARGE_ROWS)]);
  write(file('tres-grand-annuaire.xlsx'), xlsx({ Annuaire: huge }));
  // The same members as LibreOffice writes them.
  try {
    execFileSync('soffice', ['-env:UserInstallation=file:///tmp/annuaire-cpts-e2e-lo', '--headless',
      '--convert-to', 'ods', '--outdir', FILES, file('deux-adherents.xlsx')], { stdio: 'ignore', timeout: 120_000 });
  } catch (e) {
    throw new Error(`LibreOffice (soffice) could not write the .ods test file (${e.message}): `
      + 'run ./scripts/setup.sh, which installs the Debian package libreoffice-calc, then the tests again');
  }
  // Five million one-character cells in 10 MB: refused by the cell limit, not by rows or bytes.
  const cellsRow = `${'a;'.repeat(199)}a\n`;
  write(file('cellules.csv'), 'Nom;Prénom\n' + cellsRow.repeat(25_000));
}
