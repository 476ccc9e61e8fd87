// The extras page's view model: what views/checkout/extras.ejs shows, decided here from the offers
// (priced by offer pricing), the tactics acting on the page (extras-tactics.ts), what was saved and
// what was typed. The template only displays: no business rule and no money arithmetic in it.
import type { FieldErrors } from '../../lib/errors.ts';
import { formatMoney, type Money } from '../../lib/money.ts';
import { longDate } from '../../lib/time.ts';
import type { Checkout, CheckoutFlight, Direction, PassengerType } from '../checkout/checkout.repository.ts';
import { times } from '../checkout/offer-pricing.ts';
import { OFFER, type OfferCode, type TacticCode } from '../offers/codes.ts';
import type { ExtrasOffers } from './extras.ts';
import type { FareFamilyRow } from './extras.repository.ts';
import type { ExtrasTactics } from './extras-tactics.ts';
import { field } from './extras.schema.ts';
import { carView, type CarView } from './extras-car.view.ts';
import { hotelCard, type HotelCard } from './hotel-card.ts';

const DIRECTION_LABEL: Record<Direction, string> = { outbound: 'Outbound', return: 'Return' };
const TYPE_LABEL: Record<PassengerType, string> = { adult: 'adult', child: 'child', infant: 'infant' };

export const MOST_CHOSEN = 'Most chosen';
/** The "No thanks" of insurance, and its confirm-shaming wording (a dark-pattern demonstration). */
export const NO_THANKS = 'No thanks';
export const SHAMING_NO_THANKS = "No thanks, I'd rather pay for a hospital abroad myself";
/** The fake timer's claim and its length: nothing happens when it reaches zero. */
export const FAKE_TIMER_SECONDS = 10 * 60;
export const FAKE_TIMER_CLAIM = 'These prices are held for you for';

const OFFER_PHRASE: Partial<Record<OfferCode, string>> = {
  [OFFER.BAG_CHECKED_23KG]: 'a checked bag',
  [OFFER.PRIORITY_BOARDING]: 'priority boarding',
  [OFFER.CABIN_UPGRADE]: 'an upgrade',
  [OFFER.HOTEL_STAY]: 'a hotel',
  [OFFER.TRAVEL_INSURANCE]: 'travel insurance',
  [OFFER.CAR_RENTAL]: 'a rental car',
};

type Option = { value: string; label: string; selected: boolean };
type Choice = { add: boolean; decline: boolean };

export type ExtrasView = {
  /** The dark-pattern demonstrations acting on the page, named for the banner; null when none acts. */
  demonstration: null | { practices: string[] };
  /** "Travellers to Lisbon often add a hotel", with the figure it rests on (recommendation). */
  recommendation: null | { text: string; basis: string };
  /** The fake countdown (fake_timer): its claim and its start, in seconds and as shown. */
  fakeTimer: null | { claim: string; seconds: number; shown: string };
  notices: { upgraded: string | null; downgraded: { familyName: string; flights: string } | null };
  strayErrors: string[];
  bags: Array<{
    direction: Direction;
    title: string;
    online: string;
    airport: string | null;
    /** "Your Standard fare includes …" */
    included: string;
    full: boolean;
    passengers: Array<{ field: string; idx: number; label: string; options: Option[] }>;
    notEligible: string | null;
  }>;
  /** The cabin upgrade's target family ("Business", from the catalogue) and the section's heading. */
  upgradeTarget: string;
  upgradeTitle: string;
  upgrades: Array<{
    field: string;
    direction: Direction;
    title: string;
    intro: string;
    adds: string[];
    legend: string;
    price: string;
    forWhom: string;
    perPerson: string | null;
    saved: boolean;
    heldSeatsWarning: string | null;
    answer: Choice;
  }>;
  priority: Array<{
    direction: Direction;
    title: string;
    included: string | null;
    price: string;
    total: string | null;
    forAll: string | null;
    passengers: Array<{ field: string; key: string; legend: string; answer: Choice }>;
  }>;
  hotel: null | {
    title: string;
    checkIn: string;
    fixedNights: string | null;
    nights: Option[] | null;
    rooms: Option[];
    roomsHint: string;
    totalsFor: string;
    hotels: Array<HotelCard & { id: number; name: string; stars: string; starsLabel: string; area: string; nightly: string; total: string; checked: boolean; badge: string | null; saving: string | null }>;
    /** "15% off every hotel when you book it with your flight" (complementary discount). */
    discount: string | null;
    none: boolean;
  };
  insurance: null | { about: string; perPassenger: string; insured: number; total: string; answer: Choice; declineLabel: string };
  /** The Comfort bundle per flight (tactic bundle): views/checkout/extras-bundle.ejs. */
  bundles: BundleView[];
  /** "outbound flight": the flights whose Comfort bundle was given up and its seats released. */
  bundleReleased: string | null;
  /** The car rental (views/checkout/extras-car.ejs): a radio group of car classes and "No car, thanks", nothing checked. */
  car: CarView | null;
  /** For the trainer's tactic lens: each section's offer and the tactic its events record. */
  lens: Record<'bags' | 'upgrade' | 'priority' | 'hotel' | 'insurance' | 'bundle' | 'car', { offerCode: OfferCode; tactic: TacticCode | null }>;
};

