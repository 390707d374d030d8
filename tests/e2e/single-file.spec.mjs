// Issue 17: dist/annuaire-cpts.html works from file://, with every request blocked: the browser
// goes through a proxy that does not exist and every http(s) request is aborted and recorded.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { test, expect } from '@playwright/test';
import config from '../../playwright.config.mjs';
import { journey } from './journey.mjs';

const PAGE = 'dist/annuaire-cpts.html';
const url = pathToFileURL(resolve(PAGE)).href;

const { args } = config.use.launchOptions;
test.use({
  launchOptions: { ...config.use.launchOptions, args: [...args, '--proxy-server=127.0.0.1:9', '--proxy-bypass-list=<-loopback>'] },
});

test('the one file is self-contained and at most 1.3 MB gzipped', () => {
  const html = readFileSync(PAGE, 'utf8');
  expect(gzipSync(html, { level: 9 }).length).toBeLessThanOrEqual(1.3e6);
  // Nothing it would fetch: no src/href to a file, no stylesheet link, no module file.
  expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+rel="(stylesheet|modulepreload)"/);
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  expect(csp).toContain("connect-src 'none'");
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain("'unsafe-eval'");
  expect(statSync(PAGE).size).toBeGreaterThan(statSync('dist/pkg/annuaire_cpts_bg.wasm').size / 4);
});

test('the one file, opened from file:// with every request blocked, does all the hosted page does', async ({ page, context }) => {
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.route(/^https?:/, (route) => route.abort('blockedbyclient'));
  const started = Date.now();
  await journey(page, url, 'file');
  test.info().annotations.push({ type: 'journey (ms)', description: String(Date.now() - started) });
  const outside = requests.filter((u) => u !== url && !u.startsWith('blob:') && !u.startsWith('data:'));
  expect(outside, 'no request but the file itself').toEqual([]);
});

test('the one file is ready soon after it is opened', async ({ page }) => {
  // When the page says it is ready (the module compiled in the worker, the worker answered),
  // looked at on every frame.
  await page.goto(url);
  const ready = await page.waitForFunction(
    () => document.documentElement.dataset.ready === 'true' && performance.now(), null, { polling: 'raf' },
  ).then((h) => h.jsonValue());
  console.log(`annuaire-cpts.html from file://, Chromium: ready ${Math.round(ready)} ms after navigation`);
  expect(ready).toBeLessThan(10_000);
});
