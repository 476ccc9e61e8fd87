import { describe, expect, it } from 'vitest';
import { cardDigits, cvcLength, detectBrand, luhnValid, TEST_CARDS, testCardBehaviour } from '../../src/features/payment/card.ts';
import { parseCardForm } from '../../src/features/payment/payment.schema.ts';

const NOW = new Date('2026-11-27T09:00:00Z');
const form = (overrides: Record<string, string> = {}) => ({
  'card-number': '4242 4242 4242 4242',
  'card-name': 'Ada Lovelace',
  'card-expiry': '12/30',
  'card-cvc': '123',
  ...overrides,
});
const errorsOf = (input: Record<string, string>) => {
  const parsed = parseCardForm(input, NOW);
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe('card numbers', () => {
  it('passes the Luhn check for every sandbox test card and fails it for a changed digit', () => {
    for (const card of TEST_CARDS) expect(luhnValid(card.number)).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });

  it('detects Visa, Mastercard (51-55 and 2221-2720) and Amex from the number', () => {
    expect(detectBrand('4242424242424242')).toBe('visa');
    expect(detectBrand('5555555555554444')).toBe('mastercard');
    expect(detectBrand('2223003122003222')).toBe('mastercard');
    expect(detectBrand('378282246310005')).toBe('amex');
    expect(detectBrand('6011111111111117')).toBe('other');
    expect(cvcLength('amex')).toBe(4);
    expect(cvcLength('visa')).toBe(3);
  });

  it('accepts card numbers typed with spaces', () => {
    expect(cardDigits('4242 4242 4242 4242')).toBe('4242424242424242');
    expect(errorsOf(form({ 'card-number': ' 4242 4242 4242 4242 ' }))).toEqual({});
  });

  it('knows the sandbox behaviours: approve, decline, insufficient funds, 3-D Secure; any other card approves', () => {
    expect(testCardBehaviour('4242424242424242')).toBe('approve');
    expect(testCardBehaviour('4000000000000002')).toBe('decline');
    expect(testCardBehaviour('4000000000009995')).toBe('insufficient_funds');
    expect(testCardBehaviour('4000002760003184')).toBe('challenge');
    expect(testCardBehaviour('5555555555554444')).toBe('approve');
  });
});

describe('the card form', () => {
  it('refuses a number that fails the Luhn check or is not 13-19 digits: "Check the card number"', () => {
    expect(errorsOf(form({ 'card-number': '4242 4242 4242 4241' }))['card-number']).toBe('Check the card number');
    expect(errorsOf(form({ 'card-number': '4242 4242 42' }))['card-number']).toBe('Check the card number');
    expect(errorsOf(form({ 'card-number': '4242-abcd' }))['card-number']).toBe('Check the card number');
    expect(errorsOf(form({ 'card-number': '' }))['card-number']).toBe('Enter the card number');
  });

  it('refuses an expiry before the current month and accepts the current month (valid to its last day)', () => {
    expect(errorsOf(form({ 'card-expiry': '10/26' }))['card-expiry']).toBe('The card has expired');
    expect(errorsOf(form({ 'card-expiry': '11/26' }))['card-expiry']).toBeUndefined();
    expect(errorsOf(form({ 'card-expiry': '13/27' }))['card-expiry']).toMatch(/MM\/YY/);
    expect(errorsOf(form({ 'card-expiry': '1227' }))['card-expiry']).toMatch(/MM\/YY/);
  });

  it('asks for a 3-digit security code, and 4 digits for an Amex', () => {
    expect(errorsOf(form({ 'card-cvc': '12' }))['card-cvc']).toBe('Enter the 3-digit security code');
    expect(errorsOf(form({ 'card-number': '3782 822463 10005', 'card-cvc': '123' }))['card-cvc']).toBe('Enter the 4-digit security code');
    expect(errorsOf(form({ 'card-number': '3782 822463 10005', 'card-cvc': '1234' }))).toEqual({});
  });

  it('asks for the name on the card, 2 to 80 characters', () => {
    expect(errorsOf(form({ 'card-name': '' }))['card-name']).toBe('Enter the name on the card');
    expect(errorsOf(form({ 'card-name': 'A' }))['card-name']).toMatch(/name/);
    expect(errorsOf(form({ 'card-name': 'A'.repeat(81) }))['card-name']).toMatch(/80/);
  });

  it('keeps only brand, last four and expiry of a valid card', () => {
    const parsed = parseCardForm(form(), NOW);
    expect(parsed.success).toBe(true);
    if (parsed.success) expect(parsed.data).toMatchObject({ brand: 'visa', last4: '4242', expiryMonth: 12, expiryYear: 2030 });
  });
});
