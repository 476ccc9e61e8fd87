// GET /checkouts/:id/offers and PUT /checkouts/:id/extras. The offers are exactly those the seats and
// extras pages show, built and recorded as shown by the same functions (seatsPage and
// seatOfferImpressions, listExtrasOffers and recordExtrasShown); extras are saved by saveExtras.
import type { Db } from '../../db/database.ts';
import type { Money } from '../../lib/money.ts';
import type { Checkout, Direction } from '../checkout/checkout.repository.ts';
import { currentExtras, listExtrasOffers } from '../extras/extras.ts';
import { recordExtrasShown } from '../extras/extras-events.ts';
import { destinationTakesFor, extrasTactics, hotelDiscountFor, listBundlesFor, optionTakesFor } from '../extras/extras-tactics.ts';
import { saveExtras } from '../extras/save-extras.ts';
import { OFFER, type OfferCode } from '../offers/codes.ts';
import { getOffer } from '../offers/offers.repository.ts';
import { tacticAssignments } from '../tactics/assignments.ts';
import { recordSeatOffersShown, seatOfferImpressions, seatsPage } from '../seats/seat-selection.ts';
import { CheckoutParams, checkoutAtStep, checkoutExists, reloadCheckout } from './checkouts.api.ts';
import { ExtrasRequestSchema, ExtrasResultSchema, OfferListSchema, OffersQuerySchema, type OfferBody } from './offers.schema.ts';
import { operation, problems, type ApiContext } from './operation.ts';
import { checkoutPath, presentCheckout } from './presenters.ts';

const m = (money: Money) => ({ amountMinor: money.amountMinor, currency: money.currency });
const ITEM = /^[a-z]+:p(\d+):(outbound|return)$/;

function catalogue(db: Db, code: string) {
  const offer = getOffer(db, code);
  return { offerCode: offer.code, name: offer.name, description: offer.description, kind: offer.kind };
}

function seatOffers(ctx: ApiContext, checkout: Checkout): OfferBody[] {
  const page = seatsPage(ctx.db, checkout, { now: ctx.now, seed: ctx.config.demoSeed, onSeatsStep: false });
  recordSeatOffersShown(ctx.db, checkout, page, { sessionId: ctx.sessionId, now: ctx.now });
  return seatOfferImpressions(ctx.db, page).map((impression): OfferBody => {
    const item = ITEM.exec(impression.itemKey ?? '');
    return {
      id: `seats:${impression.offer.code}:${impression.itemKey}`,
      ...catalogue(ctx.db, impression.offer.code),
      category: 'seat',
      placement: 'seats',
      itemKey: impression.itemKey ?? '',
      passengerIdx: item ? Number(item[1]) : null,
      direction: item ? (item[2] as Direction) : null,
      price: m(impression.price),
      priceBasis: 'per_passenger_flight',
      selectWith: { method: 'PUT', path: `${checkoutPath(checkout.id)}/seats`, field: 'seats' },
      details: { zone: impression.zone },
    };
  });
}

