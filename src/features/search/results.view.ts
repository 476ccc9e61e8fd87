// The results page as a view model: what each flight and fare shows, in which order, with which hints
// and badges. The template only displays it. Tactics act here, each on its own part of the page:
//   free_to_paid_upgrade  "Standard adds a 23 kg bag … for +€N" under each family above the cheapest
//                         fare the party can buy (fare-upsells.ts);
//   scarcity              "3 Basic seats left at this price": one named fare the party can buy, 9 or
//                         fewer seats left (the one with fewest, then the cheapest);
//   anchoring             the dearest family first (the radios and test ids stay the same);
//   social_proof          "Most chosen" on the family chosen in more than half of the times it was
//                         offered (so more often than every other family together), from take data
//                         with at least its minimum sample.
// The layout (issue 14): one compact row per flight (times, duration, the "from" price); the fare
// families of one open flight per direction compared side by side (the others are in the page but
// hidden: without JavaScript "Show fares" is a GET naming the flight, with it the fares open in place);
// the trip total once a fare is chosen each way; a strip of nearby dates with their lowest prices.
// Every flight's fare upsells are still recorded as shown, as before this layout, though only the
// open flight's are visible until "Show fares": the take rates stay comparable with earlier data.
// Off: nothing; on and the B arm of an A/B test: applied; the A arm (control): nothing, but its
// impressions still record the tactic and the arm so both arms can be compared.
import { formatMoney, type Money } from '../../lib/money.ts';
import { addDays, duration, localDate, localTime, longDate, daysBetween, shortDate } from '../../lib/time.ts';
import { DIRECTION_LABEL, partyLabel } from '../checkout/labels.ts';
import { TACTIC, type OfferCode, type TacticCode } from '../offers/codes.ts';
import type { TacticAssignment, TacticAssignments } from '../tactics/assignments.ts';
import type { TakeData } from '../tactics/take-data.ts';
import { canBuy, cheapestBuyable, type FareUpsell } from './fare-upsells.ts';
import type { FareFamily, FlightOption, Party, QuotedFare } from './flights.repository.ts';
import { BOOKING_HORIZON_DAYS, type SearchQuery } from './search.schema.ts';
import { NEARBY_DAYS, type DirectionResults } from './search-results.ts';

/** Scarcity speaks only when it is true and few: at most this many seats left. */
export const SCARCITY_MAX_SEATS = 9;
/** Social proof claims "most chosen" only for a family taken in more than this share of its offers. */
export const MOST_CHOSEN_MIN_RATE = 0.5;

export type ResultsViewInput = {
  query: SearchQuery;
  results: readonly DirectionResults[];
  /** The fare upsells of each flight (by flight id), as fareUpsells priced them for the party. */
  upsells: ReadonlyMap<number, readonly FareUpsell[]>;
  /** The upsell offer of each family (fareOffers), for the take data of social proof. */
  fareOffers: ReadonlyMap<string, OfferCode>;
  tactics: TacticAssignments;
  takeData: TakeData;
  /**
   * The fares typed in the form (on a 422), by field (`outboundFare`, `returnFare`), and the flight
   * opened by "Show fares" (`outboundFlight`, `returnFlight`: a flight number).
   */
  chosen: Readonly<Record<string, string>>;
  /** The lowest price of each nearby day, by direction (nearbyLowestFares). */
  nearby: ReadonlyMap<DirectionResults['direction'], ReadonlyMap<string, Money>>;
  /** The customer's today (the first day that can be searched). */
  today: string;
};

export type FareView = {
  fareId: number;
  familyCode: string;
  familyName: string;
  soldOut: boolean;
  checked: boolean;
  /** All-in for the party in minor units (the page's script adds the two directions for the trip total). */
  totalMinor: number;
  currency: string;
  /** All-in for the party and per adult, formatted; null when sold out. */
  total: string | null;
  perAdult: string | null;
  features: Array<{ text: string; missing: boolean }>;
  upsellHint: string | null;
  badge: string | null;
  /** For the trainer's tactic lens: the fare upsell's offer and the tactic its impression is recorded with. */
  lens: { offerCode: OfferCode; tactic: TacticCode | null } | null;
};

export type FlightView = {
  id: number;
  flightNumber: string;
  departsAt: string;
  arrivesAt: string;
  departTime: string;
  arriveTime: string;
  originCode: string;
  destinationCode: string;
  plusDays: number;
  meta: string;
  legend: string;
  /** The cheapest fare the party can buy, all-in: "from €312"; null when none can be bought. */
  fromPrice: string | null;
  /** The fares shown (one flight a direction); the others are in the page, hidden. */
  open: boolean;
  /** Without JavaScript: the results again with this flight's fares open. */
  showFaresHref: string;
  seatsLeft: string | null;
  fares: FareView[];
};

