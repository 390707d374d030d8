// Issue 17: dist/annuaire-cpts.html in Firefox (Debian's firefox-esr), opened from file://,
// driven by geckodriver through plain WebDriver HTTP (Playwright cannot drive stock Firefox).
// The whole journey: drop, findings, edit, download under the ARS name, notice, template; then
// the ARS's batch of several files and its merged directory.
// Every connection Firefox tries goes to a proxy on 127.0.0.1 that records it and answers
// nothing: the test fails if one is not to Firefox's own services (its remote settings, which a
// release build fetches whatever the profile says), and if the page saw a policy violation or
// fetched any resource over the network. A missing browser or driver is a failure.
// Usage: node tests/firefox/single-file.mjs  (after npm run build and cargo build --bin annuaire-cpts)
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkJson } from '../e2e/cli.mjs';
import { writeFixtures, file, FILES, TO_FIX } from '../e2e/files.mjs';
import { unzip } from '../e2e/xlsx.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const GECKODRIVER = process.env.GECKODRIVER ?? 'geckodriver';
const PAGE = resolve('dist/annuaire-cpts.html');
const CPTS = 'CPTS du centre TARN';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const ENTER = '\uE007';
const started = Date.now();

if (!existsSync(PAGE)) throw new Error(`${PAGE} is not built: run npm run build first`);
if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: run ./scripts/setup.sh (Debian package firefox-esr)`);
if (!existsSync(file(TO_FIX))) {
  mkdirSync(FILES, { recursive: true });
  writeFixtures(writeFileSync);
}

const free = () => new Promise((ok) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => ok(port));
  });
});

// Every connection Firefox opens, as the first line it sends (CONNECT host:443, GET http://…).
const tried = [];
/** Firefox's own services, never named by the page. */
const FIREFOX_OWN = /^CONNECT [a-z0-9.-]+\.(mozilla\.(com|org|net)|firefox\.com):443 /;
const proxy = createServer((socket) => {
  socket.once('data', (data) => {
    tried.push(data.toString('latin1').split('\r\n')[0]);
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  socket.on('error', () => {});
});
const proxyPort = await free();
await new Promise((ok) => proxy.listen(proxyPort, '127.0.0.1', ok));

const downloads = mkdtempSync(join(tmpdir(), 'annuaire-cpts-firefox-'));
const driverPort = await free();
// Firefox's own chatter (GLib, remote settings…) is shown only if the test fails.
const driver = spawn(GECKODRIVER, ['--host', '127.0.0.1', '--port', String(driverPort), '--log', 'error'], { stdio: ['ignore', 'pipe', 'pipe'] });
let chatter = '';
for (const out of [driver.stdout, driver.stderr]) out.on('data', (d) => { chatter = (chatter + d).slice(-20_000); });
const driverFailed = new Promise((_, no) => driver.on('error', (e) => no(new Error(`geckodriver could not start (${e.message}): run ./scripts/setup.sh`))));

async function call(method, path, body) {
  const response = await fetch(`http://127.0.0.1:${driverPort}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const { value } = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${value?.error}: ${value?.message}`);
  return value;
}

