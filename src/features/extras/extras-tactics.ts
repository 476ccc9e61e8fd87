// Which tactic acts on each offer of the extras step, and what it changes there. The view model
// (extras.view.ts) shows what this decides; the events of the step (shown, accepted, declined,
// removed) carry the tactic and the session's variant of it, so both arms of an A/B test are counted.
//
// - checkout_addons: bags, priority boarding, the hotel and insurance are offered on this page.
// - better_model_upgrade: the cabin upgrade is offered on this page.
// - anchoring: the hotels are listed dearest first (otherwise cheapest first).
// - social_proof: "Most chosen" on the hotel, or the number of bags, that buyers chose more than any
//   other, only when the take data has a clear winner from at least MIN_SAMPLE choices.
// A tactic that is off, or the A arm (control) of an A/B test, changes nothing. When two tactics act
// on the hotel, its events carry the one in an A/B test (anchoring when both or neither are).
import type { Db } from '../../db/database.ts';
import { OFFER, TACTIC, type OfferCode } from '../offers/codes.ts';
import type { TacticAssignment, TacticAssignments } from '../tactics/assignments.ts';
import { mostChosen, NO_OPTION_TAKES, readOptionTakes, type OptionTakes } from '../tactics/option-takes.ts';
import type { ExtrasOffers } from './extras.ts';

export type ExtrasTactics = {
  /** The tactic and variant recorded on the events of an offer of this page. */
  of: (offerCode: OfferCode) => TacticAssignment;
  showAddons: boolean;
  showUpgrades: boolean;
  hotelsDearestFirst: boolean;
  /** The hotel id, and the number of bags, to badge "Most chosen" (social proof applied and the data says so). */
  mostChosenHotel: number | undefined;
  mostChosenBags: number | undefined;
};

/** Take data is read only for a session that social proof acts on (either arm). */
export function optionTakesFor(db: Db, assignments: TacticAssignments): OptionTakes {
  return assignments.of(TACTIC.social_proof) ? readOptionTakes(db) : NO_OPTION_TAKES;
}

export function extrasTactics(assignments: TacticAssignments, takes: OptionTakes, offers: ExtrasOffers): ExtrasTactics {
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
  const hotelTactic = anchoring && hotelProof ? (experiment(hotelProof) && !experiment(anchoring) ? hotelProof : anchoring) : (anchoring ?? hotelProof ?? addons);

  return {
    of: (code) =>
      code === OFFER.CABIN_UPGRADE ? upgrade : code === OFFER.HOTEL_STAY ? hotelTactic : code === OFFER.BAG_CHECKED_23KG ? (bagProof ?? addons) : addons,
    showAddons: addons?.applied === true,
    showUpgrades: upgrade?.applied === true,
    hotelsDearestFirst: anchoring?.applied === true,
    mostChosenHotel: hotelProof?.applied ? hotelClaim : undefined,
    mostChosenBags: bagProof?.applied ? bagClaim : undefined,
  };
}
