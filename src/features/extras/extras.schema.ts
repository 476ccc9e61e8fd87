// The extras form. The HTML form is flat (bag-p1-outbound=2, priority-p1-outbound=add,
// upgrade-outbound=decline, hotel=12, hotel-nights=3, hotel-rooms=1, insurance=add, car=40, car-days=3) so that labels,
// field errors and tester selectors share one name. `formToInput` turns it into the save-extras
// command's input (save-extras.ts), and `fieldOf` turns the command's domain paths back into these
// names. Only what a form field can carry is checked here (a number, Add or No thanks); what the
// checkout allows is the command's to say.
import { z } from 'zod';
import type { Issue, IssuePath } from '../../lib/errors.ts';
import type { Direction } from '../checkout/checkout.repository.ts';
import { ANSWERS, type Answer } from './extras.ts';
import type { SaveExtrasInput } from './save-extras.ts';

/** Form field names, shared by the view, the field errors and the tests. */
export const field = {
  bag: (passengerIdx: number, direction: Direction) => `bag-p${passengerIdx}-${direction}`,
  priority: (passengerIdx: number, direction: Direction) => `priority-p${passengerIdx}-${direction}`,
  upgrade: (direction: Direction) => `upgrade-${direction}`,
  hotel: 'hotel',
  hotelNights: 'hotel-nights',
  hotelRooms: 'hotel-rooms',
  insurance: 'insurance',
  bundle: (direction: Direction) => `bundle-${direction}`,
  car: 'car',
  carDays: 'car-days',
} as const;

const BAG_FIELD = /^bag-p(\d{1,2})-(outbound|return)$/;
const PRIORITY_FIELD = /^priority-p(\d{1,2})-(outbound|return)$/;
const UPGRADE_FIELD = /^upgrade-(outbound|return)$/;
const BUNDLE_FIELD = /^bundle-(outbound|return)$/;

const BagQuantityField = z
  .string({ error: 'Choose a number of bags from the list' })
  .trim()
  .regex(/^\d{1,2}$/, 'Choose a number of bags from the list')
  .transform(Number);
const AnswerField = z.enum(ANSWERS, { error: 'Choose Add or No thanks' });
const HotelField = z.union([z.literal('none'), z.string().regex(/^\d{1,9}$/).transform(Number)], {
  error: 'Choose one of the hotels, or No hotel',
});
const CarField = z.union([z.literal('none'), z.string().regex(/^\d{1,9}$/).transform(Number)], {
  error: 'Choose one of the cars, or No car',
});
const WholeNumberField = (what: string) =>
  z
    .string({ error: `Choose the number of ${what}` })
    .trim()
    .regex(/^\d{1,3}$/, `Choose the number of ${what} from the list`)
    .transform(Number);

/** What the extras form may post, besides _csrf: which button was used. */
export const IntentSchema = z.enum(['save', 'update-hotel', 'update-car']).catch('save');

export type ExtrasForm = {
  /** The command's input: every field the form could read. */
  input: Required<Pick<SaveExtrasInput, 'bags' | 'priority' | 'upgrades' | 'bundles'>> & Omit<SaveExtrasInput, 'bags' | 'priority' | 'upgrades' | 'bundles'>;
  /** Fields the form could not read, by the domain path they would have filled. */
  issues: Issue[];
  /** The path of each bag, priority and upgrade entry back to its form field. */
  fieldOf: (path: IssuePath) => string | undefined;
};

/**
 * Turns the flat form into the command's input. Fields the form does not have (a posted price or
 * total, anything else) are ignored: the server prices everything from the catalogue.
 */
