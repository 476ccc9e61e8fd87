// Dates and times for views and validation. Instants are UTC ISO strings; what a customer reads is
// always in the time zone of the airport concerned.
const STYLES = {
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
  long: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  short: { weekday: 'short', day: 'numeric', month: 'short' },
  spelled: { day: 'numeric', month: 'long', year: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

// A results page formats a few dozen times and dates: the formatters are built once per zone and style.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, style: keyof typeof STYLES): Intl.DateTimeFormat {
  const key = `${timeZone}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, ...STYLES[style] });
    formatters.set(key, f);
  }
  return f;
}

/** "07:05" in the given zone. */
export function localTime(iso: string, timeZone: string): string {
  return formatter(timeZone, 'time').format(new Date(iso));
}

/** "2026-12-10" in the given zone. */
export function localDate(iso: string | Date, timeZone: string): string {
  const parts = formatter(timeZone, 'date').formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "Thu 10 Dec 2026" for a YYYY-MM-DD date. */
export function longDate(date: string): string {
  return formatter('UTC', 'long').format(new Date(`${date}T12:00:00Z`));
}

/** "Thu 10 Dec" for a YYYY-MM-DD date (a strip of nearby dates). */
export function shortDate(date: string): string {
  return formatter('UTC', 'short').format(new Date(`${date}T12:00:00Z`));
}

/** "14 March 2027" for a YYYY-MM-DD date: how a date is written in a hint or a message. */
export function spelledDate(date: string): string {
  return formatter('UTC', 'spelled').format(new Date(`${date}T12:00:00Z`));
}

/** "2 h 35 min" */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Whole days from a to b (YYYY-MM-DD), negative when b is before a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Age in whole years on a date, both YYYY-MM-DD. */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
