import { describe, expect, it } from 'vitest';
import { currentRun, type Run } from '../../src/features/simulator/runs.ts';
import { simulateView } from '../../src/features/simulator/simulate.view.ts';
import { csrfFrom } from '../helpers/app.ts';
import { createTrainerApp, signIn } from '../trainer/trainer-helpers.ts';

async function form(agent: ReturnType<typeof createTrainerApp>['agent']) {
  const page = await agent.get('/trainer/simulate');
  const fields: Record<string, string> = {};
  for (const m of page.text.matchAll(/<input type="number" id="[^"]+" name="([^"]+)" step="[^"]+" value="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  return { csrf: csrfFrom(page.text), fields, page };
}

describe('the simulator page', () => {
  it('shows the model parameters with their defaults, for trainers only', async () => {
    const ctx = createTrainerApp();
    expect((await ctx.agent.get('/trainer/simulate')).status).toBe(303);
    await signIn(ctx.agent);
    const { fields, page } = await form(ctx.agent);
    expect(page.status).toBe(200);
    expect(fields).toMatchObject({ shoppers: '5000', seed: '7', 'abandon-checkout': '0.35', 'take-bag': '0.35', priceSensitivity: '0.5', tacticLift: '0.3' });
  });

  it('refuses 0 or 10,000,000 shoppers and parameters outside 0-1 with 422, the typed values and no run', async () => {
    const ctx = createTrainerApp();
    await signIn(ctx.agent);
    const { csrf, fields } = await form(ctx.agent);
    const zero = await ctx.agent.post('/trainer/simulate').type('form').send({ ...fields, _csrf: csrf, shoppers: '0' });
    expect(zero.status).toBe(422);
    expect(zero.text).toContain('Simulate at least 1 shopper.');
    const many = await ctx.agent.post('/trainer/simulate').type('form').send({ ...fields, _csrf: csrf, shoppers: '10000000' });
    expect(many.status).toBe(422);
    const param = await ctx.agent.post('/trainer/simulate').type('form').send({ ...fields, _csrf: csrf, 'take-bag': '1.5', tacticLift: '-1' });
    expect(param.status).toBe(422);
    expect(param.text).toMatch(/data-testid="error-take-bag">Enter a number between 0 and 1\./);
    expect(param.text).toMatch(/data-testid="error-tacticLift">/);
    expect(param.text).toContain('value="1.5"');
    expect(currentRun(ctx.db)).toBeUndefined();
  });

  it('starts a run, shows its progress with a refresh while running, and the result when done', async () => {
    const ctx = createTrainerApp();
    await signIn(ctx.agent);
    const { csrf, fields } = await form(ctx.agent);
    const res = await ctx.agent.post('/trainer/simulate').type('form').send({ ...fields, _csrf: csrf, shoppers: '40', seed: '3' });
    expect(res.status).toBe(303);
    const run = currentRun(ctx.db)!;
    const outcome = await run.promise;
    expect(outcome).toMatchObject({ done: 40, cancelled: false });
    const done = await ctx.agent.get('/trainer/simulate');
    expect(done.text).toMatch(/data-testid="sim-state">Done</);
    expect(done.text).toContain('40 of 40 shoppers');
    expect(done.text).not.toContain('http-equiv="refresh"');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM funnel_events WHERE simulated = 1 AND step = ?').pluck().get('search')).toBe(40);
  });
});

describe('cancelling from the simulator page', () => {
  it('stops a running run between batches; the page says Cancelled and how far it got', async () => {
    const ctx = createTrainerApp();
    await signIn(ctx.agent);
    const { csrf, fields } = await form(ctx.agent);
    await ctx.agent.post('/trainer/simulate').type('form').send({ ...fields, _csrf: csrf, shoppers: '5000', seed: '3' });
    const run = currentRun(ctx.db)!;
    const running = await ctx.agent.get('/trainer/simulate');
    expect(running.text).toMatch(/data-testid="sim-state">Running</);
    const cancel = await ctx.agent.post('/trainer/simulate/cancel').type('form').send({ _csrf: csrfFrom(running.text) });
    expect(cancel.status).toBe(303);
    const outcome = (await run.promise)!;
    expect(outcome.cancelled).toBe(true);
    expect(outcome.done).toBeLessThan(5000);
    const after = await ctx.agent.get('/trainer/simulate');
    expect(after.text).toMatch(/data-testid="sim-state">Cancelled</);
    expect(after.text).toContain(`${outcome.done} of 5000 shoppers`);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM funnel_events WHERE step = 'search'").pluck().get()).toBe(outcome.done);
  });
});

describe('the simulator page while a run goes', () => {
  it('shows shoppers per second and the time left, and asks for a refresh', () => {
    const run = { input: { shoppers: 1000, seed: 7 }, state: 'running', progress: { done: 250, total: 1000, booked: 90, elapsedMs: 5000 } } as unknown as Run;
    const view = simulateView(run, {}, {});
    expect(view.running).toBe(true);
    expect(view.run).toMatchObject({ percent: 25, rate: '50 shoppers/s', timeLeft: '15 s left', booked: '90' });
  });
});
