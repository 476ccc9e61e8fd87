import { describe, expect, it } from 'vitest';
import { ensureTrainerPassword, checkTrainerPassword } from '../../src/features/trainer/password.ts';
import { setTactic } from '../../src/features/trainer/set-tactic.ts';
import { createTestApp } from '../helpers/app.ts';
import { TEST_NOW } from '../helpers/db.ts';
import { signIn, tacticRow } from './trainer-helpers.ts';

describe('the test reset and the trainer console', () => {
  it('keeps the trainer password and the signed-in trainer, and puts every split back to 50', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    const password = ensureTrainerPassword(ctx.db, undefined, new Date(TEST_NOW))!;
    await signIn(ctx.agent, password);
    setTactic(ctx.db, 'bundle', { mode: 'ab', split: 80 });
    const res = await ctx.agent.post('/api/v1/test/reset').send({});
    expect(res.status).toBe(200);
    expect(tacticRow(ctx.db, 'bundle')).toEqual({ mode: 'off', split: 50 });
    expect(checkTrainerPassword(ctx.db, undefined, password)).toBe('ok');
    expect((await ctx.agent.get('/trainer')).status).toBe(200);
  });
});
