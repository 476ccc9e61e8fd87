// "Same for everyone" and "Same on both flights" on the extras page, for bags and priority boarding:
// each shortcut is a list of copies (from one form field to another) that the page's view model
// already allows. Without JavaScript the button posts the form (intent `same:bags:outbound`,
// `both:priority` …), the server copies the values with applyShortcut and shows the page again, saving
// nothing; with JavaScript public/js/enhance.js makes the same copies in the page (data-copy). A copy
// lands only where the target field offers the value (a fare that includes bags offers fewer), so a
// shortcut never makes a choice the page would refuse. No price is involved: the summary and the
// price bar price what is chosen.
import { z } from 'zod';
import type { Checkout, Direction } from '../checkout/checkout.repository.ts';
import { passengersOf } from './extras.ts';
import type { ExtrasView } from './extras.view.ts';

export type Shortcut = {
  intent: string;
  label: string;
  testId: string;
  /** `from>to` pairs, space-separated, for the script. */
  copy: string;
};

export type ExtrasShortcuts = {
  bags: { legs: Partial<Record<Direction, Shortcut>>; both: Shortcut | null };
  priority: { legs: Partial<Record<Direction, Shortcut>>; both: Shortcut | null };
};

export const ShortcutIntentSchema = z.union([
  z.templateLiteral(['same:', z.enum(['bags', 'priority']), ':', z.enum(['outbound', 'return'])]),
  z.templateLiteral(['both:', z.enum(['bags', 'priority'])]),
]);
export type ShortcutIntent = z.infer<typeof ShortcutIntentSchema>;

type Section = 'bags' | 'priority';
type Copy = { from: string; to: string };
type Field = { field: string; idx: number; allowed: readonly string[] };
type Leg = { direction: Direction; fields: Field[] };

/** Each leg's fields (in passenger order) and the values each offers, from the view model. */
function legsOf(view: ExtrasView, section: Section): Leg[] {
  if (section === 'bags') {
    return view.bags.map((leg) => ({ direction: leg.direction, fields: leg.full ? [] : leg.passengers.map((p) => ({ field: p.field, idx: p.idx, allowed: p.options.map((o) => o.value) })) }));
  }
  return view.priority.map((leg) => ({
    direction: leg.direction,
    fields: leg.included ? [] : leg.passengers.map((p) => ({ field: p.field, idx: Number(/^priority-p(\d+)-/.exec(p.field)?.[1] ?? 0), allowed: ['add', 'decline'] })),
  }));
}

function copiesOf(view: ExtrasView, intent: ShortcutIntent): Copy[] {
  const [kind, section, direction] = intent.split(':') as ['same' | 'both', Section, Direction | undefined];
  const legs = legsOf(view, section);
  if (kind === 'same') {
    const fields = legs.find((l) => l.direction === direction)?.fields ?? [];
    const [first, ...rest] = fields;
    return first ? rest.map((f) => ({ from: first.field, to: f.field })) : [];
  }
  const outbound = legs.find((l) => l.direction === 'outbound')?.fields ?? [];
  const inbound = legs.find((l) => l.direction === 'return')?.fields ?? [];
  return outbound.flatMap((o) => {
    const r = inbound.find((f) => f.idx === o.idx);
    return r ? [{ from: o.field, to: r.field }] : [];
  });
}

/** The shortcuts the page offers: "same for everyone" on a leg with two or more choices, "both flights" when both legs have them. */
export function extrasShortcuts(view: ExtrasView, checkout: Checkout): ExtrasShortcuts {
  const passengers = passengersOf(checkout);
  const build = (section: Section) => {
    const legs: Partial<Record<Direction, Shortcut>> = {};
    for (const leg of legsOf(view, section)) {
      const intent: ShortcutIntent = `same:${section}:${leg.direction}`;
      const copies = copiesOf(view, intent);
      if (copies.length === 0) continue;
      const name = passengers.find((p) => leg.fields[0]!.idx === p.idx)?.name ?? 'the first passenger';
      legs[leg.direction] = { intent, label: `Same for everyone as ${name}`, testId: `${section}-same-${leg.direction}`, copy: pairs(copies) };
    }
    const bothIntent: ShortcutIntent = `both:${section}`;
    const both = copiesOf(view, bothIntent);
    return {
      legs,
      both: both.length ? { intent: bothIntent, label: 'Same on the return flight as outbound', testId: `${section}-both-flights`, copy: pairs(both) } : null,
    };
  };
  return { bags: build('bags'), priority: build('priority') };
}

const pairs = (copies: Copy[]) => copies.map((c) => `${c.from}>${c.to}`).join(' ');

/**
 * The form values after a shortcut: each copy made where the source has a value the target offers.
 * Values not copied are kept as typed.
 */
export function applyShortcut(view: ExtrasView, values: Record<string, string>, intent: ShortcutIntent): Record<string, string> {
  const allowed = new Map<string, readonly string[]>();
  for (const section of ['bags', 'priority'] as const) for (const leg of legsOf(view, section)) for (const f of leg.fields) allowed.set(f.field, f.allowed);
  const next = { ...values };
  for (const { from, to } of copiesOf(view, intent)) {
    // A bag list left alone shows "No extra bag" (0); a priority choice left alone has no answer to copy.
    const value = values[from] ?? (from.startsWith('bag-') ? '0' : undefined);
    if (value !== undefined && value !== '' && allowed.get(to)?.includes(value)) next[to] = value;
  }
  return next;
}
