// Which option of an offer shoppers took, for social proof's "most chosen" badge on a hotel or a number
// of bags. Counted from what was bought (the extras of booked checkouts), never from what was shown.
// A badge may only be claimed from a sample of at least MIN_SAMPLE choices (take-data.ts).
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import { OFFER, type OfferCode } from '../offers/codes.ts';
import { MIN_SAMPLE } from './take-data.ts';

/** How often each option of an offer was bought: a hotel id, or a bag quantity. */
export type OptionTakes = { counts: (offerCode: OfferCode) => ReadonlyMap<number, number> };

const statements = preparedOnce((db: Db) => ({
  hotels: db.prepare(`
    SELECT ce.hotel_id AS option, COUNT(*) AS n FROM checkout_extras ce JOIN checkouts c ON c.id = ce.checkout_id
    WHERE c.status = 'booked' AND ce.offer_code = @hotel AND ce.hotel_id IS NOT NULL GROUP BY ce.hotel_id`),
  bags: db.prepare(`
    SELECT ce.quantity AS option, COUNT(*) AS n FROM checkout_extras ce JOIN checkouts c ON c.id = ce.checkout_id
    WHERE c.status = 'booked' AND ce.offer_code = @bag GROUP BY ce.quantity`),
}));

export function optionTakesFrom(rows: Partial<Record<OfferCode, ReadonlyArray<{ option: number; n: number }>>>): OptionTakes {
  const maps = new Map<OfferCode, Map<number, number>>();
  for (const [code, list] of Object.entries(rows) as Array<[OfferCode, ReadonlyArray<{ option: number; n: number }>]>) {
    maps.set(code, new Map(list.map((r) => [r.option, r.n])));
  }
  return { counts: (code) => maps.get(code) ?? new Map() };
}

export function readOptionTakes(db: Db): OptionTakes {
  const s = statements(db);
  return optionTakesFrom({
    [OFFER.HOTEL_STAY]: s.hotels.all({ hotel: OFFER.HOTEL_STAY }) as Array<{ option: number; n: number }>,
    [OFFER.BAG_CHECKED_23KG]: s.bags.all({ bag: OFFER.BAG_CHECKED_23KG }) as Array<{ option: number; n: number }>,
  });
}

/**
 * The option chosen more often than any other among `options` (the hotels of one city, the bag
 * quantities a passenger may add), when those options were chosen at least MIN_SAMPLE times in all;
 * undefined when the sample is too small or two options tie.
 */
export function mostChosen(takes: OptionTakes, offerCode: OfferCode, options: readonly number[]): number | undefined {
  const counts = takes.counts(offerCode);
  const ranked = options.map((option) => ({ option, n: counts.get(option) ?? 0 })).sort((a, b) => b.n - a.n);
  const sample = ranked.reduce((sum, r) => sum + r.n, 0);
  const [first, second] = ranked;
  if (!first || sample < MIN_SAMPLE || first.n === 0 || (second && second.n === first.n)) return undefined;
  return first.option;
}

export const NO_OPTION_TAKES: OptionTakes = optionTakesFrom({});