export type BundleView = {
  field: string;
  direction: Direction;
  title: string;
  /** "For each of the 2 passengers with a seat:" and the three parts. */
  forWhom: string;
  parts: string[];
  /** The seats the bundle gives, or keeps ("12C for Ann Lee, kept"). */
  seats: string;
  price: string;
  partsPrice: string;
  saving: string;
  percent: string;
  saved: boolean;
  answer: Choice;
};


export type ExtrasViewInput = {
  checkout: Checkout;
  offers: ExtrasOffers;
  tactics: ExtrasTactics;
  /** Directions whose upgrade is saved. */
  upgraded: readonly Direction[];
  /** Directions whose seats the last save released. */
  released: readonly Direction[];
  /** The name of the upgrade's target family, for the notices about seats it released. */
  upgradeTarget: string;
  values: Record<string, string>;
  errors: FieldErrors;
  /** Directions whose Comfort bundle is saved (shown even if the tactic was switched off since). */
  bundled?: readonly Direction[];
  /** Directions whose Comfort bundle the last save gave up, releasing its seats. */
  bundleReleased?: readonly Direction[];
};

/**
 * What the higher cabin adds to the fare the party flies now, from the fare family data: one line per
 * difference ("Checked bags: none → 2 × 32 kg per passenger"); without the current family, the
 * target's features.
 */
