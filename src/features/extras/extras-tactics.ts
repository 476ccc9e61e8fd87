// Which tactic acts on each offer of the extras step, and what it changes there. The view model
// (extras.view.ts) shows what this decides; the events of the step (shown, accepted, declined,
// removed) carry the tactic and the session's variant of it, so both arms of an A/B test are counted.
//
// - checkout_addons: bags, priority boarding, the hotel and insurance are offered on this page.
// - better_model_upgrade: the cabin upgrade is offered on this page.
// - anchoring: the hotels are listed dearest first (otherwise cheapest first).
// - social_proof: "Most chosen" on the hotel, or the number of bags, that buyers chose more than any
//   other, only when the take data has a clear winner from at least MIN_SAMPLE choices.
// - complementary_discount: the hotel costs HOTEL_STAY's `withFlightDiscountPercent` less per night when
//   booked with the flight (priced by offer pricing, frozen with the stay), and the page says the saving.
// - recommendation: "Travellers to <city> often add <offer>" for the offer of this page taken most
//   often on bookings to the destination (tactics/take-data.ts readTakeDataTo), only from at least MIN_SAMPLE
//   impressions and a take rate of at least RECOMMEND_MIN_RATE.
// - bundle: the Comfort bundle (comfort-bundle.ts) is offered per flight where every part is for sale;
//   while it is offered (in either arm), the events of bags and priority boarding carry it too, so an
//   A/B test compares what both arms bought of the parts.
// Dark-pattern demonstrations (off by default; each event of the page is flagged while one acts):
// - preticked_box: travel insurance comes already answered "Add" until the customer answers.
// - confirm_shaming: insurance's "No thanks" is worded to shame the customer.
// - fake_timer: a countdown claims the extras' prices are held, and nothing happens at zero.
// A tactic that is off, or the A arm (control) of an A/B test, changes nothing. When several tactics
// act on one offer, its events carry the first in an A/B test, else the first acting, in the order
// complementary_discount, anchoring, social_proof, recommendation (dark patterns first on insurance).
import type { Db } from '../../db/database.ts';
import { OFFER, TACTIC, type OfferCode } from '../offers/codes.ts';
import type { TacticAssignment, TacticAssignments } from '../tactics/assignments.ts';
import { mostChosen, NO_OPTION_TAKES, readOptionTakes, type OptionTakes } from '../tactics/option-takes.ts';
import { hotelWithFlightDiscountPercent } from '../checkout/offer-pricing.ts';
import { NO_TAKE_DATA, readTakeDataTo, type TakeData, type TakeFigure } from '../tactics/take-data.ts';
import type { Checkout, Direction } from '../checkout/checkout.repository.ts';
import { listComfortBundles, type BundleContext, type BundleLeg } from './comfort-bundle.ts';
import type { ExtrasOffers } from './extras.ts';

/** The least take rate a recommendation may call "often". */
export const RECOMMEND_MIN_RATE = 0.25;

/** Take data of bookings to the trip's destination: read only for a session the recommendation acts on (either arm). */
export function destinationTakesFor(db: Db, assignments: TacticAssignments, checkout: Checkout): TakeData {
  const destination = checkout.flights.find((f) => f.direction === 'outbound')?.destination;
  return assignments.of(TACTIC.recommendation) && destination ? readTakeDataTo(db, destination) : NO_TAKE_DATA;
}

export type ExtrasTactics = {
  /** The tactic and variant recorded on the events of an offer of this page. */
  of: (offerCode: OfferCode) => TacticAssignment;
  showAddons: boolean;
  showUpgrades: boolean;
  /** The Comfort bundle is on the page (tactic bundle on, or arm B). */
  showBundles: boolean;
  hotelsDearestFirst: boolean;
  /** The hotel id, and the number of bags, to badge "Most chosen" (social proof applied and the data says so). */
  mostChosenHotel: number | undefined;
  mostChosenBags: number | undefined;
  /** The offer travellers to the destination take most (recommendation applied, enough data), and its figure. */
  recommended: TakeFigure | undefined;
  /** Dark-pattern demonstrations acting on the page (applied), for the banner and the events' flag. */
  pretickedInsurance: boolean;
  shamingDecline: boolean;
  fakeTimer: boolean;
  /** Whether any demonstration acts on this page: every event of the page is then flagged. */
  demonstration: boolean;
};

/** The complementary discount the session gets on the hotel (percent; 0 unless the tactic applies). */
export function hotelDiscountFor(db: Db, assignments: TacticAssignments): number {
  return assignments.applies(TACTIC.complementary_discount) ? hotelWithFlightDiscountPercent(db) : 0;
}

/** The first tactic in an A/B test, else the first acting, else null. */
function pick(...candidates: TacticAssignment[]): TacticAssignment {
  return candidates.find((t) => t !== null && t.variant !== 'on') ?? candidates.find((t) => t !== null) ?? null;
}

