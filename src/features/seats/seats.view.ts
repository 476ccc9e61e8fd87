// The seats page as views/checkout/seats.ejs shows it: every label, class, test id and hint decided
// here from the page data (seat-selection.ts: seatsPage), the form's values and errors, and the
// session's tactic assignments. The template only displays. Tactics acting here:
// - scarcity: "Only 3 extra-legroom seats left" beside a paid zone a passenger may buy, when that
//   zone of the cabin really has 1 to SCARCITY_MAX free seats (seating.ts: scarceZones). Arm A of an A/B test sees no hint but
//   its impressions are recorded with the tactic, so both arms are measured on the same offers.
// - anchoring: each flight's zone prices listed dearest first, so the others look moderate beside it
//   (the map itself is the cabin and does not move). It touches every seat offer shown.
// One map per flight, whatever the number of passengers: the flight's "whose seat" radios say for whom
// the map picks, every passenger's choice is on the map (their initials), and a seat is drawn for the
// passenger whose turn it is (taken, a companion's, not for them, or free at its price). With
// JavaScript, public/js/enhance.js redraws the same states from the data attributes set here.
// An offer event names one tactic: an impression both touch is recorded with scarcity, the narrower claim.
// The trainer's tactic lens labels each paid zone's price with its offer and that same tactic
// (`ZonePriceView.lens`); views/partials/tactic-lens.ejs shows it only when the lens is on.
import type { FieldErrors } from '../../lib/errors.ts';
import { formatMoney } from '../../lib/money.ts';
import type { SeatZone } from '../catalogue/aircraft.ts';
import { ZONE_TITLE, type FareSeatChoice } from '../catalogue/seat-zones.ts';
import type { Checkout, Direction } from '../checkout/checkout.repository.ts';
import { TACTIC, type OfferCode, type TacticCode } from '../offers/codes.ts';
import type { TacticAssignments } from '../tactics/assignments.ts';
import { choiceOf, currentOf } from './seat-picks.ts';
import type { FlightSeatMap, PassengerSeatMap, SeatOption, SeatsPage, TacticOnImpressions } from './seat-selection.ts';
import { forField, seatField, SKIP, type SeatDraft } from './seats.schema.ts';
import { scarceZones } from './seating.ts';
import { longDate } from '../../lib/time.ts';

export { SCARCITY_MAX } from './seating.ts';

const DIRECTION_TITLE: Record<Direction, string> = { outbound: 'Outbound', return: 'Return' };
const TYPE_LABEL = { adult: 'adult', child: 'child (2–11)' } as const;
const FARE_RULE: Record<FareSeatChoice, string> = {
  paid: 'every seat choice is paid, or skip for a free seat at check-in',
  standard: 'standard seats are included; up-front and extra-legroom seats cost extra',
  any: 'every seat of your cabin is included',
};

const kebab = (zone: SeatZone) => zone.replace(/_/g, '-');

/** A seat of the map: a button to pick it, or (taken by another traveller) a picture of it. */
export type SeatView = {
  taken: boolean;
  /** The button's value: `outbound:14C`. */
  value: string;
  testId: string;
  cls: string;
  /** Accessible name: "Seat 14C, window, standard, €12", then "; " and its state for the current passenger. */
  label: string;
  /** What the seat shows: its price, "" when included. */
  text: string;
  /** Passengers who may not sit here ("3" or "1 3"), for the script; "" when anyone may. */
  off: string;
  /** Initials of the passenger who has it, "" when nobody of this booking has it. */
  who: string;
  pressed: boolean;
  disabled: boolean;
};
export type SeatGroupView = { aisleLabel: string | null; seats: SeatView[] };
export type SeatRowView = { cls: string; side: string; groups: SeatGroupView[] };
export type ZonePriceView = {
  keyCls: string;
  title: string;
  testId: string;
  text: string;
  scarcity: { testId: string; text: string } | null;
  /** For the trainer's tactic lens: the zone's seat offer and the tactic its impressions record; null when the zone is included. */
  lens: { offerCode: OfferCode; tactic: TacticCode | null } | null;
};

/** One passenger in a flight's "whose seat" list. */
export type PassengerPickView = {
  idx: number;
  /** The hidden form field with their choice (`seat-p1-outbound`), also the radio's id (error links). */
  field: string;
  value: string;
  testId: string;
  radioTestId: string;
  checked: boolean;
  initials: string;
  name: string;
  note: string;
  /** Why they may not sit in some seats, for the script ("exit row, adults only"); "" when none. */
  offReason: string;
  choice: { id: string; testId: string; text: string };
  /** Remove their seat (no seat now, a free one at check-in); hidden while they have none. */
  skip: { testId: string; label: string; hidden: boolean };
  hasError: boolean;
  familyHint: { testId: string } | null;
};

