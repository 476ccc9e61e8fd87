// Idempotency-Key on POST /checkouts/:id/payment: a retry answers the same without paying again,
// another request with the key is refused, and concurrent requests with one key make one booking.
import { describe, expect, it } from 'vitest';
import { releaseAbandonedKeys } from '../../src/features/api/idempotency.repository.ts';
import { createTestApp } from '../helpers/app.ts';
import { API, apiCheckoutWithPassengers, card, CARDS, countRows, expectConforms, expectProblem } from './api-helpers.ts';

const pay = (ctx: ReturnType<typeof createTestApp>, id: string, key: string | undefined, body = card()) => {
  const req = ctx.agent.post(`${API}/checkouts/${id}/payment`);
  return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
};

describe('Idempotency-Key on payment', () => {
  it('answers a retry with the same key and body with the same status and body, marked replayed, and books once', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    const first = await pay(ctx, id, 'retry-key-1');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const second = await pay(ctx, id, 'retry-key-1');
    expectConforms(second);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.location).toBe(first.headers.location);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(countRows(ctx, 'bookings')).toBe(1);
    expect(countRows(ctx, 'payments')).toBe(1);
  });

  it('refuses the same key with another body, or for another checkout, with 422 and charges nothing more', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    const other = await apiCheckoutWithPassengers(ctx);
    const declined = await pay(ctx, id, 'reused-key', card(CARDS.decline));
    expect(declined.status).toBe(402);
    const otherCard = await pay(ctx, id, 'reused-key', card(CARDS.approve));
    expectProblem(otherCard, 422, 'Idempotency-Key');
    expect(otherCard.body.type).toBe('/docs/api#problem-idempotency-key-reused');
    expectConforms(otherCard);
    expectProblem(await pay(ctx, other, 'reused-key', card(CARDS.decline)), 422, 'Idempotency-Key');
    expect(countRows(ctx, 'payments')).toBe(1);
    expect(countRows(ctx, 'bookings')).toBe(0);
  });

  it('replays a decline for the same key and body without a second attempt at the card', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    const first = await pay(ctx, id, 'decline-key', card(CARDS.decline));
    const again = await pay(ctx, id, 'decline-key', card(CARDS.decline));
    expect(again.status).toBe(402);
    expect(again.body).toEqual(first.body);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(countRows(ctx, 'payments')).toBe(1);
  });

  it('makes one booking from concurrent requests with one key, each answered with that booking', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    const answers = await Promise.all(Array.from({ length: 6 }, () => pay(ctx, id, 'concurrent-key')));
    expect(countRows(ctx, 'bookings')).toBe(1);
    expect(countRows(ctx, 'payments')).toBe(1);
    const reference = ctx.db.prepare('SELECT reference FROM bookings').pluck().get();
    for (const answer of answers) {
      // Either the booking (first or replayed) or "still in progress, retry": never a second payment.
      if (answer.status === 201) expect(answer.body.reference).toBe(reference);
      else expectProblem(answer, 409);
    }
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
  });

  it('answers 409 with Retry-After while a request with the same key is still waiting for the processor', async () => {
    const ctx = createTestApp({ env: { PAYMENT_TIMEOUT_MS: '300' } });
    const id = await apiCheckoutWithPassengers(ctx);
    const [a, b] = await Promise.all([pay(ctx, id, 'slow-key', card(CARDS.timeout)), pay(ctx, id, 'slow-key', card(CARDS.timeout))]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([409, 504]);
    const waiting = a.status === 409 ? a : b;
    expect(waiting.body.type).toBe('/docs/api#problem-idempotency-in-progress');
    expect(waiting.headers['retry-after']).toBe('1');
    expect(countRows(ctx, 'payments')).toBe(1);
  });

  it('releases the key after a time-out, so a retry with the same key tries the payment again', async () => {
    const ctx = createTestApp({ env: { PAYMENT_TIMEOUT_MS: '20' } });
    const id = await apiCheckoutWithPassengers(ctx);
    expect((await pay(ctx, id, 'timeout-key', card(CARDS.timeout))).status).toBe(504);
    const retry = await pay(ctx, id, 'timeout-key', card(CARDS.timeout));
    expect(retry.status).toBe(504);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(countRows(ctx, 'payments', "status = 'timeout'")).toBe(2);
    expect(countRows(ctx, 'idempotency_keys')).toBe(0);
  });

  it('frees a key left in progress by a process that died, so the retry runs again', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    expect((await pay(ctx, id, 'crash-key', card(CARDS.decline))).status).toBe(402);
    // What a crash mid-request leaves behind: the key reserved for that request, no answer stored.
    ctx.db.prepare("UPDATE idempotency_keys SET status = 'in_progress', response_status = NULL, response_body = NULL WHERE idempotency_key = 'crash-key'").run();
    expect((await pay(ctx, id, 'crash-key', card(CARDS.decline))).status).toBe(409);
    expect(releaseAbandonedKeys(ctx.db)).toBe(1); // what src/server.ts does at start
    const retry = await pay(ctx, id, 'crash-key', card(CARDS.decline));
    expect(retry.status).toBe(402);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(countRows(ctx, 'payments', "status = 'declined'")).toBe(2);
  });

  it('refuses an unusable key with 422 naming the header', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    expectProblem(await pay(ctx, id, 'k'.repeat(300)), 422, 'Idempotency-Key');
    expect(countRows(ctx, 'payments')).toBe(0);
  });

  it('keeps no card number or security code with the key', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    await pay(ctx, id, 'privacy-key');
    const stored = JSON.stringify(ctx.db.prepare('SELECT * FROM idempotency_keys').all());
    expect(stored).toContain('privacy-key');
    expect(stored).not.toMatch(/4242 ?4242 ?4242 ?4242/);
    expect(stored).not.toContain('"123"');
  });
});
