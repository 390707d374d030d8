// Step 2, naming: the CPTS name and the year of deposit, and the ARS file name they give
// (src/filename.rs, through the worker). A file named by the convention fills them in.
import { state } from './state.js';
import { bridge, ui } from './ui.js';

/** The CPTS name and year as the worker takes them (`names`). */
export function names() {
  const year = Number.parseInt(ui.year.value, 10);
  return {
    cpts: ui.cpts.value.trim() || null,
    year: Number.isFinite(year) ? year : null,
  };
}

/** Fills the CPTS name and year from a file named `Annuaire_CPTS_…_AAAA.xlsx`. */
export async function prefillFromName(name) {
  try {
    const parsed = await bridge.call('parseFileName', { name });
    if (parsed) {
      ui.cpts.value = parsed.cpts;
      ui.year.value = String(parsed.year);
    }
  } catch {
    // The name is only a hint: a failure here changes nothing.
  }
}

let nameRequest = 0;
/** Shows the ARS file name for the CPTS name and year as typed. */
export async function updateFileName() {
  const ticket = ++nameRequest;
  const { cpts, year } = names();
  if (!cpts || !year) {
    ui.filename.textContent = 'indiquez le nom de la CPTS et l\'année';
    return;
  }
  try {
    const name = await bridge.call('fileName', { cpts, year });
    if (ticket === nameRequest) ui.filename.textContent = name;
  } catch {
    if (ticket === nameRequest) ui.filename.textContent = '—';
  }
}

export function startNaming(onChange) {
  ui.year.value = String(new Date().getFullYear());
  const changed = () => {
    updateFileName();
    if (state.head) onChange();
  };
  ui.cpts.addEventListener('input', changed);
  ui.year.addEventListener('input', changed);
  updateFileName();
}
