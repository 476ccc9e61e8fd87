import { describe, expect, it } from 'vitest';
import { TACTIC } from '../../src/features/offers/codes.ts';
import { tacticAssignments } from '../../src/features/tactics/assignments.ts';
import { setTactic } from '../../src/features/trainer/set-tactic.ts';
import { ValidationError, NotFoundError } from '../../src/lib/errors.ts';
import { text } from '../helpers/app.ts';
import { createTrainerApp, postPlaybookForm, recordEvents, signIn, tacticRow } from './trainer-helpers.ts';

function cardOf(html: string, code: string): string {
  const start = html.indexOf(`data-testid="tactic-${code}"`);
  expect(start, code).toBeGreaterThan(0);
  return text(html.slice(start, html.indexOf('</article>', start)));
}

describe('the tactics playbook page', () => {
  it('shows each tactic as a card with its family, two plain lines, where it acts and its control', async () => {
    const { agent } = createTrainerApp();
    await signIn(agent);
    const html = (await agent.get('/trainer')).text;
    const bundle = cardOf(html, 'bundle');
    expect(bundle).toContain('Cross-sell');
    expect(bundle).toContain('Sells complementary items together for less than they cost apart.');
    expect(bundle).toContain('Acts on: extras');
    expect(bundle).toContain('The "Comfort bundle" on the extras page: an extra-legroom seat, a 23 kg bag and priority boarding per flight, 20% less than the three apart.');
    expect(bundle).not.toContain('Not built yet');
    expect(bundle).toContain('No impressions yet');
    expect(html).toMatch(/data-testid="tactic-bundle-mode-off" checked/);
    const upgrade = cardOf(html, 'free_to_paid_upgrade');
    expect(upgrade).toContain('Upsell');
    expect(upgrade).toContain('Sells a better version of what is being bought');
    expect(upgrade).toContain('after choosing Basic, one page compares it with Standard and asks once');
    expect(cardOf(html, 'anchoring')).toContain('Presentation');
  });

  it('shows a live take rate with its impressions, from the offer events that name the tactic, per arm for an A/B test', async () => {
    const { agent, db } = createTrainerApp();
    recordEvents(db, [
      { offerCode: 'SEAT_EXTRA_LEGROOM', placement: 'extras', tactic: 'bundle', variant: 'A', event: 'shown', count: 6 },
      { offerCode: 'SEAT_EXTRA_LEGROOM', placement: 'extras', tactic: 'bundle', variant: 'A', event: 'accepted', count: 1 },
      { offerCode: 'SEAT_EXTRA_LEGROOM', placement: 'extras', tactic: 'bundle', variant: 'B', event: 'shown', count: 4 },
      { offerCode: 'SEAT_EXTRA_LEGROOM', placement: 'extras', tactic: 'bundle', variant: 'B', event: 'accepted', count: 2 },
      { offerCode: 'SEAT_EXTRA_LEGROOM', placement: 'extras', tactic: null, variant: null, event: 'shown', count: 50 },
    ]);
    await signIn(agent);
    const bundle = cardOf((await agent.get('/trainer')).text, 'bundle');
    expect(bundle).toContain('30% taken (3 of 10 impressions)');
    expect(bundle).toContain('A (control): 17% taken (1 of 6 impressions) · B (applied): 50% taken (2 of 4 impressions)');
  });

  it('lists the dark-pattern tactics apart, labelled as demonstrations and off by default', async () => {
    const { agent } = createTrainerApp();
    await signIn(agent);
    const html = (await agent.get('/trainer')).text;
    const demos = html.slice(html.indexOf('data-testid="dark-pattern-demos"'));
    const tactics = html.slice(0, html.indexOf('data-testid="dark-pattern-demos"'));
    for (const code of ['preticked_box', 'confirm_shaming', 'fake_timer']) {
      expect(demos).toContain(`data-testid="tactic-${code}"`);
      expect(tactics).not.toContain(`data-testid="tactic-${code}"`);
      expect(cardOf(html, code)).toContain('Demonstration');
      expect(demos).toMatch(new RegExp(`data-testid="tactic-${code}-mode-off" checked`));
    }
  });

  it('switches a tactic to A/B with a split, stored at once for new customer sessions', async () => {
    const { agent, db } = createTrainerApp();
    await signIn(agent);
    const res = await postPlaybookForm(agent, '/trainer/tactics/bundle', { mode: 'ab', split: '100' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/trainer?saved=bundle#tactic-bundle');
    expect(tacticRow(db, 'bundle')).toEqual({ mode: 'ab', split: 100 });
    expect(tacticAssignments(db, 'a-new-session-id-0001').of(TACTIC.bundle)).toEqual({ tactic: 'bundle', variant: 'B', applied: true });
    const page = await agent.get('/trainer?saved=bundle');
    expect(page.text).toContain('data-testid="tactic-bundle-saved"');
    expect(page.text).toMatch(/data-testid="tactic-bundle-mode-ab" checked/);
  });

  it('refuses a split outside 0-100 with 422, the typed values and a clear message, changing nothing', async () => {
    const { agent, db } = createTrainerApp();
    await signIn(agent);
    for (const split of ['101', '-1', '12.5', 'half']) {
      const res = await postPlaybookForm(agent, '/trainer/tactics/bundle', { mode: 'ab', split });
      expect(res.status, split).toBe(422);
      expect(res.text).toContain('The split is a whole percentage from 0 to 100.');
      expect(res.text).toContain(`value="${split}"`);
      expect(res.text).toMatch(/data-testid="tactic-bundle-mode-ab" checked/);
      expect(res.text).toContain('data-testid="error-summary"');
    }
    expect(tacticRow(db, 'bundle')).toEqual({ mode: 'off', split: 50 });
  });

  it('refuses a mode other than off, on or A/B with 422, changing nothing', async () => {
    const { agent, db } = createTrainerApp();
    await signIn(agent);
    const res = await postPlaybookForm(agent, '/trainer/tactics/anchoring', { mode: 'sometimes', split: '20' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Choose off, on or A/B');
    expect(tacticRow(db, 'anchoring')).toEqual({ mode: 'off', split: 50 });
  });

  it('refuses an unknown tactic with 404 and names the tactics there are', async () => {
    const { agent } = createTrainerApp();
    await signIn(agent);
    const res = await postPlaybookForm(agent, '/trainer/tactics/hypnosis', { mode: 'on', split: '50' });
    expect(res.status).toBe(404);
    expect(text(res.text)).toContain('There is no tactic called "hypnosis"');
  });

  it('refuses a tactic form without its CSRF token with 403, changing nothing', async () => {
    const { agent, db } = createTrainerApp();
    await signIn(agent);
    const res = await agent.post('/trainer/tactics/bundle').type('form').send({ mode: 'on', split: '50' });
    expect(res.status).toBe(403);
    expect(tacticRow(db, 'bundle').mode).toBe('off');
  });
});

describe('setTactic (the command behind the form and the API)', () => {
  it('reports a bad split at ["split"] and a bad mode at ["mode"], by domain path', () => {
    const { db } = createTrainerApp();
    const refused = (input: unknown) => {
      try {
        setTactic(db, 'bundle', input as never);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).issues.map((i) => ({ path: i.path, code: i.code }));
      }
      throw new Error('not refused');
    };
    expect(refused({ mode: 'ab', split: 101 })).toEqual([{ path: ['split'], code: 'too_big' }]);
    expect(refused({ mode: 'ab', split: -5 })).toEqual([{ path: ['split'], code: 'too_small' }]);
    expect(refused({ split: 5 })).toEqual([{ path: ['mode'], code: 'required' }]);
    expect(refused({ mode: 'on', colour: 'red' })).toEqual([{ path: ['colour'], code: 'unknown_field' }]);
    expect(tacticRow(db, 'bundle')).toEqual({ mode: 'off', split: 50 });
  });

  it('keeps the split when it is left out, and refuses an unknown tactic with NotFoundError', () => {
    const { db } = createTrainerApp();
    setTactic(db, 'scarcity', { mode: 'ab', split: 20 });
    expect(setTactic(db, 'scarcity', { mode: 'on' })).toEqual({ code: 'scarcity', mode: 'on', split: 20 });
    expect(() => setTactic(db, 'nope', { mode: 'on' })).toThrow(NotFoundError);
  });
});
