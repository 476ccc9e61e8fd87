// The Manage booking pages' view models: the booking page (its trip, receipt and what can still be bought,
// each with its price or the reason it cannot be bought now), the review of one purchase and the bank's page.
// Built here from the domain (getBookingDetails, manageOffers, quoteExtra); the templates only display.
import type { FieldErrors } from '../../lib/errors.ts';
import { formatMoney, type Money } from '../../lib/money.ts';
import { longDate } from '../../lib/time.ts';
import { carClassLabel } from '../catalogue/cars.ts';
import { ZONE_WORDS } from '../catalogue/seat-zones.ts';
import { DIRECTION_LABEL } from '../checkout/labels.ts';
import type { BookingDetails } from '../bookings/confirmation.ts';
import { confirmationView, type ConfirmationView } from '../bookings/confirmation.view.ts';
import { cardLabel } from '../ledger/card-on-file.ts';
import { TEST_CARDS, groupDigits } from '../payment/card.ts';
import type { TacticAssignments } from '../tactics/assignments.ts';
import type { ManageOffer } from './manage-offers.ts';
import type { Quote } from './quote-extra.ts';

type Option = { value: string; label: string; selected: boolean };
type Buyable = { available: boolean; price: string; reason: string | null; key: string; error: string | null };

export type ManagePageView = Pick<ConfirmationView, 'reference' | 'legs' | 'passengers' | 'receipt' | 'card'> & {
  notice: string | null;
  /** A refusal of the last attempt (a cut-off, a seat taken meanwhile), for the page's alert. */
  problem: string | null;
  errors: FieldErrors;
  flights: Array<{
    direction: string;
    heading: string;
    upgrade: Buyable;
    passengers: Array<{
      idx: number;
      name: string;
      bag: Buyable & { quantities: Option[] };
      seat: Buyable & { current: string; options: Option[] };
      priority: Buyable;
    }>;
  }>;
  hotel:
    | { mode: 'add'; city: string; checkIn: string; fromPrice: string; reason: string | null; error: string | null; hotels: Array<{ id: number; label: string; checked: boolean }>; nights: Option[]; rooms: Option[] }
    | { mode: 'cancel'; description: string; refund: string; reason: string | null; error: string | null }
    | null;
  insurance: Buyable | null;
  /** The car (views/manage/booking-car.ejs): rent one (class, days), or cancel the one on the booking. */
  car: ManageCarView;
};

export type ManageCarView =
  | { mode: 'add'; city: string; pickUp: string; fromPrice: string; fixedDays: string | null; reason: string | null; error: string | null; cars: Array<{ id: number; label: string; checked: boolean }>; days: Option[] | null }
  | { mode: 'cancel'; description: string; refund: string; reason: string | null; error: string | null }
  | null;

export type ManagePageState = { notice?: string | null; problem?: string | null; errors?: FieldErrors; values?: Record<string, string> };

const money = (m: Money) => formatMoney(m, { alwaysCents: true });
const range = (min: number, max: number, selected: string | undefined, fallback: number): Option[] =>
  Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => {
    const v = String(min + i);
    return { value: v, label: v, selected: (selected ?? String(fallback)) === v };
  });

/** The form a purchase is made with, as the page's error map and test ids name it: 'bag-p1-outbound', 'insurance'. */
export function formKey(type: string, passengerIdx?: number | null, direction?: string | null): string {
  return [type, passengerIdx ? `p${passengerIdx}` : null, direction ?? null].filter(Boolean).join('-');
}

function buyable(offer: ManageOffer | undefined, key: string, errors: FieldErrors): Buyable {
  const error = errors[key]?.[0] ?? null;
  if (!offer) return { available: false, price: '', reason: 'Not sold on this booking.', key, error };
  return { available: offer.refusal === null, price: money(offer.price), reason: offer.refusal?.message ?? null, key, error };
}

/**
 * The booking page. No tactic acts on Manage booking yet: `assignments` is where one will (as on every page's
 * view model), and the offer events it records carry no tactic.
 */
