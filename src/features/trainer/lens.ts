// The tactic lens: for a signed-in trainer who switched it on (trainer-session.ts), every offer in
// the customer flow carries a label saying what it is: UPSELL or CROSS-SELL, the tactic acting on it,
// where it is shown and its take rate so far. Pages render views/partials/tactic-lens.ejs with a label
// from their view model, or from `res.locals.lens.label(offerCode, placement, tactic?)` which this
// middleware provides only when the lens is on (customers never pay for the query, nor see a label).
import type { NextFunction, Request, Response } from 'express';
import { OFFERS } from '../catalogue/offers.ts';
import { TACTIC_CODES, type OfferCode, type TacticCode } from '../offers/codes.ts';
import { tacticAssignments } from '../tactics/assignments.ts';
import { GUIDE, type Placement } from './playbook.ts';
import { offerPlacementFigures } from './trainer.repository.ts';

export type OfferLabel = {
  kind: 'upsell' | 'cross_sell';
  tactic: TacticCode | null;
  placement: Placement;
  /** Accepted ÷ shown at this placement so far; null before the first impression. */
  takeRate: number | null;
  impressions: number;
};

export type Lens = { label: (offerCode: OfferCode, placement: Placement, tactic?: TacticCode | null) => OfferLabel };

const KIND = new Map(OFFERS.map((o) => [o.code, o.kind]));

/** The lens of one request: take rates read once, the acting tactic from the session's assignments. */
export function lensFor(figures: readonly { offerCode: string; placement: string; shown: number; accepted: number }[], applies: (tactic: TacticCode) => boolean): Lens {
  const byKey = new Map(figures.map((f) => [`${f.offerCode}|${f.placement}`, f]));
  return {
    label: (offerCode, placement, tactic) => {
      const f = byKey.get(`${offerCode}|${placement}`);
      const shown = f?.shown ?? 0;
      const acting =
        tactic !== undefined
          ? tactic
          : (TACTIC_CODES.find((t) => GUIDE[t].offers.includes(offerCode) && GUIDE[t].placements.includes(placement) && applies(t)) ?? null);
      return { kind: KIND.get(offerCode) ?? 'upsell', tactic: acting, placement, takeRate: shown > 0 ? (f?.accepted ?? 0) / shown : null, impressions: shown };
    },
  };
}

/** `res.locals.lens` for a trainer with the lens on; after identifyTrainer and the variants middleware. */
export function provideLens(req: Request, res: Response, next: NextFunction): void {
  if (res.locals.tacticLens === true) {
    const { db } = req.deps;
    const assignments = tacticAssignments(db, req.sessionId, req.variants);
    res.locals.lens = lensFor(offerPlacementFigures(db), assignments.applies);
  }
  next();
}

