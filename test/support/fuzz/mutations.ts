import fc from 'fast-check'
import { nastyString, SPECIAL_VALUES, valueArb } from './values'

// Structure-aware mutations of a valid body: the path is chosen by index among the nodes
// present when the mutation is applied, so a shrunk case stays meaningful.
type Mutation
  = | { op: 'replace', at: number, value: unknown }
    | { op: 'delete', at: number }
    | { op: 'add', at: number, key: string, value: unknown }
    | { op: 'retype', at: number, to: 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object' }
    | { op: 'alike', at: number, text: string, number: number, flag: boolean, list: 'empty' | 'double' | 'reverse' }

const keyArb = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'id', 'version', 'status', 'role', 'siteId', 'agentId', 'kind', 'password', ''),
  nastyString,
)
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: valueArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: keyArb, value: valueArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('retype' as const), at: fc.nat(), to: fc.constantFrom('string', 'number', 'boolean', 'null', 'array', 'object') }) },
  // Same type, other value: what passes the schema and reaches the handler's own rules.
  { weight: 4, arbitrary: fc.record({
    op: fc.constant('alike' as const),
    at: fc.nat(),
    text: fc.oneof(nastyString, fc.constantFrom(...SPECIAL_VALUES.filter(v => typeof v === 'string'), 'x'.repeat(10_000))),
    number: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(...SPECIAL_VALUES.filter(v => typeof v === 'number'))),
    flag: fc.boolean(),
    list: fc.constantFrom('empty', 'double', 'reverse'),
  }) },
)

export type Path = Array<string | number>
const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] => typeof value === 'object' && value !== null

/** Every node's path, depth first (the root is []). */
function nodePaths(root: unknown): Path[] {
  const out: Path[] = []
  const stack: Array<[unknown, Path]> = [[root, []]]
  while (stack.length > 0 && out.length < 5_000) {
    const [value, path] = stack.pop()!
    out.push(path)
    if (isContainer(value)) {
      const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value)
      for (const [k, v] of entries.reverse())
        stack.push([v, [...path, k]])
    }
  }
  return out
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], root)
}

/** Own, enumerable, even for `__proto__`: JSON.stringify must write the key, not change a prototype. */
function put(container: Record<string, unknown> | unknown[], k: string | number, value: unknown): void {
  Object.defineProperty(container, k, { value, enumerable: true, writable: true, configurable: true })
}

function retype(value: unknown, to: Extract<Mutation, { op: 'retype' }>['to']): unknown {
  switch (to) {
    case 'string': return typeof value === 'string' ? value.length : JSON.stringify(value) ?? ''
    case 'number': return typeof value === 'number' ? String(value) : Number(value) || (typeof value === 'string' ? value.length : 1)
    case 'boolean': return typeof value === 'boolean' ? String(value) : Boolean(value)
    case 'null': return null
    case 'array': return Array.isArray(value) ? Object.fromEntries(value.entries()) : isContainer(value) ? Object.values(value) : [value]
    case 'object': return isContainer(value) && !Array.isArray(value) ? Object.entries(value) : Array.isArray(value) ? Object.fromEntries(value.entries()) : { value }
  }
}

/**
 * Values from constantFrom are shared between runs: a copy goes into the body, so no run
 * bends the next one's. Iterative, as structuredClone overflows the stack on deep nesting.
 */
export function fresh(value: unknown): unknown {
  if (!isContainer(value))
    return value
  const empty = (like: object) => Array.isArray(like) ? [] : {}
  const root = empty(value) as Record<string, unknown>
  const stack: Array<[object, Record<string, unknown>]> = [[value, root]]
  while (stack.length > 0) {
    const [source, target] = stack.pop()!
    for (const [k, v] of Object.entries(source)) {
      const copy = isContainer(v) ? empty(v) as Record<string, unknown> : v
      put(target, k, copy)
      if (isContainer(v))
        stack.push([v, copy as Record<string, unknown>])
    }
  }
  return root
}

export function mutate(root: unknown, mutation: Mutation): unknown {
  const paths = nodePaths(root)
  const path = paths[mutation.at % paths.length]!
  const parent = path.length > 0 ? getAt(root, path.slice(0, -1)) as Record<string, unknown> | unknown[] : undefined
  const last = path.at(-1)!
  const replace = (value: unknown) => {
    if (!parent)
      return value
    put(parent, last, value)
    return root
  }
  switch (mutation.op) {
    case 'replace':
      return replace(fresh(mutation.value))
    case 'retype':
      return replace(retype(getAt(root, path), mutation.to))
    case 'alike': {
      const node = getAt(root, path)
      if (typeof node === 'string')
        return replace(mutation.text)
      if (typeof node === 'number')
        return replace(mutation.number)
      if (typeof node === 'boolean')
        return replace(mutation.flag)
      if (Array.isArray(node))
        return replace(mutation.list === 'empty' ? [] : mutation.list === 'double' ? [...node, ...node] : [...node].reverse())
      return root
    }
    case 'delete':
      if (!parent)
        return undefined
      if (Array.isArray(parent))
        parent.splice(last as number, 1)
      else delete parent[last as string]
      return root
    case 'add': {
      const node = getAt(root, path)
      if (Array.isArray(node))
        node.push(fresh(mutation.value))
      else if (isContainer(node))
        put(node, mutation.key, fresh(mutation.value))
      else return replace({ [mutation.key]: fresh(mutation.value) })
      return root
    }
  }
}
