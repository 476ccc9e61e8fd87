// The four fare families, cheapest first. What each includes is shown side by side on the
// results page; the differences are what the fare upsell (FARE_* offers) sells.
import type { Cabin } from './aircraft.ts';

export const FARE_FAMILY_CODES = ['basic', 'standard', 'flex', 'business'] as const;
export type FareFamilyCode = (typeof FARE_FAMILY_CODES)[number];

export type FareFamily = {
  code: FareFamilyCode;
  name: string;
  rank: number;
  cabin: Cabin;
  cabinBag: string;
  checkedBags: number;
  checkedBagKg: number;
  /** paid: every seat choice is paid; standard: standard seats free; any: every seat of the cabin free. */
  seatChoice: 'paid' | 'standard' | 'any';
  changes: string;
  refund: string;
  priority: 0 | 1;
};

export const FARE_FAMILIES: readonly FareFamily[] = [
  {
    code: 'basic',
    name: 'Basic',
    rank: 1,
    cabin: 'economy',
    cabinBag: 'Small bag (40×30×20 cm) under the seat',
    checkedBags: 0,
    checkedBagKg: 0,
    seatChoice: 'paid',
    changes: 'Not allowed',
    refund: 'Not refundable',
    priority: 0,
  },
  {
    code: 'standard',
    name: 'Standard',
    rank: 2,
    cabin: 'economy',
    cabinBag: 'Small bag (40×30×20 cm) + 10 kg cabin bag',
    checkedBags: 1,
    checkedBagKg: 23,
    seatChoice: 'standard',
    changes: 'Change fee €50 per flight',
    refund: 'Not refundable',
    priority: 0,
  },
  {
    code: 'flex',
    name: 'Flex',
    rank: 3,
    cabin: 'economy',
    cabinBag: 'Small bag (40×30×20 cm) + 10 kg cabin bag',
    checkedBags: 1,
    checkedBagKg: 23,
    seatChoice: 'any',
    changes: 'Free changes',
    refund: 'Refundable',
    priority: 1,
  },
  {
    code: 'business',
    name: 'Business',
    rank: 4,
    cabin: 'business',
    cabinBag: 'Small bag (40×30×20 cm) + 2 × 10 kg cabin bags',
    checkedBags: 2,
    checkedBagKg: 32,
    seatChoice: 'any',
    changes: 'Free changes',
    refund: 'Refundable',
    priority: 1,
  },
];

export function isFareFamilyCode(code: string): code is FareFamilyCode {
  return (FARE_FAMILY_CODES as readonly string[]).includes(code);
}