function extrasOffers(ctx: ApiContext, checkout: Checkout, hotel: { nights?: number; rooms?: number }, carDays?: number): OfferBody[] {
  const { db } = ctx;
  // As the extras page: priority boarding is part of a saved upgrade to Business.
  const current = currentExtras(db, checkout);
  const upgraded = current.upgrades.filter((u) => u.answer === 'add').map((u) => u.direction);
  const bundled = current.bundles.filter((b) => b.answer === 'add').map((b) => b.direction);
  const assignments = tacticAssignments(db, ctx.sessionId);
  // Prices as the page gives them to this session (the complementary discount on the hotel, when it applies).
  const offers = listExtrasOffers(db, checkout, { upgraded, bundled, hotelNights: hotel.nights, hotelRooms: hotel.rooms, hotelDiscountPercent: hotelDiscountFor(db, assignments), carDays });
  offers.bundles = listBundlesFor(db, assignments, checkout, { now: ctx.now, seed: ctx.config.demoSeed }, upgraded);
  // Recorded as shown with the tactic the page would record them under (the API's list is not filtered by tactics,
  // except the Comfort bundle, which exists only where its tactic applies, or where it is saved).
  const tactics = extrasTactics(assignments, optionTakesFor(db, assignments), offers, destinationTakesFor(db, assignments, checkout));
  const bundles = offers.bundles.filter((b) => tactics.showBundles || bundled.includes(b.direction));
  recordExtrasShown(db, checkout, { ...offers, bundles }, tactics, { sessionId: ctx.sessionId, now: ctx.now });
  const path = `${checkoutPath(checkout.id)}/extras`;
  const common = (code: OfferCode, itemKey: string, field: string) => ({
    id: `extras:${code}:${itemKey}`,
    ...catalogue(db, code),
    placement: 'extras' as const,
    itemKey,
    selectWith: { method: 'PUT' as const, path, field },
  });
  const list: OfferBody[] = [];
  for (const leg of offers.bags) {
    for (const p of leg.passengers) {
      list.push({
        ...common(OFFER.BAG_CHECKED_23KG, p.itemKey, 'bags'),
        category: 'bag',
        passengerIdx: p.passenger.idx,
        direction: leg.direction,
        price: m(leg.online),
        priceBasis: 'per_bag',
        details: { airportPrice: leg.airport ? m(leg.airport) : null, includedBags: leg.includedBags, includedKg: leg.includedKg, maxQuantity: leg.maxQuantity },
      });
    }
  }
  for (const leg of offers.priority) {
    for (const p of leg.passengers) {
      list.push({
        ...common(OFFER.PRIORITY_BOARDING, p.itemKey, 'priority'),
        category: 'priority',
        passengerIdx: p.passenger.idx,
        direction: leg.direction,
        price: m(leg.price),
        priceBasis: 'per_passenger_flight',
        details: {},
      });
    }
  }
  for (const u of offers.upgrades) {
    list.push({
      ...common(OFFER.CABIN_UPGRADE, u.itemKey, 'upgrades'),
      category: 'cabin',
      passengerIdx: null,
      direction: u.direction,
      price: m(u.price),
      priceBasis: 'whole_party_flight',
      details: {
        targetFamily: { code: u.target.code, name: u.target.name },
        perType: u.perType.map((t) => ({ type: t.type, count: t.count, price: m(t.price) })),
        releasesSeats: [...u.heldSeats],
      },
    });
  }
  if (offers.hotel) {
    const stay = offers.hotel;
    const cheapest = stay.hotels.reduce((a, b) => (b.total.amountMinor < a.total.amountMinor ? b : a));
    list.push({
      ...common(OFFER.HOTEL_STAY, stay.itemKey, 'hotel'),
      category: 'hotel',
      passengerIdx: null,
      direction: null,
      price: m(cheapest.total),
      priceBasis: 'cheapest_stay',
      details: {
        city: stay.city,
        airportCode: stay.airportCode,
        checkIn: stay.checkIn,
        fixedNights: stay.fixedNights,
        maxNights: stay.maxNights,
        nights: stay.nights,
        rooms: stay.rooms,
        defaultRooms: stay.defaultRooms,
        maxRooms: stay.maxRooms,
        discountPercent: stay.discountPercent,
        hotels: stay.hotels.map((h) => ({ id: h.id, name: h.name, stars: h.stars, area: h.area, nightly: m(h.nightly), total: m(h.total), saving: h.saving ? m(h.saving) : null })),
      },
    });
  }
  if (offers.insurance) {
    const cover = offers.insurance;
    list.push({
      ...common(OFFER.TRAVEL_INSURANCE, cover.itemKey, 'insurance'),
      category: 'insurance',
      passengerIdx: null,
      direction: null,
      price: m(cover.total),
      priceBasis: 'whole_party_trip',
      details: { perPassenger: m(cover.perPassenger), insured: cover.insured },
    });
  }
  for (const b of bundles) {
    list.push({
      ...common(OFFER.BUNDLE_COMFORT, b.itemKey, 'bundles'),
      category: 'bundle',
      passengerIdx: null,
      direction: b.direction,
      price: m(b.quote.price),
      priceBasis: 'whole_party_flight',
      details: {
        seated: b.seated,
        partsPrice: m(b.quote.parts),
        saving: m(b.quote.saving),
        discountPercent: b.quote.discountPercent,
        bagPrice: m(b.bag),
        priorityPrice: m(b.priority),
        seats: b.seats.map((s) => ({ passengerIdx: s.passengerIdx, seat: s.seat, price: m(s.price), assigned: s.assigned })),
      },
    });
  }
  if (offers.car) {
    const rental = offers.car;
    list.push({
      ...common(OFFER.CAR_RENTAL, rental.itemKey, 'car'),
      category: 'car',
      passengerIdx: null,
      direction: null,
      price: m(rental.cars[0]!.total),
      priceBasis: 'cheapest_rental',
      details: {
        city: rental.city,
        airportCode: rental.airportCode,
        pickUpDate: rental.pickUpDate,
        fixedDays: rental.fixedDays,
        maxDays: rental.maxDays,
        days: rental.days,
        cars: rental.cars.map((c) => ({ id: c.id, carClass: c.carClass, model: c.model, seats: c.seats, bags: c.bags, daily: m(c.daily), total: m(c.total) })),
      },
    });
  }
  return list;
}

