import { describe, expect, it } from 'vitest';
import { createTestApp, postForm, text } from '../helpers/app.ts';
import { openCheckout } from '../helpers/flow.ts';

const trip = { from: 'DUB', to: 'LIS', depart: '2026-12-10', return: '2026-12-17', adults: 2, children: 1, infants: 1 };

const valid = {
  'p1-given-name': 'Ada',
  'p1-family-name': 'Lovelace',
  'p2-given-name': 'Charles',
  'p2-family-name': 'Babbage',
  'p3-given-name': 'Byron',
  'p3-family-name': 'Lovelace',
  'p3-dob': '2018-05-01',
  'p4-given-name': 'Annabella',
  'p4-family-name': 'Lovelace',
  'p4-dob': '2026-03-01',
  email: 'ada@example.com',
  phone: '+353 1 555 0100',
};

async function setup() {
  const ctx = createTestApp();
  const id = await openCheckout(ctx, trip);
  const page = `/checkouts/${id}/passengers`;
  return { ctx, id, page, submit: (fields: Record<string, string>) => postForm(ctx.agent, page, page, fields) };
}

describe('passengers step', () => {
  it('asks for every passenger by type, with dates of birth for children and infants only', async () => {
    const { ctx, page } = await setup();
    const res = await ctx.agent.get(page);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Passenger 1: Adult');
    expect(res.text).toContain('Passenger 3: Child');
    expect(res.text).toContain('Passenger 4: Infant');
    expect(res.text).not.toContain('name="p1-dob"');
    expect(res.text).toContain('<label for="p3-dob">Date of birth</label>');
    expect(res.text).toContain('data-testid="price-total"');
    expect(res.text).toContain('aria-current="step"');
  });

  it('saves the passengers and contact, then goes to seats with 303', async () => {
    const { ctx, id, submit } = await setup();
    const res = await submit(valid);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/checkouts/${id}/seats`);
    const rows = ctx.db.prepare('SELECT idx, type, given_name, family_name, date_of_birth FROM checkout_passengers WHERE checkout_id = ? ORDER BY idx').all(id);
    expect(rows).toEqual([
      { idx: 1, type: 'adult', given_name: 'Ada', family_name: 'Lovelace', date_of_birth: null },
      { idx: 2, type: 'adult', given_name: 'Charles', family_name: 'Babbage', date_of_birth: null },
      { idx: 3, type: 'child', given_name: 'Byron', family_name: 'Lovelace', date_of_birth: '2018-05-01' },
      { idx: 4, type: 'infant', given_name: 'Annabella', family_name: 'Lovelace', date_of_birth: '2026-03-01' },
    ]);
    expect(ctx.db.prepare('SELECT contact_email, contact_phone FROM checkouts WHERE id = ?').get(id)).toEqual({ contact_email: 'ada@example.com', contact_phone: '+353 1 555 0100' });
  });

  it('shows what was saved when the customer comes back to the step', async () => {
    const { ctx, page, submit } = await setup();
    await submit(valid);
    const res = await ctx.agent.get(page);
    expect(res.text).toContain('value="Charles"');
    expect(res.text).toContain('value="2018-05-01"');
    expect(res.text).toContain('value="ada@example.com"');
  });

  it.each([
    ['a name of 500 characters', { 'p1-given-name': 'A'.repeat(500) }, 'p1-given-name', 'at most 50 characters'],
    ['a missing family name', { 'p2-family-name': '' }, 'p2-family-name', 'Enter the family name'],
    ['a name with digits', { 'p1-given-name': 'Ada99' }, 'p1-given-name', 'letters, spaces, hyphens and apostrophes'],
    ['a child too young to be a child', { 'p3-dob': '2025-06-01' }, 'p3-dob', 'A child must be 2 to 11'],
    ['a child of 12', { 'p3-dob': '2014-01-01' }, 'p3-dob', 'A child must be 2 to 11'],
    ['an infant who turns 2 before the return', { 'p4-dob': '2024-12-12' }, 'p4-dob', 'An infant must be under 2 on every flight'],
    ['an infant born after the flight', { 'p4-dob': '2027-01-01' }, 'p4-dob', 'before the flight'],
    ['a malformed date of birth', { 'p3-dob': '01/05/2018' }, 'p3-dob', 'Enter the date of birth, for example 23 April 2019'],
    ['a missing date of birth', { 'p3-dob': '' }, 'p3-dob', 'Enter the date of birth, for example 23 April 2019'],
    ['a bad e-mail', { email: 'ada@' }, 'email', 'Enter an e-mail address'],
    ['a phone without digits', { phone: 'call me' }, 'phone', 'Enter a phone number'],
  ])('refuses %s with 422, keeping what was typed', async (_name, change, field, message) => {
    const { ctx, id, submit } = await setup();
    const fields = { ...valid, ...change };
    const res = await submit(fields);
    expect(res.status).toBe(422);
    expect(res.text).toContain(`data-testid="error-${field}"`);
    expect(text(res.text)).toContain(message);
    expect(res.text).toContain('value="Charles"');
    const value = (change as Record<string, string>)[field]!;
    if (value) expect(res.text).toContain(`value="${value}"`);
    const saved = ctx.db.prepare('SELECT given_name FROM checkout_passengers WHERE checkout_id = ? AND idx = 2').get(id);
    expect(saved).toEqual({ given_name: '' });
  });

  it('lists the problems in the order of the form, naming the passenger', async () => {
    const { submit } = await setup();
    const res = await submit({ ...valid, 'p2-given-name': '', email: 'nope' });
    expect(res.status).toBe(422);
    const summary = text(res.text.slice(res.text.indexOf('data-testid="error-summary"')));
    expect(summary.indexOf('Passenger 2: Enter the given name')).toBeGreaterThan(-1);
    expect(summary.indexOf('Passenger 2: Enter the given name')).toBeLessThan(summary.indexOf('Enter an e-mail address'));
  });

  it('escapes what was typed when showing it again', async () => {
    const { submit } = await setup();
    const res = await submit({ ...valid, 'p1-given-name': '<script>alert(1)</script>' });
    expect(res.status).toBe(422);
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&lt;script&gt;');
  });
});
