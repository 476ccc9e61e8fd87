// The OpenAPI document lints clean with Redocly's recommended rules (errors and warnings), as a tester's
// tooling would run it: the document as GET /api/v1/openapi.json serves it, written to a file.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { API } from './api-helpers.ts';

const run = promisify(execFile);
const REDOCLY = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'redocly');

describe('the OpenAPI document', () => {
  it('has no error and no warning under redocly lint --extends=recommended', async () => {
    const ctx = createTestApp();
    const document = (await ctx.agent.get(`${API}/openapi.json`)).body;
    const dir = mkdtempSync(join(tmpdir(), 'skylark-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      const result = await run(REDOCLY, ['lint', file, '--extends=recommended', '--format=json'], { timeout: 60000, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } }).then(
        (r) => r,
        (error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
      );
      const report = JSON.parse(result.stdout) as { problems: Array<{ ruleId: string; severity: string; message: string; location?: Array<{ pointer?: string }> }> };
      expect(report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location?.[0]?.pointer ?? ''}: ${p.message}`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);
});
