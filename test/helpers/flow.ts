// Walks the customer flow through the HTML pages, so each test can start at the step it is about.
import { expect } from 'vitest';
import { postForm, type TestContext } from './app.ts';
import { CONTACT, passengersOf, type Trip } from './fixtures.ts';

export type { Trip };

export function searchQuery(trip: Trip): Record<string, string> {
  return {
    from: trip.from,
    to: trip.to,
    trip: trip.return ? 'return' : 'one_way',
    depart: trip.depart,
    return: trip.return ?? '',
    adults: String(trip.adults ?? 1),
    children: String(trip.children ?? 0),
    infants: String(trip.infants ?? 0),
  };
}

/** The fare radio of the first flight selling `family` in a direction: its id (value) and flight number. */
export function findFareOption(html: string, direction: 'outbound' | 'return', family: string): { fareId: string; flightNumber: string } {
  const re = new RegExp(`value="(\\d+)" data-testid="fare-${direction}-([A-Z0-9]+)-${family}" aria-describedby="[^"]+"(?! disabled)`);
  const match = re.exec(html);
  if (!match) throw new Error(`No ${family} fare for the ${direction} flight on this page`);
  return { fareId: match[1]!, flightNumber: match[2]! };
}

/**
 * Searches and chooses fares; returns the checkout id. A Basic fare is sent to the free-to-paid upgrade
 * page (`/checkouts/:id/upgrade`, while the tactic applies), other fares to the passengers step; the
 * helper then goes on as a script does (docs/testing.md): straight to the passengers step, leaving the
 * question unanswered. Tests of the upgrade page answer it themselves.
 */
export async function openCheckout(ctx: TestContext, trip: Trip): Promise<string> {
  const query = searchQuery(trip);
  const resultsUrl = `/flights?${new URLSearchParams(query).toString()}`;
  const results = await ctx.agent.get(resultsUrl);
  expect(results.status).toBe(200);
  const family = trip.family ?? 'basic';
  const fields: Record<string, string> = { ...query, outboundFare: findFareOption(results.text, 'outbound', family).fareId };
  if (trip.return) fields.returnFare = findFareOption(results.text, 'return', family).fareId;
  const created = await postForm(ctx.agent, resultsUrl, '/checkouts', fields);
  expect(created.status).toBe(303);
  const id = /^\/checkouts\/([A-Za-z0-9_-]+)\/(?:passengers|upgrade)$/.exec(created.headers.location ?? '')?.[1];
  if (!id) throw new Error(`Unexpected redirect ${created.headers.location}`);
  return id;
}

/** Fills the passengers step with the fixtures' party (children born 2018-05-01, infants 2026-03-01). */
export async function fillPassengers(ctx: TestContext, checkoutId: string, trip: Trip): Promise<void> {
  const fields: Record<string, string> = { ...CONTACT };
  for (const p of passengersOf(trip)) {
    fields[`p${p.idx}-given-name`] = p.givenName;
    fields[`p${p.idx}-family-name`] = p.familyName;
    if (p.dateOfBirth) fields[`p${p.idx}-dob`] = p.dateOfBirth;
  }
  const page = `/checkouts/${checkoutId}/passengers`;
  const res = await postForm(ctx.agent, page, page, fields);
  expect(res.status, res.text.slice(0, 2000)).toBe(303);
}