export type LegView = {
  direction: DirectionResults['direction'];
  field: 'outboundFare' | 'returnFare';
  heading: string;
  /** The strip of nearby dates: each day's lowest price, a link unless it is the day shown. */
  dates: Array<{ date: string; label: string; price: string | null; href: string | null; current: boolean }>;
  bagNotice: string | null;
  noFlights: { message: string; nearestDays: Array<{ date: string; label: string; href: string }> } | null;
  flights: FlightView[];
};

export type ResultsView = {
  pageTitle: string;
  heading: string;
  partySummary: string;
  changeSearchHref: string;
  hidden: Record<string, string>;
  legs: LegView[];
  canContinue: boolean;
  /** Where the error summary's link of each fare field goes: the first fare that can be chosen of the open flight. */
  errorTargets: Record<string, string>;
  /** The all-in total of the fares chosen each way, once there is one each way (a 422 keeps them). */
  tripTotal: string | null;
  /** The fare upsells on the page, each with the tactic (and arm) that acted on it: to record as shown. */
  impressions: Array<{ upsell: FareUpsell; tactic: TacticAssignment }>;
};

export function resultsView(input: ResultsViewInput): ResultsView {
  const { query, results, tactics } = input;
  const party: Party = { adults: query.adults, children: query.children, infants: query.infants };
  const hidden = {
    from: query.from,
    to: query.to,
    trip: query.return ? 'return' : 'one_way',
    depart: query.depart,
    return: query.return ?? '',
    adults: String(query.adults),
    children: String(query.children),
    infants: String(query.infants),
  };
  const mostChosen = mostChosenFamily(input.fareOffers, input.takeData);
  const impressions: ResultsView['impressions'] = [];
  const first = results[0]!;

  const chosenFares: QuotedFare[] = [];
  const errorTargets: Record<string, string> = {};
  const legs = results.map((leg): LegView => {
    const field = leg.direction === 'outbound' ? 'outboundFare' : 'returnFare';
    const openFlight = openFlightOf(leg, input.chosen[field], input.chosen[`${leg.direction}Flight`]);
    const chosenFare = leg.flights.flatMap((f) => f.fares).find((f) => String(f.fareId) === input.chosen[field] && canBuy(f, party));
    if (chosenFare) chosenFares.push(chosenFare);
    const firstOpen = openFlight?.fares.find((f) => canBuy(f, party));
    // No fare to choose (no flight, or all sold out): the message itself.
    errorTargets[field] = firstOpen ? `fare-${firstOpen.fareId}` : `${field}-error`;
    const flights = leg.flights.map((flight): FlightView => {
      const upsells = input.upsells.get(flight.id) ?? [];
      const base = cheapestBuyable(flight, party);
      const scarce = scarceFare(flight, party);
      const lensByFare = new Map<number, NonNullable<FareView['lens']>>();
      for (const upsell of upsells) {
        const touching: TacticCode[] = [];
        if (upsell.family === mostChosen) touching.push(TACTIC.social_proof);
        if (upsell.fareId === scarce?.fareId) touching.push(TACTIC.scarcity);
        touching.push(TACTIC.anchoring, TACTIC.free_to_paid_upgrade);
        const tactic = attributedTactic(tactics, touching);
        impressions.push({ upsell, tactic });
        lensByFare.set(upsell.fareId, { offerCode: upsell.offerCode, tactic: tactic?.tactic ?? null });
      }
      const byFare = new Map(upsells.map((u) => [u.fareId, u]));
      const ordered = tactics.applies(TACTIC.anchoring) ? [...flight.fares].sort((a, b) => b.family.rank - a.family.rank) : flight.fares;
      return {
        id: flight.id,
        flightNumber: flight.flightNumber,
        departsAt: flight.departsAt,
        arrivesAt: flight.arrivesAt,
        departTime: localTime(flight.departsAt, leg.from.timeZone),
        arriveTime: localTime(flight.arrivesAt, leg.to.timeZone),
        originCode: leg.from.code,
        destinationCode: leg.to.code,
        plusDays: daysBetween(localDate(flight.departsAt, leg.from.timeZone), localDate(flight.arrivesAt, leg.to.timeZone)),
        meta: `${duration(flight.durationMin)} · non-stop · ${flight.flightNumber} · ${flight.aircraftName}`,
        legend: `Fares for ${flight.flightNumber}, departing ${localTime(flight.departsAt, leg.from.timeZone)}`,
        seatsLeft: scarce && tactics.applies(TACTIC.scarcity) ? seatsLeftText(scarce) : null,
        fromPrice: base ? formatMoney(minor(base.totalMinor, base.currency)) : null,
        open: flight.id === openFlight?.id,
        showFaresHref: `/flights?${new URLSearchParams({ ...hidden, [`${leg.direction}Flight`]: flight.flightNumber, ...otherOpen(input.chosen, leg.direction) }).toString()}#fares-${flight.id}`,
        fares: ordered.map((fare) => {
          const soldOut = !canBuy(fare, party);
          const upsell = byFare.get(fare.fareId);
          return {
            fareId: fare.fareId,
            familyCode: fare.family.code,
            familyName: fare.family.name,
            soldOut,
            checked: input.chosen[field] === String(fare.fareId),
            totalMinor: fare.totalMinor,
            currency: fare.currency,
            total: soldOut ? null : formatMoney(minor(fare.totalMinor, fare.currency)),
            perAdult: soldOut ? null : formatMoney(minor(fare.perAdultMinor, fare.currency)),
            features: familyFeatures(fare.family),
            upsellHint:
              upsell && base && tactics.applies(TACTIC.free_to_paid_upgrade)
                ? `${fare.family.name} adds ${upgradeGains(base.family, fare.family)} for +${formatMoney(upsell.price)}`
                : null,
            badge: !soldOut && fare.family.code === mostChosen && tactics.applies(TACTIC.social_proof) ? 'Most chosen' : null,
            lens: lensByFare.get(fare.fareId) ?? null,
          };
        }),
      };
    });
    return {
      direction: leg.direction,
      field,
      heading: `${DIRECTION_LABEL[leg.direction]}: ${leg.from.city} (${leg.from.code}) → ${leg.to.city} (${leg.to.code}), ${longDate(leg.date)}`,
      dates: nearbyDates(leg, hidden, input.nearby.get(leg.direction) ?? new Map(), input.today),
      bagNotice: leg.bagFee ? bagNotice(leg) : null,
      noFlights: leg.flights.length > 0 ? null : noFlights(leg, hidden),
      flights,
    };
  });

  return {
    pageTitle: `${first.from.city} to ${first.to.city}`,
    heading: `${first.from.city} to ${first.to.city}${results.length > 1 ? ' and back' : ''}`,
    partySummary: partyLabel(party),
    changeSearchHref: `/?${new URLSearchParams(hidden).toString()}`,
    hidden,
    legs,
    canContinue: results.every((leg) => leg.flights.length > 0),
    errorTargets,
    tripTotal:
      chosenFares.length === results.length && chosenFares.every((f) => f.currency === chosenFares[0]!.currency)
        ? formatMoney(minor(chosenFares.reduce((sum, f) => sum + f.totalMinor, 0), chosenFares[0]!.currency), { alwaysCents: true })
        : null,
    impressions,
  };
}

