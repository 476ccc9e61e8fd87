import { describe, expect, it } from 'vitest';
import { stepOf } from '../../src/features/dashboard/funnel.ts';
import { createTestApp } from '../helpers/app.ts';

describe('the funnel recorded from the customer pages', () => {
  it('records the search step once per session, however often the page is loaded', async () => {
    const ctx = createTestApp();
    await ctx.agent.get('/');
    await ctx.agent.get('/');
    const rows = ctx.db.prepare('SELECT step, simulated FROM funnel_events').all();
    expect(rows).toEqual([{ step: 'search', simulated: 0 }]);
  });

  it('maps a page and its answer to the step it shows or completes', () => {
    expect(stepOf('GET', '/flights', 200)).toBe('results');
    expect(stepOf('GET', '/flights', 422)).toBeUndefined();
    expect(stepOf('POST', '/checkouts', 303)).toBe('checkout');
    expect(stepOf('POST', '/checkouts/abc/passengers', 303)).toBe('passengers');
    expect(stepOf('POST', '/checkouts/abc/passengers', 422)).toBeUndefined();
    expect(stepOf('POST', '/checkouts/abc/seats', 303)).toBe('seats');
    expect(stepOf('POST', '/checkouts/abc/extras', 303)).toBe('extras');
    expect(stepOf('POST', '/checkouts/abc/payment', 422)).toBe('payment');
    expect(stepOf('POST', '/checkouts/abc/payment', 404)).toBeUndefined();
    expect(stepOf('GET', '/checkouts/abc/seats', 200)).toBeUndefined();
  });
});
