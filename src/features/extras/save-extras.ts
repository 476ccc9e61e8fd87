// The save-extras command: the complete new selection of the extras step, checked against what the
// checkout can add and saved in one transaction with its offer events. The page (extras.routes.ts)
// and the JSON API (PUT /checkouts/:id/extras) both call it; its input is the API's request body.
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { CommandContext } from '../../lib/command.ts';
import { ConflictError, ValidationError, type Issue, type IssuePath } from '../../lib/errors.ts';
import { money, type Money } from '../../lib/money.ts';
import { issuesFromZod } from '../../lib/validation.ts';
import { DIRECTIONS, touchCheckout, type Checkout, type Direction } from '../checkout/checkout.repository.ts';
import { hotelPrice, times } from '../checkout/offer-pricing.ts';
import { priceCheckout } from '../checkout/pricing.ts';
import { checkStay, nightsOf } from '../hotels/hotel-stay.ts';
import { findHotel } from '../hotels/hotels.repository.ts';
import { OFFER, TACTIC, type OfferCode } from '../offers/codes.ts';
import { recordOfferResponse } from '../offers/offer-events.ts';
import { listOffers } from '../offers/offers.repository.ts';
import { tacticAssignments, type TacticAssignments } from '../tactics/assignments.ts';
import { CarChoiceSchema, planCar } from './car-extra.ts';
import { ANSWERS, heldSeatsByCabin, isExtrasItemKey, itemKey, listExtrasOffers, passengersOf, upgradeTarget, type ExtrasOffers, type UpgradeLeg } from './extras.ts';
import { deleteExtra, fareSeatsLeft, lastResponses, listStoredExtras, releaseSeat, upsertExtra, type StoredExtra } from './extras.repository.ts';
import { destinationTakesFor, extrasTactics, hotelDiscountFor, listBundlesFor, optionTakesFor } from './extras-tactics.ts';
import { comfortBundleFor, holdBundleSeats, isBundleLeg, releaseBundleSeats, type BundleContext, type BundleLeg } from './comfort-bundle.ts';

const Direction = z.enum(DIRECTIONS);
const Answer = z.enum(ANSWERS).describe('add, or decline for an explicit "No thanks".');
const PassengerIdx = z.int().min(1, 'There is no passenger 0 on this booking: passengers are numbered from 1').max(99);

export const SaveExtrasInputSchema = z.strictObject({
  bags: z
    .array(z.strictObject({ passengerIdx: PassengerIdx, direction: Direction, quantity: z.int().min(0).max(99) }))
    .max(40, 'At most 40 entries')
    .optional(),
  priority: z.array(z.strictObject({ passengerIdx: PassengerIdx, direction: Direction, answer: Answer })).max(40, 'At most 40 entries').optional(),
  upgrades: z.array(z.strictObject({ direction: Direction, answer: Answer })).max(2, 'At most 2 entries').optional(),
  hotel: z
    .discriminatedUnion('answer', [
      z.strictObject({
        answer: z.literal('add'),
        hotelId: z.int().min(1).max(2_000_000_000),
        nights: z.int().min(0).max(999).nullable().optional().describe('One-way trips only (1–14); return trips stay between the flights.'),
        rooms: z.int().min(0).max(99),
      }),
      z.strictObject({ answer: z.literal('decline') }),
    ])
    .nullable()
    .optional(),
  insurance: Answer.nullable().optional(),
  bundles: z
    .array(z.strictObject({ direction: Direction, answer: Answer }))
    .max(2, 'At most 2 entries')
    .optional()
    .describe(
      'The Comfort bundle per flight (an extra-legroom seat, a 23 kg bag and priority boarding for everyone with a seat), only where ' +
        'the offers list it (the bundle tactic applies to the session). Taking it holds extra-legroom seats for those without one.',
    ),
  car: CarChoiceSchema,
});
export type SaveExtrasInput = z.infer<typeof SaveExtrasInputSchema>;

