// Handlers of the extras step, a thin adapter over the save-extras command: the form becomes the
// command's input (extras.schema.ts: formToInput), the command's issues go back to the form's fields,
// and the page is built by its view model (extras.view.ts).
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { CommandContext } from '../../lib/command.ts';
import { AppError, ValidationError, type FieldErrors, type Issue } from '../../lib/errors.ts';
import { fieldErrorsFrom } from '../../lib/validation.ts';
import { DIRECTIONS, type Direction } from '../checkout/checkout.repository.ts';
import { checkoutLocals, firstIncompleteStep, requireCheckout, STEPS, stepUrl } from '../checkout/steps.ts';
import { TACTIC } from '../offers/codes.ts';
import { tacticAssignments } from '../tactics/assignments.ts';
import { currentExtras, listExtrasOffers, upgradeTarget as upgradeTargetOf, type ExtrasSelection } from './extras.ts';
import { recordExtrasShown } from './extras-events.ts';
import { destinationTakesFor, extrasTactics, hotelDiscountFor, listBundlesFor, optionTakesFor } from './extras-tactics.ts';
import { listComfortBundles } from './comfort-bundle.ts';
import { field, formToInput, IntentSchema } from './extras.schema.ts';
import { extrasView } from './extras.view.ts';
import { applyShortcut, extrasShortcuts, ShortcutIntentSchema, type ShortcutIntent } from './extras-shortcuts.ts';
import { checkExtras, saveExtras } from './save-extras.ts';
import { dryRun } from '../../db/dry-run.ts';
import { ApiProblem } from '../../lib/error-mapper.ts';
import { priceCheckout } from '../checkout/pricing.ts';
import { answerQuote, quoteProblem } from '../checkout/quote.ts';

const EXTRAS_INDEX = STEPS.findIndex((s) => s.key === 'extras');

/** The step to send the customer back to when an earlier one is not complete, or null. */
function earlierIncompleteStep(req: Request): string | null {
  const checkout = requireCheckout(req);
  const step = firstIncompleteStep(checkout);
  if (!step || STEPS.findIndex((s) => s.key === step) >= EXTRAS_INDEX) return null;
  return stepUrl(checkout, step);
}

function commandContext(req: Request): CommandContext {
  return { db: req.deps.db, now: req.deps.clock.now(), sessionId: req.sessionId, seed: req.deps.config.demoSeed, variants: req.variants };
}

/** The form values that show a saved selection again. */
function valuesOf(selection: ExtrasSelection): Record<string, string> {
  const values: Record<string, string> = {};
  for (const b of selection.bags) values[field.bag(b.passengerIdx, b.direction)] = String(b.quantity);
  for (const p of selection.priority) values[field.priority(p.passengerIdx, p.direction)] = p.answer;
  for (const u of selection.upgrades) values[field.upgrade(u.direction)] = u.answer;
  if (selection.hotel?.answer === 'add') {
    values[field.hotel] = String(selection.hotel.hotelId);
    if (selection.hotel.nights !== null) values[field.hotelNights] = String(selection.hotel.nights);
    values[field.hotelRooms] = String(selection.hotel.rooms);
  } else if (selection.hotel?.answer === 'decline') values[field.hotel] = 'none';
  if (selection.insurance) values[field.insurance] = selection.insurance;
  for (const b of selection.bundles) values[field.bundle(b.direction)] = b.answer;
  if (selection.car?.answer === 'add') {
    values[field.car] = String(selection.car.carId);
    if (selection.car.days !== null) values[field.carDays] = String(selection.car.days);
  } else if (selection.car?.answer === 'decline') values[field.car] = 'none';
  return values;
}

/** Exactly what was posted, strings only and cut to a sane length, to put back in the form. */
function typedValues(body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' && key !== '_csrf' && key !== 'intent') values[key] = value.slice(0, 300);
  }
  return values;
}

const wholeNumber = (value: string | undefined) => (value && /^\d{1,3}$/.test(value) ? Number(value) : undefined);

const ReleasedSchema = z
  .string()
  .transform((v) => v.split(','))
  .pipe(z.array(z.enum(DIRECTIONS)))
  .catch([]);

