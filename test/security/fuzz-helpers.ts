// Generated inputs for the fuzz tests (fast-check): strings of every kind, malformed percent-encoding,
// form bodies and JSON bodies built from the field names the app knows, so inputs reach the handlers.
import fc from 'fast-check';

/** Enough runs per route for the promise "at least 300 generated inputs per route"; FUZZ_RUNS raises it. */
export const RUNS = Math.max(300, Number(process.env.FUZZ_RUNS ?? 0));

const nasty = fc.constantFrom(
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  '99999999999999999999',
  'NaN',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '2026-02-30',
  '2026-12-10',
  '4242 4242 4242 4242',
  '4000 0000 0000 0002',
  '4000 0027 6000 3184',
  '12/30',
  '123',
  'DUB',
  'LIS',
  'add',
  'decline',
  'approve',
  'fail',
  'outbound',
  'return',
  'one_way',
  '6E',
  'a'.repeat(5000),
);

/** A string of any sort: printable, any code point (lone surrogates too), or one known to hurt. */
export const anyString = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), nasty, fc.integer().map(String));

/** Percent-encoding that may not decode: random bytes, cut-off escapes, overlong and surrogate UTF-8. */
export const pathSegment = fc.oneof(
  anyString.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, ''))),
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }).map((bytes) => bytes.map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('')),
  fc.constantFrom('%', '%E', '%ED%A0%80', '%C0%AF', '%FF%FE', '..', '%2e%2e', '%2F', 'AAAAAAAAAAAAAAAAAAAAAA', 'ZZZZZZ'),
  fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
);

/** Form bodies: known field names (and unknown ones) with any values, sometimes repeated. */
export function formBody(fields: readonly string[]) {
  const key = fields.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fields) }, { weight: 1, arbitrary: anyString }) : anyString;
  return fc.array(fc.tuple(key, anyString), { maxLength: 12 }).map((pairs) => {
    const body = new URLSearchParams();
    for (const [k, v] of pairs) body.append(k, v);
    return body;
  });
}

const API_KEYS = [
  'search', 'from', 'to', 'depart', 'return', 'adults', 'children', 'infants', 'outbound', 'fareId', 'contact', 'email', 'phone',
  'passengers', 'givenName', 'familyName', 'dateOfBirth', 'seats', 'passengerIdx', 'direction', 'seat', 'bags', 'quantity',
  'priority', 'upgrades', 'upgrade', 'answer', 'hotel', 'hotelId', 'nights', 'rooms', 'insurance', 'card', 'number', 'name',
  'expiry', 'cvc', 'outcome', 'placement', '__proto__', 'constructor',
] as const;

/** JSON documents shaped like the API's bodies, with any values, nested a few levels. */
export const jsonBody: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    tie('object'),
  ),
  object: fc.dictionary(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...API_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), tie('value'), {
    maxKeys: 6,
  }),
})).object;

/** A body as sent: JSON, broken JSON, or not JSON at all. */
export const rawJson = fc.oneof(
  { weight: 6, arbitrary: jsonBody.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: anyString },
);