async function until(what, probe, timeout = 20_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

function check(condition, what) {
  if (!condition) throw new Error(`failed: ${what}`);
  console.log(`  ✓ ${what}`);
}

let session = null;
const run = (script, ...args) => call('POST', `/session/${session}/execute/sync`, { script, args });
async function find(css) {
  const found = await call('POST', `/session/${session}/element`, { using: 'css selector', value: css });
  if (!found?.[ELEMENT]) throw new Error(`${css}: no element (${JSON.stringify(found)})`);
  return found[ELEMENT];
}
const type = async (css, text) => call('POST', `/session/${session}/element/${await find(css)}/value`, { text });
const click = async (css) => call('POST', `/session/${session}/element/${await find(css)}/click`, {});
const text = (css) => run('return document.querySelector(arguments[0])?.textContent ?? null', css);
const downloaded = (name) => until(`${name} downloaded`, () => {
  const names = readdirSync(downloads);
  return names.includes(name) && !names.some((n) => n.endsWith('.part')) && join(downloads, name);
});

let failure = null;
try {
  // Waits for geckodriver to listen.
  await Promise.race([driverFailed, until('geckodriver listening', () => fetch(`http://127.0.0.1:${driverPort}/status`).then((r) => r.ok, () => false), 10_000)]);
  const created = await call('POST', '/session', {
    capabilities: {
      alwaysMatch: {
        browserName: 'firefox',
        'moz:firefoxOptions': {
          binary: FIREFOX,
          args: ['-headless'],
          prefs: {
            // Everything to the recording proxy, loopback included.
            'network.proxy.type': 1,
            'network.proxy.http': '127.0.0.1',
            'network.proxy.http_port': proxyPort,
            'network.proxy.ssl': '127.0.0.1',
            'network.proxy.ssl_port': proxyPort,
            'network.proxy.no_proxies_on': '',
            'network.proxy.allow_hijacking_localhost': true,
            // Firefox's own services, which are not the page's requests.
            'network.captive-portal-service.enabled': false,
            'network.connectivity-service.enabled': false,
            'browser.safebrowsing.malware.enabled': false,
            'browser.safebrowsing.phishing.enabled': false,
            'browser.safebrowsing.downloads.enabled': false,
            'app.normandy.enabled': false,
            'datareporting.policy.dataSubmissionEnabled': false,
            'toolkit.telemetry.enabled': false,
            'browser.newtabpage.enabled': false,
            // As Firefox's own test profiles do: its remote settings from nowhere.
            'services.settings.server': 'data:,#remote-settings-dummy/v1',
            'messaging-system.rsexperimentloader.enabled': false,
            'app.shield.optoutstudies.enabled': false,
            'browser.region.network.url': '',
            'geo.provider.network.url': '',
            'network.dns.disablePrefetch': true,
            'network.prefetch-next': false,
            // Downloads straight into the test's folder.
            'browser.download.folderList': 2,
            'browser.download.dir': downloads,
            'browser.download.useDownloadDir': true,
            'browser.download.start_downloads_in_tmp_dir': false,
            'browser.download.always_ask_before_handling_new_types': false,
            'browser.helperApps.neverAsk.saveToDisk': `${XLSX},text/plain`,
          },
        },
      },
    },
  });
  session = created.sessionId;
  const version = created.capabilities?.browserVersion;

  const opened = Date.now();
  await call('POST', `/session/${session}/url`, { url: pathToFileURL(PAGE).href });
  await until('the page is ready', () => run("return document.documentElement.dataset.ready === 'true'"));
  const readyMs = await run('return Math.round(performance.now())');
  console.log(`annuaire-cpts.html from file://, Firefox: ready ${readyMs} ms after navigation (${Date.now() - opened} ms seen by the driver)`);
  // From now on, whatever the policy blocks is counted.
  await run(`window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`);
  const hash = createHash('sha256').update(readFileSync('dist/pkg/annuaire_cpts_bg.wasm')).digest('hex');
  check((await text('#build')).includes(hash), 'the page shows the SHA-256 of its module');

  await type('#file', resolve(file(TO_FIX)));
  const wrong = '#table tbody tr[data-row="3"] td[data-field="identifiant"]';
  await until('the findings', () => run('return document.querySelector(arguments[0])?.classList.contains("error")', wrong));
  check(/^[1-9]\d* erreur/.test(await text('#summary button[data-filter="error"]')), 'the dropped file shows its errors');

  await click(wrong);
  await type(wrong, ENTER);
  await until('the cell editor', () => run('return document.activeElement?.classList.contains("cell-input")'));
  await type('#table input.cell-input', `10000000017${ENTER}`);
  await until('no error left', async () => /^0 erreur/.test(await text('#summary button[data-filter="error"]')));
  check(true, 'an edited cell is checked again');

  await call('POST', `/session/${session}/element/${await find('#cpts')}/clear`, {});
  await type('#cpts', CPTS);
  await until('the ARS file name', async () => (await text('#filename')) === TO_FIX);
  await click('#download');
  const corrected = await downloaded(TO_FIX);
  const { status, report } = checkJson(corrected);
  check(status === 0 && report.rows_kept === 4, `the corrected file downloads as ${TO_FIX} and reads back clean`);
  check((await text('#deposit-name')) === TO_FIX, 'the deposit steps name the file');

  await click('#notice summary');
  const notice = await run('return document.getElementById("notice-text").value');
  check(notice.includes(`auprès de la ${CPTS} :`), 'the notice names the CPTS');
  await click('#notice-download');
  const written = readFileSync(await downloaded('Information_des_adherents.txt'), 'utf8');
  check(written.includes(CPTS) && written.includes('CNIL'), 'the notice downloads as text');

  await click('#template');
  check(checkJson(await downloaded('Modele_Annuaire_CPTS.xlsx')).status !== 2, 'the blank template downloads');

  // The ARS's batch from file://: both workers start from blob: URLs, each checks a run of
  // the files, and the merged directory is spliced from both workers' rows.
  const batch = mkdtempSync(join(tmpdir(), 'annuaire-cpts-firefox-batch-'));
  const batchFiles = [
    ['Annuaire_CPTS_Du_Centre_TARN_2026.xlsx', file(TO_FIX)],
    ['Annuaire_CPTS_Ouest_Audois_2026.ods', 'tests/fixtures/read/directory.ods'],
    ['Annuaire_CPTS_Grand_Auch_2026.xls', 'tests/fixtures/read/directory.xls'],
    ['Annuaire_CPTS_Haut_Languedoc_2026.xlsm', 'tests/fixtures/read/directory.xlsm'],
    ['Annuaire_CPTS_Cassee_2026.xlsx', file('pas-un-tableur.xlsx')],
  ].map(([name, from]) => {
    copyFileSync(from, join(batch, name));
    return join(batch, name);
  });
  // WebDriver adds files to a `multiple` input's selection: the one-file journey's goes first.
  await run("document.getElementById('file').value = ''");
  await type('#file', batchFiles.join('\n'));
  const summary = await until('the table of files', async () => {
    const t = await text('#batch-summary');
    return t?.includes('5 fichiers vérifiés') && t;
  }, 60_000);
  check(summary.includes('4 lus, 1 illisible'), `five files dropped at once make the table of files (« ${summary} »)`);
  check(await run('return document.querySelectorAll("#batch-table tbody tr.unreadable").length') === 1, 'the unreadable file is a line of the table');
  await click('#batch-merged');
  const merged = unzip(readFileSync(await downloaded('Annuaire_CPTS_Occitanie_2026.xlsx')));
  const sheets = [...merged.get('xl/workbook.xml').toString('utf8').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  const members = merged.get('xl/worksheets/sheet1.xml').toString('utf8');
  check(sheets.slice(0, 3).join() === 'Annuaire,Contrôle,Fichiers' && members.includes('CPTS Haut Languedoc') && members.includes('CPTS Du Centre TARN'),
    'the merged directory downloads with both workers\' members');
  rmSync(batch, { recursive: true, force: true });

  check((await run('return window.__violations')).length === 0, 'nothing was blocked by the page\'s policy');
  const fetched = await run("return performance.getEntriesByType('resource').map((e) => e.name).filter((n) => !/^(blob|data|file):/.test(n))");
  check(fetched.length === 0, `the page fetched nothing over the network (${JSON.stringify(fetched)})`);
  const own = tried.filter((line) => FIREFOX_OWN.test(line));
  const page = tried.filter((line) => !FIREFOX_OWN.test(line));
  check(page.length === 0, `no connection from the page (Firefox ${version ?? ''} itself tried ${own.length}, to its own services)`);
} catch (e) {
  failure = e;
} finally {
  if (session) await call('DELETE', `/session/${session}`).catch(() => {});
  driver.kill();
  proxy.close();
  rmSync(downloads, { recursive: true, force: true });
}
if (failure && tried.length) console.error('connections tried:', tried);
if (failure) {
  console.error(chatter);
  console.error(`Firefox: ${failure.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
console.log(`Firefox journey in ${Date.now() - started} ms`);
console.log('1 passed, 0 failed');
