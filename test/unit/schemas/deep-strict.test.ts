import { deepStrict } from '#shared/schemas/deep-strict'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

const Lenient = z.object({
  name: z.object({ zh: z.string().min(1) }),
  items: z.array(z.object({ code: z.string() })).min(1),
  options: z.object({ on: z.boolean() }).default({ on: true }),
  extra: z.object({ note: z.string() }).optional(),
  parent: z.object({ id: z.string() }).nullable(),
  either: z.union([z.object({ a: z.number() }), z.object({ b: z.number() })]),
}).refine(value => value.items.length < 3, { path: ['items'], message: 'too many' })

const valid = { name: { zh: '名' }, items: [{ code: 'x' }], parent: null, either: { a: 1 } }

function unknownKeys(input: unknown) {
  const result = deepStrict(Lenient).safeParse(input)
  return result.success ? [] : result.error.issues.filter(issue => issue.code === 'unrecognized_keys').map(issue => [issue.path.join('.'), (issue as { keys: string[] }).keys])
}

describe('deepStrict', () => {
  it('parses what the schema accepts to the same value, defaults included', () => {
    expect(deepStrict(Lenient).parse(valid)).toEqual(Lenient.parse(valid))
    expect(deepStrict(Lenient).parse(valid).options).toEqual({ on: true })
  })

  it('refuses an unknown key at every depth: object, array item, default, optional, nullable and union branches', () => {
    expect(unknownKeys({ ...valid, top: 1 })).toEqual([['', ['top']]])
    expect(unknownKeys({ ...valid, name: { zh: '名', en: 'x' } })).toEqual([['name', ['en']]])
    expect(unknownKeys({ ...valid, items: [{ code: 'x' }, { code: 'y', kode: 'y' }] })).toEqual([['items.1', ['kode']]])
    expect(unknownKeys({ ...valid, options: { on: false, of: true } })).toEqual([['options', ['of']]])
    expect(unknownKeys({ ...valid, extra: { note: 'n', nte: 'n' } })).toEqual([['extra', ['nte']]])
    expect(unknownKeys({ ...valid, parent: { id: 'p', ip: 'p' } })).toEqual([['parent', ['ip']]])
    expect(deepStrict(Lenient).safeParse({ ...valid, either: { a: 1, c: 2 } }).success).toBe(false)
  })

  it('keeps the schema\'s own bounds and refinements, and leaves the schema it was given lenient', () => {
    expect(deepStrict(Lenient).safeParse({ ...valid, items: [] }).error?.issues[0]).toMatchObject({ code: 'too_small', path: ['items'] })
    expect(deepStrict(Lenient).safeParse({ ...valid, items: [{ code: 'a' }, { code: 'b' }, { code: 'c' }] }).error?.issues[0]).toMatchObject({ code: 'custom', message: 'too many' })
    expect(Lenient.parse({ ...valid, top: 1, name: { zh: '名', en: 'x' } })).toEqual(Lenient.parse(valid))
  })
})

describe('deepStrict on every kind of schema that can hold an object', () => {
  const item = z.object({ code: z.string() })
  const refused = (schema: z.ZodType, input: unknown) => {
    const result = deepStrict(schema).safeParse(input)
    return result.success ? [] : result.error.issues.map(issue => [issue.code, issue.path.join('.')])
  }

  it('looks inside pipes, records, tuples and the catch, readonly and prefault wrappers', () => {
    expect(refused(item.transform(value => value.code), { code: 'a', x: 1 })).toEqual([['unrecognized_keys', '']])
    expect(refused(z.record(z.string(), item), { one: { code: 'a', x: 1 } })).toEqual([['unrecognized_keys', 'one']])
    expect(refused(z.tuple([item], item), [{ code: 'a' }, { code: 'b', x: 1 }])).toEqual([['unrecognized_keys', '1']])
    expect(refused(z.object({ inner: item }).catch({ inner: { code: 'fallback' } }), { inner: { code: 'a', x: 1 } })).toEqual([])
    expect(deepStrict(z.object({ inner: item }).catch({ inner: { code: 'fallback' } })).parse({ inner: { code: 'a', x: 1 } })).toEqual({ inner: { code: 'fallback' } })
    expect(refused(item.readonly(), { code: 'a', x: 1 })).toEqual([['unrecognized_keys', '']])
    expect(refused(z.object({ inner: item.prefault({ code: 'p' }) }), { inner: { code: 'a', x: 1 } })).toEqual([['unrecognized_keys', 'inner']])
  })

  it('follows a recursion written with z.lazy', () => {
    interface TreeNode { name: string, children: TreeNode[] }
    const Tree: z.ZodType<TreeNode> = z.object({ name: z.string(), children: z.lazy(() => z.array(Tree)) })
    expect(refused(Tree, { name: 'a', children: [{ name: 'b', children: [{ name: 'c', children: [], x: 1 }] }] })).toEqual([['unrecognized_keys', 'children.0.children.0']])
    expect(deepStrict(Tree).parse({ name: 'a', children: [] })).toEqual({ name: 'a', children: [] })
  })

  it('leaves an object open on purpose open, and keeps descriptions', () => {
    expect(refused(z.looseObject({ code: z.string() }), { code: 'a', x: 1 })).toEqual([])
    expect(refused(z.object({ code: z.string() }).catchall(z.number()), { code: 'a', x: 1 })).toEqual([])
    expect(refused(z.object({ code: z.string() }).catchall(z.number()), { code: 'a', x: 'one' })).toEqual([['invalid_type', 'x']])
    const described = z.object({ inner: item.meta({ description: 'the inner part' }) })
    expect(z.toJSONSchema(deepStrict(described)).properties!.inner).toMatchObject({ description: 'the inner part', additionalProperties: false })
  })

  it('refuses, when the copy is made, what it cannot make strict', () => {
    expect(() => deepStrict(z.intersection(item, z.object({ name: z.string() })))).toThrow(/kind 'intersection'/)
    const Node = z.object({
      name: z.string(),
      get children() {
        return z.array(Node)
      },
    })
    expect(() => deepStrict(Node)).toThrow(/z\.lazy/)
  })
})
