// Builds the real application on a fresh seeded database for one test, with a fixed clock,
// and a supertest agent that keeps cookies and knows how to post forms with their CSRF token.
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { createTestDb, TEST_NOW, TEST_SEED } from './db.ts';

export type TestContext = {
  app: Express;
  db: Db;
  clock: ReturnType<typeof fixedClock>;
  config: Config;
  agent: ReturnType<typeof request.agent>;
};

export function createTestApp(options: { now?: string; seed?: number; env?: Record<string, string> } = {}): TestContext {
  const now = options.now ?? TEST_NOW;
  const db = createTestDb({ now, seed: options.seed ?? TEST_SEED });
  const clock = fixedClock(now);
  const config = loadConfig({ NODE_ENV: 'test', DEMO_SEED: String(options.seed ?? TEST_SEED), ...options.env }, () => 'test-secret-that-is-long-enough');
  const app = createApp({ db, config, clock });
  return { app, db, clock, config, agent: request.agent(app) };
}

/** The CSRF token of a page's form. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF token on the page');
  return match[1]!;
}

/** GETs `pageUrl` (for the cookie and token), then POSTs the form fields to `action`. */
export async function postForm(
  agent: TestContext['agent'],
  pageUrl: string,
  action: string,
  fields: Record<string, string | string[]>,
) {
  const page = await agent.get(pageUrl);
  const token = csrfFrom(page.text);
  const body = new URLSearchParams();
  body.append('_csrf', token);
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return agent.post(action).type('form').send(body.toString());
}

/** Decodes the few HTML entities EJS produces, for assertions on text. */
export function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}