export type FlightSeatsView = {
  direction: Direction;
  testId: string;
  sectionId: string;
  title: string;
  aircraftName: string;
  familyName: string;
  freeSeats: number;
  freeSeatsTestId: string;
  prices: ZonePriceView[];
  /** Name of the "whose seat" radios: `for-outbound`. */
  forName: string;
  passengers: PassengerPickView[];
  mapLabel: string;
  mapCls: string;
  /** Column letters above the map, with a gap where an aisle is. */
  columns: Array<{ letter: string; aisleBefore: boolean }>;
  rows: SeatRowView[];
};

export type SeatsView = {
  checkoutId: string;
  holdsExpired: boolean;
  heldUntil: { time: string; city: string } | null;
  fareRules: Array<{ testId: string; text: string }>;
  familyRule: boolean;
  infantRule: string | null;
  flights: FlightSeatsView[];
  /** What each tactic in play touched, for recording the impressions, first match wins (empty: all off). */
  tactics: TacticOnImpressions[];
};

export type SeatsViewInput = {
  page: SeatsPage;
  checkout: Pick<Checkout, 'id' | 'children' | 'infants'>;
  /** The choices so far by field (a pick's draft, or what the form posted) and whose turn it is per flight; a field not given shows what is held, else "skip". */
  values: Record<string, string>;
  current?: SeatDraft['current'];
  errors: FieldErrors;
  tactics: TacticAssignments;
  holdsExpired: boolean;
  /** The hold's end as the customer's clock reads it ("09:42"), null when nothing is held. */
  heldUntilLocal: string | null;
};

export function seatsView(input: SeatsViewInput): SeatsView {
  const { page, checkout } = input;
  const scarcity = input.tactics.of(TACTIC.scarcity);
  const anchoring = input.tactics.of(TACTIC.anchoring);
  const showScarcity = input.tactics.applies(TACTIC.scarcity);
  const scarceByDirection = new Map(page.flights.map((f) => [f.direction, scarceZones(f.freeByZone)]));
  const tactics: TacticOnImpressions[] = [];
  if (scarcity) {
    tactics.push({
      tactic: { tactic: scarcity.tactic, variant: scarcity.variant },
      touches: (impression) => scarceByDirection.get(impression.direction)?.has(impression.zone) === true,
    });
  }
  if (anchoring) tactics.push({ tactic: { tactic: anchoring.tactic, variant: anchoring.variant }, touches: () => true });
  const look: Look = { scarce: showScarcity ? scarceByDirection : new Map(), dearestFirst: input.tactics.applies(TACTIC.anchoring), recorded: tactics };
  const initials = initialsOf(page.flights[0]?.passengers ?? []);
  return {
    checkoutId: checkout.id,
    holdsExpired: input.holdsExpired,
    heldUntil: input.heldUntilLocal && page.heldUntil ? { time: input.heldUntilLocal, city: page.holdClock.city } : null,
    fareRules: page.flights.map((f) => ({
      testId: `seat-rule-fare-${f.direction}`,
      text: `${DIRECTION_TITLE[f.direction]} flight, ${f.flight.familyName} fare: ${FARE_RULE[f.seatChoice]}.`,
    })),
    familyRule: checkout.children > 0,
    infantRule:
      checkout.infants > 0
        ? `Infants sit on an adult's lap and have no seat of their own: passenger 1 carries the first infant${checkout.infants > 1 ? ', passenger 2 the second, and so on' : ''}.`
        : null,
    flights: page.flights.map((f) => flightView(f, input, look, initials)),
    tactics,
  };
}

/** What the tactics that apply change on the page, and the tactics its impressions are recorded with (for the lens). */
type Look = { scarce: ReadonlyMap<Direction, ReadonlyMap<SeatZone, number>>; dearestFirst: boolean; recorded: readonly TacticOnImpressions[] };

