// The offer catalogue and the tactics playbook as seeded. The codes are a contract: the offers,
// checkout and trainer features look them up through src/features/offers/codes.ts. Amounts are euro cents.
import type { OfferCode, TacticCode } from '../offers/codes.ts';

const TO_1500_KM = 1500;
const TO_4000_KM = 4000;

/** Prices by flight distance: up to 1,500 km, up to 4,000 km, beyond. */
function bands(short: number, medium: number, long: number) {
  return [
    { maxKm: TO_1500_KM, amountMinor: short },
    { maxKm: TO_4000_KM, amountMinor: medium },
    { maxKm: null, amountMinor: long },
  ];
}



export type OfferSeed = {
  code: OfferCode;
  kind: 'upsell' | 'cross_sell';
  category: 'fare' | 'seat' | 'cabin' | 'priority' | 'bag' | 'hotel' | 'insurance' | 'car' | 'bundle';
  name: string;
  description: string;
  priceRule: Record<string, unknown>;
  eligibility: Record<string, unknown>;
  placements: readonly ('results' | 'seats' | 'extras' | 'review' | 'confirmation' | 'manage')[];
};

export const OFFERS: readonly OfferSeed[] = [
  {
    code: 'FARE_STANDARD',
    kind: 'upsell',
    category: 'fare',
    name: 'Standard fare',
    description: 'Standard adds a 23 kg checked bag, a 10 kg cabin bag and a free standard seat on each flight.',
    priceRule: { type: 'fare_difference', family: 'standard' },
    eligibility: {},
    placements: ['results'],
  },
  {
    code: 'FARE_FLEX',
    kind: 'upsell',
    category: 'fare',
    name: 'Flex fare',
    description: 'Flex adds a 23 kg checked bag, any seat including extra legroom, priority boarding, free changes and a refund if you cancel.',
    priceRule: { type: 'fare_difference', family: 'flex' },
    eligibility: {},
    placements: ['results'],
  },
  {
    code: 'FARE_BUSINESS',
    kind: 'upsell',
    category: 'fare',
    name: 'Business fare',
    description: 'Business gives you a seat in the business cabin with direct aisle access, two 32 kg checked bags, priority boarding, free changes and a refund if you cancel.',
    priceRule: { type: 'fare_difference', family: 'business' },
    eligibility: { requiresCabin: 'business' },
    placements: ['results'],
  },
  {
    code: 'SEAT_STANDARD',
    kind: 'upsell',
    category: 'seat',
    name: 'Choose your seat',
    description: 'Pick a standard seat on the seat map now instead of being given one at check-in.',
    priceRule: { type: 'distance_band', per: 'passenger_flight', bands: bands(800, 1200, 2500) },
    eligibility: { zone: 'standard' },
    placements: ['seats', 'review', 'manage'],
  },
  {
    code: 'SEAT_UP_FRONT',
    kind: 'upsell',
    category: 'seat',
    name: 'Up-front seat',
    description: 'A seat in the first rows of economy, so you are among the first off the plane.',
    priceRule: { type: 'distance_band', per: 'passenger_flight', bands: bands(1400, 2000, 3900) },
    eligibility: { zone: 'up_front' },
    placements: ['seats', 'manage'],
  },
  {
    code: 'SEAT_EXTRA_LEGROOM',
    kind: 'upsell',
    category: 'seat',
    name: 'Extra-legroom seat',
    description: 'A bulkhead or exit-row seat with more room for your legs; exit rows are for adults able to help in an emergency.',
    priceRule: { type: 'distance_band', per: 'passenger_flight', bands: bands(2200, 3200, 6900) },
    eligibility: { zone: 'extra_legroom' },
    placements: ['seats', 'manage'],
  },
  {
    code: 'BAG_CHECKED_23KG',
    kind: 'cross_sell',
    category: 'bag',
    name: 'Checked bag (23 kg)',
    description: 'One bag of up to 23 kg in the hold on one flight, cheaper added online than at the airport.',
    priceRule: {
      type: 'distance_band',
      per: 'bag_flight',
      bands: bands(2500, 3500, 6000),
      airportBands: bands(4500, 6000, 9000),
      maxPerPassenger: 3,
    },
    eligibility: { passengerTypes: ['adult', 'child'] },
    placements: ['extras', 'confirmation', 'manage'],
  },
  {
    code: 'PRIORITY_BOARDING',
    kind: 'upsell',
    category: 'priority',
    name: 'Priority boarding',
    description: 'Board in the first group, so there is still room in the overhead lockers for your cabin bag.',
    priceRule: { type: 'distance_band', per: 'passenger_flight', bands: bands(600, 900, 1500) },
    eligibility: { excludeFamilies: ['flex', 'business'] },
    placements: ['extras', 'review', 'manage'],
  },
  {
    code: 'CABIN_UPGRADE',
    kind: 'upsell',
    category: 'cabin',
    name: 'Upgrade to Business',
    description: 'Move to the business cabin on this flight, with its seats, two 32 kg bags, priority boarding and flexible fare rules.',
    priceRule: { type: 'fare_difference', family: 'business' },
    eligibility: { requiresCabin: 'business', excludeFamilies: ['business'] },
    placements: ['extras', 'manage'],
  },
  {
    code: 'HOTEL_STAY',
    kind: 'cross_sell',
    category: 'hotel',
    name: 'Hotel at your destination',
    description: 'A room at a hotel in your destination city for the nights of your stay, paid together with your flights.',
    // withFlightDiscountPercent: the complementary discount (tactic complementary_discount) off the nightly rate.
    priceRule: { type: 'hotel_nights', withFlightDiscountPercent: 15 },
    eligibility: {},
    placements: ['extras', 'confirmation', 'manage'],
  },
  {
    code: 'TRAVEL_INSURANCE',
    kind: 'cross_sell',
    category: 'insurance',
    name: 'Travel insurance',
    description: 'Cover for cancellation, medical costs abroad and lost luggage for everyone on the booking.',
    priceRule: { type: 'per_passenger', oneWayMinor: 1400, returnMinor: 2400 },
    eligibility: {},
    placements: ['extras', 'review', 'manage'],
  },
  {
    // The bundle tactic's offer: priced from its parts (the extra-legroom seat, one 23 kg bag and priority
    // boarding, each at its own price for that passenger and flight) less discountPercent, rounded to the cent.
    code: 'BUNDLE_COMFORT',
    kind: 'cross_sell',
    category: 'bundle',
    name: 'Comfort bundle',
    description: 'An extra-legroom seat, a 23 kg checked bag and priority boarding for everyone with a seat on one flight, for less than the three apart.',
    priceRule: { type: 'bundle', parts: ['SEAT_EXTRA_LEGROOM', 'BAG_CHECKED_23KG', 'PRIORITY_BOARDING'], discountPercent: 20 },
    eligibility: { passengerTypes: ['adult', 'child'], excludeFamilies: ['flex', 'business'] },
    placements: ['extras'],
  },
  {
    code: 'CAR_RENTAL',
    kind: 'cross_sell',
    category: 'car',
    name: 'Car rental at your destination',
    description: 'A rental car waiting at your arrival airport, from the day you land for the days of your stay, paid together with your flights.',
    priceRule: { type: 'car_days' },
    eligibility: {},
    placements: ['extras', 'confirmation', 'manage'],
  },
];