export function formToInput(body: Record<string, unknown>): ExtrasForm {
  const issues: Issue[] = [];
  const input: ExtrasForm['input'] = { bags: [], priority: [], upgrades: [], bundles: [] };
  const names = { bags: [] as string[], priority: [] as string[], upgrades: [] as string[], bundles: [] as string[] };
  const unreadable = (path: IssuePath, error: z.ZodError) => issues.push({ path, code: 'invalid_format', message: error.issues[0]?.message ?? 'Check this choice' });

  for (const [name, value] of Object.entries(body)) {
    const values = Array.isArray(value) ? value : [value];
    const bag = BAG_FIELD.exec(name);
    if (bag) {
      // A field sent twice is two entries: the command refuses the second one.
      for (const one of values) {
        const parsed = BagQuantityField.safeParse(one);
        const path = ['bags', input.bags.length, 'quantity'];
        names.bags.push(name);
        if (parsed.success) input.bags.push({ passengerIdx: Number(bag[1]), direction: bag[2] as Direction, quantity: parsed.data });
        else {
          unreadable(path, parsed.error);
          input.bags.push({ passengerIdx: Number(bag[1]), direction: bag[2] as Direction, quantity: 0 });
        }
      }
      continue;
    }
    const priority = PRIORITY_FIELD.exec(name);
    if (priority) {
      for (const one of values) {
        if (one === '' || one === undefined) continue;
        const parsed = AnswerField.safeParse(one);
        if (!parsed.success) {
          unreadable(['priority', input.priority.length, 'answer'], parsed.error);
          names.priority.push(name);
          input.priority.push({ passengerIdx: Number(priority[1]), direction: priority[2] as Direction, answer: 'decline' });
          continue;
        }
        names.priority.push(name);
        input.priority.push({ passengerIdx: Number(priority[1]), direction: priority[2] as Direction, answer: parsed.data });
      }
      continue;
    }
    const bundle = BUNDLE_FIELD.exec(name);
    if (bundle) {
      for (const one of values) {
        if (one === '' || one === undefined) continue;
        const parsed = AnswerField.safeParse(one);
        names.bundles.push(name);
        if (!parsed.success) {
          unreadable(['bundles', input.bundles.length, 'answer'], parsed.error);
          input.bundles.push({ direction: bundle[1] as Direction, answer: 'decline' });
        } else input.bundles.push({ direction: bundle[1] as Direction, answer: parsed.data });
      }
      continue;
    }
    const upgrade = UPGRADE_FIELD.exec(name);
    if (upgrade) {
      for (const one of values) {
        if (one === '' || one === undefined) continue;
        const parsed = AnswerField.safeParse(one);
        names.upgrades.push(name);
        if (!parsed.success) {
          unreadable(['upgrades', input.upgrades.length, 'answer'], parsed.error);
          input.upgrades.push({ direction: upgrade[1] as Direction, answer: 'decline' });
        } else input.upgrades.push({ direction: upgrade[1] as Direction, answer: parsed.data });
      }
    }
  }

  const answer = (path: IssuePath, value: unknown): Answer | null => {
    if (value === undefined || value === '') return null;
    const parsed = AnswerField.safeParse(value);
    if (!parsed.success) return unreadable(path, parsed.error), null;
    return parsed.data;
  };
  input.insurance = answer(['insurance'], body[field.insurance]);

  // Nights and rooms are checked whenever they are sent, even without a hotel: the lists only
  // offer valid numbers, so anything else was not typed by a customer.
  const number = (path: IssuePath, value: unknown, what: string): number | null => {
    if (value === undefined || value === '') return null;
    const parsed = WholeNumberField(what).safeParse(value);
    if (!parsed.success) return unreadable(path, parsed.error), null;
    return parsed.data;
  };
  const nights = number(['hotel', 'nights'], body[field.hotelNights], 'nights');
  const rooms = number(['hotel', 'rooms'], body[field.hotelRooms], 'rooms');
  const hotelValue = body[field.hotel];
  if (hotelValue !== undefined && hotelValue !== '') {
    const parsed = HotelField.safeParse(hotelValue);
    if (!parsed.success) unreadable(['hotel', 'hotelId'], parsed.error);
    else if (parsed.data === 'none') input.hotel = { answer: 'decline' };
    else if (rooms === null) {
      if (!issues.some((i) => i.path[1] === 'rooms')) issues.push({ path: ['hotel', 'rooms'], code: 'required', message: 'Choose the number of rooms' });
    } else input.hotel = { answer: 'add', hotelId: parsed.data, nights, rooms };
  }

  const carDays = number(['car', 'days'], body[field.carDays], 'days');
  const carValue = body[field.car];
  if (carValue !== undefined && carValue !== '') {
    const parsed = CarField.safeParse(carValue);
    if (!parsed.success) unreadable(['car', 'carId'], parsed.error);
    else input.car = parsed.data === 'none' ? { answer: 'decline' } : { answer: 'add', carId: parsed.data, days: carDays };
  }

  const fieldOf = (path: IssuePath): string | undefined => {
    const [top, index] = path;
    if ((top === 'bags' || top === 'priority' || top === 'upgrades' || top === 'bundles') && typeof index === 'number') return names[top][index];
    if (top === 'hotel') return path[1] === 'nights' ? field.hotelNights : path[1] === 'rooms' ? field.hotelRooms : field.hotel;
    if (top === 'insurance') return field.insurance;
    if (top === 'car') return path[1] === 'days' ? field.carDays : field.car;
    return undefined;
  };
  return { input, issues, fieldOf };
}
