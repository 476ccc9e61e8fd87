import { describe, expect, it } from 'vitest';
import {
  cardDetails,
  cardDigits,
  cardProblems,
  cvcLength,
  detectBrand,
  luhnValid,
  TEST_CARDS,
  testCardBehaviour,
  type TypedCard,
} from '../../src/features/payment/card.ts';

const NOW = new Date('2026-11-27T09:00:00Z');
const form = (overrides: Partial<TypedCard> = {}): TypedCard => ({
  number: '4242 4242 4242 4242',
  name: 'Ada Lovelace',
  expiry: '12/30',
  cvc: '123',
  ...overrides,
});
const errorsOf = (input: TypedCard) => Object.fromEntries(cardProblems(input, NOW).map((p) => [p.field, p.message]));
const codesOf = (input: TypedCard) => Object.fromEntries(cardProblems(input, NOW).map((p) => [p.field, p.code]));

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
    expect(errorsOf(form({ number: ' 4242 4242 4242 4242 ' }))).toEqual({});
  });

  it('knows the sandbox behaviours: approve, decline, insufficient funds, 3-D Secure; any other card approves', () => {
    expect(testCardBehaviour('4242424242424242')).toBe('approve');
    expect(testCardBehaviour('4000000000000002')).toBe('decline');
    expect(testCardBehaviour('4000000000009995')).toBe('insufficient_funds');
    expect(testCardBehaviour('4000002760003184')).toBe('challenge');
    expect(testCardBehaviour('5555555555554444')).toBe('approve');
  });
});

describe('the card rules of the pay command (one problem per field, with a stable code)', () => {
  it('refuses a number that fails the Luhn check or is not 13-19 digits: "Check the card number"', () => {
    expect(errorsOf(form({ number: '4242 4242 4242 4241' }))['number']).toBe('Check the card number');
    expect(errorsOf(form({ number: '4242 4242 42' }))['number']).toBe('Check the card number');
    expect(errorsOf(form({ number: '4242-abcd' }))['number']).toBe('Check the card number');
    expect(errorsOf(form({ number: '' }))['number']).toBe('Enter the card number');
    expect(codesOf(form({ number: '4242 4242 4242 4241' })).number).toBe('luhn');
    expect(codesOf(form({ number: '4242 4242 42' })).number).toBe('invalid_number');
    expect(codesOf(form({ number: '' })).number).toBe('required');
  });

  it('refuses an expiry before the current month and accepts the current month (valid to its last day)', () => {
    expect(errorsOf(form({ expiry: '10/26' }))['expiry']).toBe('The card has expired');
    expect(errorsOf(form({ expiry: '11/26' }))['expiry']).toBeUndefined();
    expect(errorsOf(form({ expiry: '13/27' }))['expiry']).toMatch(/MM\/YY/);
    expect(errorsOf(form({ expiry: '1227' }))['expiry']).toMatch(/MM\/YY/);
    expect(codesOf(form({ expiry: '10/26' })).expiry).toBe('expired');
    expect(codesOf(form({ expiry: '1227' })).expiry).toBe('format');
    expect(codesOf(form({ expiry: '12/48' })).expiry).toBe('too_far');
  });

  it('asks for a 3-digit security code, and 4 digits for an Amex', () => {
    expect(errorsOf(form({ cvc: '12' }))['cvc']).toBe('Enter the 3-digit security code');
    expect(errorsOf(form({ number: '3782 822463 10005', cvc: '123' }))['cvc']).toBe('Enter the 4-digit security code');
    expect(errorsOf(form({ number: '3782 822463 10005', cvc: '1234' }))).toEqual({});
    expect(codesOf(form({ cvc: '12' })).cvc).toBe('cvc');
    expect(codesOf(form({ cvc: ' ' })).cvc).toBe('required');
  });

  it('asks for the name on the card, 2 to 80 characters', () => {
    expect(errorsOf(form({ name: '' }))['name']).toBe('Enter the name on the card');
    expect(errorsOf(form({ name: 'A' }))['name']).toMatch(/name/);
    expect(errorsOf(form({ name: 'A'.repeat(81) }))['name']).toMatch(/80/);
    expect(codesOf(form({ name: '  ' })).name).toBe('required');
    expect(codesOf(form({ name: 'A' })).name).toBe('too_short');
    expect(codesOf(form({ name: 'A'.repeat(81) })).name).toBe('too_long');
  });

  it('keeps only brand, last four and expiry of a valid card', () => {
    expect(cardProblems(form(), NOW)).toEqual([]);
    expect(cardDetails(form())).toMatchObject({ brand: 'visa', last4: '4242', expiryMonth: 12, expiryYear: 2030 });
  });
});