export type ExtrasChange = { itemKey: string; offerCode: OfferCode; event: 'accepted' | 'removed' | 'declined'; price: Money };

export type SaveExtrasResult = {
  /** The responses recorded, in order. */
  changes: ExtrasChange[];
  /** Seats released because a cabin upgrade was taken (economy seats) or given up (seats of the upgrade's cabin). */
  releasedSeats: Array<{ direction: Direction; seats: string[] }>;
  /** Seats a Comfort bundle had given, released because the bundle was given up. */
  bundleSeatsReleased: Array<{ direction: Direction; seats: string[] }>;
};

const PAID = 'This trip has already been paid for. Add bags, a hotel or an upgrade from Manage booking.';
const INVALID = 'Some of your extras need another look.';

/**
 * Saves the complete selection of the extras step in one transaction: extras no longer chosen are
 * deleted, chosen ones upserted, and each change recorded as an offer event:
 * - accepted when an item goes from absent to present (price: what it adds);
 * - removed when a stored item goes (price: what it cost);
 * - declined when "No thanks" is chosen for an item that was neither stored nor already declined;
 * - nothing when a present item only changes (a bag quantity from 1 to 2, another hotel, more nights):
 *   one accept per item keeps take rate = accepted ÷ shown at most 1. See the README.
 * Taking a cabin upgrade releases the economy seats held on that flight, and makes priority boarding
 * on it part of the fare (a stored priority there is removed, a new one ignored).
 * Throws ValidationError with every issue at once (domain paths: `bags/0/quantity`, `hotel/rooms` …)
 * or ConflictError (already paid).
 */
export function saveExtras(ctx: CommandContext, checkout: Checkout, raw: unknown): SaveExtrasResult {
  if (checkout.status !== 'open') throw new ConflictError(PAID);
  const { db } = ctx;
  return db.transaction((): SaveExtrasResult => {
    const { input, issues } = parseLeniently(raw);
    const plan = planExtras(db, checkout, input, tacticAssignments(db, ctx.sessionId, ctx.variants), { now: ctx.now, seed: ctx.seed });
    issues.push(...plan.issues);
    if (issues.length > 0) throw new ValidationError(INVALID, issues);
    return writeExtras(ctx, checkout, plan);
    // IMMEDIATE: the Comfort bundle plans seats from what is free and then holds them; the write lock taken
    // first keeps that read from going stale (UNIQUE(flight_id, seat) still refuses a seat taken meanwhile).
  }).immediate();
}

/**
 * Every issue the command would report for this input, without saving anything: for an adapter that
 * found problems of its own (a form field it could not read) and wants to report all of them at once.
 */
export function checkExtras(ctx: CommandContext, checkout: Checkout, raw: unknown): Issue[] {
  const { input, issues } = parseLeniently(raw);
  return [...issues, ...planExtras(ctx.db, checkout, input, tacticAssignments(ctx.db, ctx.sessionId, ctx.variants), { now: ctx.now, seed: ctx.seed }).issues];
}

/**
 * Parses the input; entries that do not parse are reported and left out, so the rest is still
 * checked and every issue is reported at once. Nothing is saved when there is any issue.
 */
function parseLeniently(raw: unknown): { input: SaveExtrasInput; issues: Issue[] } {
  // reportInput: the issues say whether a field was missing (code `required`), as parseInput does.
  const parsed = SaveExtrasInputSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) return { input: parsed.data, issues: [] };
  const issues = issuesFromZod(parsed.error);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { input: {}, issues };
  const bad = (path: IssuePath) => issues.some((i) => path.every((part, n) => i.path[n] === part));
  const pruned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (Array.isArray(value) && !bad([key])) pruned[key] = value.filter((_, n) => !bad([key, n]));
    else if (!bad([key])) pruned[key] = value;
  }
  const again = SaveExtrasInputSchema.safeParse(pruned);
  return { input: again.success ? again.data : {}, issues };
}

type Wanted = { extra: StoredExtra; price: Money };

