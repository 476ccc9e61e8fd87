// Money is an integer number of minor units and a currency. It becomes text only in views.
export type Money = { amountMinor: number; currency: string };

export const DEFAULT_CURRENCY = 'EUR';

export function money(amountMinor: number, currency = DEFAULT_CURRENCY): Money {
  if (!Number.isSafeInteger(amountMinor)) throw new Error(`Money must be whole minor units, got ${amountMinor}`);
  return { amountMinor, currency };
}

export function sumMoney(items: readonly Money[], currency = DEFAULT_CURRENCY): Money {
  let total = 0;
  for (const item of items) {
    if (item.currency !== currency) throw new Error(`Cannot add ${item.currency} to ${currency}`);
    total += item.amountMinor;
  }
  return money(total, currency);
}

const formatters = new Map<string, Intl.NumberFormat>();

/** For views only: "€1,234.50". Whole amounts drop the cents ("€24"). */
export function formatMoney(m: Money, options: { alwaysCents?: boolean } = {}): string {
  const whole = m.amountMinor % 100 === 0 && !options.alwaysCents;
  const key = `${m.currency}:${whole}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-IE', {
      style: 'currency',
      currency: m.currency,
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: whole ? 0 : 2,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(m.amountMinor / 100);
}
