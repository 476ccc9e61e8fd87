import { describe, expect, it } from 'vitest';
import { createTestApp, text } from '../helpers/app.ts';

describe('security basics', () => {
  it('sends a content security policy without inline scripts, and the other helmet headers', async () => {
    const { agent } = createTestApp();
    const res = await agent.get('/');
    const csp = res.headers['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.text).not.toMatch(/\sstyle="/);
  });

  it('sets the session and CSRF cookies HttpOnly and SameSite', async () => {
    const { agent } = createTestApp();
    const res = await agent.get('/');
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies.length).toBeGreaterThanOrEqual(2);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=(Lax|Strict)/i);
    }
  });

  it('refuses a form body larger than the limit with 413 and a page, not a crash', async () => {
    const { agent } = createTestApp();
    await agent.get('/');
    const res = await agent.post('/checkouts').type('form').send(`from=${'A'.repeat(64 * 1024)}`);
    expect(res.status).toBe(413);
    expect(text(res.text)).toContain('Too much data');
  });

  it('shows a generic error page without stack or SQL when something breaks', async () => {
    const ctx = createTestApp();
    ctx.db.exec('DROP TABLE offer_events');
    const quiet = console.error;
    console.error = () => {};
    try {
      const res = await ctx.agent.get('/flights?from=DUB&to=LIS&depart=2026-12-10&adults=1&children=0&infants=0&trip=one_way');
      expect(res.status).toBe(500);
      expect(text(res.text)).toContain('Something went wrong on our side');
      expect(res.text).not.toMatch(/offer_events|SqliteError|at \w+ \(/);
    } finally {
      console.error = quiet;
    }
  });

  it('answers an unknown page with a 404 page', async () => {
    const { agent } = createTestApp();
    const res = await agent.get('/no/such/page');
    expect(res.status).toBe(404);
    expect(res.text).toContain('data-testid="error-page"');
  });
});

describe('transfer size', () => {
  it('sends pages gzip-compressed to a browser that accepts it', async () => {
    const { agent } = createTestApp();
    const res = await agent.get('/').set('Accept-Encoding', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.text).toContain('Where would you like to go?');
  });
});
