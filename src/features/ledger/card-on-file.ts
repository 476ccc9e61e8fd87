// What is ever kept of a card: its brand and last four digits. The brand names are shared by the card
// form (payment), the confirmation (bookings) and the API.

export const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'other'] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

export type CardOnFile = { brand: CardBrand; last4: string };

export const BRAND_LABEL: Record<CardBrand, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  other: 'card',
};

/** "Visa ending 4242", as the confirmation and the bank's page name a card. */
export function cardLabel(card: CardOnFile): string {
  return `${BRAND_LABEL[card.brand]} ending ${card.last4}`;
}