export type TacticSeed = { code: TacticCode; name: string; description: string; mode: 'off' | 'on' | 'ab'; darkPattern: 0 | 1 };

export const TACTICS: readonly TacticSeed[] = [
  { code: 'free_to_paid_upgrade', name: 'Free-to-paid upgrade', description: 'Shows the fare families side by side on the results page and invites Basic buyers to step up to Standard.', mode: 'on', darkPattern: 0 },
  { code: 'checkout_addons', name: 'Add-ons at checkout', description: 'Offers bags, priority boarding, a hotel and insurance on the extras page, after the fare is chosen.', mode: 'on', darkPattern: 0 },
  { code: 'better_model_upgrade', name: 'Better-model upgrade', description: 'Offers the business cabin to economy passengers on flights that have one.', mode: 'on', darkPattern: 0 },
  { code: 'bundle', name: 'Bundle', description: 'Sells a seat, a checked bag and priority boarding together for less than the three apart.', mode: 'off', darkPattern: 0 },
  { code: 'complementary_discount', name: 'Complementary discount', description: 'Makes the hotel cheaper when it is booked with the flight.', mode: 'off', darkPattern: 0 },
  { code: 'recommendation', name: 'Recommendation', description: 'Tells shoppers what travellers on the same route most often added, from real take data.', mode: 'off', darkPattern: 0 },
  { code: 'anchoring', name: 'Anchoring', description: 'Lists the most expensive option first, so the others look moderate beside it.', mode: 'off', darkPattern: 0 },
  { code: 'social_proof', name: 'Social proof', description: 'Labels an option "most chosen" when the recorded take data says it is.', mode: 'off', darkPattern: 0 },
  { code: 'scarcity', name: 'Scarcity', description: 'Says how few seats are left at a price or in a zone, only when that is true.', mode: 'off', darkPattern: 0 },
  { code: 'preticked_box', name: 'Pre-ticked box (dark pattern demo)', description: 'Demonstrates an extra selected in advance, which the customer must notice and untick; unlawful in the EU for paid extras.', mode: 'off', darkPattern: 1 },
  { code: 'confirm_shaming', name: 'Confirm-shaming (dark pattern demo)', description: 'Demonstrates a decline link worded to make the customer feel foolish for saying no.', mode: 'off', darkPattern: 1 },
  { code: 'fake_timer', name: 'Fake timer (dark pattern demo)', description: 'Demonstrates a countdown that claims the price will expire when nothing happens at zero.', mode: 'off', darkPattern: 1 },
];
