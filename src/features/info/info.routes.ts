// Terms, fare rules and privacy: what a customer agrees to when paying, and what we keep about them.
// The facts come from their owners (the catalogue's fare families, Manage booking's cut-offs), so the
// pages cannot drift from what the code sells and enforces.
import type { Request, Response } from 'express';
import { BAGS_AND_SEATS_CUTOFF_MS, HOTEL_CANCEL_CUTOFF_MS, INSURANCE_CUTOFF_MS } from '../manage/manage-rules.ts';
import { listFareFamilies } from '../search/flights.repository.ts';

const hours = (ms: number) => `${Math.round(ms / 3_600_000)} hours`;

const SEAT_CHOICE = { paid: 'Any seat for a fee', standard: 'Standard seats free, others for a fee', any: 'Any seat in the cabin, free' } as const;

/** The cut-offs the terms and fare rules quote, as words. */
function cutOffs() {
  return { bagsAndSeats: hours(BAGS_AND_SEATS_CUTOFF_MS), insurance: hours(INSURANCE_CUTOFF_MS), hotelCancel: hours(HOTEL_CANCEL_CUTOFF_MS) };
}

// GET /terms
export function showTerms(_req: Request, res: Response): void {
  res.render('info/terms', { pageTitle: 'Terms of carriage', styles: ['info'], cutOffs: cutOffs() });
}

// GET /fare-rules
export function showFareRules(req: Request, res: Response): void {
  const families = listFareFamilies(req.deps.db).map((f) => ({
    code: f.code,
    name: f.name,
    cabin: f.cabin === 'business' ? 'Business' : 'Economy',
    cabinBag: f.cabinBag,
    checkedBags: f.checkedBags === 0 ? 'None included (buy one when you book or later)' : `${f.checkedBags} × ${f.checkedBagKg} kg per passenger`,
    seats: SEAT_CHOICE[f.seatChoice],
    changes: f.changes,
    refund: f.refund,
    priority: f.priority ? 'Included' : 'Can be bought',
  }));
  res.render('info/fare-rules', { pageTitle: 'Fare rules', styles: ['info'], families, cutOffs: cutOffs() });
}

// GET /privacy
export function showPrivacy(_req: Request, res: Response): void {
  res.render('info/privacy', { pageTitle: 'Privacy notice', styles: ['info'] });
}
