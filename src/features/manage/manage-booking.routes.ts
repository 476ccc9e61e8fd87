// Handlers of the Manage booking pages, behind requireBookingAccess (booking-access.ts). Thin adapters:
// a purchase form's flat fields become the buyExtra command's item (formToItem); the review carries them as
// hidden fields with a fresh purchase id, so the payment buys exactly what was reviewed, once.
//   GET  /bookings/:reference/manage                       the booking page
//   POST /bookings/:reference/manage/review                review one purchase (the amount, the card form)
//   POST /bookings/:reference/manage/pay                   pay for it (303 to the booking, or the bank's page)
//   GET  /bookings/:reference/manage/purchases/:id/challenge    the bank's 3-D Secure page
//   POST /bookings/:reference/manage/purchases/:id/challenge    its answer (approve / fail)
//   POST /bookings/:reference/manage/hotel/cancel          cancel the hotel free of charge
//   POST /bookings/:reference/manage/car/cancel            cancel the car free of charge
import type { Request, Response } from 'express';
import type { CommandContext } from '../../lib/command.ts';
import { AppError, ConflictError, ValidationError, type FieldErrors, type IssuePath } from '../../lib/errors.ts';
import { formatMoney } from '../../lib/money.ts';
import { newId } from '../../lib/session.ts';
import { fieldErrorsFrom } from '../../lib/validation.ts';
import { getBookingDetails } from '../bookings/confirmation.ts';
import { findPayment } from '../ledger/payments.repository.ts';
import { tacticAssignments } from '../tactics/assignments.ts';
import { answerPurchaseChallenge, buyExtraAndWait, challengedPurchase, priceExtra, type BuyExtraInput, type BuyExtraResult } from './buy-extra.ts';
import { cancelCar } from './cancel-car.ts';
import { cancelHotel } from './cancel-hotel.ts';
import { manageOffers, recordManageOffersShown } from './manage-offers.ts';
import { findPurchase } from './manage.repository.ts';
import { formKey, managePageView, purchaseChallengeView, reviewView, type ManagePageState } from './manage.view.ts';

const ITEM_FIELDS = ['type', 'passenger', 'direction', 'quantity', 'seat', 'hotel', 'nights', 'rooms', 'car', 'days'] as const;
const CARD_FIELD = { number: 'card-number', name: 'card-name', expiry: 'card-expiry', cvc: 'card-cvc' } as const;

const ref = (req: Request) => String(req.params.reference ?? '');
const manageUrl = (reference: string) => `/bookings/${reference}/manage`;

function ctxOf(req: Request): CommandContext {
  return { db: req.deps.db, now: req.deps.clock.now(), sessionId: req.sessionId, seed: req.deps.config.demoSeed };
}

function field(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.trim().slice(0, 40) : '';
}

/** The item fields a form sent (strings, as typed): the review's hidden fields. */
function itemFields(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ITEM_FIELDS) if (field(body, name) !== '') out[name] = field(body, name);
  return out;
}

/** "3" → 3; anything else is left out, and the command asks for it. */
const whole = (v: string | undefined) => (v !== undefined && /^\d{1,3}$/.test(v) ? Number(v) : undefined);

/** A purchase form's fields as the buyExtra command's item. */
export function formToItem(f: Record<string, string>): unknown {
  const passengerIdx = whole(f.passenger);
  const direction = f.direction;
  switch (f.type) {
    case 'bag':
      return { type: 'bag', passengerIdx, direction, quantity: whole(f.quantity) };
    case 'seat':
      return { type: 'seat', passengerIdx, direction, seat: (f.seat ?? '').toUpperCase() };
    case 'priority':
      return { type: 'priority', passengerIdx, direction };
    case 'upgrade':
      return { type: 'upgrade', direction };
    case 'hotel':
      return { type: 'hotel', hotelId: whole(f.hotel), nights: whole(f.nights), rooms: whole(f.rooms) };
    case 'car':
      return { type: 'car', carId: whole(f.car), days: whole(f.days) ?? null };
    default:
      return { type: f.type };
  }
}

