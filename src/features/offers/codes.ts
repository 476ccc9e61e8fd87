// The one owner of offer and tactic codes. Code everywhere names an offer as OFFER.HOTEL_STAY and a
// tactic as TACTIC.scarcity, never as a string literal, so a renamed or unknown code fails to compile.
// The catalogue seeds a row for each (src/features/catalogue/offers.ts).

export const OFFER_CODES = [
  'FARE_STANDARD',
  'FARE_FLEX',
  'FARE_BUSINESS',
  'SEAT_STANDARD',
  'SEAT_UP_FRONT',
  'SEAT_EXTRA_LEGROOM',
  'BAG_CHECKED_23KG',
  'PRIORITY_BOARDING',
  'CABIN_UPGRADE',
  'HOTEL_STAY',
  'TRAVEL_INSURANCE',
  'BUNDLE_COMFORT',
  'CAR_RENTAL',
] as const;
export type OfferCode = (typeof OFFER_CODES)[number];

export const TACTIC_CODES = [
  'free_to_paid_upgrade',
  'checkout_addons',
  'better_model_upgrade',
  'bundle',
  'complementary_discount',
  'recommendation',
  'anchoring',
  'social_proof',
  'scarcity',
  'preticked_box',
  'confirm_shaming',
  'fake_timer',
] as const;
export type TacticCode = (typeof TACTIC_CODES)[number];

function byName<const T extends readonly string[]>(codes: T): { readonly [K in T[number]]: K } {
  return Object.freeze(Object.fromEntries(codes.map((code) => [code, code]))) as { readonly [K in T[number]]: K };
}

/** The tactics that demonstrate a practice consumer law forbids: off by default, flagged on every event. */
export const DARK_PATTERN_TACTICS = ['preticked_box', 'confirm_shaming', 'fake_timer'] as const satisfies readonly TacticCode[];

export const OFFER = byName(OFFER_CODES);
export const TACTIC = byName(TACTIC_CODES);

const offerCodes: ReadonlySet<string> = new Set(OFFER_CODES);
const tacticCodes: ReadonlySet<string> = new Set(TACTIC_CODES);

export function isOfferCode(value: unknown): value is OfferCode {
  return typeof value === 'string' && offerCodes.has(value);
}

export function isDarkPattern(tactic: TacticCode): boolean {
  return (DARK_PATTERN_TACTICS as readonly string[]).includes(tactic);
}

export function isTacticCode(value: unknown): value is TacticCode {
  return typeof value === 'string' && tacticCodes.has(value);
}