function render(
  req: Request,
  res: Response,
  status: number,
  values: Record<string, string>,
  errors: FieldErrors,
  released: Direction[] = [],
  bundleReleased: Direction[] = [],
  shortcut: ShortcutIntent | null = null,
) {
  const checkout = requireCheckout(req);
  const { db, clock } = req.deps;
  // The page's layout follows what is saved (an upgrade saved makes priority part of the fare);
  // the values shown are what was saved or what was just typed.
  const saved = currentExtras(db, checkout);
  const upgraded = saved.upgrades.filter((u) => u.answer === 'add').map((u) => u.direction);
  const assignments = tacticAssignments(db, req.sessionId, req.variants);
  const bundled = saved.bundles.filter((b) => b.answer === 'add').map((b) => b.direction);
  const bundleCtx = { now: clock.now(), seed: req.deps.config.demoSeed };
  const offers = listExtrasOffers(db, checkout, {
    upgraded,
    bundled,
    hotelNights: wholeNumber(values[field.hotelNights]),
    hotelRooms: wholeNumber(values[field.hotelRooms]),
    hotelDiscountPercent: hotelDiscountFor(db, assignments),
    carDays: wholeNumber(values[field.carDays]),
  });
  // The Comfort bundle: listed for a session the tactic is assigned to, and always where one is saved (to keep or give up).
  offers.bundles = assignments.of(TACTIC.bundle)
    ? listBundlesFor(db, assignments, checkout, bundleCtx, upgraded)
    : bundled.length > 0
      ? listComfortBundles(db, checkout, bundleCtx, upgraded).filter((b) => bundled.includes(b.direction))
      : [];
  const tactics = extrasTactics(assignments, optionTakesFor(db, assignments), offers, destinationTakesFor(db, assignments, checkout));
  const upgradeTarget = offers.upgrades[0]?.target.name ?? upgradeTargetOf(db)?.name ?? 'another cabin';
  let view = extrasView({ checkout, offers, tactics, upgraded, released, upgradeTarget, values, errors, bundled, bundleReleased });
  // "Same for everyone" / "Same on the return flight" without JavaScript: the copies the page allows, shown again unsaved.
  if (shortcut) view = extrasView({ checkout, offers, tactics, upgraded, released, upgradeTarget, values: applyShortcut(view, values, shortcut), errors, bundled, bundleReleased });
  // Only what the page shows is recorded as shown: an offer a tactic keeps off the page was not seen.
  const shown = {
    ...offers,
    bags: view.bags.length ? offers.bags : [],
    priority: view.priority.length ? offers.priority : [],
    upgrades: view.upgrades.length ? offers.upgrades : [],
    hotel: view.hotel ? offers.hotel : null,
    insurance: view.insurance ? offers.insurance : null,
    bundles: offers.bundles.filter((b) => view.bundles.some((v) => v.direction === b.direction)),
    car: view.car ? offers.car : null,
  };
  recordExtrasShown(db, checkout, shown, tactics, { sessionId: req.sessionId, now: clock.now() });
  res.status(status).render('checkout/extras', {
    ...checkoutLocals(req, 'extras'),
    pageTitle: 'Extras',
    view,
    errors,
    seatsUrl: stepUrl(checkout, 'seats'),
    quoteUrl: `${stepUrl(checkout, 'extras')}/quote`,
    shortcuts: extrasShortcuts(view, checkout),
  });
}

export function showExtras(req: Request, res: Response): void {
  const back = earlierIncompleteStep(req);
  if (back) return res.redirect(303, back);
  const checkout = requireCheckout(req);
  const released = ReleasedSchema.parse(req.query.released ?? '');
  const bundleReleased = ReleasedSchema.parse(req.query['bundle-released'] ?? '');
  render(req, res, 200, valuesOf(currentExtras(req.deps.db, checkout)), {}, released, bundleReleased);
}

export function submitExtras(req: Request, res: Response): void {
  const back = earlierIncompleteStep(req);
  if (back) return res.redirect(303, back);
  const checkout = requireCheckout(req);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const values = typedValues(body);
  const form = formToInput(body);
  const ctx = commandContext(req);
  // Every problem at once: the fields the form could not read, and what the command says of the rest
  // (an issue on a field already reported is left out, so each field shows the first thing to fix).
  const refuse = (issues: Issue[]) => {
    const reported = form.issues.map((i) => form.fieldOf(i.path));
    const rest = issues.filter((i) => !reported.includes(form.fieldOf(i.path)));
    return render(req, res, 422, values, fieldErrorsFrom([...form.issues, ...rest], form.fieldOf));
  };
  if (form.issues.length > 0) return refuse(checkExtras(ctx, checkout, form.input));
  // "Update hotel prices" shows the totals for the nights and rooms chosen, without saving anything.
  // "Update car prices" likewise, for the days of a one-way rental.
  // A shortcut ("Same for everyone") copies choices on the page and shows it again, without saving (Continue saves).
  const shortcut = ShortcutIntentSchema.safeParse(body.intent);
  if (shortcut.success) return render(req, res, 200, values, {}, [], [], shortcut.data);
  if (IntentSchema.parse(body.intent) !== 'save') return render(req, res, 200, values, {});
  let result;
  try {
    result = saveExtras(ctx, checkout, form.input);
  } catch (error) {
    if (error instanceof ValidationError) return refuse(error.issues);
    throw error;
  }
  if (result.releasedSeats.length === 0 && result.bundleSeatsReleased.length > 0) {
    // Back here once, to say the bundle's seats went and link to the seats step.
    return res.redirect(303, `${stepUrl(checkout, 'extras')}?bundle-released=${result.bundleSeatsReleased.map((r) => r.direction).join(',')}`);
  }
  if (result.releasedSeats.length > 0) {
    // Back here once, to say which seats went and link to the business seats.
    const released = result.releasedSeats.map((r) => r.direction).join(',');
    return res.redirect(303, `${stepUrl(checkout, 'extras')}?released=${released}`);
  }
  res.redirect(303, stepUrl(checkout, 'review'));
}

/**
 * The live price bar's quote: the total and summary with the extras on screen, read by the same form
 * adapter and saved by the same command as Continue, then priced, in a transaction that is rolled back:
 * nothing stays (no extra, no seat released, no offer event). Refused choices: 422 problem with the
 * form's field names.
 */
export function quoteExtras(req: Request, res: Response): void {
  answerQuote(req, res, () => {
    const checkout = requireCheckout(req);
    if (earlierIncompleteStep(req)) throw new ApiProblem('conflict', 'Finish the earlier steps of this booking first.');
    const form = formToInput((req.body ?? {}) as Record<string, unknown>);
    const ctx = commandContext(req);
    const refused = (issues: Issue[]) => quoteProblem(new ValidationError('Some of your extras need another look.', issues), form.fieldOf);
    if (form.issues.length > 0) throw refused([...form.issues, ...checkExtras(ctx, checkout, form.input)]);
    try {
      return dryRun(req.deps.db, () => {
        saveExtras(ctx, checkout, form.input);
        return priceCheckout(req.deps.db, checkout);
      });
    } catch (error) {
      if (error instanceof ValidationError) throw refused(error.issues);
      if (error instanceof AppError && error.issues.length > 0) throw quoteProblem(error, form.fieldOf);
      throw error;
    }
  });
}
