// The tactics playbook as a trainer reads it: what each tactic is (its family and two plain lines),
// where in the flow it acts, which offers it acts on, and its figures so far. An upsell sells a better
// version of what is being bought; a cross-sell sells something that goes with it; a presentation
// tactic changes how offers are shown (order, labels, urgency) rather than what is offered.
import type { Db } from '../../db/database.ts';
import { OFFER, isTacticCode, type OfferCode, type TacticCode } from '../offers/codes.ts';
import type { TacticMode } from '../tactics/assignments.ts';
import { listTactics, tacticFigures } from './trainer.repository.ts';

export const FAMILIES = { upsell: 'Upsell', cross_sell: 'Cross-sell', presentation: 'Presentation' } as const;
export type Family = keyof typeof FAMILIES;
export type Placement = 'results' | 'seats' | 'extras' | 'review' | 'confirmation' | 'manage';

export type TacticGuide = {
  family: Family;
  /** Two lines in plain words: what the tactic is, then what it does in Skylark Air. */
  explanation: readonly [string, string];
  placements: readonly Placement[];
  /** The offers it acts on (the tactic lens names it on these). */
  offers: readonly OfferCode[];
};

export const GUIDE: { readonly [T in TacticCode]: TacticGuide } = {
  free_to_paid_upgrade: {
    family: 'upsell',
    explanation: ['Sells a better version of what is being bought: the paid fare instead of the cheapest one.', 'The results page says what each dearer fare adds; after choosing Basic, one page compares it with Standard and asks once.'],
    placements: ['results'],
    offers: [OFFER.FARE_STANDARD, OFFER.FARE_FLEX, OFFER.FARE_BUSINESS],
  },
  checkout_addons: {
    family: 'upsell',
    explanation: ['Offers extras to a trip once the customer has decided to buy it.', 'Bags, priority boarding, insurance and seats are offered on the extras page and again at review.'],
    placements: ['extras', 'review'],
    offers: [OFFER.BAG_CHECKED_23KG, OFFER.PRIORITY_BOARDING, OFFER.TRAVEL_INSURANCE, OFFER.SEAT_EXTRA_LEGROOM, OFFER.SEAT_UP_FRONT],
  },
  better_model_upgrade: {
    family: 'upsell',
    explanation: ['Sells the better model of the same thing: the higher cabin on the same flight.', 'The business cabin is offered to economy passengers, with what it adds.'],
    placements: ['extras'],
    offers: [OFFER.CABIN_UPGRADE],
  },
  bundle: {
    family: 'cross_sell',
    explanation: [
      'Sells complementary items together for less than they cost apart.',
      'The "Comfort bundle" on the extras page: an extra-legroom seat, a 23 kg bag and priority boarding per flight, 20% less than the three apart.',
    ],
    placements: ['extras'],
    offers: [OFFER.BUNDLE_COMFORT, OFFER.BAG_CHECKED_23KG, OFFER.PRIORITY_BOARDING],
  },
  complementary_discount: {
    family: 'cross_sell',
    explanation: ['Sells something that goes with the purchase, cheaper when bought together.', 'The hotel at the destination costs less when booked with the flight; the saving is shown.'],
    placements: ['extras', 'confirmation'],
    offers: [OFFER.HOTEL_STAY],
  },
  recommendation: {
    family: 'cross_sell',
    explanation: ['Suggests what people like this customer added, from what they really took.', '"Travellers to <city> often add …", only when enough bookings back it.'],
    placements: ['extras'],
    offers: [OFFER.HOTEL_STAY, OFFER.BAG_CHECKED_23KG, OFFER.TRAVEL_INSURANCE, OFFER.PRIORITY_BOARDING],
  },
  anchoring: {
    family: 'presentation',
    explanation: ['Shows the dearest option first so the others look moderate beside it.', 'Fare families and seat zones are listed from the most expensive down.'],
    placements: ['results', 'seats'],
    offers: [OFFER.FARE_BUSINESS, OFFER.FARE_FLEX, OFFER.FARE_STANDARD, OFFER.SEAT_EXTRA_LEGROOM, OFFER.SEAT_UP_FRONT],
  },
  social_proof: {
    family: 'presentation',
    explanation: ['Tells customers what others chose, so following them feels safe.', '"Most chosen" on the option recorded take data shows is truly the most chosen.'],
    placements: ['results', 'seats'],
    offers: [OFFER.FARE_STANDARD, OFFER.FARE_FLEX, OFFER.FARE_BUSINESS, OFFER.SEAT_EXTRA_LEGROOM, OFFER.SEAT_UP_FRONT],
  },
  scarcity: {
    family: 'presentation',
    explanation: ['Says how little is left, so waiting feels risky.', '"n left" only from the real inventory of the named fare or seat zone.'],
    placements: ['results', 'seats'],
    offers: [OFFER.FARE_STANDARD, OFFER.FARE_FLEX, OFFER.FARE_BUSINESS, OFFER.SEAT_EXTRA_LEGROOM, OFFER.SEAT_UP_FRONT],
  },
  preticked_box: {
    family: 'presentation',
    explanation: ['Demonstration of a dark pattern: a paid extra ticked in advance.', 'Insurance arrives selected and must be noticed and unticked; forbidden for paid extras in the EU.'],
    placements: ['extras'],
    offers: [OFFER.TRAVEL_INSURANCE],
  },
  confirm_shaming: {
    family: 'presentation',
    explanation: ['Demonstration of a dark pattern: a refusal worded to make the customer feel foolish.', `The insurance's "No thanks" becomes "No thanks, I'd rather pay for a hospital abroad myself".`],
    placements: ['extras'],
    offers: [OFFER.TRAVEL_INSURANCE],
  },
  fake_timer: {
    family: 'presentation',
    explanation: ['Demonstration of a dark pattern: a countdown to a deadline that does not exist.', `A timer claims the extras' prices are held; nothing happens at zero.`],
    placements: ['extras'],
    offers: [OFFER.TRAVEL_INSURANCE],
  },
};

