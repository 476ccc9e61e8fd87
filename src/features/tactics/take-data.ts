// What shoppers actually took, for the tactics that speak from data (social proof: "most chosen";
// recommendation: "travellers to Lisbon often add …"). Read from the rollups that triggers keep beside
// offer_events (migration 013: offer_takes, booked_offer_takes; a few hundred rows, so a customer page
// pays no GROUP BY over the events); a figure is only offered to a page when its sample reaches
// MIN_SAMPLE, so a claim is never made from a handful.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import { isOfferCode, type OfferCode } from '../offers/codes.ts';

export const MIN_SAMPLE = 30;

export type TakeFigure = { offerCode: OfferCode; shown: number; accepted: number; rate: number };

/** Take figures per offer; `of` answers undefined below the minimum sample. */
export type TakeData = { of: (offerCode: OfferCode) => TakeFigure | undefined; all: () => TakeFigure[] };

const byOffer = preparedOnce((db: Db) =>
  db.prepare(`
    SELECT offer_code AS offerCode, SUM(shown) AS shown, SUM(accepted) AS accepted
    FROM offer_takes
    WHERE demonstration = 0
    GROUP BY offer_code`),
);

// Bookings to one airport: the events of booked checkouts whose outbound flight lands there, leaving
// out dark-pattern demonstrations (a pre-ticked box's "take" is not a choice).
const toAirport = preparedOnce((db: Db) =>
  db.prepare(`
    SELECT offer_code AS offerCode, shown, accepted
    FROM booked_offer_takes
    WHERE destination = @airport`),
);

export function takeDataFrom(rows: readonly { offerCode: string; shown: number; accepted: number }[]): TakeData {
  const figures = new Map<OfferCode, TakeFigure>();
  for (const row of rows) {
    if (!isOfferCode(row.offerCode) || row.shown < MIN_SAMPLE) continue;
    figures.set(row.offerCode, { offerCode: row.offerCode, shown: row.shown, accepted: row.accepted, rate: row.accepted / row.shown });
  }
  return { of: (code) => figures.get(code), all: () => [...figures.values()] };
}

/** Every offer's take so far (all traffic, dark-pattern demonstrations left out). */
export function readTakeData(db: Db): TakeData {
  return takeDataFrom(byOffer(db).all() as { offerCode: string; shown: number; accepted: number }[]);
}

/** The take of each offer on bookings to `airportCode` (for the recommendation), from MIN_SAMPLE impressions. */
export function readTakeDataTo(db: Db, airportCode: string): TakeData {
  return takeDataFrom(toAirport(db).all({ airport: airportCode }) as { offerCode: string; shown: number; accepted: number }[]);
}

/** No data: what a page gets when the tactics that need data are off. */
export const NO_TAKE_DATA: TakeData = takeDataFrom([]);
