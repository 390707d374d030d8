// The native command line, to read back what the page wrote.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const binary = process.env.ANNUAIRE_CPTS_BIN
  ?? join(process.env.CARGO_TARGET_DIR ?? 'target', 'debug', 'annuaire-cpts');

/** `annuaire-cpts check FILE --json`: the exit status and the §9 report. */
export function checkJson(path) {
  const run = spawnSync(binary, ['check', path, '--json'], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, report: JSON.parse(run.stdout) };
}
