// Serves dist/ with nginx and the deployment guide's own file, deploy/nginx.conf, included as
// is: at / and under the sub-path /annuaire-cpts/, on 127.0.0.1 only. Started by the
// Playwright configuration for tests/e2e/deploy.spec.mjs; stops with it.
// Usage: node tests/e2e/nginx.mjs  (NGINX_PORT, default 8182)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const port = Number(process.env.NGINX_PORT ?? 8182);
export const SUB_PATH = '/annuaire-cpts/';
const dist = resolve('dist');
const snippet = resolve('deploy/nginx.conf');
const prefix = mkdtempSync(join(tmpdir(), 'annuaire-cpts-nginx-'));
mkdirSync(join(prefix, 'logs'));
const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
  .map((kind) => `${kind}_temp_path ${join(prefix, kind)};`).join('\n  ');

const conf = `worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log stderr warn;
events { worker_connections 64; }
http {
  access_log off;
  log_not_found off;
  ${temp}
  server {
    listen 127.0.0.1:${port};
    location / {
      root ${dist};
      include ${snippet};
    }
    location = ${SUB_PATH.slice(0, -1)} { return 301 ${SUB_PATH}; }
    location ${SUB_PATH} {
      alias ${dist}/;
      include ${snippet};
    }
  }
}
`;
const path = join(prefix, 'nginx.conf');
writeFileSync(path, conf);
const nginx = spawn('/usr/sbin/nginx', ['-p', prefix, '-c', path, '-g', 'daemon off; user root;'], { stdio: 'inherit' });
nginx.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => nginx.kill('SIGQUIT'));