/** The flight whose fares are open: the one of the fare chosen, else the one asked for, else the first. */
function openFlightOf(leg: DirectionResults, fareId: string | undefined, flightNumber: string | undefined): FlightOption | undefined {
  return (
    leg.flights.find((f) => f.fares.some((x) => String(x.fareId) === fareId)) ??
    leg.flights.find((f) => f.flightNumber === flightNumber) ??
    leg.flights[0]
  );
}

/** The other direction's open flight, kept when a "Show fares" link opens one in this direction. */
function otherOpen(chosen: Readonly<Record<string, string>>, direction: DirectionResults['direction']): Record<string, string> {
  const other = direction === 'outbound' ? 'returnFlight' : 'outboundFlight';
  const value = chosen[other];
  return value && /^[A-Z0-9]{2,8}$/.test(value) ? { [other]: value } : {};
}

/**
 * The days within NEARBY_DAYS of the one searched, each with its lowest price and a link that searches
 * it: only days that make a valid search (from today to the end of the schedule, an outbound on or
 * before the return, a return on or after the outbound).
 */
function nearbyDates(leg: DirectionResults, hidden: Record<string, string>, lowest: ReadonlyMap<string, Money>, today: string): LegView['dates'] {
  const lastDay = addDays(today, BOOKING_HORIZON_DAYS);
  const days: LegView['dates'] = [];
  for (let offset = -NEARBY_DAYS; offset <= NEARBY_DAYS; offset++) {
    const date = addDays(leg.date, offset);
    if (date < today || date > lastDay) continue;
    if (leg.direction === 'outbound' && hidden.return && date > hidden.return) continue;
    if (leg.direction === 'return' && date < hidden.depart!) continue;
    const price = lowest.get(date);
    const params = { ...hidden, [leg.direction === 'outbound' ? 'depart' : 'return']: date };
    days.push({
      date,
      label: shortDate(date),
      price: price ? formatMoney(price) : null,
      href: offset === 0 ? null : `/flights?${new URLSearchParams(params).toString()}`,
      current: offset === 0,
    });
  }
  return days;
}

/**
 * The tactic an impression is recorded with: of the tactics acting on it (most specific first), the
 * first in an A/B test (so an experiment can be measured), else the first that is on.
 */
