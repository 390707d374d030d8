// The page's side of a check: reads the compact view that `Session.check` returns (src/wasm.rs)
// without turning it into objects. Every string of the view is a slice of one UTF-8 buffer and
// the numbers are typed arrays: a 100,000-row file crosses from the worker as a few buffers
// (transferred, not copied) instead of ≈ 2 million objects, and only the rows the page draws
// (and the findings a list shows) become strings and objects, when they are drawn.
//
//   const view = new CheckView(raw);
//   view.length; view.row(i); view.value(i, j); view.removed(i);   // record i, field j
//   view.cellFindings(row, 'identifiant'); view.rowFindings(row);     // [{code, severity, …}]
//   view.select((code, severity) => code === 'value.fixed', 200);    // {count, items}

/** Row flags (`view.flags(i)`): an error, a warning, an automatic fix in the row. */
export const ERROR = 1;
export const WARNING = 2;
export const FIXED = 4;

const NONE = 0xffffffff;
const utf8 = new TextDecoder();
// Findings objects made for drawn rows are kept for so many rows: scrolling back is free, and
// scrolling through 100,000 rows does not keep 480,000 objects.
const CACHE_ROWS = 2000;

/** The typed arrays of a raw view, which the worker hands over (transfers) to the page. */
export function buffersOf(raw) {
  const f = raw.findings;
  return [raw.text, raw.ends, raw.cells, raw.rows, raw.removed, f.row, f.column, f.code, f.severity, f.value, f.fixed, f.message]
    .map((a) => a.buffer);
}

export class CheckView {
  #text;
  #ends;
  #cells; // record i's value of field j is string #cells[i × fields + j]
  #rows;
  #removed;
  #f;
  #codes;
  #severities;
  #columns;
  #width;
  #flags;
  #first; // record i's findings are #order[#first[i] .. #last[i]]
  #last;
  #order; // finding numbers by record (report order within a record); null: report order
  #byRow; // row → record, when the records are not in row order
  #counts; // findings by code and severity: #counts[code * severities + severity]
  #cache = new Map();

  /** @param raw what `Session.check` returns (or `Session.write`'s `view`), after postMessage. */
  constructor(raw) {
    const { meta } = raw;
    this.report = meta.report;
    this.fields = meta.fields;
    this.sheet = meta.sheet;
    this.sheets = meta.sheets;
    /** Findings without a row (file and columns), as objects, in report order. */
    this.fileFindings = meta.file_issues;
    this.#text = raw.text;
    this.#ends = raw.ends;
    this.#cells = raw.cells;
    this.#rows = raw.rows;
    this.#removed = raw.removed;
    this.#f = raw.findings;
    this.#codes = meta.codes;
    this.#severities = meta.severities;
    this.#columns = meta.columns;
    this.#width = meta.fields.length;
    /** Number of records (every data row, kept or removed, in file order). */
    this.length = raw.rows.length;
    this.#index();
  }

