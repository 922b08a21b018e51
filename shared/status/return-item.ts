import { z } from 'zod'
import { ATTACHMENT_KINDS } from '../application/enums'

/**
 * One thing a reviewer asks the agent to fix when returning an application: a field
 * (by its path in the application, e.g. `person.idNumber`) or a material (by attachment kind).
 */
export const ReturnItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('field'),
    ref: z.string().regex(/^[a-z][A-Za-z]*(?:\.(?:\d+|[a-z][A-Za-z]*))*$/),
    note: z.string().max(500).optional(),
  }),
  z.object({
    kind: z.literal('material'),
    ref: z.enum(ATTACHMENT_KINDS),
    note: z.string().max(500).optional(),
  }),
])
export type ReturnItem = z.infer<typeof ReturnItemSchema>
