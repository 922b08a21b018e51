import { z } from 'zod'

/**
 * The same schema with every object in it, however deep, refusing keys it does not define
 * (`unrecognized_keys`, reported as `field.unknown`) instead of dropping them.
 *
 * Request bodies that an operator edits by hand — the programme settings — must not lose a
 * misspelt key without a word, while the stored copies of the same settings keep parsing
 * leniently (a key removed in a later release must not make an old version unreadable), so
 * strictness is applied to the request's copy of the schema, not written into the schema.
 * Refinements, defaults and bounds are kept: each node is cloned with only its children replaced.
 */
export function deepStrict<T extends z.ZodType>(schema: T): T {
  return strictNode(schema) as T
}

function strictNode(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, child]) => [key, strictNode(child as z.ZodType)]))
    return schema.clone({ ...schema._zod.def, shape, catchall: z.never() })
  }
  if (schema instanceof z.ZodArray)
    return schema.clone({ ...schema._zod.def, element: strictNode(schema.element as z.ZodType) })
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional || schema instanceof z.ZodNullable)
    return schema.clone({ ...schema._zod.def, innerType: strictNode(schema._zod.def.innerType as z.ZodType) } as never)
  if (schema instanceof z.ZodUnion)
    return schema.clone({ ...schema._zod.def, options: schema.options.map(option => strictNode(option as z.ZodType)) } as never)
  return schema
}
