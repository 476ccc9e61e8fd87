// The words every page, price line and e-mail uses for the parts of a trip: directions, passenger
// types and passengers. One owner, so "Outbound", "child (2–11)" and "passenger 2" read the same on
// the results, passengers, seats, extras, review and confirmation pages.
import type { Checkout, Direction, PassengerType } from './checkout.repository.ts';

export const DIRECTION_LABEL: Record<Direction, string> = { outbound: 'Outbound', return: 'Return' };

/** A passenger type as a heading: "Adult". */
export const PASSENGER_TYPE_LABEL: Record<PassengerType, string> = { adult: 'Adult', child: 'Child', infant: 'Infant' };

/** How a ticket names a passenger's type (the review and the confirmation): "Infant (on a lap)". */
export const ITINERARY_TYPE_LABEL: Record<PassengerType, string> = { adult: 'Adult', child: 'Child', infant: 'Infant (on a lap)' };

/** What each type means, after its label: "Child (2–11)". */
export const PASSENGER_TYPE_HINT: Record<PassengerType, string> = { adult: '', child: '2–11', infant: 'under 2, on a lap' };

/** Singular and plural, in running text: "2 adults, 1 child". */
export const PASSENGER_COUNT_LABEL: Record<PassengerType, readonly [string, string]> = {
  adult: ['adult', 'adults'],
  child: ['child', 'children'],
  infant: ['infant', 'infants'],
};

/** "Child (2–11)", "Infant (under 2, on a lap)", "Adult". */
export function passengerTypeTitle(type: PassengerType): string {
  const hint = PASSENGER_TYPE_HINT[type];
  return hint ? `${PASSENGER_TYPE_LABEL[type]} (${hint})` : PASSENGER_TYPE_LABEL[type];
}

/** "1 adult", "2 children". */
export function countOf(type: PassengerType, count: number): string {
  return `${count} ${PASSENGER_COUNT_LABEL[type][count === 1 ? 0 : 1]}`;
}

/** "2 adults, 1 child, 1 infant": the types with nobody are left out (adults are always named). */
export function partyLabel(party: { adults: number; children: number; infants: number }): string {
  const parts = [countOf('adult', party.adults)];
  if (party.children) parts.push(countOf('child', party.children));
  if (party.infants) parts.push(countOf('infant', party.infants));
  return parts.join(', ');
}

/** "Ada Lovelace" once the names are in, "passenger 1" before. */
export function passengerLabel(checkout: Pick<Checkout, 'passengers'>, idx: number): string {
  const p = checkout.passengers.find((x) => x.idx === idx);
  const name = p ? `${p.givenName} ${p.familyName}`.trim() : '';
  return name || `passenger ${idx}`;
}
