// The files the end-to-end tests drop on the page, written once by global-setup.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { xlsx, csv } from './xlsx.mjs';
import { HEADERS, member, SECOND, XSS } from './data.mjs';

export const FILES = 'tests/e2e/output/files';
export const file = (name) => join(FILES, name);

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
}
