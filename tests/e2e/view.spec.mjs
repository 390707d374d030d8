// www/view.js on views built here by hand (no browser needed): the page's reading of what
// Session.check returns. tests/web.rs checks the wasm side of the same layout.
import { test, expect } from '@playwright/test';
import { CheckView, buffersOf, ERROR, WARNING, FIXED } from '../../www/view.js';

const NONE = 0xffffffff;
const CODES = ['row.blank', 'row.duplicate', 'value.fixed', 'rpps.invalid', 'commune.mismatch'];
const SEVERITIES = ['notice', 'warning', 'error'];

/** A raw view: `strings` in one UTF-8 buffer; records [row, removed code, values]; findings
 * [row, column, code, value, fixed, message] with strings given as text. */
function raw({ records, findings, fields = ['nom', 'telephone'] }) {
  const strings = [];
  const add = (s) => (s == null ? NONE : strings.push(s) - 1);
  const rows = [];
  const removed = [];
  const cells = [];
  for (const [row, code, values] of records) {
    rows.push(row);
    removed.push(code ? CODES.indexOf(code) + 1 : 0);
    // As src/wasm.rs does for a text several records share: one string, several cells.
    for (const v of values) cells.push(strings.includes(v) ? strings.indexOf(v) : add(v));
  }
  const columns = [...fields, 'hors_schema'];
  const f = { row: [], column: [], code: [], severity: [], value: [], fixed: [], message: [] };
  for (const [row, column, code, value, fixed, message] of findings) {
    f.row.push(row);
    f.column.push(column == null ? NONE : columns.indexOf(column));
    f.code.push(CODES.indexOf(code));
    f.severity.push({ 'row.blank': 0, 'row.duplicate': 2, 'value.fixed': 0, 'rpps.invalid': 2, 'commune.mismatch': 1 }[code]);
    f.value.push(add(value));
    f.fixed.push(add(fixed));
    f.message.push(add(message));
  }
  const bytes = strings.map((s) => new TextEncoder().encode(s));
  const ends = [];
  let end = 0;
  for (const b of bytes) ends.push(end += b.length);
  const text = new Uint8Array(end);
  bytes.reduce((at, b) => (text.set(b, at), at + b.length), 0);
  return {
    meta: {
      report: { rows_read: records.length },
      fields: fields.map((id) => ({ id, title: id, required: 'no' })),
      sheet: 'Annuaire',
      sheets: ['Annuaire'],
      codes: CODES,
      severities: SEVERITIES,
      columns,
      file_issues: [],
    },
    text,
    ends: Uint32Array.from(ends),
    cells: Uint32Array.from(cells),
    rows: Uint32Array.from(rows),
    removed: Uint8Array.from(removed),
    findings: {
      row: Uint32Array.from(f.row),
      column: Uint32Array.from(f.column),
      code: Uint8Array.from(f.code),
      severity: Uint8Array.from(f.severity),
      value: Uint32Array.from(f.value),
      fixed: Uint32Array.from(f.fixed),
      message: Uint32Array.from(f.message),
    },
  };
}

const RECORDS = [
  [2, null, ['MARTIN', '05 61 12 34 56']],
  [3, 'row.blank', ['', '']],
  [5, null, ['Éloïse 🩺\u001f', '']],
];
const FINDINGS = [
  [2, 'telephone', 'value.fixed', '0561123456', '05 61 12 34 56', '« 0561123456 » remplacé.'],
  [3, null, 'row.blank', null, null, 'Ligne vide.'],
  [5, 'nom', 'rpps.invalid', 'x', null, 'Numéro RPPS invalide.'],
  [5, 'hors_schema', 'commune.mismatch', 'y', 'z', 'Hors du schéma.'],
  [5, null, 'row.duplicate', null, null, 'Doublon de la ligne 2.'],
];

test('view.js: values, findings by cell and by row, flags and lists', () => {
  const view = new CheckView(raw({ records: RECORDS, findings: FINDINGS }));
  expect(view.length).toBe(3);
  expect([view.row(2), view.indexOf(5), view.indexOf(4)]).toEqual([5, 2, -1]);
  expect(view.value(2, 0)).toBe('Éloïse 🩺\u001f');
  expect(view.value(0, 1)).toBe('05 61 12 34 56');
  expect([view.removed(0), view.removed(1)]).toEqual([null, 'row.blank']);
  expect([view.flags(0), view.flags(1), view.flags(2)]).toEqual([FIXED, 0, ERROR | WARNING]);
  expect(view.cellFindings(2, 'telephone')).toEqual([{
    code: 'value.fixed', severity: 'notice', row: 2, column: 'telephone',
    value: '0561123456', fixed: '05 61 12 34 56', message: '« 0561123456 » remplacé.',
  }]);
  expect(view.rowFindings(5).map((f) => f.message)).toEqual(['Doublon de la ligne 2.']);
  expect(view.rowFindings(3)[0].value).toBeNull();
  const issues = view.select((code, severity) => severity !== 'notice', 1);
  expect(issues.count).toBe(3);
  expect(issues.items.map((f) => f.code)).toEqual(['rpps.invalid']);
  expect(view.select(() => true, 0)).toEqual({ count: 5, items: [] });
  expect([view.removedCount(), view.removedCount('row.blank'), view.removedCount('row.opposition')]).toEqual([1, 1, 0]);
});

test('view.js: records and findings out of row order are grouped all the same', () => {
  const ordered = new CheckView(raw({ records: RECORDS, findings: FINDINGS }));
  const shuffled = new CheckView(raw({
    records: [RECORDS[2], RECORDS[0], RECORDS[1]],
    findings: [FINDINGS[2], FINDINGS[0], FINDINGS[3], FINDINGS[1], FINDINGS[4]],
  }));
  for (const row of [2, 3, 5]) {
    const i = shuffled.indexOf(row);
    expect(shuffled.row(i)).toBe(row);
    expect(shuffled.flags(i)).toBe(ordered.flags(ordered.indexOf(row)));
    expect(shuffled.findingsOf(i)).toEqual(ordered.findingsOf(ordered.indexOf(row)));
  }
});

test('view.js: every buffer of a view is handed over, none twice', () => {
  const view = raw({ records: RECORDS, findings: FINDINGS });
  const buffers = buffersOf(view);
  expect(new Set(buffers).size).toBe(buffers.length);
  const moved = structuredClone(view, { transfer: buffers });
  expect(view.text.byteLength).toBe(0);
  expect(new CheckView(moved).value(2, 0)).toBe('Éloïse 🩺\u001f');
});

test('view.js: records sharing a text read it, and no value exists past the records', () => {
  const view = new CheckView(raw({ records: RECORDS, findings: FINDINGS }));
  for (let i = 0; i < RECORDS.length; i += 1) {
    RECORDS[i][2].forEach((value, j) => expect(view.value(i, j)).toBe(value));
  }
  expect(view.value(RECORDS.length, 0)).toBe('');
  expect(view.value(0, 9)).toBe('');
  expect(view.value(0, -1)).toBe('');
});