export function managePageView(details: BookingDetails, offers: readonly ManageOffer[], _assignments: TacticAssignments, state: ManagePageState = {}): ManagePageView {
  const base = confirmationView(details, _assignments, {});
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  const find = (type: ManageOffer['type'], direction: string | null, idx: number | null) =>
    offers.find((o) => o.type === type && o.direction === direction && o.passengerIdx === idx);
  const seatedIdx = details.passengers.filter((p) => p.type !== 'infant');
  const flights = details.checkout.flights.map((f) => ({
    direction: f.direction,
    heading: `${DIRECTION_LABEL[f.direction]} ${f.origin}–${f.destination} · ${f.flightNumber}`,
    upgrade: buyable(find('upgrade', f.direction, null), formKey('upgrade', null, f.direction), errors),
    passengers: seatedIdx.map((p) => {
      const bag = find('bag', f.direction, p.idx);
      const seat = find('seat', f.direction, p.idx);
      return {
        idx: p.idx,
        name: `${p.givenName} ${p.familyName}`,
        bag: { ...buyable(bag, formKey('bag', p.idx, f.direction), errors), price: bag ? `${money(bag.price)} per bag` : '', quantities: range(1, bag?.maxQuantity ?? 0, undefined, 1) },
        seat: {
          ...buyable(seat, formKey('seat', p.idx, f.direction), errors),
          price: '',
          current: seat?.currentSeat ?? 'given at check-in',
          options: (seat?.seats ?? []).map((s) => ({
            value: s.seat,
            label: `${s.seat} · ${ZONE_WORDS[s.zone]} · ${s.price.amountMinor === 0 ? 'no charge' : `+${money(s.price)}`}`,
            selected: false,
          })),
        },
        priority: buyable(find('priority', f.direction, p.idx), formKey('priority', p.idx, f.direction), errors),
      };
    }),
  }));
  const add = find('hotel', null, null);
  const cancel = find('hotel_cancel', null, null);
  let hotel: ManagePageView['hotel'] = null;
  if (cancel) hotel = { mode: 'cancel', description: cancel.description ?? '', refund: money({ ...cancel.price, amountMinor: -cancel.price.amountMinor }), reason: cancel.refusal?.message ?? null, error: errors['hotel']?.[0] ?? null };
  else if (add?.hotel) {
    const h = add.hotel;
    hotel = {
      mode: 'add',
      city: h.city,
      checkIn: longDate(h.checkIn),
      fromPrice: money(add.price),
      reason: add.refusal?.message ?? null,
      error: errors['hotel']?.[0] ?? null,
      hotels: h.hotels.map((x) => ({ id: x.id, label: `${x.name} · ${x.stars}-star · ${x.area} · ${formatMoney(x.nightly)} per room per night`, checked: values.hotel === String(x.id) })),
      nights: range(h.minNights, h.maxNights, values.nights, h.defaultNights),
      rooms: range(1, h.maxRooms, values.rooms, h.defaultRooms),
    };
  }
  const insurance = find('insurance', null, null);
  return {
    reference: base.reference,
    legs: base.legs,
    passengers: base.passengers,
    receipt: base.receipt,
    card: base.card,
    notice: state.notice ?? null,
    problem: state.problem ?? null,
    errors,
    flights,
    hotel,
    insurance: insurance ? buyable(insurance, 'insurance', errors) : null,
    car: manageCarView(find('car', null, null), find('car_cancel', null, null), values, errors),
  };
}

function manageCarView(add: ManageOffer | undefined, cancel: ManageOffer | undefined, values: Record<string, string>, errors: FieldErrors): ManageCarView {
  const error = errors['car']?.[0] ?? null;
  if (cancel) return { mode: 'cancel', description: cancel.description ?? '', refund: money({ ...cancel.price, amountMinor: -cancel.price.amountMinor }), reason: cancel.refusal?.message ?? null, error };
  if (!add?.car) return null;
  const c = add.car;
  return {
    mode: 'add',
    city: c.city,
    pickUp: `Pick up at ${c.city} airport (${c.airportCode}) on ${c.pickUpDate}`,
    fromPrice: money(add.price),
    fixedDays: c.fixedDays === null ? null : `${c.fixedDays} day${c.fixedDays === 1 ? '' : 's'}, until your return flight`,
    reason: add.refusal?.message ?? null,
    error,
    cars: c.cars.map((x) => ({ id: x.id, label: `${carClassLabel(x.carClass)} · ${x.model} · ${x.seats} seats · ${formatMoney(x.daily)} per day`, checked: values.car === String(x.id) })),
    days: c.fixedDays === null ? range(c.minDays, c.maxDays, values.days, c.defaultDays) : null,
  };
}

export type ReviewView = {
  reference: string;
  purchaseId: string;
  description: string;
  amount: string;
  free: boolean;
  /** The item as hidden form fields, so the payment buys exactly what was reviewed. */
  hidden: Array<{ name: string; value: string }>;
  values: Record<string, string>;
  errors: FieldErrors;
  problem: string | null;
  testCards: Array<{ number: string; description: string }>;
};

/** The review of one purchase: what, for how much, and the card form (none when it costs nothing). */
export function reviewView(reference: string, purchaseId: string, quote: Quote, fields: Record<string, string>, state: { values?: Record<string, string>; errors?: FieldErrors; problem?: string | null } = {}): ReviewView {
  return {
    reference,
    purchaseId,
    description: quote.description,
    amount: money(quote.amount),
    free: quote.amount.amountMinor === 0,
    hidden: Object.entries(fields).map(([name, value]) => ({ name, value })),
    values: state.values ?? {},
    errors: state.errors ?? {},
    problem: state.problem ?? null,
    testCards: TEST_CARDS.map((c) => ({ number: groupDigits(c.number), description: c.description })),
  };
}

export type PurchaseChallengeView = { reference: string; purchaseId: string; description: string; amount: string; card: string | null };

export function purchaseChallengeView(p: { reference: string; id: string; description: string; amount: Money }, card: Parameters<typeof cardLabel>[0] | null): PurchaseChallengeView {
  return { reference: p.reference, purchaseId: p.id, description: p.description, amount: money(p.amount), card: card ? cardLabel(card) : null };
}