type Plan = {
  issues: Issue[];
  offers: ExtrasOffers;
  wanted: Map<string, Wanted>;
  declined: Map<string, { offerCode: OfferCode; price: Money }>;
  /** Comfort bundles newly taken, whose seats are held when the plan is written. */
  bundlesTaken: BundleLeg[];
};

/** What the input asks for, checked against the checkout: the items to store, the "No thanks" answers, and the issues. */
function planExtras(db: Db, checkout: Checkout, input: SaveExtrasInput, assignments: TacticAssignments, bundleCtx: BundleContext): Plan {
  const issues: Issue[] = [];
  const issue = (path: IssuePath, code: string, message: string) => issues.push({ path, code, message });
  const passengers = new Map(passengersOf(checkout).map((p) => [p.idx, p]));
  const flights = new Map(checkout.flights.map((f) => [f.direction, f]));
  const seen = new Set<string>();
  /** Whether this entry is the first for its item and names a passenger and flight of the trip. */
  const usable = (path: IssuePath, key: string, passengerIdx: number | null, direction: Direction) => {
    if (seen.has(key)) return issue(path, 'duplicate', 'This choice was sent twice: choose once'), false;
    seen.add(key);
    if (passengerIdx !== null && !passengers.has(passengerIdx)) return issue(path, 'unknown_passenger', `There is no passenger ${passengerIdx} on this booking`), false;
    if (!flights.has(direction)) {
      return issue(path, 'unknown_flight', `There is no ${direction === 'return' ? 'return' : 'outbound'} flight on this trip`), false;
    }
    return true;
  };

  // Upgrades first: they decide whether priority boarding is still for sale.
  const before = listExtrasOffers(db, checkout);
  const target = upgradeTarget(db);
  const upgraded: Direction[] = [];
  const upgradeAnswers: Array<{ leg: UpgradeLeg; answer: (typeof ANSWERS)[number] }> = [];
  (input.upgrades ?? []).forEach((u, i) => {
    const path = ['upgrades', i, 'answer'];
    if (!usable(path, itemKey.upgrade(u.direction), null, u.direction)) return;
    const leg = before.upgrades.find((l) => l.direction === u.direction);
    if (!leg) {
      const flight = flights.get(u.direction)!;
      const name = target?.name ?? 'another cabin';
      if (!target) issue(path, 'not_offered', 'There is no cabin upgrade on this trip');
      else if (flight.cabin === target.cabin) issue(path, 'already_included', `You are already flying ${name} on this flight`);
      else if (fareSeatsLeft(db, flight.flightId, target.code) === null) issue(path, 'not_offered', `This flight has no ${name} cabin to upgrade to`);
      else issue(path, 'sold_out', `${name} is full on this flight: there is no upgrade for your party`);
      return;
    }
    upgradeAnswers.push({ leg, answer: u.answer });
    if (u.answer === 'add') upgraded.push(u.direction);
  });

  // The Comfort bundle next: it decides whether priority boarding is still for sale, and how many bags.
  const storedBundles = new Map(listStoredExtras(db, checkout.id).filter((e) => e.offerCode === OFFER.BUNDLE_COMFORT).map((e) => [e.itemKey, e]));
  const bundled: Direction[] = [];
  const bundlesTaken: BundleLeg[] = [];
  // Listed for either arm (the parts' events carry the tactic), offered only where it applies.
  const bundleOffers = listBundlesFor(db, assignments, checkout, bundleCtx, upgraded);
  const bundleAnswers: Array<{ key: string; direction: Direction; answer: (typeof ANSWERS)[number]; leg: BundleLeg | null }> = [];
  (input.bundles ?? []).forEach((b, i) => {
    const path = ['bundles', i, 'answer'];
    const key = itemKey.bundle(b.direction);
    if (!usable(path, key, null, b.direction)) return;
    const stored = storedBundles.get(key);
    // A bundle already taken is kept (even if the tactic was switched off since). When a passenger has
    // left extra legroom since (on the seats step), the seats are planned and held again if they can be.
    if (stored && b.answer === 'add') {
      const again = bundleOffers.find((l) => l.direction === b.direction && l.seats.some((seat) => seat.assigned));
      if (again) bundlesTaken.push(again);
      bundled.push(b.direction);
      bundleAnswers.push({ key, direction: b.direction, answer: 'add', leg: null });
      return;
    }
    if (!assignments.applies(TACTIC.bundle)) {
      if (b.answer === 'add') issue(path, 'not_offered', 'There is no Comfort bundle on this trip');
      return;
    }
    if (b.answer === 'add' && upgraded.includes(b.direction)) return issue(path, 'conflict', 'Choose either the upgrade or the Comfort bundle on this flight, not both');
    const found = bundleOffers.find((l) => l.direction === b.direction) ?? comfortBundleFor(db, checkout, flights.get(b.direction)!, bundleCtx, upgraded);
    if (!isBundleLeg(found)) {
      if (b.answer === 'add') issue(path, found.code, found.message);
      return;
    }
    if (b.answer === 'add') {
      bundled.push(b.direction);
      bundlesTaken.push(found);
    }
    bundleAnswers.push({ key, direction: b.direction, answer: b.answer, leg: found });
  });

  const hotelAsked = input.hotel?.answer === 'add' ? input.hotel : null;
  const offers = listExtrasOffers(db, checkout, {
    upgraded,
    bundled,
    hotelNights: hotelAsked?.nights ?? undefined,
    hotelRooms: hotelAsked?.rooms,
    hotelDiscountPercent: hotelDiscountFor(db, assignments), carDays: input.car?.answer === 'add' ? (input.car.days ?? undefined) : undefined,
  });
  offers.bundles = bundleOffers;
  const wanted = new Map<string, Wanted>();
  const declined = new Map<string, { offerCode: OfferCode; price: Money }>();
  const want = (key: string, offerCode: OfferCode, price: Money, extra: Partial<StoredExtra>) => {
    wanted.set(key, {
      price,
      extra: { itemKey: key, offerCode, passengerIdx: null, direction: null, quantity: 1, hotelId: null, checkIn: null, nights: null, rooms: null, discountPercent: 0, carId: null, pickUpDate: null, days: null, ...extra },
    });
  };

  const storedPrices = new Map(priceCheckout(db, checkout).lines.map((l) => [l.key, l.total]));
  for (const b of bundleAnswers) {
    if (b.answer === 'decline') declined.set(b.key, { offerCode: OFFER.BUNDLE_COMFORT, price: b.leg?.quote.price ?? money(0) });
    else if (b.leg) want(b.key, OFFER.BUNDLE_COMFORT, b.leg.quote.price, { direction: b.direction, discountPercent: b.leg.quote.discountPercent });
    else {
      const stored = storedBundles.get(b.key)!;
      want(b.key, OFFER.BUNDLE_COMFORT, storedPrices.get(b.key) ?? money(0), { direction: b.direction, discountPercent: stored.discountPercent });
    }
  }

  for (const u of upgradeAnswers) {
    if (u.answer === 'add') want(u.leg.itemKey, OFFER.CABIN_UPGRADE, u.leg.price, { direction: u.leg.direction });
    else declined.set(u.leg.itemKey, { offerCode: OFFER.CABIN_UPGRADE, price: u.leg.price });
  }

  (input.bags ?? []).forEach((b, i) => {
    const path = ['bags', i, 'quantity'];
    if (!usable(path, itemKey.bag(b.passengerIdx, b.direction), b.passengerIdx, b.direction)) return;
    const passenger = passengers.get(b.passengerIdx)!;
    const leg = offers.bags.find((l) => l.direction === b.direction);
    if (b.quantity === 0) return;
    if (!leg) return issue(path, 'not_offered', 'Checked bags cannot be added to this flight here');
    if (leg.notEligible.some((p) => p.idx === passenger.idx)) {
      return issue(path, 'not_eligible', `${passenger.name} travels on an adult's lap and cannot have a checked bag of their own`);
    }
    if (b.quantity > leg.maxQuantity) {
      return issue(
        path,
        'too_many',
        leg.maxQuantity === 0
          ? `Your ${leg.familyName} fare already includes the most bags a passenger can check`
          : `Choose 0 to ${leg.maxQuantity} bags for ${passenger.name}`,
      );
    }
    want(itemKey.bag(passenger.idx, b.direction), OFFER.BAG_CHECKED_23KG, times(leg.online, b.quantity), {
      passengerIdx: passenger.idx,
      direction: b.direction,
      quantity: b.quantity,
    });
  });

  (input.priority ?? []).forEach((c, i) => {
    const path = ['priority', i, 'answer'];
    if (!usable(path, itemKey.priority(c.passengerIdx, c.direction), c.passengerIdx, c.direction)) return;
    const passenger = passengers.get(c.passengerIdx)!;
    const leg = offers.priority.find((l) => l.direction === c.direction);
    if (!leg) {
      if (c.answer === 'add') issue(path, 'not_offered', 'Priority boarding cannot be added to this flight here');
      return;
    }
    // The upgrade's cabin, or the Comfort bundle, includes priority boarding: the answer no longer matters.
    if (leg.included === 'upgrade' || leg.included === 'bundle') return;
    if (leg.included === 'fare') {
      if (c.answer === 'add') issue(path, 'already_included', `Your ${leg.flight.familyName} fare already includes priority boarding`);
      return;
    }
    const entry = leg.passengers.find((p) => p.passenger.idx === passenger.idx);
    if (!entry) {
      if (c.answer === 'add') issue(path, 'not_eligible', `${passenger.name} boards with their adult and needs no priority boarding`);
      return;
    }
    if (c.answer === 'add') want(entry.itemKey, OFFER.PRIORITY_BOARDING, leg.price, { passengerIdx: passenger.idx, direction: c.direction });
    else declined.set(entry.itemKey, { offerCode: OFFER.PRIORITY_BOARDING, price: leg.price });
  });

  const stay = offers.hotel;
  if (input.hotel?.answer === 'add') {
    const h = input.hotel;
    const option = stay?.hotels.find((o) => o.id === h.hotelId);
    if (!stay) issue(['hotel', 'hotelId'], 'not_offered', 'There is no hotel to add to this trip');
    else {
      if (!option) {
        const known = findHotel(db, h.hotelId);
        issue(['hotel', 'hotelId'], known ? 'wrong_city' : 'unknown_hotel', known ? `That hotel is not in ${stay.city}: choose one of the hotels listed` : 'Choose one of the hotels listed');
      }
      // A return trip stays between the flights: nights sent with it are not the customer's to choose.
      const asked = { nights: stay.fixedNights === null ? h.nights : undefined, rooms: h.rooms };
      const stayIssues = checkStay(stay, asked).map((i) => ({ ...i, path: ['hotel', ...i.path] }));
      issues.push(...stayIssues);
      if (option && stayIssues.length === 0) {
        const nights = nightsOf(stay, asked.nights);
        // Priced with the complementary discount the page showed (frozen with the stay: pricing.ts charges it).
        want(itemKey.hotel, OFFER.HOTEL_STAY, hotelPrice(option.fullNightly, nights, h.rooms, stay.discountPercent), {
          hotelId: option.id,
          checkIn: stay.checkIn,
          nights,
          rooms: h.rooms,
          discountPercent: stay.discountPercent,
        });
      }
    }
  } else if (input.hotel?.answer === 'decline' && stay) {
    const cheapest = stay.hotels.reduce((a, b) => (b.total.amountMinor < a.total.amountMinor ? b : a));
    declined.set(itemKey.hotel, { offerCode: OFFER.HOTEL_STAY, price: cheapest.total });
  }

  if (input.insurance) {
    if (!offers.insurance) {
      if (input.insurance === 'add') issue(['insurance'], 'not_offered', 'Travel insurance cannot be added to this trip');
    } else if (input.insurance === 'add') want(itemKey.insurance, OFFER.TRAVEL_INSURANCE, offers.insurance.total, {});
    else declined.set(itemKey.insurance, { offerCode: OFFER.TRAVEL_INSURANCE, price: offers.insurance.total });
  }

  planCar(db, input, offers, { issue, issues, want, declined });
  return { issues, offers, wanted, declined, bundlesTaken };
}

