// The answer of a step's quote address (POST /checkouts/:id/seats/quote, …/extras/quote): the price
// of the choices on screen. The step runs its own form adapter and command, as Continue does, inside a
// transaction that is rolled back (db/dry-run.ts), and prices the result with pricing.ts: the quote is
// the total the page shows after saving the same choices, and nothing is saved. The live price bar
// (views/partials/price-bar.ejs, public/js/enhance.js) shows its total and swaps in its summary panel;
// the browser computes no price. A refused choice is
// answered as application/problem+json (422, or 409 for a seat another traveller has) with the form's
// field names, and nothing else about the checkout changes.
import type { Request, Response } from 'express';
import { ApiProblem, DEFAULT_FIELD_CODE, describeError, instanceOf, logFault, sendProblem, type ProblemField } from '../../lib/error-mapper.ts';
import type { AppError, IssuePath } from '../../lib/errors.ts';
import { formatMoney, type Money } from '../../lib/money.ts';
import type { Checkout } from './checkout.repository.ts';
import type { PriceSummary } from './pricing.ts';
import { requireCheckout } from './steps.ts';

export type QuoteLine = { key: string; group: string; description: string; total: Money; totalText: string };
export type Quote = { total: Money; totalText: string; lines: QuoteLine[]; summaryHtml: string };

/** A command's refusal with its issues, as the quote's problem: the issues under the form's field names. */
export function quoteProblem(error: AppError, fieldOf: (path: IssuePath) => string | undefined): ApiProblem {
  const errors: ProblemField[] = error.issues.map((issue) => ({ field: fieldOf(issue.path) ?? issue.path.join('/'), code: issue.code ?? DEFAULT_FIELD_CODE, message: issue.message }));
  return new ApiProblem(error.status === 409 ? 'conflict' : 'validation', error.message, { errors });
}

/**
 * Answers the quote of `price()` as JSON, or its error as a problem document (never a page: the
 * caller is the price bar's script).
 */
export function answerQuote(req: Request, res: Response, price: () => PriceSummary): void {
  const fail = (error: unknown) => {
    const d = describeError(error);
    logFault(req, res, error, d);
    sendProblem(res, d, instanceOf(req));
  };
  let summary: PriceSummary;
  let owner: Checkout;
  try {
    owner = requireCheckout(req);
    summary = price();
  } catch (error) {
    return fail(error);
  }
  // The same summary panel as the page's (views/partials/price-summary.ejs), for the script to swap in.
  res.render('partials/price-summary', { checkout: owner, summary }, (error: Error | null, summaryHtml?: string) => {
    if (error) return fail(error);
    const quote: Quote = {
      total: summary.total,
      totalText: formatMoney(summary.total, { alwaysCents: true }),
      lines: summary.lines.map((l) => ({ key: l.key, group: l.group, description: l.description, total: l.total, totalText: formatMoney(l.total) })),
      summaryHtml: summaryHtml ?? '',
    };
    res.set('Cache-Control', 'no-store').json(quote);
  });
}
