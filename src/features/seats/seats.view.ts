// The seats page as views/checkout/seats.ejs shows it: every label, class, test id and hint decided
// here from the page data (seat-selection.ts: seatsPage), the form's values and errors, and the
// session's tactic assignments. The template only displays. Tactics acting here:
// - scarcity: "Only 3 extra-legroom seats left" beside a paid zone a passenger may buy, when that
//   zone of the cabin really has 1 to SCARCITY_MAX free seats (seating.ts: scarceZones). Arm A of an A/B test sees no hint but
//   its impressions are recorded with the tactic, so both arms are measured on the same offers.
// - anchoring: each passenger's zone prices listed dearest first, so the others look moderate beside it
//   (the map itself is the cabin and does not move). It touches every seat offer shown.
// An offer event names one tactic: an impression both touch is recorded with scarcity, the narrower claim.
import type { FieldErrors } from '../../lib/errors.ts';
import { formatMoney } from '../../lib/money.ts';
import type { SeatZone } from '../catalogue/aircraft.ts';
import { ZONE_TITLE, type FareSeatChoice } from '../catalogue/seat-zones.ts';
import type { Checkout, Direction } from '../checkout/checkout.repository.ts';
import { TACTIC } from '../offers/codes.ts';
import type { TacticAssignments } from '../tactics/assignments.ts';
import type { FlightSeatMap, PassengerSeatMap, SeatOption, SeatsPage, TacticOnImpressions } from './seat-selection.ts';
import { seatField, SKIP } from './seats.schema.ts';
import { scarceZones } from './seating.ts';

export { SCARCITY_MAX } from './seating.ts';

const DIRECTION_TITLE: Record<Direction, string> = { outbound: 'Outbound', return: 'Return' };
const TYPE_LABEL = { adult: 'adult', child: 'child (2–11)' } as const;
const FARE_RULE: Record<FareSeatChoice, string> = {
  paid: 'every seat choice is paid, or skip for a free seat at check-in',
  standard: 'standard seats are included; up-front and extra-legroom seats cost extra',
  any: 'every seat of your cabin is included',
};

const kebab = (zone: SeatZone) => zone.replace(/_/g, '-');

export type SeatView = { value: string; testId: string; cls: string; name: string; letter: string; disabled: boolean; checked: boolean };
export type SeatGroupView = { aisleLabel: string | null; seats: SeatView[] };
export type SeatRowView = { cls: string; side: string; groups: SeatGroupView[] };
export type ZonePriceView = { keyCls: string; title: string; testId: string; text: string; scarcity: { testId: string; text: string } | null };

export type PassengerSeatsView = {
  field: string;
  testId: string;
  legend: string;
  hasError: boolean;
  prices: ZonePriceView[];
  familyHint: { testId: string } | null;
  noExitRows: boolean;
  skip: { testId: string; checked: boolean };
  mapCls: string;
  rows: SeatRowView[];
};

export type FlightSeatsView = {
  direction: Direction;
  testId: string;
  title: string;
  aircraftName: string;
  familyName: string;
  freeSeats: number;
  freeSeatsTestId: string;
  passengers: PassengerSeatsView[];
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
  /** What the form posted, by field; a group not posted shows what is held, else "skip". */
  values: Record<string, string>;
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
  const look: Look = { scarce: showScarcity ? scarceByDirection : new Map(), dearestFirst: input.tactics.applies(TACTIC.anchoring) };
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
    flights: page.flights.map((f) => flightView(f, input, look)),
    tactics,
  };
}

/** What the tactics that apply change on the page. */
type Look = { scarce: ReadonlyMap<Direction, ReadonlyMap<SeatZone, number>>; dearestFirst: boolean };

