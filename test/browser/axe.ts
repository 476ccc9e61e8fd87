// axe-core in the browser specs (issue 14, item 9): every page and every error state the walks reach is
// checked for WCAG 2.2 A/AA and best-practice violations. One helper, shared by every spec.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The rule sets a page must pass: WCAG 2.0, 2.1 and 2.2 at A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] as const;

type AxeRun = (context: Document, options: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }>;

/**
 * axe-core's violations on the page as it is now, as "rule: target" lines (empty when it is clean). With the
 * page's JavaScript off (its enhance.js did not mark <html class="js">) axe cannot run there (its timers never
 * fire), so the same HTML, scripts removed, is checked in a scripted page of the same size at the same address.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const scripted = await page.evaluate(() => document.documentElement.classList.contains('js'));
  if (scripted) return runAxe(page);
  const browser = page.context().browser();
  if (!browser) throw new Error('axe: the page has no browser to open a scripted copy in');
  const copy = await browser.newContext({ viewport: page.viewportSize() ?? undefined, javaScriptEnabled: true });
  try {
    // Served at the page's own address (never reaching the server), so its stylesheets load same-origin.
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
    const url = page.url();
    await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    const target = await copy.newPage();
    await target.goto(url, { waitUntil: 'load' });
    return await runAxe(target);
  } finally {
    await copy.close();
  }
}

async function runAxe(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy (script-src 'self') does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: AxeRun } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, [...AXE_TAGS]);
}

/** Asserts axe finds nothing on the page; `where` names the page or error state in the failure. */
export async function expectAxeClean(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  // Printed in full: an assertion message shortens long strings.
  if (violations.length) console.error(`axe on ${where} (${page.url()}):\n${violations.join('\n')}`);
  expect(violations, `axe on ${where}`).toEqual([]);
}