  /** Groups the findings by record and sets each record's flags: one pass over the arrays. */
  #index() {
    const rows = this.#rows;
    const n = rows.length;
    let sorted = true;
    for (let i = 1; i < n && sorted; i += 1) sorted = rows[i - 1] < rows[i];
    if (!sorted) this.#byRow = new Map(Array.from(rows, (row, i) => [row, i]));
    const f = this.#f;
    const m = f.row.length;
    const kinds = this.#severities.length;
    this.#counts = new Uint32Array(this.#codes.length * kinds);
    for (let k = 0; k < m; k += 1) this.#counts[f.code[k] * kinds + f.severity[k]] += 1;
    let grouped = sorted;
    for (let k = 1; k < m && grouped; k += 1) grouped = f.row[k - 1] <= f.row[k];
    // Findings come in row order (src/check.rs); anything else is sorted here, keeping the
    // report's order within a row.
    if (!grouped) {
      const recordOf = (k) => this.indexOf(f.row[k]);
      this.#order = Uint32Array.from(Array.from({ length: m }, (_, k) => k)
        .sort((a, b) => recordOf(a) - recordOf(b) || a - b));
    }
    const at = (p) => (this.#order ? this.#order[p] : p);
    const recordAt = (p) => (grouped ? null : this.indexOf(f.row[at(p)]));
    this.#first = new Uint32Array(n);
    this.#last = new Uint32Array(n);
    this.#flags = new Uint8Array(n);
    const fixed = this.#codes.indexOf('value.fixed');
    const error = this.#severities.indexOf('error');
    const warning = this.#severities.indexOf('warning');
    let p = 0;
    for (let i = 0; i < n; i += 1) {
      if (grouped) while (p < m && f.row[p] < rows[i]) p += 1;
      else while (p < m && recordAt(p) < i) p += 1;
      this.#first[i] = p;
      let flags = 0;
      while (p < m && (grouped ? f.row[p] === rows[i] : recordAt(p) === i)) {
        const k = at(p);
        if (f.code[k] === fixed) flags |= FIXED;
        else if (f.severity[k] === error) flags |= ERROR;
        else if (f.severity[k] === warning) flags |= WARNING;
        p += 1;
      }
      this.#last[i] = p;
      this.#flags[i] = flags;
    }
  }

  #string(k) {
    if (k === NONE) return null;
    return utf8.decode(this.#text.subarray(k ? this.#ends[k - 1] : 0, this.#ends[k]));
  }

  /** The spreadsheet row number of record `i`. */
  row(i) {
    return this.#rows[i];
  }

  /** Record `i`'s value (fixed, as written) for field number `j`. */
  value(i, j) {
    const k = j >= 0 && j < this.#width ? this.#cells[i * this.#width + j] : undefined;
    return k === undefined ? '' : (this.#string(k) ?? '');
  }

  /** Why record `i` is left out of the corrected file (`row.blank`…), or null. */
  removed(i) {
    const code = this.#removed[i];
    return code ? this.#codes[code - 1] : null;
  }

  /** `ERROR | WARNING | FIXED` as found in record `i`; notices other than fixes aside. */
  flags(i) {
    return this.#flags[i];
  }

  /** The record of a spreadsheet row number, or -1. */
  indexOf(row) {
    if (this.#byRow) return this.#byRow.get(row) ?? -1;
    let lo = 0;
    let hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.#rows[mid];
      if (at === row) return mid;
      if (at < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Finding number `k` as the report has it: `{code, severity, row, column, value, fixed, message}`. */
  finding(k) {
    const f = this.#f;
    const column = f.column[k];
    return {
      code: this.#codes[f.code[k]],
      severity: this.#severities[f.severity[k]],
      row: f.row[k],
      column: column === NONE ? null : this.#columns[column],
      value: this.#string(f.value[k]),
      fixed: this.#string(f.fixed[k]),
      message: this.#string(f.message[k]),
    };
  }

  /** Every finding of record `i`, in report order. */
  findingsOf(i) {
    let found = this.#cache.get(i);
    if (found) return found;
    found = [];
    if (i >= 0 && i < this.length) {
      for (let p = this.#first[i]; p < this.#last[i]; p += 1) found.push(this.finding(this.#order ? this.#order[p] : p));
    }
    if (this.#cache.size >= CACHE_ROWS) this.#cache.clear();
    this.#cache.set(i, found);
    return found;
  }

  /** The findings about one cell (spreadsheet row, field id). */
  cellFindings(row, field) {
    return this.findingsOf(this.indexOf(row)).filter((f) => f.column === field);
  }

  /** The findings about a row as a whole (duplicate, removal). */
  rowFindings(row) {
    return this.findingsOf(this.indexOf(row)).filter((f) => f.column == null);
  }

  /**
   * The findings that have a row and pass `keep(code, severity)`, in report order: how many,
   * and the first `limit` as objects.
   */
  select(keep, limit = Infinity) {
    const f = this.#f;
    const kinds = this.#severities.length;
    const kept = this.#codes.flatMap((code) => this.#severities.map((severity) => keep(code, severity)));
    const count = kept.reduce((sum, yes, kind) => sum + (yes ? this.#counts[kind] : 0), 0);
    const items = [];
    for (let k = 0; k < f.row.length && items.length < Math.min(limit, count); k += 1) {
      if (kept[f.code[k] * kinds + f.severity[k]]) items.push(this.finding(k));
    }
    return { count, items };
  }

  /** How many records are removed for `code` (`row.blank`…); every removed one without. */
  removedCount(code = null) {
    const wanted = code == null ? -1 : this.#codes.indexOf(code) + 1;
    let count = 0;
    for (const r of this.#removed) if (r && (wanted < 0 || r === wanted)) count += 1;
    return count;
  }
}