export function upgradeAdds(target: FareFamilyRow, current: FareFamilyRow | null): string[] {
  const bags = (f: FareFamilyRow) => (f.checked_bags === 0 ? 'none' : `${f.checked_bags} × ${f.checked_bag_kg} kg per passenger`);
  if (!current) {
    return [
      `A seat in the ${target.name.toLowerCase()} cabin with direct aisle access`,
      `${target.checked_bags} × ${target.checked_bag_kg} kg checked bags per passenger`,
      target.cabin_bag,
      ...(target.priority ? ['Priority boarding'] : []),
      `Changes: ${target.changes}; ${target.refund.toLowerCase()}`,
    ];
  }
  const lines: string[] = [];
  if (target.cabin !== current.cabin) lines.push(`Seat: ${current.cabin} → a seat in the ${target.cabin} cabin with direct aisle access`);
  if (bags(target) !== bags(current)) lines.push(`Checked bags: ${bags(current)} → ${bags(target)}`);
  if (target.cabin_bag !== current.cabin_bag) lines.push(`Cabin bags: ${current.cabin_bag} → ${target.cabin_bag}`);
  if (target.priority && !current.priority) lines.push('Priority boarding: not included → included');
  if (target.changes !== current.changes) lines.push(`Changes: ${current.changes} → ${target.changes}`);
  if (target.refund !== current.refund) lines.push(`Refund: ${current.refund} → ${target.refund}`);
  return lines;
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const m = (money: Money) => formatMoney(money);

export function extrasView({ checkout, offers, tactics, upgraded, released, upgradeTarget, values, errors, bundled = [], bundleReleased = [] }: ExtrasViewInput): ExtrasView {
  const city = (code: string) => offers.cities[code] ?? code;
  const title = (f: CheckoutFlight) =>
    `${DIRECTION_LABEL[f.direction]}: ${city(f.origin)} (${f.origin}) → ${city(f.destination)} (${f.destination}), ${f.flightNumber}, ${longDate(f.departureDate)}`;
  const choice = (name: string): Choice => ({ add: values[name] === 'add', decline: values[name] === 'decline' });
  const flightsOf = (ds: readonly Direction[]) => `${ds.map((d) => DIRECTION_LABEL[d].toLowerCase()).join(' and ')} flight${ds.length > 1 ? 's' : ''}`;
  const seated = checkout.adults + checkout.children;
  const everyone = seated + checkout.infants;

  const releasedHere = released.filter((d) => checkout.flights.some((f) => f.direction === d));
  const up = releasedHere.filter((d) => upgraded.includes(d));
  const down = releasedHere.filter((d) => !upgraded.includes(d));
  const downFamily = checkout.flights.find((f) => down.includes(f.direction))?.familyName;

  const bags: ExtrasView['bags'] = tactics.showAddons
    ? offers.bags.map((leg) => ({
        direction: leg.direction,
        title: title(leg.flight),
        online: m(leg.online),
        airport: leg.airport ? m(leg.airport) : null,
        full: leg.passengers.length === 0 && leg.maxQuantity === 0,
        included:
          leg.bundled
            ? `Your Comfort bundle adds 1 bag of 23 kg per passenger${leg.includedBags > 0 ? ` to the ${plural(leg.includedBags, 'bag')} your ${leg.familyName} fare includes` : ''}${leg.maxQuantity > 0 ? '; add more:' : '.'}`
            : leg.passengers.length === 0 && leg.maxQuantity === 0
            ? `Your ${leg.familyName} fare includes ${plural(leg.includedBags, 'checked bag')} of ${leg.includedKg} kg per passenger, the most a passenger can check.`
            : leg.includedBags > 0
              ? `Your ${leg.familyName} fare includes ${plural(leg.includedBags, 'bag')} of ${leg.includedKg} kg per passenger; add more:`
              : `Your ${leg.familyName} fare includes no checked bag; add bags:`,
        passengers: leg.passengers.map(({ passenger }) => {
          const name = field.bag(passenger.idx, leg.direction);
          const current = values[name] ?? '0';
          return {
            field: name,
            idx: passenger.idx,
            label: `Checked bags for ${passenger.name}, ${leg.direction}`,
            options: Array.from({ length: leg.maxQuantity + 1 }, (_, q) => ({
              value: String(q),
              label:
                q === 0
                  ? 'No extra bag'
                  : `${plural(q, 'bag')}, +${m(times(leg.online, q))}${q === tactics.mostChosenBags ? ` (${MOST_CHOSEN.toLowerCase()})` : ''}`,
              selected: String(q) === current,
            })),
          };
        }),
        notEligible: leg.notEligible.length
          ? `${leg.notEligible.map((p) => p.name).join(', ')} travel${leg.notEligible.length === 1 ? 's' : ''} on an adult's lap and cannot have a checked bag of their own.`
          : null,
      }))
    : [];

  const upgrades: ExtrasView['upgrades'] = tactics.showUpgrades
    ? offers.upgrades.map((u) => ({
        field: field.upgrade(u.direction),
        direction: u.direction,
        title: title(u.flight),
        intro: `Move everyone on this flight from ${u.flight.familyName} to ${u.target.name}. It adds:`,
        adds: upgradeAdds(u.target, u.current),
        legend: `Upgrade to ${u.target.name}, ${u.direction}`,
        price: m(u.price),
        forWhom: everyone === 1 ? 'for 1 passenger' : `for all ${everyone} passengers`,
        perPerson: everyone > 1 ? `(${u.perType.map((t) => `${m(t.price)} per ${TYPE_LABEL[t.type]}`).join(', ')})` : null,
        saved: upgraded.includes(u.direction),
        heldSeatsWarning: u.heldSeats.length
          ? `If you upgrade, the economy seat${u.heldSeats.length > 1 ? 's' : ''} you hold on this flight (${u.heldSeats.join(', ')}) will be released, and you can choose a seat in the ${u.target.name} cabin.`
          : null,
        answer: choice(field.upgrade(u.direction)),
      }))
    : [];

  const priority: ExtrasView['priority'] = tactics.showAddons
    ? offers.priority.map((leg) => ({
        direction: leg.direction,
        title: title(leg.flight),
        included:
          leg.included === 'fare'
            ? `Your ${leg.flight.familyName} fare includes priority boarding on this flight.`
            : leg.included === 'upgrade'
              ? `Priority boarding is included with your upgrade to ${upgradeTarget}.`
              : leg.included === 'bundle'
                ? 'Priority boarding is included in your Comfort bundle on this flight.'
                : null,
        price: m(leg.price),
        total: leg.passengers.length > 1 ? m(leg.total) : null,
        forAll: leg.passengers.length > 1 ? `for all ${leg.passengers.length}` : null,
        passengers: leg.passengers.map(({ passenger }) => ({
          field: field.priority(passenger.idx, leg.direction),
          key: `p${passenger.idx}-${leg.direction}`,
          legend: `Priority boarding for ${passenger.name}, ${leg.direction}`,
          answer: choice(field.priority(passenger.idx, leg.direction)),
        })),
      }))
    : [];

  const stay = tactics.showAddons ? offers.hotel : null;
  const hotels = stay ? [...stay.hotels] : [];
  // Anchoring: the dearest first, so the others look moderate beside it. Otherwise the cheapest first.
  if (tactics.hotelsDearestFirst) hotels.sort((a, b) => b.nightly.amountMinor - a.nightly.amountMinor || a.id - b.id);
  const hotel: ExtrasView['hotel'] = stay && {
    title: `Hotel in ${stay.city}`,
    checkIn: longDate(stay.checkIn),
    fixedNights: stay.fixedNights === null ? null : plural(stay.fixedNights, 'night'),
    nights:
      stay.fixedNights === null
        ? Array.from({ length: stay.maxNights - stay.minNights + 1 }, (_, i) => stay.minNights + i).map((n) => ({ value: String(n), label: plural(n, 'night'), selected: n === stay.nights }))
        : null,
    rooms: Array.from({ length: stay.maxRooms }, (_, i) => i + 1).map((r) => ({ value: String(r), label: plural(r, 'room'), selected: r === stay.rooms })),
    roomsHint: `Up to ${plural(stay.maxRooms, 'room')} for ${plural(seated, 'passenger')} with a seat`,
    totalsFor: `${plural(stay.nights, 'night')}, ${plural(stay.rooms, 'room')}`,
    hotels: hotels.map((h) => ({
      id: h.id,
      name: h.name,
      stars: '★'.repeat(h.stars),
      starsLabel: `${h.stars}-star`,
      area: h.area,
      ...hotelCard(h),
      nightly: m(h.nightly),
      total: m(h.total),
      checked: values[field.hotel] === String(h.id),
      badge: h.id === tactics.mostChosenHotel ? MOST_CHOSEN : null,
      saving: h.saving ? `Save ${m(h.saving)} when you book with your flight` : null,
    })),
    discount: stay.discountPercent > 0 ? `${stay.discountPercent}% off every hotel when you book it with your flight` : null,
    none: values[field.hotel] === 'none',
  };

  const cover = tactics.showAddons ? offers.insurance : null;
  const insurance: ExtrasView['insurance'] = cover && {
    about: `Cover for cancellation, medical costs abroad and lost luggage for everyone on the booking${checkout.infants ? '; infants are covered free' : ''}.`,
    perPassenger: m(cover.perPassenger),
    insured: cover.insured,
    total: m(cover.total),
    // Pre-ticked box (demonstration): "Add" is chosen for the customer until they answer themselves.
    answer: values[field.insurance] === undefined && tactics.pretickedInsurance ? { add: true, decline: false } : choice(field.insurance),
    declineLabel: tactics.shamingDecline ? SHAMING_NO_THANKS : NO_THANKS,
  };

  const names = new Map(checkout.passengers.map((p) => [p.idx, `${p.givenName} ${p.familyName}`.trim() || `Passenger ${p.idx}`]));
  const bundles: ExtrasView['bundles'] = offers.bundles
    .filter((b) => tactics.showBundles || bundled.includes(b.direction))
    .map((b) => ({
      field: field.bundle(b.direction),
      direction: b.direction,
      title: title(b.flight),
      forWhom: b.seated === 1 ? 'For you:' : `For each of the ${b.seated} passengers with a seat:`,
      parts: ['An extra-legroom seat', 'A 23 kg checked bag, on top of what your fare includes', 'Priority boarding'],
      seats: `Seats: ${b.seats.map((s) => `${s.seat} for ${names.get(s.passengerIdx) ?? `passenger ${s.passengerIdx}`}${s.assigned ? '' : ' (your choice, kept)'}`).join(', ')}.`,
      price: m(b.quote.price),
      partsPrice: m(b.quote.parts),
      saving: m(b.quote.saving),
      percent: `${b.quote.discountPercent}%`,
      saved: bundled.includes(b.direction),
      answer: choice(field.bundle(b.direction)),
    }));
  const car = tactics.showAddons ? carView(offers, values) : null;

  // Errors about fields the page does not render (a passenger or flight the trip does not have) are listed together.
  const rendered = new Set<string>([
    ...bags.flatMap((l) => l.passengers.map((p) => p.field)),
    ...priority.flatMap((l) => l.passengers.map((p) => p.field)),
    ...upgrades.map((u) => u.field),
    ...(hotel ? [field.hotel, field.hotelRooms, ...(hotel.nights ? [field.hotelNights] : [])] : []),
    ...(insurance ? [field.insurance] : []),
    ...bundles.map((b) => b.field),
    ...(car ? [field.car, ...(car.days ? [field.carDays] : [])] : []),
  ]);
  const strayErrors = Object.keys(errors).filter((name) => errors[name]?.length && !rendered.has(name));

  const practices = [
    ...(tactics.pretickedInsurance && insurance ? ['a pre-ticked box'] : []),
    ...(tactics.shamingDecline && insurance ? ['confirm-shaming'] : []),
    ...(tactics.fakeTimer ? ['a fake countdown'] : []),
  ];
  const recommended = tactics.recommended;
  const phrase = recommended && OFFER_PHRASE[recommended.offerCode];
  const destination = checkout.flights.find((f) => f.direction === 'outbound')?.destination;

  return {
    demonstration: practices.length ? { practices } : null,
    recommendation:
      recommended && phrase && destination
        ? {
            text: `Travellers to ${city(destination)} often add ${phrase}`,
            basis: `${Math.round(recommended.rate * 100)}% of those offered it on bookings to ${city(destination)} took it (${recommended.accepted} of ${recommended.shown}).`,
          }
        : null,
    fakeTimer: tactics.fakeTimer ? { claim: FAKE_TIMER_CLAIM, seconds: FAKE_TIMER_SECONDS, shown: clock(FAKE_TIMER_SECONDS) } : null,
    notices: { upgraded: up.length ? flightsOf(up) : null, downgraded: down.length && downFamily ? { familyName: downFamily, flights: flightsOf(down) } : null },
    strayErrors,
    bags,
    upgradeTarget,
    upgradeTitle: `Upgrade to ${upgradeTarget}`,
    upgrades,
    priority,
    hotel,
    insurance,
    bundles,
    bundleReleased: bundleReleased.some((d) => checkout.flights.some((f) => f.direction === d))
      ? flightsOf(bundleReleased.filter((d) => checkout.flights.some((f) => f.direction === d)))
      : null,
    car,
    lens: {
      bundle: lensOf(tactics, OFFER.BUNDLE_COMFORT),
      bags: lensOf(tactics, OFFER.BAG_CHECKED_23KG),
      upgrade: lensOf(tactics, OFFER.CABIN_UPGRADE),
      priority: lensOf(tactics, OFFER.PRIORITY_BOARDING),
      hotel: lensOf(tactics, OFFER.HOTEL_STAY),
      insurance: lensOf(tactics, OFFER.TRAVEL_INSURANCE),
      car: lensOf(tactics, OFFER.CAR_RENTAL),
    },
  };
}

const lensOf = (tactics: ExtrasTactics, offerCode: OfferCode) => ({ offerCode, tactic: tactics.of(offerCode)?.tactic ?? null });