/** The form that made the purchase, for the page's error next to it. */
function keyOf(f: Record<string, string>): string {
  if (f.type === 'hotel') return 'hotel';
  if (f.type === 'car') return 'car';
  return formKey(f.type ?? '', whole(f.passenger) ?? null, f.direction || null);
}

function renderManage(req: Request, res: Response, status: number, state: ManagePageState = {}): void {
  const ctx = ctxOf(req);
  const details = getBookingDetails(ctx.db, ref(req));
  const offers = manageOffers(ctx, details);
  if (status === 200) recordManageOffersShown(ctx, details, offers);
  res.status(status).render('manage/booking', {
    pageTitle: `Manage booking ${details.booking.reference}`,
    view: managePageView(details, offers, tacticAssignments(ctx.db, req.sessionId), state),
  });
}

/** A refusal of the item (a cut-off, a seat taken, a bag count over the limit): the booking page again, saying why. */
function refuseItem(req: Request, res: Response, error: AppError, fields: Record<string, string>): void {
  const message = error.issues[0]?.message ?? error.message;
  renderManage(req, res, error.status, { problem: error.message, errors: { [keyOf(fields)]: [message] }, values: fields });
}

// GET /bookings/:reference/manage
export function showManageBooking(req: Request, res: Response): void {
  const bought = typeof req.query.bought === 'string' ? findPurchase(req.deps.db, req.query.bought) : undefined;
  const details = bought ? getBookingDetails(req.deps.db, ref(req)) : undefined;
  let notice: string | null = null;
  if (bought && details && bought.bookingId === details.booking.id && bought.status === 'approved') {
    notice = bought.amount.amountMinor === 0 ? `Done: ${bought.description}, at no charge.` : `Added: ${bought.description}. ${formatMoney(bought.amount, { alwaysCents: true })} was charged.`;
  } else if (req.query.cancelled === 'hotel') notice = 'Your hotel is cancelled free of charge; the refund is on the receipt.';
  else if (req.query.cancelled === 'car') notice = 'Your car is cancelled free of charge; the refund is on the receipt.';
  renderManage(req, res, 200, { notice });
}

// POST /bookings/:reference/manage/review
export function reviewPurchase(req: Request, res: Response): void {
  const fields = itemFields((req.body ?? {}) as Record<string, unknown>);
  try {
    const quote = priceExtra(ctxOf(req), ref(req), formToItem(fields));
    res.render('manage/review', { pageTitle: 'Review your purchase', view: reviewView(getBookingDetails(req.deps.db, ref(req)).booking.reference, newId(), quote, fields) });
  } catch (error) {
    if (error instanceof ValidationError || error instanceof ConflictError) return refuseItem(req, res, error, fields);
    throw error;
  }
}

function cardField(path: IssuePath): string | undefined {
  const [root, part] = path;
  if (root !== 'card') return undefined;
  return typeof part === 'string' && part in CARD_FIELD ? CARD_FIELD[part as keyof typeof CARD_FIELD] : 'card-number';
}

function afterPurchase(res: Response, reference: string, result: BuyExtraResult): boolean {
  if (result.status === 'bought' || result.status === 'already_bought') {
    res.redirect(303, `${manageUrl(reference)}?bought=${encodeURIComponent(result.purchaseId)}#receipt`);
    return true;
  }
  if (result.status === 'challenge') {
    res.redirect(303, `${manageUrl(reference)}/purchases/${encodeURIComponent(result.purchaseId)}/challenge`);
    return true;
  }
  return false;
}

