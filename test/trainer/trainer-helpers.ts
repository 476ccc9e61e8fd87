// Shared by the trainer console's tests: an app with a known trainer password, signing in, events.
import type { Db } from '../../src/db/database.ts';
import { createTestApp, csrfFrom, type TestContext } from '../helpers/app.ts';

export const TRAINER_PASSWORD = 'workshop-password-1';

export function createTrainerApp(env: Record<string, string> = {}): TestContext {
  return createTestApp({ env: { TRAINER_PASSWORD, ...env } });
}

/** Signs the agent in through the form; answers the POST's response. */
export async function signIn(agent: TestContext['agent'], password = TRAINER_PASSWORD) {
  let page = await agent.get('/trainer/sign-in');
  if (page.status === 303) page = await agent.get('/trainer'); // already signed in: any page's token will do
  return agent.post('/trainer/sign-in').type('form').send({ _csrf: csrfFrom(page.text), password });
}

/** Posts a form of the playbook page with its CSRF token. */
export async function postPlaybookForm(agent: TestContext['agent'], action: string, fields: Record<string, string>) {
  const page = await agent.get('/trainer');
  return agent.post(action).type('form').send({ _csrf: csrfFrom(page.text), ...fields });
}

export function tacticRow(db: Db, code: string): { mode: string; split: number } {
  return db.prepare('SELECT mode, split FROM tactics WHERE code = ?').get(code) as { mode: string; split: number };
}

/** Offer events as the customer pages record them (only the columns the figures read matter). */
export function recordEvents(
  db: Db,
  rows: { offerCode: string; placement: string; tactic: string | null; variant: string | null; event: 'shown' | 'accepted' | 'declined'; count: number }[],
): void {
  const insert = db.prepare(
    `INSERT INTO offer_events (session_id, offer_code, kind, category, placement, tactic, variant, price_minor, currency, event, created_at)
     VALUES (@sessionId, @offerCode, 'upsell', 'seat', @placement, @tactic, @variant, 1000, 'EUR', @event, '2026-11-27T09:00:00Z')`,
  );
  // One session per event: an impression is recorded once per session, offer, item and placement.
  let n = 0;
  for (const row of rows) for (let i = 0; i < row.count; i++) insert.run({ ...row, sessionId: `s-test-${(n += 1)}` });
}

export function cookieNamed(res: { headers: Record<string, unknown> }, name: string): string | undefined {
  const list = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return list.find((c) => c.startsWith(`${name}=`));
}
