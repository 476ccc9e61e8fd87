// The recorded offer events in the JSON API (GET /checkouts/{id}/events, GET /bookings/{reference}/events).
import { z } from 'zod';
import { OFFER_KINDS, PLACEMENTS } from '../offers/offers.repository.ts';
import { OFFER_EVENT_KINDS } from '../offers/recorded-events.ts';
import { MoneySchema, named } from './common.schema.ts';

export const OfferEventSchema = named(
  z.strictObject({
    id: z.int().describe('Increasing in the order the events were recorded.'),
    event: z.enum(OFFER_EVENT_KINDS).describe('shown (an impression, once per session, checkout, offer, item and placement), accepted, declined or removed.'),
    offerCode: z.string().describe('The offer, e.g. SEAT_SELECTION, EXTRA_BAG, FARE_UPSELL, TRAVEL_INSURANCE.'),
    kind: z.enum(OFFER_KINDS),
    category: z.string(),
    placement: z.enum(PLACEMENTS).describe('Where the offer was shown or answered.'),
    tactic: z.string().nullable().describe('The tactic acting on the offer when it was recorded (e.g. bundle), or null.'),
    variant: z.string().nullable().describe("The session's arm of that tactic: 'on', or 'A' / 'B' in an A/B test; null without a tactic."),
    itemKey: z.string().nullable().describe("The item the event is about ('seat:p1:outbound', 'bag:p2:return' …), or null for the offer as a whole."),
    price: MoneySchema.describe('The price shown or taken.'),
    at: z.iso.datetime({ offset: true }).describe('When it was recorded (the server clock).'),
  }),
  'OfferEvent',
  'One recorded offer event: the raw material of take rates and A/B results.',
);

export const OfferEventListSchema = named(
  z.strictObject({ events: z.array(OfferEventSchema) }),
  'OfferEventList',
  'The offer events recorded, oldest first.',
);