export const listOffersOperation = operation({
  operationId: 'listOffers',
  tag: 'Offers and extras',
  summary: 'List the offers of the seats and extras steps',
  description:
    'Every upsell and cross-sell the checkout can take now: seats by zone (placement seats), checked bags, priority boarding, ' +
    'the cabin upgrade, a hotel, travel insurance and a rental car (placement extras), each with an id, kind, category, placement and price ' +
    'from the catalogue. Each is recorded as shown, once per session, checkout, item and placement, exactly like the pages. ' +
    'Zones the fare includes are not offers. Needs the passengers step done.',
  params: CheckoutParams,
  ensureExists: checkoutExists,
  query: OffersQuerySchema,
  responses: [{ status: 200, description: 'The offers.', schema: OfferListSchema }, ...problems(404, 409, 422)],
  handle: ({ params, query, ctx }) => {
    const checkout = checkoutAtStep(ctx, params.id);
    const offers: OfferBody[] = [];
    if (!query.placement || query.placement === 'seats') offers.push(...seatOffers(ctx, checkout));
    if (!query.placement || query.placement === 'extras') {
      const whole = (v: string | undefined) => (v === undefined ? undefined : Number(v));
      offers.push(...extrasOffers(ctx, checkout, { nights: whole(query.hotelNights), rooms: whole(query.hotelRooms) }, whole(query.carDays)));
    }
    return { status: 200, body: { offers } };
  },
});

export const putExtrasOperation = operation({
  operationId: 'putExtras',
  tag: 'Offers and extras',
  summary: 'Choose the extras',
  description:
    'The complete selection of the extras step, saved in one transaction, like the extras page: what is left out is not wanted ' +
    '(a stored extra left out is removed). Each change is recorded as an offer response (accepted, removed, declined for an ' +
    'explicit "No thanks"). Taking the cabin upgrade releases the economy seats held on that flight. Nothing is saved on a 422.',
  params: CheckoutParams,
  ensureExists: checkoutExists,
  body: ExtrasRequestSchema,
  responses: [{ status: 200, description: 'What changed, and the checkout with its new price.', schema: ExtrasResultSchema }, ...problems(404, 409, 415, 422)],
  handle: ({ params, body, ctx }) => {
    const checkout = checkoutAtStep(ctx, params.id);
    const result = saveExtras({ db: ctx.db, now: ctx.now, sessionId: ctx.sessionId, seed: ctx.config.demoSeed }, checkout, body);
    return {
      status: 200,
      body: {
        changes: result.changes.map((c) => ({ itemKey: c.itemKey, offerCode: c.offerCode, event: c.event, price: m(c.price) })),
        releasedSeats: [...result.releasedSeats, ...result.bundleSeatsReleased].map((r) => ({ direction: r.direction, seats: [...r.seats] })),
        checkout: presentCheckout(ctx.db, reloadCheckout(ctx, checkout.id), ctx.now),
      },
    };
  },
});