function flightView(f: FlightSeatMap, input: SeatsViewInput, look: Look): FlightSeatsView {
  return {
    direction: f.direction,
    testId: `seat-map-${f.direction}`,
    title: `${DIRECTION_TITLE[f.direction]}: ${f.flight.flightNumber} ${f.flight.origin}–${f.flight.destination}, ${f.flight.departureDate}`,
    aircraftName: f.aircraftName,
    familyName: f.flight.familyName,
    freeSeats: f.freeSeats,
    freeSeatsTestId: `seats-free-${f.direction}`,
    passengers: f.passengers.map((pm) => passengerView(pm, f.direction, input, look)),
  };
}

function passengerView(pm: PassengerSeatMap, direction: Direction, input: SeatsViewInput, look: Look): PassengerSeatsView {
  const p = pm.passenger;
  const scarce = look.scarce.get(direction) ?? new Map<SeatZone, number>();
  const eligible = pm.zones.filter((z) => z.eligible);
  // Stable sort: zones of one price keep the cabin's order.
  const zones = look.dearestFirst ? [...eligible].sort((a, b) => b.price.amountMinor - a.price.amountMinor) : eligible;
  const field = seatField(p.idx, direction);
  const value = input.values[field] ?? pm.heldSeat ?? SKIP;
  const suffix = `p${p.idx}-${direction}`;
  const across = pm.rows[0]?.groups.reduce((n, g) => n + g.length, 0) ?? 0;
  return {
    field,
    testId: `seat-group-${field}`,
    legend: `Passenger ${p.idx}: ${p.givenName} ${p.familyName}, ${TYPE_LABEL[p.type as keyof typeof TYPE_LABEL]}${p.carriesInfant ? ', with an infant' : ''}`,
    hasError: (input.errors[field]?.length ?? 0) > 0,
    prices: zones.map((z) => {
      const left = !z.included && z.offerCode !== null ? scarce.get(z.zone) : undefined;
      return {
        keyCls: `seat-key z-${kebab(z.zone)}${z.included ? ' is-free' : ''}`,
        title: ZONE_TITLE[z.zone],
        testId: `seat-price-${suffix}-${kebab(z.zone)}`,
        text: z.included ? 'included' : formatMoney(z.price),
        scarcity: left ? { testId: `seat-scarcity-${suffix}-${kebab(z.zone)}`, text: `Only ${left} ${kebab(z.zone)} seat${left === 1 ? '' : 's'} left` } : null,
      };
    }),
    familyHint: p.type === 'child' ? { testId: `seat-family-hint-${suffix}` } : null,
    noExitRows: p.type === 'child' || p.carriesInfant,
    skip: { testId: `seat-skip-${suffix}`, checked: value === SKIP },
    mapCls: `seat-map seat-map--${pm.cabin} seat-map--w${across}`,
    rows: pm.rows.map((r) => ({
      cls: `seat-row${r.exit ? ' is-exit' : ''}${r.wing ? ' is-wing' : ''}`,
      side: r.exit ? 'Exit' : '',
      groups: r.groups.map((g, gi) => ({ aisleLabel: gi > 0 ? String(r.row) : null, seats: g.map((c) => seatView(c, suffix, value)) })),
    })),
  };
}

function seatView(c: SeatOption, suffix: string, value: string): SeatView {
  let name = `Seat ${c.seat}, `;
  if (c.state === 'occupied') name += 'occupied';
  else if (c.state === 'restricted') name += c.restriction;
  else {
    name += `${c.position}, ${ZONE_TITLE[c.zone].toLowerCase()}${c.exit ? ', exit row' : ''}, ${c.included ? 'included' : formatMoney(c.price)}`;
    if (c.heldForPassenger) name += `, now chosen for passenger ${c.heldForPassenger}`;
  }
  return {
    value: c.seat,
    testId: `seat-${suffix}-${c.seat}`,
    cls: `seat z-${kebab(c.zone)}${c.included ? ' is-free' : ''}${c.state === 'occupied' ? ' is-taken' : c.state === 'restricted' ? ' is-off' : ''}`,
    name,
    letter: c.letter,
    disabled: c.state !== 'available',
    checked: value === c.seat && c.state === 'available',
  };
}
