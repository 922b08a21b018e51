import type { ValidationIssue } from '#shared/errors/issue'
import { validateApplication } from '#shared/application/validate-application'
import { isErrorCode } from '#shared/errors/error-codes'
import { formatIssue } from '#shared/errors/format-issue'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeFamily, makeIndividual, makeOrganisation, TODAY } from '../../fixtures/applications'

/**
 * validateApplication runs on whatever a tablet or a client sends — the cross-field rules
 * look at every field that is individually valid even when others are not — so it must
 * answer, never throw, for any JSON at all, and above all for a valid application with a
 * few parts changed to the wrong thing, where the rules see the most. Every answer is
 * issues with catalogued codes whose messages fill every placeholder in both languages, and
 * an application it accepts is accepted again, unchanged, as the server stores it.
 */

const SEED = Number(process.env.PROPERTY_SEED ?? 20261204)
const validate = (input: unknown) => validateApplication(input, DEFAULT_PROGRAMME, { today: TODAY })

function expectWellFormed(issues: readonly ValidationIssue[]): void {
  for (const issue of issues) {
    expect(isErrorCode(issue.code), issue.code).toBe(true)
    for (const locale of ['zh-CN', 'en'] as const)
      expect(formatIssue(issue, locale), `${issue.code} ${JSON.stringify(issue.params)}`).not.toMatch(/\{\w+\}/)
  }
}

/** Every place in a JSON value: paths to each object member and array item. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object')
    return []
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value)
  return entries.flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])])
}

type Mutation = { kind: 'set', at: number, value: unknown } | { kind: 'delete', at: number } | { kind: 'add', at: number, key: string, value: unknown }

function mutate(base: unknown, mutations: Mutation[]): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>
  for (const mutation of mutations) {
    const paths = pathsOf(copy)
    if (!paths.length)
      break
    const path = paths[mutation.at % paths.length]!
    const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy)
    const key = path.at(-1)!
    if (mutation.kind === 'set')
      parent[key] = mutation.value
    else if (mutation.kind === 'delete')
      Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key]
    else if (parent[key] !== null && typeof parent[key] === 'object' && !Array.isArray(parent[key]))
      parent[key][mutation.key] = mutation.value
  }
  return copy
}

/** Values a field might wrongly hold: other types, edge numbers, odd strings. */
const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, '', ' ', 0, -1, 1e308, Number.MAX_SAFE_INTEGER, true, [], {}, '0000-00-00', '2026-02-30', '\u0000', '\uD800', '𠮷'.repeat(200), 'x'.repeat(5000)),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
)
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: wrongValue }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: fc.string({ maxLength: 12 }), value: wrongValue }),
)
const validApplication = fc.constantFrom(makeIndividual(), makeFamily(), makeOrganisation(), makeIndividual({}, { seq: 2 }))

describe('validateApplication on any input', () => {
  it('answers any JSON with well-formed issues, and never throws', () => {
    fc.assert(fc.property(fc.jsonValue(), (input) => {
      const result = validate(input)
      expect(result.ok).toBe(false)
      expectWellFormed(result.ok ? [] : result.issues)
    }), { seed: SEED, numRuns: 300 })
  })

  it('answers a valid application with a few parts changed without throwing; what it accepts it accepts again unchanged', () => {
    fc.assert(fc.property(validApplication, fc.array(mutation, { minLength: 1, maxLength: 4 }), (base, mutations) => {
      const result = validate(mutate(base, mutations))
      if (!result.ok) {
        expect(result.issues.length).toBeGreaterThan(0)
        expectWellFormed(result.issues)
        return
      }
      const again = validate(result.value)
      expect(again.ok).toBe(true)
      expect(again.ok && again.value).toEqual(result.value)
    }), { seed: SEED, numRuns: 1500 })
    // 1,500 whole validations twice over: seconds of work, which a loaded machine stretches.
  }, 30_000)
})
