// npm run simulate: bad arguments are refused before the database is touched; a run creates and seeds a
// missing database and shows a progress bar with shoppers per second and the time left.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../src/features/simulator/model.ts';
import { progressText } from '../../src/features/simulator/progress.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'skylark-simulate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function simulateCli(databasePath: string, args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: databasePath, DEMO_NOW: '2026-11-27T09:00:00Z', NODE_ENV: 'test' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run simulate', () => {
  it('refuses 0 or 10,000,000 shoppers and parameters outside 0-1 with a clear message, creating no database', () => {
    const databasePath = join(dir, 'refused.sqlite');
    const zero = simulateCli(databasePath, ['--shoppers', '0']);
    expect(zero.status).toBe(1);
    expect(zero.stderr).toContain('shoppers: Simulate at least 1 shopper.');
    expect(zero.stderr).toContain('Nothing was simulated.');
    const many = simulateCli(databasePath, ['--shoppers', '10000000']);
    expect(many.status).toBe(1);
    expect(many.stderr).toContain('shoppers: Simulate at most 100,000 shoppers at once.');
    const paramsFile = join(dir, 'params.json');
    writeFileSync(paramsFile, JSON.stringify({ ...DEFAULT_PARAMS, tacticLift: 1.5 }));
    const param = simulateCli(databasePath, ['--shoppers', '10', '--params', paramsFile]);
    expect(param.status).toBe(1);
    expect(param.stderr).toContain('params.tacticLift: Enter a number between 0 and 1.');
    expect(existsSync(databasePath)).toBe(false);
  });

  it('creates and seeds a missing database, then simulates with a progress bar of shoppers per second and time left', () => {
    const databasePath = join(dir, 'new.sqlite');
    const run = simulateCli(databasePath, ['--shoppers', '30', '--seed', '7']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`Seeded ${databasePath}`);
    expect(run.stderr).toMatch(/30\/30 shoppers · \d+\/s · 0 s left · \d+ booked/);
    expect(run.stdout).toMatch(/^Simulated 30 shoppers \(seed 7\) in [\d.]+ s: \d+ booked/);
  });

  it('draws the bar from the progress: done of total, shoppers per second, seconds left', () => {
    expect(progressText({ done: 250, total: 1000, booked: 90, elapsedMs: 5000 }, 10)).toBe('███░░░░░░░ 250/1000 shoppers · 50/s · 15 s left · 90 booked');
    expect(progressText({ done: 0, total: 1000, booked: 0, elapsedMs: 0 }, 4)).toBe('░░░░ 0/1000 shoppers · 0/s · … · 0 booked');
  });
});
