// Issue 17: dist/ served by nginx with deploy/nginx.conf (tests/e2e/nginx.mjs), at the root of a
// site and under a sub-path: the whole journey works, the headers are the guide's, and an
// updated module is never taken from the cache without asking the server.
import { test, expect } from '@playwright/test';
import { journey } from './journey.mjs';

const port = Number(process.env.NGINX_PORT ?? 8182);
const ROOT = `http://127.0.0.1:${port}/`;
const SUB_PATH = `${ROOT}annuaire-cpts/`;

const HEADERS = {
  'content-security-policy': /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval';.*frame-ancestors 'none'/,
  'x-content-type-options': /^nosniff$/,
  'referrer-policy': /^no-referrer$/,
  'permissions-policy': /camera=\(\).*microphone=\(\)/,
  'cross-origin-opener-policy': /^same-origin$/,
  'cache-control': /^no-cache$/,
};

for (const [where, base] of [['nginx-root', ROOT], ['nginx-sub-path', SUB_PATH]]) {
  test(`through nginx at ${new URL(base).pathname}: the whole journey, and no request leaves the server`, async ({ page, context }) => {
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    await journey(page, base, where);
    const outside = requests.filter((u) => !u.startsWith(base) && !u.startsWith(`blob:${ROOT.slice(0, -1)}`) && !u.startsWith('data:'));
    expect(outside, 'every request to the page\'s own server, under its path').toEqual([]);
  });

  test(`through nginx at ${new URL(base).pathname}: types, security headers, revalidation`, async ({ request }) => {
    for (const [path, type] of [['', 'text/html'], ['index.html', 'text/html'], ['main.js', 'text/javascript'],
      ['style.css', 'text/css'], ['config.json', 'application/json'], ['pkg/annuaire_cpts_bg.wasm', 'application/wasm'],
      ['pkg/annuaire_cpts.js', 'text/javascript'], ['SHA256SUMS', 'application/octet-stream']]) {
      const response = await request.get(base + path);
      expect(response.status(), path).toBe(200);
      const headers = response.headers();
      expect(headers['content-type'], path).toContain(type);
      for (const [name, value] of Object.entries(HEADERS)) expect(headers[name], `${path}: ${name}`).toMatch(value);
      // Revalidation: the same ETag gives a 304, with the headers again.
      const etag = headers.etag;
      expect(etag, `${path}: ETag`).toBeTruthy();
      const again = await request.get(base + path, { headers: { 'If-None-Match': etag } });
      expect(again.status(), `${path}: 304 on the same ETag`).toBe(304);
      expect(again.headers()['cache-control'], path).toBe('no-cache');
    }
    const missing = await request.get(`${base}absent.js`);
    expect(missing.status()).toBe(404);
    expect(missing.headers()['x-content-type-options']).toBe('nosniff');
  });
}

test('through nginx, the sub-path without its slash redirects to the page', async ({ request }) => {
  const response = await request.get(SUB_PATH.slice(0, -1), { maxRedirects: 0 });
  expect(response.status()).toBe(301);
  expect(new URL(response.headers().location, ROOT).href).toBe(SUB_PATH);
});

test('through nginx, the module is compressed for the browser', async ({ request }) => {
  const response = await request.get(`${ROOT}pkg/annuaire_cpts_bg.wasm`, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(response.headers()['content-encoding']).toBe('gzip');
  expect(response.headers().vary).toContain('Accept-Encoding');
});
