// Values a client keeps for us but must not be able to change: `value.signature`, where the signature
// is an HMAC-SHA256 of the purpose and the value under the app's session secret. The purpose keeps a
// value signed for one cookie from being accepted by another.
import { createHmac, timingSafeEqual } from 'node:crypto';

function signatureOf(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}\n${value}`).digest('base64url');
}

export function sign(secret: string, purpose: string, value: string): string {
  return `${value}.${signatureOf(secret, purpose, value)}`;
}

/** The value, or undefined when the text is not a value this secret signed for this purpose. */
export function unsign(secret: string, purpose: string, signed: unknown): string | undefined {
  if (typeof signed !== 'string') return undefined;
  const dot = signed.lastIndexOf('.');
  if (dot < 0) return undefined;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1));
  const expected = Buffer.from(signatureOf(secret, purpose, value));
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
}
