import { z } from 'zod'

/**
 * The same schema with every object in it, however deep, refusing keys it does not define
 * (\`unrecognized_keys\`, reported as \`field.unknown\`) instead of dropping them.
 *
 * Request bodies that an operator edits by hand — the programme settings — must not lose a
 * misspelt key without a word, while the stored copies of the same settings keep parsing
 * leniently (a key removed in a later release must not make an old version unreadable), so
 * strictness is applied to the request's copy of the schema, not written into the schema.
 * Each node is cloned with only its children replaced, so refinements, defaults and bounds
 * stay; descriptions stay too, registered ids do not (an id names one schema: the strict
 * copy is inlined where it is used). An object left open on purpose (\`z.looseObject\`, a
 * \`.catchall\`) stays open. A schema kind it cannot make strict — an intersection, whose
 * sides would refuse each other's keys — or does not know is refused when the copy is
 * made, at start-up, never by letting keys through.
 */
export function deepStrict<T extends z.ZodType>(schema: T): T {
  return strictNode(schema, new Map()) as T
}

type Node = z.core.$ZodType
/** Copies made so far; null while a node's children are being copied (a cycle without z.lazy). */
type Copies = Map<Node, Node | null>

/** Kinds that hold no object: used as they are. */
const LEAVES = new Set([
  'string',
  'number',
  'bigint',
  'boolean',
  'date',
  'symbol',
  'undefined',
  'null',
  'any',
  'unknown',
  'never',
  'void',
  'nan',
  'enum',
  'literal',
  'template_literal',
  'file',
  'transform',
  'custom',
  'success',
])
const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'nonoptional', 'catch', 'readonly'])

function strictNode(schema: Node, copies: Copies): Node {
  const known = copies.get(schema)
  if (known)
    return known
  if (known === null)
    throw new Error('deepStrict cannot copy an object that contains itself through a getter: write the recursion with z.lazy')
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>
  if (LEAVES.has(def.type))
    return schema
  const child = (node: unknown) => strictNode(node as Node, copies)
  const clone = (changes: Record<string, unknown>) => withDescription(schema, (schema as z.ZodType).clone({ ...def, ...changes } as never))

  if (def.type === 'lazy') {
    const getter = def.getter as () => Node
    const lazy = z.lazy(() => child(getter()) as z.ZodType)
    copies.set(schema, lazy)
    return lazy
  }
  if (def.type === 'object') {
    copies.set(schema, null)
    const shape = Object.fromEntries(Object.entries((schema as z.ZodObject).shape).map(([key, value]) => [key, child(value)]))
    // No catchall: a plain object, which drops unknown keys: it now refuses them.
    const copy = clone({ shape, catchall: def.catchall ? child(def.catchall) : z.never() })
    copies.set(schema, copy)
    return copy
  }
  if (def.type === 'array')
    return clone({ element: child(def.element) })
  if (WRAPPERS.has(def.type))
    return clone({ innerType: child(def.innerType) })
  if (def.type === 'union')
    return clone({ options: (def.options as Node[]).map(child) })
  if (def.type === 'pipe')
    return clone({ in: child(def.in), out: child(def.out) })
  if (def.type === 'record')
    return clone({ valueType: child(def.valueType) })
  if (def.type === 'tuple')
    return clone({ items: (def.items as Node[]).map(child), rest: def.rest ? child(def.rest) : def.rest })
  throw new Error(`deepStrict cannot make a schema of kind '${def.type}' strict`)
}

function withDescription(original: Node, copy: z.ZodType): z.ZodType {
  const { id: _id, ...meta } = z.globalRegistry.get(original) ?? {}
  return Object.keys(meta).length ? copy.meta(meta) : copy
}
