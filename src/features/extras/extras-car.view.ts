// The extras page's car rental section (views/checkout/extras-car.ejs): its view model, kept apart from
// extras.view.ts. The cars that seat the party, cheapest first, priced for the days shown; nothing checked.
import { formatMoney } from '../../lib/money.ts';
import { longDate } from '../../lib/time.ts';
import { carClassLabel } from '../catalogue/cars.ts';
import type { ExtrasOffers } from './extras.ts';
import { field } from './extras.schema.ts';

type Option = { value: string; label: string; selected: boolean };
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export type CarView = {
  title: string;
  pickUp: string;
  /** "5 days, until your return flight" on a return trip; null when the customer chooses (one-way). */
  fixedDays: string | null;
  days: Option[] | null;
  totalsFor: string;
  cars: Array<{ id: number; label: string; model: string; details: string; daily: string; total: string; checked: boolean }>;
  none: boolean;
};

/** The car rental section: the cars that seat the party, cheapest first, priced for the days shown. */
export function carView(offers: ExtrasOffers, values: Record<string, string>): CarView | null {
  const rental = offers.car;
  if (!rental) return null;
  return {
    title: `Rental car in ${rental.city}`,
    pickUp: `Pick up at ${rental.city} airport (${rental.airportCode}) on ${longDate(rental.pickUpDate)}, the day you land`,
    fixedDays: rental.fixedDays === null ? null : `${plural(rental.fixedDays, 'day')}, until your return flight`,
    days:
      rental.fixedDays === null
        ? Array.from({ length: rental.maxDays - rental.minDays + 1 }, (_, i) => rental.minDays + i).map((d) => ({ value: String(d), label: plural(d, 'day'), selected: d === rental.days }))
        : null,
    totalsFor: plural(rental.days, 'day'),
    cars: rental.cars.map((c) => ({
      id: c.id,
      label: carClassLabel(c.carClass),
      model: c.model,
      details: `${c.seats} seats · ${plural(c.bags, 'large bag')}`,
      daily: formatMoney(c.daily),
      total: formatMoney(c.total),
      checked: values[field.car] === String(c.id),
    })),
    none: values[field.car] === 'none',
  };
}
