// npm start runs the built code (dist/) with plain node: the build must carry everything the server
// reads beside its code (migrations), and the built server must find views and static files.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'skylark-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the production build', () => {
  it('builds src/ into dist/ that plain node starts, migrating a new database and serving pages and static files', async () => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    expect(existsSync(join(ROOT, 'dist/db/migrations/001-catalogue-and-checkout.sql'))).toBe(true);

    const server = spawn(process.execPath, ['dist/server.js'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-for-tests', HOST: '127.0.0.1', PORT: '0', DATABASE_PATH: join(dir, 'db.sqlite'), DEMO_NOW: '2026-11-27T09:00:00Z' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        server.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = /ready on (http:\/\/\S+)/.exec(output)?.[1];
          if (found) resolve(found);
        });
        server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
        server.once('exit', (code) => reject(new Error(`the built server exited with ${code}: ${output}`)));
      });
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('value="DUB"');
      expect((await fetch(`${url}/static/css/site.css`)).status).toBe(200);
      const airports = (await (await fetch(`${url}/api/v1/airports`)).json()) as { airports: unknown[] };
      expect(airports.airports.length).toBeGreaterThan(10);
    } finally {
      server.kill('SIGTERM');
    }
  }, 120_000); // a build (2–9 s) and a first start that seeds a new database (1–8 s) on a busy machine
});
