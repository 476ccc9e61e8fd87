// Every field error of a problem document carries a stable, machine-readable `code` beside its message,
// so a test asserts on the code and the wording may change.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { API, apiCheckout, expectConforms, ONE_WAY } from './api-helpers.ts';

type FieldError = { field: string; code: string; message: string };
const errorsOf = (body: { errors?: FieldError[] }) => Object.fromEntries((body.errors ?? []).map((e) => [e.field, e.code]));

describe('field error codes', () => {
  it('says required for a missing field, unknown_field for an unknown one, and zod’s code for a wrong type or range', async () => {
    const ctx = createTestApp();
    const res = await ctx.agent.get(`${API}/flights?to=LIS&depart=2026-12-10&adults=0&colour=red`);
    expect(res.status).toBe(422);
    expectConforms(res);
    expect(errorsOf(res.body)).toMatchObject({ from: 'required', colour: 'unknown_field' });
    for (const e of res.body.errors as FieldError[]) expect(e.code, e.field).toMatch(/^[a-z_]+$/);
  });

  it('gives the domain’s own code for a rule of the domain (a child too old for the travel date, an unknown fare)', async () => {
    const ctx = createTestApp();
    const checkout = await apiCheckout(ctx, { ...ONE_WAY, adults: 1, children: 1 });
    const res = await ctx.agent.put(`${API}/checkouts/${checkout.id}/passengers`).send({
      contact: { email: 'ada@example.com', phone: '+353 1 555 0100' },
      passengers: [
        { givenName: 'Ada', familyName: 'Lovelace' },
        { givenName: 'Anne', familyName: 'Lovelace', dateOfBirth: '2000-01-01' },
      ],
    });
    expect(res.status).toBe(422);
    expectConforms(res);
    expect(errorsOf(res.body)).toEqual({ 'passengers/1/dateOfBirth': 'not_a_child' });

    const unknownFare = await ctx.agent.post(`${API}/checkouts`).send({ search: { from: 'DUB', to: 'LIS', depart: '2026-12-10', adults: 1, children: 0, infants: 0 }, outbound: { fareId: 999999999 } });
    expect(unknownFare.status).toBe(422);
    expect(errorsOf(unknownFare.body)['outbound/fareId']).toBe('unknown_fare');
  });

  it('gives one error for one malformed date (depart=not-a-date), not also "not a real date" or "beyond the schedule"', async () => {
    const ctx = createTestApp();
    const res = await ctx.agent.get(`${API}/flights?from=DUB&to=LIS&depart=not-a-date`);
    expect(res.status).toBe(422);
    expect((res.body.errors as FieldError[]).filter((e) => e.field === 'depart')).toEqual([{ field: 'depart', code: 'invalid_format', message: 'Enter the departure date, for example 14 March 2027' }]);
  });

  it('names a header’s problem with a code too', async () => {
    const ctx = createTestApp();
    const res = await ctx.agent.get(`${API}/airports`).set('X-Session-Id', 'no');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'X-Session-Id', code: 'invalid_format', message: expect.any(String) }]);
  });
});
