// End-to-end tests of the built page (dist/), served by scripts/serve.mjs on 127.0.0.1, in the
// system's Chromium (no browser download); the one file (dist/annuaire-cpts.html) from file://;
// dist/ through nginx with deploy/nginx.conf (tests/e2e/nginx.mjs).
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 8181);
const nginxPort = Number(process.env.NGINX_PORT ?? 8182);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'tests/e2e/output/results',
  globalSetup: './tests/e2e/global-setup.mjs',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: [
    {
      // Started with node directly (not npx) so that it stops with the tests.
      command: 'node scripts/serve.mjs dist',
      url: `http://127.0.0.1:${port}/index.html`,
      env: { PORT: String(port) },
      reuseExistingServer: false,
      timeout: 10_000,
    },
    {
      command: 'node tests/e2e/nginx.mjs',
      url: `http://127.0.0.1:${nginxPort}/index.html`,
      env: { NGINX_PORT: String(nginxPort) },
      reuseExistingServer: false,
      timeout: 10_000,
    },
  ],
});
