// GET/POST /api/v1/test/clock (TEST_MODE=1 only): a tester moves the server's clock, and seat holds,
// checkout expiry and the reset follow it.
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { TEST_NOW } from '../helpers/db.ts';
import { API, apiCheckoutWithPassengers, card, expectConforms, expectProblem } from './api-helpers.ts';

type Seat = { seat: string; available: boolean; restrictedFor: unknown[] };

async function holdASeat(ctx: TestContext, wanted?: string): Promise<{ id: string; seat: string; status: number }> {
  const id = await apiCheckoutWithPassengers(ctx);
  const maps = await ctx.agent.get(`${API}/checkouts/${id}/seat-maps`);
  const seat = wanted ?? (maps.body.flights[0].rows as Array<{ groups: Seat[][] }>).flatMap((r) => r.groups.flat()).find((s) => s.available && s.restrictedFor.length === 0)!.seat;
  const put = await ctx.agent.put(`${API}/checkouts/${id}/seats`).send({ seats: [{ passengerIdx: 1, direction: 'outbound', seat }] });
  return { id, seat, status: put.status };
}

const move = (ctx: TestContext, body: unknown) => ctx.agent.post(`${API}/test/clock`).send(body as object);

describe('the test clock', () => {
  it('is a 404 problem without TEST_MODE, and the clock does not move', async () => {
    const ctx = createTestApp();
    expectProblem(await ctx.agent.get(`${API}/test/clock`), 404);
    expectProblem(await move(ctx, { advanceSeconds: 60 }), 404);
    expect(ctx.clock.now().toISOString()).toBe(new Date(TEST_NOW).toISOString());
  });

  it('answers the server’s now and moves it by advanceSeconds or to an instant', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    const read = await ctx.agent.get(`${API}/test/clock`);
    expectConforms(read);
    expect(read.body.now).toBe(new Date(TEST_NOW).toISOString());

    const advanced = await move(ctx, { advanceSeconds: 960 });
    expectConforms(advanced);
    expect(advanced.body.now).toBe(new Date(new Date(TEST_NOW).getTime() + 960_000).toISOString());
    expect(ctx.clock.now().toISOString()).toBe(advanced.body.now);

    const set = await move(ctx, { now: '2026-11-28T10:00:00Z' });
    expect(set.body.now).toBe('2026-11-28T10:00:00.000Z');
  });

  it('refuses both, neither, a fraction or an unknown field with a 422 problem', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    for (const body of [{}, { advanceSeconds: 60, now: '2026-11-28T10:00:00Z' }, { advanceSeconds: 1.5 }, { now: 'tomorrow' }, { minutes: 5 }]) {
      const res = await move(ctx, body);
      expectProblem(res, 422);
      expectConforms(res);
    }
    expect(ctx.clock.now().toISOString()).toBe(new Date(TEST_NOW).toISOString());
  });

  it('lets a seat hold lapse after 15 minutes: another checkout takes the seat, and paying is a 409 back to the seats step', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    const first = await holdASeat(ctx);
    expect(first.status).toBe(200);
    expect((await holdASeat(ctx, first.seat)).status).toBe(409);
    expect((await move(ctx, { advanceSeconds: 14 * 60 })).status).toBe(200);
    expect((await holdASeat(ctx, first.seat)).status).toBe(409);
    expect((await move(ctx, { advanceSeconds: 60 })).status).toBe(200);
    expect((await holdASeat(ctx, first.seat)).status).toBe(200);

    const paid = await ctx.agent.post(`${API}/checkouts/${first.id}/payment`).send(card());
    expectProblem(paid, 409);
    expect(paid.body.step).toBe('seats');
  });

  it('keeps a lost seat lost when the offers are read before paying: paying is still a 409 back to the seats step', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    const first = await holdASeat(ctx);
    expect((await move(ctx, { advanceSeconds: 15 * 60 })).status).toBe(200);
    expect((await holdASeat(ctx, first.seat)).status).toBe(200);

    expect((await ctx.agent.get(`${API}/checkouts/${first.id}/offers`)).status).toBe(200);
    const paid = await ctx.agent.post(`${API}/checkouts/${first.id}/payment`).send(card());
    expectProblem(paid, 409);
    expect(paid.body.step).toBe('seats');
  });

  it('expires a checkout after 3 hours: it is then not found', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    const id = await apiCheckoutWithPassengers(ctx);
    expect((await move(ctx, { advanceSeconds: 3 * 60 * 60 - 1 })).status).toBe(200);
    expect((await ctx.agent.get(`${API}/checkouts/${id}`)).status).toBe(200);
    expect((await move(ctx, { advanceSeconds: 1 })).status).toBe(200);
    expectProblem(await ctx.agent.get(`${API}/checkouts/${id}`), 404);
  });

  it('never goes back before the latest checkout (409); the reset puts it back to its start', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    await move(ctx, { advanceSeconds: 3600 });
    await apiCheckoutWithPassengers(ctx);
    const back = await move(ctx, { advanceSeconds: -60 });
    expectProblem(back, 409);
    expectConforms(back);
    expect(ctx.clock.now().getTime()).toBe(new Date(TEST_NOW).getTime() + 3600_000);

    const reset = await ctx.agent.post(`${API}/test/reset`).send({});
    expect(reset.body.now).toBe(new Date(TEST_NOW).toISOString());
    expect((await move(ctx, { now: '2026-11-27T08:00:00Z' })).status).toBe(200);
  });
});