/** Two letters per passenger (Ada Lovelace: AL); where two would read alike, two letters of the given name (AdL, AnL). */
function initialsOf(passengers: readonly PassengerSeatMap[]): Map<number, string> {
  const short = (p: PassengerSeatMap) => `${p.passenger.givenName.slice(0, 1)}${p.passenger.familyName.slice(0, 1)}`.toUpperCase();
  const count = new Map<string, number>();
  for (const p of passengers) count.set(short(p), (count.get(short(p)) ?? 0) + 1);
  return new Map(
    passengers.map((p) => {
      const s = short(p);
      const given = p.passenger.givenName;
      return [p.passenger.idx, count.get(s)! > 1 ? `${given.slice(0, 1).toUpperCase()}${given.slice(1, 2).toLowerCase()}${s.slice(1)}` : s];
    }),
  );
}

function flightView(f: FlightSeatMap, input: SeatsViewInput, look: Look, initials: ReadonlyMap<number, string>): FlightSeatsView {
  const direction = f.direction;
  const draft: SeatDraft = { values: input.values, current: input.current ?? {} };
  const withError = f.passengers.find((pm) => (input.errors[seatField(pm.passenger.idx, direction)]?.length ?? 0) > 0);
  const current = withError && input.current?.[direction] === undefined ? withError.passenger.idx : currentOf(draft, f.passengers, direction);
  const choice = new Map(f.passengers.map((pm) => [pm.passenger.idx, choiceOf(draft, pm, direction)]));
  const owner = new Map([...choice].filter(([, seat]) => seat !== SKIP).map(([idx, seat]) => [seat, idx]));
  const names = new Map(f.passengers.map((pm) => [pm.passenger.idx, `${pm.passenger.givenName} ${pm.passenger.familyName}`]));
  const currentMap = f.passengers.find((pm) => pm.passenger.idx === current) ?? f.passengers[0];
  // A seat per position of the cabin, with who may not sit there (exit rows) from each passenger's view of it.
  const offBy = new Map<string, number[]>();
  const reasonOf = new Map<number, string>();
  for (const pm of f.passengers) {
    for (const r of pm.rows) {
      for (const g of r.groups) {
        for (const o of g) {
          if (o.state !== 'restricted') continue;
          offBy.set(o.seat, [...(offBy.get(o.seat) ?? []), pm.passenger.idx]);
          if (o.restriction && !reasonOf.has(pm.passenger.idx)) reasonOf.set(pm.passenger.idx, o.restriction);
        }
      }
    }
  }
  const first = currentMap?.rows ?? [];
  const across = first[0]?.groups.reduce((n, g) => n + g.length, 0) ?? 0;
  const seatState = { direction, current, owner, initials, names, offBy, reasonOf };
  return {
    direction,
    testId: `seat-map-${direction}`,
    sectionId: `seats-${direction}`,
    title: `${DIRECTION_TITLE[direction]}: ${f.flight.flightNumber} ${f.flight.origin}–${f.flight.destination}, ${longDate(f.flight.departureDate)}`,
    aircraftName: f.aircraftName,
    familyName: f.flight.familyName,
    freeSeats: f.freeSeats,
    freeSeatsTestId: `seats-free-${direction}`,
    prices: pricesOf(f, look),
    forName: forField(direction),
    passengers: f.passengers.map((pm) => passengerView(pm, direction, input, { current, choice, initials, reasonOf })),
    mapLabel: `Seat map, ${direction} flight`,
    mapCls: `seat-map seat-map--${currentMap?.cabin ?? 'economy'} seat-map--w${across}`,
    columns: (first[0]?.groups ?? []).flatMap((g, gi) => g.map((c, i) => ({ letter: c.letter, aisleBefore: gi > 0 && i === 0 }))),
    rows: first.map((r) => ({
      cls: `seat-row${r.exit ? ' is-exit' : ''}${r.wing ? ' is-wing' : ''}`,
      side: r.exit ? 'Exit' : '',
      groups: r.groups.map((g, gi) => ({ aisleLabel: gi > 0 ? String(r.row) : null, seats: g.map((c) => seatView(c, seatState)) })),
    })),
  };
}

