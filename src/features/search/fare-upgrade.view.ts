// The free-to-paid upgrade page as views/checkout/upgrade.ejs shows it: Basic beside Standard (what
// each includes, what Standard adds), the price difference per passenger and for the party on each
// flight and in total, all-in, and two equally weighted answers. Money is formatted here, computed by
// offer pricing (fare-upgrade.ts); the template only displays.
import { formatMoney } from '../../lib/money.ts';
import { DIRECTION_LABEL, PASSENGER_COUNT_LABEL, partyLabel } from '../checkout/labels.ts';
import { OFFER, type OfferCode, type TacticCode } from '../offers/codes.ts';
import type { TacticAssignment } from '../tactics/assignments.ts';
import type { FareUpgradeOffer } from './fare-upgrade.ts';
import type { FareFamily } from './flights.repository.ts';
import { longDate } from '../../lib/time.ts';

export type CompareRowView = { testId: string; label: string; from: string; to: string; adds: boolean };

export type FlightPriceView = {
  testId: string;
  flight: string;
  perPassenger: Array<{ testId: string; text: string }>;
  party: { testId: string; text: string };
};

export type FareUpgradeView = {
  pageTitle: string;
  heading: string;
  lead: string;
  fromName: string;
  toName: string;
  rows: CompareRowView[];
  /** "A 23 kg checked bag, …": the rows where the target family gives more, as a sentence list. */
  adds: string[];
  prices: FlightPriceView[];
  total: { testId: string; text: string };
  acceptLabel: string;
  keepLabel: string;
  /** For the trainer's tactic lens: the offer and the tactic its events name. */
  lens: { offerCode: OfferCode; tactic: TacticCode | null };
};

function seatChoiceText(choice: FareFamily['seatChoice']): string {
  return choice === 'paid' ? 'Seat choice for a fee' : choice === 'standard' ? 'Free standard seat choice' : 'Free choice of any seat';
}

function checkedBagText(family: FareFamily): string {
  const bags = family.checkedBags;
  return bags ? `${bags} × ${family.checkedBagKg} kg checked bag${bags > 1 ? 's' : ''}` : 'No checked bag';
}

/** The two families feature by feature; `adds` marks what the dearer one gives that the cheaper does not. */
function compareRows(from: FareFamily, to: FareFamily): CompareRowView[] {
  const rows: Array<[string, string, string, string]> = [
    ['cabin-bag', 'Cabin bags', from.cabinBag, to.cabinBag],
    ['checked-bag', 'Checked bag', checkedBagText(from), checkedBagText(to)],
    ['seat', 'Seat choice', seatChoiceText(from.seatChoice), seatChoiceText(to.seatChoice)],
    ['changes', 'Changes', from.changes, to.changes],
    ['refund', 'Refund', from.refund, to.refund],
  ];
  if (from.priority || to.priority) rows.push(['priority', 'Priority boarding', from.priority ? 'Included' : 'Not included', to.priority ? 'Included' : 'Not included']);
  return rows.map(([key, label, a, b]) => ({ testId: `fare-upgrade-row-${key}`, label, from: a, to: b, adds: a !== b }));
}

export function fareUpgradeView(offer: FareUpgradeOffer, party: { adults: number; children: number; infants: number }, tactic: TacticAssignment): FareUpgradeView {
  const { from, to } = offer;
  const rows = compareRows(from, to);
  const total = formatMoney(offer.total);
  const flights = offer.flights.map((f) => f.flight);
  const which = flights.length > 1 ? 'both flights' : `your ${DIRECTION_LABEL[flights[0]!.direction].toLowerCase()} flight`;
  return {
    pageTitle: `${from.name} or ${to.name}?`,
    heading: `Keep ${from.name}, or upgrade to ${to.name}?`,
    lead: `You chose ${from.name} for ${which}. Here is what ${to.name} adds, and what it costs for ${partyLabel(party)}, all-in (fares, taxes and fees). Both answers take you on to the passengers step.`,
    fromName: from.name,
    toName: to.name,
    rows,
    adds: rows.filter((r) => r.adds).map((r) => `${r.label}: ${r.to}`),
    prices: offer.flights.map(({ flight, price }) => ({
      testId: `fare-upgrade-price-${flight.direction}`,
      flight: `${DIRECTION_LABEL[flight.direction]}: ${flight.flightNumber} ${flight.origin}–${flight.destination}, ${longDate(flight.departureDate)}`,
      perPassenger: price.perType.map((t) => ({
        testId: `fare-upgrade-per-${flight.direction}-${t.type}`,
        text: `+${formatMoney(t.price)} per ${PASSENGER_COUNT_LABEL[t.type][0]}`,
      })),
      party: { testId: `fare-upgrade-party-${flight.direction}`, text: `+${formatMoney(price.total)}` },
    })),
    total: { testId: 'fare-upgrade-total', text: `+${total}` },
    acceptLabel: `Upgrade to ${to.name} (+${total})`,
    keepLabel: `Keep ${from.name}`,
    lens: { offerCode: OFFER.FARE_STANDARD, tactic: tactic?.tactic ?? null },
  };
}
