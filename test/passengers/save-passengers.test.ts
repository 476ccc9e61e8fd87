// The savePassengers command on its own: bad input is refused with issues by domain path and a code,
// nothing is saved, and a booked checkout cannot change.
import { describe, expect, it } from 'vitest';
import { findCheckout } from '../../src/features/checkout/checkout.repository.ts';
import { savePassengers, type SavePassengersInput } from '../../src/features/passengers/save-passengers.ts';
import { ConflictError, ValidationError, type Issue } from '../../src/lib/errors.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { openCheckout } from '../helpers/flow.ts';

// Adult, child, infant; outbound 2026-12-10, return 2026-12-17.
const TRIP = { from: 'DUB', to: 'LIS', depart: '2026-12-10', return: '2026-12-17', adults: 1, children: 1, infants: 1 };

const valid = (): SavePassengersInput => ({
  contact: { email: 'ada@example.com', phone: '+353 1 555 0100' },
  passengers: [
    { givenName: 'Ada', familyName: 'Lovelace' },
    { givenName: 'Byron', familyName: 'Lovelace', dateOfBirth: '2018-05-01' },
    { givenName: 'Annabella', familyName: 'Lovelace', dateOfBirth: '2026-03-01' },
  ],
});

async function setup() {
  const ctx = createTestApp();
  const id = await openCheckout(ctx, TRIP);
  return { ctx, id, checkout: () => findCheckout(ctx.db, id)! };
}

function command(ctx: TestContext) {
  return { db: ctx.db, now: ctx.clock.now(), sessionId: 'session-passengers-001', seed: 1 };
}

function issuesOf(ctx: TestContext, id: string, input: unknown): Issue[] {
  try {
    savePassengers(command(ctx), findCheckout(ctx.db, id)!, input as SavePassengersInput);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect(ctx.db.prepare(`SELECT count(*) AS n FROM checkout_passengers WHERE checkout_id = ? AND given_name <> ''`).get(id)).toEqual({ n: 0 });
    return (error as ValidationError).issues;
  }
  throw new Error('savePassengers accepted the input');
}

const brief = (issues: Issue[]) => issues.map((i) => ({ path: i.path, code: i.code }));

describe('savePassengers refuses', () => {
  it('a list that is not one entry per passenger (passenger_count on passengers)', async () => {
    const { ctx, id } = await setup();
    expect(brief(issuesOf(ctx, id, { ...valid(), passengers: valid().passengers.slice(0, 2) }))).toEqual([{ path: ['passengers'], code: 'passenger_count' }]);
  });

  it('a child and an infant of the wrong age, by passenger index, with the rule as code', async () => {
    const { ctx, id } = await setup();
    const input = valid();
    input.passengers[1]!.dateOfBirth = '2014-01-01';
    input.passengers[2]!.dateOfBirth = '2024-12-12';
    expect(brief(issuesOf(ctx, id, input))).toEqual([
      { path: ['passengers', 1, 'dateOfBirth'], code: 'not_a_child' },
      { path: ['passengers', 2, 'dateOfBirth'], code: 'not_an_infant' },
    ]);
  });

  it('a date of birth after the flight, a missing one, and a name of digits, in the order of the form', async () => {
    const { ctx, id } = await setup();
    const input = valid();
    input.passengers[0]!.givenName = 'Ada99';
    delete input.passengers[1]!.dateOfBirth;
    input.passengers[2]!.dateOfBirth = '2027-01-01';
    input.contact.email = 'ada@';
    expect(brief(issuesOf(ctx, id, input))).toEqual([
      { path: ['passengers', 0, 'givenName'], code: 'invalid_format' },
      { path: ['passengers', 1, 'dateOfBirth'], code: 'required' },
      { path: ['passengers', 2, 'dateOfBirth'], code: 'born_after_flight' },
      { path: ['contact', 'email'], code: 'invalid_format' },
    ]);
  });

  it('a booked checkout, with 409 already_booked', async () => {
    const { ctx, id } = await setup();
    ctx.db.prepare(`UPDATE checkouts SET status = 'booked' WHERE id = ?`).run(id);
    const attempt = () => savePassengers(command(ctx), findCheckout(ctx.db, id)!, valid());
    expect(attempt).toThrow(ConflictError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConflictError).issues.map((i) => i.code)).toEqual(['already_booked']);
    }
  });
});

describe('savePassengers', () => {
  it('saves every passenger and the contact, ignoring a date of birth sent for an adult', async () => {
    const { ctx, id, checkout } = await setup();
    const input = valid();
    input.passengers[0]!.dateOfBirth = '1990-01-01';
    savePassengers(command(ctx), checkout(), input);
    expect(checkout().passengers.map((p) => [p.givenName, p.dateOfBirth])).toEqual([
      ['Ada', null],
      ['Byron', '2018-05-01'],
      ['Annabella', '2026-03-01'],
    ]);
    expect(checkout().contactEmail).toBe('ada@example.com');
    expect(id).toBeTruthy();
  });
});
