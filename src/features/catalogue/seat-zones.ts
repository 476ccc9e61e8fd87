// The one owner of what a seat zone means commercially: which seat offer sells it, how it reads,
// and which zones a fare family includes. The seats step prices its maps with it and the checkout's
// price summary names its seat lines with it, so both read the same rules and neither imports the
// other (checkout/pricing.ts → here ← seats/).
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import { OFFER, type OfferCode } from '../offers/codes.ts';
import { CABINS, seatsOf, type Seat, type SeatMapLayout, type SeatZone } from './aircraft.ts';

export type PaidZone = Exclude<SeatZone, 'business'>;
export const PAID_ZONES = ['standard', 'up_front', 'extra_legroom'] as const satisfies readonly PaidZone[];

/** The seat upsell a paid seat is sold as; business seats come with the fare and are never sold alone. */
export const ZONE_OFFER: Readonly<Record<PaidZone, OfferCode>> = {
  standard: OFFER.SEAT_STANDARD,
  up_front: OFFER.SEAT_UP_FRONT,
  extra_legroom: OFFER.SEAT_EXTRA_LEGROOM,
};

/** The zone of a seat offer (SEAT_UP_FRONT → up_front); undefined for other offers. */
export function zoneOfOffer(code: string): PaidZone | undefined {
  return PAID_ZONES.find((zone) => ZONE_OFFER[zone] === code);
}

/** A zone in running text: "extra legroom". */
export const ZONE_WORDS: Readonly<Record<SeatZone, string>> = {
  business: 'business',
  extra_legroom: 'extra legroom',
  up_front: 'up front',
  standard: 'standard',
};

/** A zone as a title: "Extra legroom". */
export const ZONE_TITLE: Readonly<Record<SeatZone, string>> = {
  business: 'Business',
  extra_legroom: 'Extra legroom',
  up_front: 'Up front',
  standard: 'Standard',
};

/** What a fare family lets its passengers sit in for free (fare_families.seat_choice). */
export type FareSeatChoice = 'paid' | 'standard' | 'any';

/** Whether the fare includes a seat of this zone (business seats always come with the Business fare). */
export function fareIncludesZone(choice: FareSeatChoice, zone: SeatZone): boolean {
  return zone === 'business' || choice === 'any' || (choice === 'standard' && zone === 'standard');
}

// ---- Seat maps and fare seat rules as stored ---------------------------------------------------

const CabinLayoutSchema = z.object({
  cabin: z.enum(CABINS),
  firstRow: z.number().int().positive(),
  lastRow: z.number().int().positive(),
  columns: z.string().regex(/^[A-Z]+( [A-Z]+)*$/),
  skipRows: z.array(z.number().int()),
  exitRows: z.array(z.number().int()),
  extraLegroomRows: z.array(z.number().int()),
  upFrontRows: z.array(z.number().int()),
  wingRows: z.tuple([z.number().int(), z.number().int()]).nullable(),
});
const SeatMapLayoutSchema = z.object({ cabins: z.array(CabinLayoutSchema).min(1) });

const layouts = new Map<string, SeatMapLayout>();

/** Reads seat_maps.layout_json (checked, because every seat rule trusts it); parsed once per text. */
export function parseSeatMapLayout(json: string): SeatMapLayout {
  let layout = layouts.get(json);
  if (!layout) {
    layout = SeatMapLayoutSchema.parse(JSON.parse(json));
    layouts.set(json, layout);
  }
  return layout;
}

const statements = preparedOnce((db: Db) => ({
  seatMap: db.prepare('SELECT aircraft_code, aircraft_name, layout_json FROM seat_maps WHERE aircraft_code = ?'),
  seatChoice: db.prepare('SELECT seat_choice FROM fare_families WHERE code = ?').pluck(),
}));

export function findSeatMap(db: Db, aircraftCode: string): { aircraftCode: string; aircraftName: string; layoutJson: string } {
  const row = statements(db).seatMap.get(aircraftCode) as { aircraft_code: string; aircraft_name: string; layout_json: string } | undefined;
  if (!row) throw new Error(`No seat map for aircraft ${aircraftCode}`);
  return { aircraftCode: row.aircraft_code, aircraftName: row.aircraft_name, layoutJson: row.layout_json };
}

export function fareSeatChoice(db: Db, family: string): FareSeatChoice {
  const value = statements(db).seatChoice.get(family) as FareSeatChoice | undefined;
  if (!value) throw new Error(`Unknown fare family ${family}`);
  return value;
}

const seatIndex = new WeakMap<SeatMapLayout, Map<string, Seat>>();

/** A seat of an aircraft by designator ('14C'), undefined when the aircraft has none. */
export function seatOf(db: Db, aircraftCode: string, seat: string): Seat | undefined {
  const layout = parseSeatMapLayout(findSeatMap(db, aircraftCode).layoutJson);
  let index = seatIndex.get(layout);
  if (!index) seatIndex.set(layout, (index = new Map(seatsOf(layout).map((s) => [s.seat, s]))));
  return index.get(seat);
}

/**
 * How a held seat reads in the price summary and on booking items: its zone words, why it is free
 * when it is ("included in the fare", or "family seating, included" for a child and the adult beside
 * them), and the seat offer a paid seat is sold as.
 */
export function seatLineDetails(
  db: Db,
  flight: { aircraftCode: string; seatingFamily: string },
  seat: string,
  priceMinor: number,
): { zone: string | null; note: string | null; offerCode: OfferCode | null } {
  const cell = seatOf(db, flight.aircraftCode, seat);
  if (!cell) return { zone: null, note: null, offerCode: null };
  if (priceMinor > 0) return { zone: ZONE_WORDS[cell.zone], note: null, offerCode: cell.zone === 'business' ? null : ZONE_OFFER[cell.zone] };
  const inFare = fareIncludesZone(fareSeatChoice(db, flight.seatingFamily), cell.zone);
  return { zone: ZONE_WORDS[cell.zone], note: inFare ? 'included in the fare' : 'family seating, included', offerCode: null };
}