/** The extras-page offer with the best take rate among those this page offers, when it is high enough. */
function recommendation(takes: TakeData, offers: ExtrasOffers): TakeFigure | undefined {
  const offered: OfferCode[] = [];
  if (offers.bags.some((l) => l.passengers.length)) offered.push(OFFER.BAG_CHECKED_23KG);
  if (offers.priority.some((l) => l.passengers.length)) offered.push(OFFER.PRIORITY_BOARDING);
  if (offers.upgrades.length) offered.push(OFFER.CABIN_UPGRADE);
  if (offers.hotel) offered.push(OFFER.HOTEL_STAY);
  if (offers.insurance) offered.push(OFFER.TRAVEL_INSURANCE);
  if (offers.car) offered.push(OFFER.CAR_RENTAL);
  const figures = offered.map((code) => takes.of(code)).filter((f): f is TakeFigure => f !== undefined && f.rate >= RECOMMEND_MIN_RATE);
  return figures.sort((a, b) => b.rate - a.rate || a.offerCode.localeCompare(b.offerCode))[0];
}

/** Take data is read only for a session that social proof acts on (either arm). */
export function optionTakesFor(db: Db, assignments: TacticAssignments): OptionTakes {
  return assignments.of(TACTIC.social_proof) ? readOptionTakes(db) : NO_OPTION_TAKES;
}

export function extrasTactics(
  assignments: TacticAssignments,
  takes: OptionTakes,
  offers: ExtrasOffers,
  destinationTakes: TakeData = NO_TAKE_DATA,
): ExtrasTactics {
  const addons = assignments.of(TACTIC.checkout_addons);
  const upgrade = assignments.of(TACTIC.better_model_upgrade);
  const anchoring = offers.hotel && offers.hotel.hotels.length > 1 ? assignments.of(TACTIC.anchoring) : null;
  const socialProof = assignments.of(TACTIC.social_proof);

  // The claims social proof could make here, whatever the arm: the A arm records them too, unseen.
  const hotelClaim = offers.hotel ? mostChosen(takes, OFFER.HOTEL_STAY, offers.hotel.hotels.map((h) => h.id)) : undefined;
  const maxBags = Math.max(0, ...offers.bags.map((l) => l.maxQuantity));
  const bagClaim = maxBags > 0 ? mostChosen(takes, OFFER.BAG_CHECKED_23KG, Array.from({ length: maxBags }, (_, i) => i + 1)) : undefined;
  const hotelProof = socialProof && hotelClaim !== undefined ? socialProof : null;
  const bagProof = socialProof && bagClaim !== undefined ? socialProof : null;
  const experiment = (t: TacticAssignment) => t !== null && t.variant !== 'on';
  const discount = offers.hotel ? assignments.of(TACTIC.complementary_discount) : null;
  // The recommendation the data supports, whatever the arm: the A arm records it too, unseen.
  const recommend = assignments.of(TACTIC.recommendation);
  const claim = recommend ? recommendation(destinationTakes, offers) : undefined;
  const recommendFor = (code: OfferCode) => (recommend && claim?.offerCode === code ? recommend : null);
  const hotelTactic = pick(discount, anchoring, hotelProof, recommendFor(OFFER.HOTEL_STAY)) ?? addons;
  // The dark-pattern demonstrations act on insurance when it is on the page.
  const preticked = offers.insurance ? assignments.of(TACTIC.preticked_box) : null;
  const shaming = offers.insurance ? assignments.of(TACTIC.confirm_shaming) : null;
  const timer = assignments.of(TACTIC.fake_timer);
  const insuranceTactic = pick(preticked, shaming, recommendFor(OFFER.TRAVEL_INSURANCE)) ?? addons;
  const demos = [preticked, shaming, timer].filter((t) => t?.applied);
  // The bundle, where the trip has one (listed for either arm by the caller: see listBundlesFor).
  const bundle = offers.bundles.length > 0 ? assignments.of(TACTIC.bundle) : null;

  return {
    of: (code) =>
      code === OFFER.BUNDLE_COMFORT
        ? bundle
        : code === OFFER.CABIN_UPGRADE
        ? (pick(upgrade, recommendFor(code)) ?? upgrade)
        : code === OFFER.HOTEL_STAY
          ? hotelTactic
          : code === OFFER.TRAVEL_INSURANCE
            ? insuranceTactic
            : code === OFFER.BAG_CHECKED_23KG
              ? (pick(bagProof, recommendFor(code), bundle) ?? addons)
              : code === OFFER.PRIORITY_BOARDING
                ? (pick(recommendFor(code), bundle) ?? addons)
                : (pick(recommendFor(code)) ?? addons),
    showAddons: addons?.applied === true,
    showUpgrades: upgrade?.applied === true,
    showBundles: bundle?.applied === true,
    hotelsDearestFirst: anchoring?.applied === true,
    mostChosenHotel: hotelProof?.applied ? hotelClaim : undefined,
    mostChosenBags: bagProof?.applied ? bagClaim : undefined,
    recommended: recommend?.applied ? claim : undefined,
    pretickedInsurance: preticked?.applied === true,
    shamingDecline: shaming?.applied === true,
    fakeTimer: timer?.applied === true,
    demonstration: demos.length > 0,
  };
}

/**
 * The Comfort bundles of the trip for a session the bundle tactic is assigned to (either arm: arm A
 * records the bundle's tactic on the parts' events too, unseen); none when the tactic is off.
 */
export function listBundlesFor(db: Db, assignments: TacticAssignments, checkout: Checkout, ctx: BundleContext, upgraded: readonly Direction[]): BundleLeg[] {
  return assignments.of(TACTIC.bundle) ? listComfortBundles(db, checkout, ctx, upgraded) : [];
}
