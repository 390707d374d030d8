// The page: drop a file, see its rows and findings, fix cells, download the corrected file.
// Nothing is stored (no localStorage, IndexedDB, cookie) and nothing is sent: the work happens
// in the worker (www/worker.js), which keeps the checked directory; the page asks it only for
// what it draws. Each concern has its module:
//
// | module      | concern                                                        |
// |-------------|----------------------------------------------------------------|
// | state.js    | the one state store, and its events                            |
// | ui.js       | the elements, the worker bridge, shared words and messages     |
// | drop.js     | step 1: the drop zone, the file, the sheet and schema pickers  |
// | naming.js   | step 2: the CPTS name, the year, the ARS file name             |
// | grid.js     | step 3: the virtualised table, the keyboard, editing, undo     |
// | findings.js | step 3: the summary and its filters, the detail, the lists     |
// | download.js | step 4: the corrected file, the deposit steps, the template    |
// | compare.js  | step 3: the comparison with last year's file (issue 16)        |
// | indicators.js | step 3: indicators without personal data (and the batch's)   |
// | batch.js    | the ARS's batch: several files, the table of files (issue 15)  |
// | bridge.js   | promises over the worker, one call at a time                   |
// | notice.js   | the members' notice beside the deposit steps                   |
// | embedded.js | what the one-file page carries inside it (nothing here)        |
// | save.js     | saving a file made in the page                                 |
import { startBatch } from './batch.js';
import { startCompare } from './compare.js';
import { startDownload, loadConfig } from './download.js';
import { startDrop } from './drop.js';
import { namesChanged, startFindings } from './findings.js';
import { startGrid } from './grid.js';
import { startIndicators } from './indicators.js';
import { startNaming } from './naming.js';
import { bridge, clearError, messageOf, showError } from './ui.js';

clearError();
startDrop();
startNaming(namesChanged);
startGrid();
startFindings();
startDownload();
startCompare();
startIndicators();
startBatch();
loadConfig();
// Loads the wasm now, so that nothing at all is fetched between a drop and its result.
bridge.call('ready')
  .then(() => { document.documentElement.dataset.ready = 'true'; })
  .catch((e) => showError(messageOf(e)));

// Printing shows every finding: open the folded lists first.
window.addEventListener('beforeprint', () => {
  for (const d of document.querySelectorAll('details.panel')) d.open = true;
});