function writeExtras(ctx: CommandContext, checkout: Checkout, plan: Plan): SaveExtrasResult {
  const { db, now, sessionId } = ctx;
  // What the stored extras cost, as the summary priced them, for the "removed" events.
  const storedPrices = new Map(priceCheckout(db, checkout).lines.filter((l) => l.group === 'extras').map((l) => [l.key, l.total]));
  const stored = new Map(listStoredExtras(db, checkout.id).filter((e) => isExtrasItemKey(e.itemKey)).map((e) => [e.itemKey, e]));
  const last = lastResponses(db, checkout.id);
  const catalogue = listOffers(db);
  const assignments = tacticAssignments(db, sessionId, ctx.variants);
  const tactics = extrasTactics(assignments, optionTakesFor(db, assignments), plan.offers, destinationTakesFor(db, assignments, checkout));
  const changes: ExtrasChange[] = [];
  const record = (key: string, offerCode: OfferCode, price: Money, event: ExtrasChange['event']) => {
    const offer = catalogue.get(offerCode)!;
    const eventCtx = { sessionId, checkoutId: checkout.id, placement: 'extras' as const, tactic: tactics.of(offerCode), demonstration: tactics.demonstration, at: now };
    recordOfferResponse(db, eventCtx, { offer, itemKey: key, price }, event);
    changes.push({ itemKey: key, offerCode, event, price });
  };

  const bundleSeatsReleased: SaveExtrasResult['bundleSeatsReleased'] = [];
  for (const [key, extra] of stored) {
    if (plan.wanted.has(key)) continue;
    // Giving the Comfort bundle up removes what it added: its bag and priority with its row, and the seats it assigned.
    if (extra.offerCode === OFFER.BUNDLE_COMFORT && extra.direction) {
      const seats = releaseBundleSeats(db, checkout, extra.direction);
      if (seats.length) bundleSeatsReleased.push({ direction: extra.direction, seats });
    }
    deleteExtra(db, checkout.id, key);
    record(key, extra.offerCode as OfferCode, storedPrices.get(key) ?? money(0), 'removed');
  }
  for (const leg of plan.bundlesTaken) holdBundleSeats(db, checkout, leg, now);
  for (const [key, w] of plan.wanted) {
    upsertExtra(db, checkout.id, w.extra);
    if (!stored.has(key)) record(key, w.extra.offerCode as OfferCode, w.price, 'accepted');
  }
  for (const [key, d] of plan.declined) {
    const previous = last.get(key);
    if (stored.has(key) || previous === 'declined' || previous === 'removed') continue;
    record(key, d.offerCode, d.price, 'declined');
  }

  // An upgraded party sits in the upgrade's cabin: seats held outside it on that flight are released,
  // and seats in it are released again when the upgrade is given up.
  const targetCabin = upgradeTarget(db)?.cabin;
  const releasedSeats: SaveExtrasResult['releasedSeats'] = [];
  for (const flight of checkout.flights) {
    const key = itemKey.upgrade(flight.direction);
    const taken = plan.wanted.has(key) && !stored.has(key);
    const givenUp = stored.has(key) && !plan.wanted.has(key);
    if (!taken && !givenUp) continue;
    const release = heldSeatsByCabin(db, checkout, flight).filter((s) => (taken ? s.cabin !== targetCabin : s.cabin === targetCabin));
    for (const seat of release) releaseSeat(db, checkout.id, seat.id);
    if (release.length) releasedSeats.push({ direction: flight.direction, seats: release.map((s) => s.seat) });
  }

  touchCheckout(db, checkout.id, now);
  return { changes, releasedSeats, bundleSeatsReleased };
}
