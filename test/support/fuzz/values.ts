import fc from 'fast-check'

/** Values and bodies that break careless code: odd code units, edge numbers, deep nesting, JSON that JSON.stringify never writes. */

/** Code units a careless decoder trips on: NUL, lone surrogates, bidi overrides, zero-width and BOM. */
const NASTY_UNITS = ['\u0000', '\u0001', '\u001F', '\u007F', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u202E', '\u200B', '\uFEFF', '\u2028', '\uFFFF', '𠮷', '\\', '"', '\'', '%', '\n']
const anyUnit = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY_UNITS) },
  { weight: 1, arbitrary: fc.integer({ min: 0xD800, max: 0xDFFF }).map(code => String.fromCharCode(code)) },
)
export const nastyString = fc.string({ unit: anyUnit, maxLength: 40 })

/** Deep nesting, built without recursion, that fast-check reports by name (its printer recurses). */
function deep(depth: number, wrap: (inner: unknown) => object, name: string): unknown {
  let value: unknown = 1
  for (let i = 0; i < depth; i++)
    value = wrap(value)
  Object.defineProperty(value, fc.toStringMethod, { value: () => `${name}(${depth})` })
  return value
}
const deepArray = (depth: number) => deep(depth, inner => [inner], 'deepArray')
const deepObject = (depth: number) => deep(depth, inner => ({ a: inner }), 'deepObject')

export const SPECIAL_VALUES: unknown[] = [
  1e308,
  -1e308,
  5e-324,
  -0,
  0.1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  2 ** 63,
  2 ** 64,
  Number.MAX_SAFE_INTEGER,
  -1,
  0,
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDC00x\uD800',
  '\u202Eabc',
  '\u200B',
  '\uFEFF',
  'NaN',
  '1e309',
  '2026-02-30',
  '9999-12-31',
  '0000-00-00',
  '+275760-09-13T00:00:00.000Z',
  'true',
  'null',
  '__proto__',
  '\' OR 1=1 --',
  '%00',
  '../../etc/passwd',
  '𠮷𠮷𠮷',
  true,
  false,
  null,
  [],
  {},
]
/** Large values: long strings of one and of three UTF-8 bytes, deep nesting (well inside the 4 MB body limit). */
const LARGE_VALUES: unknown[] = ['x'.repeat(200_000), '长'.repeat(100_000), deepArray(1_000), deepObject(1_000)]

const jsonLike = fc.jsonValue({ maxDepth: 3, stringUnit: anyUnit })
export const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: jsonLike },
  { weight: 3, arbitrary: nastyString },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_VALUES) },
  { weight: 1, arbitrary: fc.constantFrom(...LARGE_VALUES) },
)

/** JSON texts JSON.stringify never writes: numbers beyond a double, escaped lone surrogates and NUL, repeated keys, deep nesting. */
const JSON_TEXTS: string[] = [
  '1e400',
  '[-1e400]',
  '{"a":1e-400}',
  '123456789012345678901234567890',
  '{"protocolVersion":1e400,"mutations":[]}',
  '"\\ud800"',
  '{"\\ud800\\u0000":"\\udfff"}',
  '{"username":"\\u0000","password":"\\u0000"}',
  '{"a":1,"a":2}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
  `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
  `"${'\\u0000'.repeat(10_000)}"`,
  `{"note":"${'x'.repeat(1_000_000)}"}`,
]

export type Body
  = | { kind: 'json', value: unknown }
    | { kind: 'text', text: string, contentType?: string }
    | { kind: 'bytes', bytes: Uint8Array, contentType?: string }

export const arbitraryJsonBody: fc.Arbitrary<Body> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ stringUnit: anyUnit }).map((value): Body => ({ kind: 'json', value })) },
  { weight: 2, arbitrary: valueArb.map((value): Body => ({ kind: 'json', value })) },
  { weight: 2, arbitrary: fc.constantFrom(...JSON_TEXTS).map((text): Body => ({ kind: 'text', text, contentType: 'application/json' })) },
)