export type Figure = { shown: number; accepted: number; rate: number | null };
export type TacticCard = {
  code: TacticCode;
  name: string;
  family: Family;
  familyLabel: string;
  explanation: readonly [string, string];
  placements: readonly Placement[];
  mode: TacticMode;
  split: number;
  darkPattern: boolean;
  figure: Figure;
  /** Per arm, for a tactic with events in A/B arms. */
  arms: { A: Figure; B: Figure } | null;
};

const figureOf = (shown: number, accepted: number): Figure => ({ shown, accepted, rate: shown > 0 ? accepted / shown : null });

/** Every tactic of the tactics table with its settings and figures, in seeding order. */
export function readPlaybook(db: Db): TacticCard[] {
  const counts = new Map<string, { shown: number; accepted: number }>();
  for (const row of tacticFigures(db)) {
    for (const key of [row.tactic, `${row.tactic}:${row.variant ?? ''}`]) {
      const c = counts.get(key) ?? { shown: 0, accepted: 0 };
      counts.set(key, { shown: c.shown + row.shown, accepted: c.accepted + row.accepted });
    }
  }
  const figure = (key: string) => {
    const c = counts.get(key);
    return figureOf(c?.shown ?? 0, c?.accepted ?? 0);
  };
  return listTactics(db)
    .filter((row): row is typeof row & { code: TacticCode } => isTacticCode(row.code))
    .map((row) => {
      const guide = GUIDE[row.code];
      const hasArms = counts.has(`${row.code}:A`) || counts.has(`${row.code}:B`);
      return {
        code: row.code,
        name: row.name,
        family: guide.family,
        familyLabel: FAMILIES[guide.family],
        explanation: guide.explanation,
        placements: guide.placements,
        mode: row.mode,
        split: row.split,
        darkPattern: row.darkPattern === 1,
        figure: figure(row.code),
        arms: hasArms || row.mode === 'ab' ? { A: figure(`${row.code}:A`), B: figure(`${row.code}:B`) } : null,
      };
    });
}
