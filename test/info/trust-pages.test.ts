// Issue 14, item 6 (trust): terms, fare rules and privacy pages, linked at payment and in every footer;
// the contact details checked on review; a favicon and a meta description of its own on every page.
import { describe, expect, it } from 'vitest';
import { createTestApp, text } from '../helpers/app.ts';
import { CONTACT } from '../helpers/fixtures.ts';
import { reachReview, RETURN_TRIP } from '../payment/pay-flow.ts';

const description = (html: string) => /<meta name="description" content="([^"]+)">/.exec(html)?.[1];

describe('terms, fare rules and privacy', () => {
  it('answers each page with its content, in plain words, saying it is a demonstration', async () => {
    const ctx = createTestApp();
    const terms = await ctx.agent.get('/terms');
    expect(terms.status).toBe(200);
    expect(terms.text).toContain('data-testid="terms-page"');
    expect(text(terms.text)).toContain('Skylark Air is a demonstration.');
    expect(text(terms.text)).toMatch(/bags and seats until 2 hours before a flight leaves/);

    const privacy = await ctx.agent.get('/privacy');
    expect(privacy.status).toBe(200);
    expect(text(privacy.text)).toMatch(/only its brand and last four digits/);
    expect(text(privacy.text)).toMatch(/never keep the full card number, the expiry date or the security code/);
  });

  it('lists every fare family the catalogue sells, with its refund rule as stored', async () => {
    const ctx = createTestApp();
    const page = await ctx.agent.get('/fare-rules');
    expect(page.status).toBe(200);
    const families = ctx.db.prepare('SELECT code, refund FROM fare_families ORDER BY rank').all() as Array<{ code: string; refund: string }>;
    expect(families.length).toBeGreaterThan(0);
    for (const f of families) {
      const cell = new RegExp(`data-testid="fare-rule-${f.code}-refund">([^<]*)<`).exec(page.text)?.[1];
      expect(cell, f.code).toBe(f.refund);
    }
  });

  it('links the three pages from every page’s footer', async () => {
    const ctx = createTestApp();
    for (const path of ['/', '/manage', '/terms']) {
      const html = (await ctx.agent.get(path)).text;
      for (const [id, href] of [['footer-terms', '/terms'], ['footer-fare-rules', '/fare-rules'], ['footer-privacy', '/privacy']]) {
        expect(html, `${path} ${id}`).toContain(`href="${href}" data-testid="${id}"`);
      }
    }
  });
});

describe('the review page', () => {
  it('shows the contact details to check, with a link back to change them, and links the terms at payment', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, RETURN_TRIP);
    const html = (await ctx.agent.get(`/checkouts/${id}/review`)).text;
    expect(text(/data-testid="review-contact-email">([^<]*)</.exec(html)?.[1] ?? '')).toBe(CONTACT.email);
    expect(text(/data-testid="review-contact-phone">([^<]*)</.exec(html)?.[1] ?? '')).toBe(CONTACT.phone);
    expect(html).toContain(`href="/checkouts/${id}/passengers#contact" data-testid="change-contact"`);
    const passengers = (await ctx.agent.get(`/checkouts/${id}/passengers`)).text;
    expect(passengers).toContain('id="contact"');
    const form = /data-testid="payment-form">([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
    expect(form).toContain('href="/terms"');
    expect(form).toContain('href="/fare-rules"');
    expect(form).toContain('href="/privacy"');
  });

  it('shows dates of birth in words, not as ISO dates', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, RETURN_TRIP);
    const visible = text((await ctx.agent.get(`/checkouts/${id}/review`)).text);
    expect(visible).toMatch(/born \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(visible).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
  });
});

describe('every page', () => {
  it('links an SVG favicon that is served', async () => {
    const ctx = createTestApp();
    expect((await ctx.agent.get('/')).text).toContain('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">');
    const icon = await ctx.agent.get('/static/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it('has a meta description of its own', async () => {
    const ctx = createTestApp();
    const seen = new Set<string>();
    for (const path of ['/', '/manage', '/terms', '/fare-rules', '/privacy', '/trainer/sign-in']) {
      const found = description((await ctx.agent.get(path)).text);
      expect(found, path).toBeTruthy();
      expect(found!.length, path).toBeGreaterThan(40);
      seen.add(found!);
    }
    expect(seen.size).toBe(6);
  });
});