// POST /bookings/:reference/manage/pay
export async function payPurchase(req: Request, res: Response): Promise<void> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const fields = itemFields(body);
  const purchaseId = field(body, 'purchase');
  const typed = Object.values(CARD_FIELD).some((name) => typeof body[name] === 'string' && (body[name] as string) !== '');
  const card = typed ? { number: String(body[CARD_FIELD.number] ?? ''), name: String(body[CARD_FIELD.name] ?? ''), expiry: String(body[CARD_FIELD.expiry] ?? ''), cvc: String(body[CARD_FIELD.cvc] ?? '') } : undefined;
  const input = { purchaseId: purchaseId || undefined, item: formToItem(fields), card } as BuyExtraInput;
  const ctx = ctxOf(req);
  const review = (status: number, state: { errors?: FieldErrors; problem?: string }) => {
    const quote = priceExtra(ctx, ref(req), input.item);
    const values = { 'card-name': field(body, CARD_FIELD.name), 'card-expiry': field(body, CARD_FIELD.expiry) };
    res.status(status).render('manage/review', { pageTitle: 'Review your purchase', view: reviewView(getBookingDetails(ctx.db, ref(req)).booking.reference, purchaseId || newId(), quote, fields, { ...state, values }) });
  };
  try {
    const result = await buyExtraAndWait(ctx, ref(req), input, { timeoutMs: req.deps.config.paymentTimeoutMs });
    if (afterPurchase(res, result.status === 'declined' || result.status === 'timeout' ? '' : result.reference, result)) return;
    // The time-out card: the processor did not answer in time (504, as at checkout); a decline is the customer's to fix (422).
    if (result.status === 'timeout') return review(504, { problem: result.message });
    if (result.status === 'declined') return review(422, { problem: result.message });
  } catch (error) {
    if (error instanceof ValidationError && error.issues.every((i) => i.path[0] === 'card')) {
      return review(422, { errors: fieldErrorsFrom(error.issues, cardField), problem: 'Check the card details.' });
    }
    if (error instanceof ValidationError || error instanceof ConflictError) return refuseItem(req, res, error, fields);
    throw error;
  }
}

// GET /bookings/:reference/manage/purchases/:purchaseId/challenge
export function showPurchaseChallenge(req: Request, res: Response): void {
  const purchase = challengedPurchase(ctxOf(req), ref(req), String(req.params.purchaseId ?? ''));
  if (purchase.status !== 'challenge') return res.redirect(303, `${manageUrl(purchase.reference)}?bought=${encodeURIComponent(purchase.id)}#receipt`);
  const payment = purchase.paymentId !== null ? findPayment(req.deps.db, purchase.paymentId) : undefined;
  res.render('manage/challenge', { pageTitle: 'Confirm with your bank', view: purchaseChallengeView(purchase, payment?.card ?? null) });
}

// POST /bookings/:reference/manage/purchases/:purchaseId/challenge
export function submitPurchaseChallenge(req: Request, res: Response): void {
  const answer = field((req.body ?? {}) as Record<string, unknown>, 'outcome') === 'approve' ? 'approve' : 'fail';
  try {
    const result = answerPurchaseChallenge(ctxOf(req), ref(req), String(req.params.purchaseId ?? ''), answer);
    if (result.status === 'declined' || result.status === 'timeout') return renderManage(req, res, 422, { problem: result.message });
    afterPurchase(res, result.reference, result);
  } catch (error) {
    if (error instanceof ConflictError || error instanceof ValidationError) return renderManage(req, res, error.status, { problem: `${error.message} No money was taken.` });
    throw error;
  }
}

// POST /bookings/:reference/manage/hotel/cancel
export function cancelHotelPage(req: Request, res: Response): void {
  try {
    const done = cancelHotel(ctxOf(req), ref(req));
    res.redirect(303, `${manageUrl(done.reference)}?cancelled=hotel#receipt`);
  } catch (error) {
    if (error instanceof ConflictError) return renderManage(req, res, 409, { problem: error.message, errors: { hotel: [error.message] } });
    throw error;
  }
}

// POST /bookings/:reference/manage/car/cancel
export function cancelCarPage(req: Request, res: Response): void {
  try {
    const done = cancelCar(ctxOf(req), ref(req));
    res.redirect(303, `${manageUrl(done.reference)}?cancelled=car#receipt`);
  } catch (error) {
    if (error instanceof ConflictError) return renderManage(req, res, 409, { problem: error.message, errors: { car: [error.message] } });
    throw error;
  }
}