function attributedTactic(tactics: TacticAssignments, touching: readonly TacticCode[]): TacticAssignment {
  const assigned = touching.map((code) => tactics.of(code)).filter((a): a is NonNullable<TacticAssignment> => a !== null);
  return assigned.find((a) => a.variant !== 'on') ?? assigned[0] ?? null;
}

/** The family whose fare upsell was taken in more than half of its offers (enough sample), if one was. */
export function mostChosenFamily(fareOffers: ReadonlyMap<string, OfferCode>, takeData: TakeData): string | null {
  let best: { family: string; rate: number } | null = null;
  for (const [family, offerCode] of fareOffers) {
    const figure = takeData.of(offerCode);
    if (!figure || figure.rate <= MOST_CHOSEN_MIN_RATE) continue;
    if (!best || figure.rate > best.rate) best = { family, rate: figure.rate };
  }
  return best?.family ?? null;
}

/** The one fare scarcity may speak of: buyable by the party, few seats left (fewest, then cheapest). */
export function scarceFare(flight: Pick<FlightOption, 'fares'>, party: Party): QuotedFare | undefined {
  return flight.fares
    .filter((f) => canBuy(f, party) && f.seatsLeft <= SCARCITY_MAX_SEATS)
    .sort((a, b) => a.seatsLeft - b.seatsLeft || a.totalMinor - b.totalMinor)[0];
}

function seatsLeftText(fare: QuotedFare): string {
  return `${fare.seatsLeft} ${fare.family.name} seat${fare.seatsLeft === 1 ? '' : 's'} left at this price`;
}

/** What a dearer family adds to a cheaper one, in words: "a 23 kg bag, a free seat and free changes". */
export function upgradeGains(from: FareFamily, to: FareFamily): string {
  const gains: string[] = [];
  if (to.cabin !== from.cabin) gains.push(`the ${to.cabin} cabin`);
  const bags = to.checkedBags - from.checkedBags;
  if (bags > 0) gains.push(bags === 1 ? `a ${to.checkedBagKg} kg bag` : `${bags} bags of ${to.checkedBagKg} kg`);
  if (to.seatChoice !== from.seatChoice) gains.push(to.seatChoice === 'any' ? 'any seat free' : 'a free seat');
  if (to.changes !== from.changes) gains.push(to.changes === 'Free changes' ? 'free changes' : 'changes allowed (fee applies)');
  if (to.refund !== from.refund) gains.push('a refund if you cancel');
  if (to.priority && !from.priority) gains.push('priority boarding');
  if (gains.length <= 1) return gains[0] ?? 'more';
  return `${gains.slice(0, -1).join(', ')} and ${gains.at(-1)}`;
}

function familyFeatures(family: FareFamily): FareView['features'] {
  const bags = family.checkedBags;
  const features = [
    { text: family.cabinBag, missing: false },
    { text: bags ? `${bags} × ${family.checkedBagKg} kg checked bag${bags > 1 ? 's' : ''}` : 'No checked bag', missing: !bags },
    {
      text: family.seatChoice === 'paid' ? 'Seat choice for a fee' : family.seatChoice === 'standard' ? 'Free standard seat choice' : 'Free choice of any seat',
      missing: family.seatChoice === 'paid',
    },
    { text: `Changes: ${family.changes}`, missing: family.changes === 'Not allowed' },
    { text: family.refund, missing: family.refund === 'Not refundable' },
  ];
  // Every family lists the same rows in the same order, so the families compare row by row.
  features.push(family.priority ? { text: 'Priority boarding', missing: false } : { text: 'No priority boarding', missing: true });
  return features;
}

function bagNotice(leg: DirectionResults): string {
  const fee = leg.bagFee!;
  const business = leg.flights.some((f) => f.fares.some((x) => x.family.code === 'business'));
  const price = `${formatMoney(fee.online)} per bag online${fee.airport ? ` or ${formatMoney(fee.airport)} at the airport` : ''}`;
  return `Bag fees: Basic includes one small under-seat bag. A 23 kg checked bag costs ${price}; Standard and Flex include one${business ? ', Business two' : ''}.`;
}

function noFlights(leg: DirectionResults, hidden: Record<string, string>): NonNullable<LegView['noFlights']> {
  return {
    message: `There is no flight from ${leg.from.city} to ${leg.to.city} on ${longDate(leg.date)}.`,
    nearestDays: leg.nearestDays.map((date) => {
      const params = { ...hidden };
      if (leg.direction === 'outbound') {
        params.depart = date;
        // A return before the new departure no longer makes sense: search one way from that day.
        if (params.return && params.return < date) Object.assign(params, { return: '', trip: 'one_way' });
      } else params.return = date;
      return { date, label: longDate(date), href: `/flights?${new URLSearchParams(params).toString()}` };
    }),
  };
}

function minor(amountMinor: number, currency: string): Money {
  return { amountMinor, currency };
}
