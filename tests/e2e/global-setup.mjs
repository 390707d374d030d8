// Checks that dist/ is built, then writes the test files into tests/e2e/output/files/.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { writeFixtures, FILES } from './files.mjs';

export default function globalSetup() {
  if (!existsSync('dist/pkg/annuaire_cpts_bg.wasm')) {
    throw new Error('dist/ is not built: run `npm run build` first (scripts/test.sh does).');
  }
  mkdirSync(FILES, { recursive: true });
  writeFixtures(writeFileSync);
}
