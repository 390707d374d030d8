// What every end-to-end test shares: a page whose requests are all recorded, opened once the
// wasm module is loaded.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  requests: async ({ context }, use) => {
    const seen = [];
    context.on('request', (r) => seen.push(r.url()));
    await use(seen);
  },
  page: async ({ page, requests }, use) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
    await use(page);
    expect(errors, 'no uncaught error in the page').toEqual([]);
    const outside = requests.filter((u) => !/^(http:\/\/127\.0\.0\.1:\d+\/|blob:http:\/\/127\.0\.0\.1:\d+\/|data:)/.test(u));
    expect(outside, 'no request outside 127.0.0.1').toEqual([]);
  },
});
export { expect };

/** The visible data rows of the table (spacer rows excluded). */
export const dataRows = (page) => page.locator('#table tbody tr[data-row]');
