// The fare upsell of the results page: every family dearer than the cheapest fare the party can buy
// on a flight is offered as an upgrade, priced as the difference for the whole party. A fare the party
// cannot buy (fewer seats left than passengers with a seat) is neither the base of the price nor an
// upsell, so choosing the cheapest fare on sale is never counted as an accepted upsell.
import type { Db } from '../../db/database.ts';
import { money } from '../../lib/money.ts';
import { isOfferCode, type OfferCode } from '../offers/codes.ts';
import { recordOffersShown, type OfferImpression } from '../offers/offer-events.ts';
import { listOffers } from '../offers/offers.repository.ts';
import type { TacticAssignment } from '../tactics/assignments.ts';
import type { FlightOption, Party, QuotedFare } from './flights.repository.ts';

export type FareUpsell = OfferImpression & { offerCode: OfferCode; family: string; fareId: number };

/** Passengers who need a seat of the fare (infants sit on a lap). */
export function seatedCount(party: Party): number {
  return party.adults + party.children;
}

/** True when the fare has a seat left for every seated passenger of the party. */
export function canBuy(fare: Pick<QuotedFare, 'seatsLeft'>, party: Party): boolean {
  return fare.seatsLeft >= seatedCount(party);
}

/** The cheapest fare of the flight the party can buy (by all-in total, then family rank). */
export function cheapestBuyable(flight: Pick<FlightOption, 'fares'>, party: Party): QuotedFare | undefined {
  return flight.fares
    .filter((f) => canBuy(f, party))
    .reduce<QuotedFare | undefined>((best, f) => (!best || f.totalMinor < best.totalMinor || (f.totalMinor === best.totalMinor && f.family.rank < best.family.rank) ? f : best), undefined);
}

/** The fare offer of each family that is sold as an upgrade, read from the catalogue's price rules. */
export function fareOffers(db: Db): Map<string, OfferCode> {
  const byFamily = new Map<string, OfferCode>();
  for (const offer of listOffers(db).values()) {
    if (offer.priceRule.type === 'fare_difference' && isOfferCode(offer.code)) byFamily.set(offer.priceRule.family, offer.code);
  }
  return byFamily;
}

/**
 * The fare upsells of one flight for the party: each family above the cheapest buyable fare, that the
 * party can buy too and that costs more, priced as the difference of the all-in totals.
 */
export function fareUpsells(db: Db, flight: FlightOption, party: Party): FareUpsell[] {
  const base = cheapestBuyable(flight, party);
  if (!base) return [];
  const offers = fareOffers(db);
  const catalogue = listOffers(db);
  const upsells: FareUpsell[] = [];
  for (const fare of flight.fares) {
    const offerCode = offers.get(fare.family.code);
    if (!offerCode || fare === base || !canBuy(fare, party)) continue;
    if (fare.family.rank <= base.family.rank || fare.totalMinor <= base.totalMinor) continue;
    upsells.push({
      offerCode,
      family: fare.family.code,
      fareId: fare.fareId,
      offer: catalogue.get(offerCode)!,
      itemKey: fareItemKey(flight.id),
      price: money(fare.totalMinor - base.totalMinor, fare.currency),
    });
  }
  return upsells;
}

/** The item a fare upsell is about: the flight (one upsell a family per flight). */
export function fareItemKey(flightId: number): string {
  return `flight:${flightId}`;
}

/** Records fare upsells as shown on the results (placement results), each with the tactic acting on it. */
export function recordFareUpsellsShown(
  db: Db,
  ctx: { sessionId: string; now: Date },
  shown: ReadonlyArray<{ upsell: FareUpsell; tactic: TacticAssignment }>,
): void {
  const byTactic = new Map<string, { tactic: TacticAssignment; upsells: FareUpsell[] }>();
  for (const { upsell, tactic } of shown) {
    const key = tactic ? `${tactic.tactic}:${tactic.variant}` : '';
    const group = byTactic.get(key) ?? { tactic, upsells: [] };
    group.upsells.push(upsell);
    byTactic.set(key, group);
  }
  // One commit for the page view, whatever the number of tactics.
  recordOffersShown(
    db,
    [...byTactic.values()].map(({ tactic, upsells }) => ({ ctx: { sessionId: ctx.sessionId, placement: 'results' as const, tactic, at: ctx.now }, impressions: upsells })),
  );
}
