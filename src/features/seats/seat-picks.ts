// Picking seats on the one map of a flight, without JavaScript. Each seat of the map is a submit button
// (`pick=outbound:14C`) and the flight's "whose seat" radios (`for-outbound`) say for whom; the page
// keeps every passenger's choice so far in its `seat-p<n>-<flight>` fields. A pick is checked against
// what the page shows (a free seat this passenger may take, not a companion's), written into the
// draft, and the map moves on to the next passenger without a seat. Nothing is held until the form is
// sent with "Continue", when chooseSeats (the command, with every rule) takes the whole draft.
// With JavaScript, public/js/enhance.js does the same in the browser without the round trip.
import type { Direction } from '../checkout/checkout.repository.ts';
import type { PassengerSeatMap, SeatsPage } from './seat-selection.ts';
import { forField, seatField, SKIP, type SeatDraft, type SeatPick } from './seats.schema.ts';

export type PickResult =
  | { ok: true; draft: SeatDraft }
  /** Refused: the message goes under `field`; the draft is unchanged but for whose turn it is. */
  | { ok: false; draft: SeatDraft; field: string; message: string };

/** A passenger's choice on a flight: what the draft says, else the seat they hold, else skip. */
export function choiceOf(draft: SeatDraft, pm: PassengerSeatMap, direction: Direction): string {
  return draft.values[seatField(pm.passenger.idx, direction)] ?? pm.heldSeat ?? SKIP;
}

/** Whose turn it is on a flight's map: the draft's, else the first passenger without a seat, else the first. */
export function currentOf(draft: SeatDraft, passengers: readonly PassengerSeatMap[], direction: Direction): number {
  const asked = draft.current[direction];
  if (asked !== undefined && passengers.some((p) => p.passenger.idx === asked)) return asked;
  return (passengers.find((p) => choiceOf(draft, p, direction) === SKIP) ?? passengers[0])?.passenger.idx ?? 1;
}

const fullName = (pm: PassengerSeatMap) => `${pm.passenger.givenName} ${pm.passenger.familyName}`;

export function applyPick(page: SeatsPage, draft: SeatDraft, pick: SeatPick): PickResult {
  const flight = page.flights.find((f) => f.direction === pick.direction);
  const passengers = flight?.passengers ?? [];
  const idx = pick.kind === 'skip' ? pick.passengerIdx : currentOf(draft, passengers, pick.direction);
  const pm = passengers.find((p) => p.passenger.idx === idx);
  // Every passenger's choice on every flight, so the next page has the whole draft.
  const values: Record<string, string> = {};
  for (const f of page.flights) for (const p of f.passengers) values[seatField(p.passenger.idx, f.direction)] = choiceOf(draft, p, f.direction);
  const next: SeatDraft = { values, current: { ...draft.current, [pick.direction]: idx } };
  if (!pm) {
    const first = page.flights[0]?.passengers[0];
    const field = first ? seatField(first.passenger.idx, page.flights[0]!.direction) : 'seats';
    return { ok: false, draft: next, field, message: `There is no ${pick.direction} flight or passenger ${idx} on this booking` };
  }
  const field = seatField(idx, pick.direction);
  if (pick.kind === 'skip') {
    values[field] = SKIP;
    return { ok: true, draft: next };
  }
  const refuse = (message: string): PickResult => ({ ok: false, draft: next, field, message });
  const option = pm.rows.flatMap((r) => r.groups.flat()).find((o) => o.seat === pick.seat);
  if (!option) return refuse(`There is no seat ${pick.seat} on this aircraft: choose a seat on the map`);
  if (option.state === 'occupied') return refuse(`Seat ${pick.seat} is already taken: choose another`);
  if (option.state === 'restricted') return refuse(`Seat ${pick.seat} (${option.restriction}) is not for ${fullName(pm)}: choose another seat`);
  const owner = passengers.find((p) => p !== pm && values[seatField(p.passenger.idx, pick.direction)] === pick.seat);
  if (owner) return refuse(`Seat ${pick.seat} is already chosen for ${fullName(owner)}: choose another seat, or remove theirs first`);
  values[field] = pick.seat;
  // On to the next passenger of this flight without a seat, if any.
  const order = [...passengers.slice(passengers.indexOf(pm) + 1), ...passengers.slice(0, passengers.indexOf(pm))];
  const waiting = order.find((p) => values[seatField(p.passenger.idx, pick.direction)] === SKIP);
  next.current[pick.direction] = waiting?.passenger.idx ?? idx;
  return { ok: true, draft: next };
}

/** The query string of a draft, for the page shown after a pick (`seat-p1-outbound=14C&for-outbound=2`). */
export function draftQuery(draft: SeatDraft): string {
  const params = new URLSearchParams(draft.values);
  for (const [direction, idx] of Object.entries(draft.current)) if (idx !== undefined) params.set(forField(direction as Direction), String(idx));
  return params.toString();
}
