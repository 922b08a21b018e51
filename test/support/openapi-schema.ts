/**
 * Checks a value against a schema of the OpenAPI document as a client reading that document
 * would: the document's own JSON Schema, not the Zod schemas it was generated from, so a
 * difference in the generation shows too.
 *
 * Only the keywords the document uses are known; any other keyword fails the check instead of
 * being ignored, so a new kind of constraint is noticed rather than silently let through. An
 * object that lists `properties` and says nothing of `additionalProperties` is taken as closed:
 * a field the document does not name is reported (a client generated from the document drops
 * it, or a strict one refuses the answer). An object meant to be open says so
 * (`additionalProperties: {}` or a schema).
 */

export type JsonSchema = Record<string, unknown>

/** The keywords that constrain a value. */
const CHECKED = 'type properties required additionalProperties items enum const anyOf oneOf allOf $ref pattern format minLength maxLength minimum maximum minItems maxItems'
/** Annotations: no effect on validity. */
const ANNOTATIONS = 'description default example examples title deprecated'
const KNOWN = new Set(`${CHECKED} ${ANNOTATIONS}`.split(' '))

const FORMATS: Record<string, (value: string) => boolean> = {
  'date-time': value => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)),
  'uuid': value => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
  'binary': () => true,
}

function typeOf(value: unknown): string {
  if (value === null)
    return 'null'
  if (Array.isArray(value))
    return 'array'
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

function typeMatches(value: unknown, type: string): boolean {
  const actual = typeOf(value)
  return actual === type || (type === 'number' && actual === 'integer')
}

/** Every way `value` differs from `schema` (an empty list when it validates), each as `path: problem`. */
export function schemaErrors(value: unknown, schema: JsonSchema, components: Record<string, JsonSchema>, path = '$', open = false): string[] {
  const errors: string[] = []
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN.has(keyword))
      errors.push(`${path}: the checker does not know the keyword "${keyword}"`)
  }
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '')
    const target = components[name]
    if (!target)
      return [...errors, `${path}: unknown $ref ${schema.$ref}`]
    errors.push(...schemaErrors(value, target, components, path, open))
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type as string[] : [schema.type as string]
    if (!types.some(type => typeMatches(value, type)))
      return [...errors, `${path}: ${JSON.stringify(value)?.slice(0, 80)} is ${typeOf(value)}, the document says ${types.join(' | ')}`]
  }
  if (schema.enum !== undefined && !(schema.enum as unknown[]).includes(value))
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`)
  if (schema.const !== undefined && schema.const !== value)
    errors.push(`${path}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`)

  if (typeof value === 'string') {
    const length = [...value].length
    if (typeof schema.minLength === 'number' && length < schema.minLength)
      errors.push(`${path}: shorter than ${schema.minLength}`)
    if (typeof schema.maxLength === 'number' && length > schema.maxLength)
      errors.push(`${path}: longer than ${schema.maxLength}`)
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      errors.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`)
    if (typeof schema.format === 'string') {
      const check = FORMATS[schema.format]
      if (!check)
        errors.push(`${path}: the checker does not know the format "${schema.format}"`)
      else if (!check(value))
        errors.push(`${path}: ${JSON.stringify(value)} is not a ${schema.format}`)
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      errors.push(`${path}: ${value} is below ${schema.minimum}`)
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      errors.push(`${path}: ${value} is above ${schema.maximum}`)
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      errors.push(`${path}: fewer than ${schema.minItems} items`)
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
      errors.push(`${path}: more than ${schema.maxItems} items`)
    if (schema.items && typeof schema.items === 'object')
      value.forEach((item, i) => errors.push(...schemaErrors(item, schema.items as JsonSchema, components, `${path}[${i}]`)))
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
    // The parts of an allOf are checked open; the names any part declares are checked here.
    const declaredElsewhere = new Set(((schema.allOf ?? []) as JsonSchema[]).flatMap(part => propertyNames(part, components)))
    for (const name of (schema.required ?? []) as string[]) {
      if (!Object.hasOwn(object, name))
        errors.push(`${path}.${name}: required by the document, missing`)
    }
    for (const [name, item] of Object.entries(object)) {
      const where = `${path}.${name}`
      if (Object.hasOwn(properties, name)) {
        errors.push(...schemaErrors(item, properties[name]!, components, where))
      }
      else if (declaredElsewhere.has(name)) {
        continue
      }
      else if (open) {
        continue
      }
      else if (schema.additionalProperties === false || (schema.additionalProperties === undefined && (schema.properties !== undefined || schema.allOf !== undefined))) {
        errors.push(`${where}: not in the document`)
      }
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        errors.push(...schemaErrors(item, schema.additionalProperties as JsonSchema, components, where))
      }
    }
  }
  for (const sub of (schema.allOf ?? []) as JsonSchema[])
    errors.push(...schemaErrors(value, sub, components, path, true))
  if (schema.anyOf !== undefined || schema.oneOf !== undefined) {
    const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[]
    const results = options.map(option => schemaErrors(value, option, components, path))
    const passing = results.filter(r => r.length === 0).length
    if (passing === 0) {
      const closest = results.reduce((best, r) => (r.length < best.length ? r : best))
      errors.push(`${path}: matches none of ${options.length} alternatives; the closest: ${closest.join('; ')}`)
    }
    else if (schema.oneOf !== undefined && passing > 1) {
      errors.push(`${path}: matches ${passing} of the oneOf alternatives, the document says exactly one`)
    }
  }
  return errors
}

function propertyNames(schema: JsonSchema, components: Record<string, JsonSchema>): string[] {
  const own = Object.keys((schema.properties ?? {}) as object)
  const referenced = typeof schema.$ref === 'string' ? propertyNames(components[schema.$ref.replace('#/components/schemas/', '')] ?? {}, components) : []
  const parts = ((schema.allOf ?? []) as JsonSchema[]).flatMap(part => propertyNames(part, components))
  return [...own, ...referenced, ...parts]
}
