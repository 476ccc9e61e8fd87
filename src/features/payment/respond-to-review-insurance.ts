// The respondToReviewInsurance command: "Add travel insurance" or "No thanks" on the review page.
import { z } from 'zod';
import type { CommandContext } from '../../lib/command.ts';
import { parseInput } from '../../lib/validation.ts';
import type { Checkout } from '../checkout/checkout.repository.ts';
import { OFFER } from '../offers/codes.ts';
import { tacticAssignments } from '../tactics/assignments.ts';
import { addWholeTripExtra } from './review.repository.ts';
import { INSURANCE_ITEM_KEY, recordReviewInsuranceResponse, reviewInsuranceOffer, reviewInsuranceTactic } from './review.ts';

export const RespondToReviewInsuranceInputSchema = z.strictObject({
  response: z.enum(['accept', 'decline'], { error: 'Choose Add travel insurance or No thanks' }),
});
export type RespondToReviewInsuranceInput = z.infer<typeof RespondToReviewInsuranceInputSchema>;

/**
 * Adding puts the insurance in the checkout and records 'accepted' in the same transaction; "No thanks"
 * records 'declined' and the offer is not made again. An offer no longer on show (already added, declined,
 * or not offered to this session's arm of the tactic) changes nothing: `changed` is false.
 * A bad response is a ValidationError at ['response'] (code invalid_value or required).
 */
export function respondToReviewInsurance(ctx: CommandContext, checkout: Checkout, input: RespondToReviewInsuranceInput): { changed: boolean } {
  const { response } = parseInput(RespondToReviewInsuranceInputSchema, input, 'Choose Add travel insurance or No thanks.');
  const { db } = ctx;
  const offer = reviewInsuranceOffer(db, checkout);
  const tactic = reviewInsuranceTactic(tacticAssignments(db, ctx.sessionId, ctx.variants));
  if (!offer || !tactic) return { changed: false };
  const event = { checkout, sessionId: ctx.sessionId, offer, tactic, now: ctx.now };
  return db.transaction(() => {
    if (response === 'decline') {
      recordReviewInsuranceResponse(db, event, 'declined');
      return { changed: true };
    }
    if (!addWholeTripExtra(db, checkout.id, INSURANCE_ITEM_KEY, OFFER.TRAVEL_INSURANCE)) return { changed: false };
    recordReviewInsuranceResponse(db, event, 'accepted');
    return { changed: true };
  })();
}
