// Where Skylark Air flies (issue 14, item 7): the search form's "To" list follows the routes (grouped
// by origin without JavaScript) and a page lists every route.
import { describe, expect, it } from 'vitest';
import { createTestApp, text } from '../helpers/app.ts';

function routes(db: ReturnType<typeof createTestApp>['db']): Array<{ origin: string; destination: string }> {
  return db.prepare('SELECT origin, destination FROM routes ORDER BY origin, destination').all() as Array<{ origin: string; destination: string }>;
}

/** The "To" select's groups: origin code → destination codes, in the order of the page. */
function toGroups(html: string): Map<string, string[]> {
  const select = html.slice(html.indexOf('<select id="to"'), html.indexOf('</select>', html.indexOf('<select id="to"')));
  const groups = new Map<string, string[]>();
  for (const m of select.matchAll(/<optgroup label="[^"]*" data-from="([A-Z]{3})">([\s\S]*?)<\/optgroup>/g)) {
    groups.set(m[1]!, [...m[2]!.matchAll(/<option value="([A-Z]{3})"/g)].map((o) => o[1]!));
  }
  return groups;
}

describe('the destination list', () => {
  it('groups, without JavaScript, exactly the destinations flown from each origin', async () => {
    const { agent, db } = createTestApp();
    const res = await agent.get('/');
    const groups = toGroups(res.text);
    const expected = new Map<string, string[]>();
    for (const r of routes(db)) expected.set(r.origin, [...(expected.get(r.origin) ?? []), r.destination]);
    expect(groups.size).toBe(expected.size);
    for (const [origin, destinations] of expected) expect([...groups.get(origin)!].sort()).toEqual([...destinations].sort());
  });

  it('puts the origin chosen first and selects the destination in its group only', async () => {
    const { agent } = createTestApp();
    const res = await agent.get('/?from=LIS&to=DUB');
    const groups = [...toGroups(res.text).keys()];
    expect(groups[0]).toBe('LIS');
    const select = res.text.slice(res.text.indexOf('<select id="to"'), res.text.indexOf('</select>', res.text.indexOf('<select id="to"')));
    expect(select.match(/ selected>/g)).toHaveLength(1);
    expect(select).toMatch(/data-from="LIS">\s*(<option[^>]*>[^<]*<\/option>)*?<option value="DUB" selected>/);
  });

  it('still refuses a route that is not flown with 422 and a message naming both cities', async () => {
    const { agent, db } = createTestApp();
    const flown = new Set(routes(db).map((r) => `${r.origin}-${r.destination}`));
    const codes = [...new Set(routes(db).map((r) => r.origin))];
    const pair = codes.flatMap((a) => codes.map((b) => [a, b] as const)).find(([a, b]) => a !== b && !flown.has(`${a}-${b}`));
    if (!pair) return; // every pair is flown in this network: nothing to refuse
    const res = await agent.get(`/flights?from=${pair[0]}&to=${pair[1]}&trip=one_way&depart=2026-12-10&adults=1&children=0&infants=0`);
    expect(res.status).toBe(422);
    expect(text(res.text)).toMatch(/Skylark Air does not fly from \S.* to \S.*\. Choose another destination\./);
    expect(res.text).toMatch(/<title>Error: /);
  });
});

describe('where we fly', () => {
  it('lists every route by origin, each a link to the search form filled in, linked from the search form and every page’s footer', async () => {
    const { agent, db } = createTestApp();
    const res = await agent.get('/where-we-fly');
    expect(res.status).toBe(200);
    for (const r of routes(db)) {
      expect(res.text).toContain(`<a href="/?from=${r.origin}&amp;to=${r.destination}" data-testid="route-${r.origin}-${r.destination}">`);
    }
    expect([...res.text.matchAll(/data-testid="route-[A-Z]{3}-[A-Z]{3}"/g)]).toHaveLength(routes(db).length);
    const form = await agent.get('/');
    expect(form.text).toContain('href="/where-we-fly" data-testid="where-we-fly"');
    expect(form.text).toContain('href="/where-we-fly" data-testid="footer-where-we-fly"');
    const filled = await agent.get('/?from=DUB&to=LIS');
    expect(filled.text).toMatch(/<option value="DUB" selected>/);
  });
});