/** The zone prices of a flight: zones some passenger may sit in, in cabin order or dearest first (anchoring). */
function pricesOf(f: FlightSeatMap, look: Look): ZonePriceView[] {
  const scarce = look.scarce.get(f.direction) ?? new Map<SeatZone, number>();
  const eligible = (f.passengers[0]?.zones ?? []).filter((z) => f.passengers.some((pm) => pm.zones.some((y) => y.zone === z.zone && y.eligible)));
  // Stable sort: zones of one price keep the cabin's order.
  const zones = look.dearestFirst ? [...eligible].sort((a, b) => b.price.amountMinor - a.price.amountMinor) : eligible;
  return zones.map((z) => {
    const left = !z.included && z.offerCode !== null ? scarce.get(z.zone) : undefined;
    const suffix = `${f.direction}-${kebab(z.zone)}`;
    const offered = !z.included && z.offerCode !== null ? z.offerCode : null;
    const recorded = look.recorded.find((t) => t.touches({ direction: f.direction, zone: z.zone }));
    return {
      keyCls: `seat-key z-${kebab(z.zone)}${z.included ? ' is-free' : ''}`,
      title: ZONE_TITLE[z.zone],
      testId: `seat-price-${suffix}`,
      text: z.included ? 'included' : formatMoney(z.price),
      scarcity: left ? { testId: `seat-scarcity-${suffix}`, text: `Only ${left} ${kebab(z.zone)} seat${left === 1 ? '' : 's'} left` } : null,
      lens: offered ? { offerCode: offered, tactic: recorded?.tactic.tactic ?? null } : null,
    };
  });
}

type PassengerState = { current: number; choice: ReadonlyMap<number, string>; initials: ReadonlyMap<number, string>; reasonOf: ReadonlyMap<number, string> };

function passengerView(pm: PassengerSeatMap, direction: Direction, input: SeatsViewInput, s: PassengerState): PassengerPickView {
  const p = pm.passenger;
  const field = seatField(p.idx, direction);
  const value = s.choice.get(p.idx) ?? SKIP;
  const name = `${p.givenName} ${p.familyName}`;
  return {
    idx: p.idx,
    field,
    value,
    testId: `seat-who-p${p.idx}-${direction}`,
    radioTestId: `seat-for-p${p.idx}-${direction}`,
    checked: p.idx === s.current,
    initials: s.initials.get(p.idx) ?? '',
    name,
    note: `${TYPE_LABEL[p.type as keyof typeof TYPE_LABEL]}${p.carriesInfant ? ', with an infant' : ''}`,
    offReason: s.reasonOf.get(p.idx) ?? '',
    choice: { id: `${field}-choice`, testId: `seat-choice-p${p.idx}-${direction}`, text: value === SKIP ? 'No seat yet: free at check-in' : `Seat ${value}` },
    skip: { testId: `seat-skip-p${p.idx}-${direction}`, label: `Remove the seat of ${name} (a free seat at check-in)`, hidden: value === SKIP },
    hasError: (input.errors[field]?.length ?? 0) > 0,
    familyHint: p.type === 'child' ? { testId: `seat-family-hint-p${p.idx}-${direction}` } : null,
  };
}

type SeatState = {
  direction: Direction;
  current: number;
  owner: ReadonlyMap<string, number>;
  initials: ReadonlyMap<number, string>;
  names: ReadonlyMap<number, string>;
  offBy: ReadonlyMap<string, number[]>;
  reasonOf: ReadonlyMap<number, string>;
};

const NOBODY: readonly number[] = [];
const ZONE_WORDS = Object.fromEntries(Object.entries(ZONE_TITLE).map(([zone, title]) => [zone, title.toLowerCase()])) as Record<SeatZone, string>;

function seatView(c: SeatOption, s: SeatState): SeatView {
  const taken = c.state === 'occupied';
  const price = taken || c.included ? '' : formatMoney(c.price);
  const base = `Seat ${c.seat}, ${taken ? 'occupied' : `${c.position}, ${ZONE_WORDS[c.zone]}${c.exit ? ', exit row' : ''}, ${c.included ? 'included' : price}`}`;
  const off = s.offBy.get(c.seat) ?? NOBODY;
  const owner = s.owner.get(c.seat);
  let state = '';
  if (!taken && owner !== undefined) state = `chosen for ${s.names.get(owner)}`;
  else if (!taken && off.includes(s.current)) state = `${s.reasonOf.get(s.current) ?? 'not for this passenger'}, not for ${s.names.get(s.current)}`;
  return {
    taken,
    value: `${s.direction}:${c.seat}`,
    testId: `seat-${s.direction}-${c.seat}`,
    cls: `seat z-${kebab(c.zone)}${c.included ? ' is-free' : ''}${taken ? ' is-taken' : owner === s.current ? ' is-mine' : owner !== undefined ? ' is-companion' : off.includes(s.current) ? ' is-off' : ''}`,
    label: state ? `${base}; ${state}` : base,
    text: price,
    off: off.join(' '),
    who: owner !== undefined ? (s.initials.get(owner) ?? '') : '',
    pressed: owner !== undefined && owner === s.current,
    disabled: !taken && ((owner !== undefined && owner !== s.current) || off.includes(s.current)),
  };
}
