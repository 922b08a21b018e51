import { z } from 'zod'
import { leavesOf } from '../application/application-paths'
import { ATTACHMENT_KINDS } from '../application/enums'
import { fieldLabelKey } from '../i18n/field-labels'
import { visibleText } from '../text/hidden-characters'
import { repeatedReturnItem } from './review-decisions'

/** Parts of the application whose fields the agent enters (consent is redone by signing again). */
export const RETURNABLE_PARTS = ['person', 'guardian', 'dependants', 'organisation', 'payment'] as const
/** Bookkeeping leaves, not fields the agent fills in. */
export const NOT_RETURNABLE = new Set(['declined', 'usccCheckConfirmed'])

/**
 * Whether a return item's field ref names a field an agent could fix: in a part the agent
 * fills in, and a field the application form knows (it has a label of its own) — so a return
 * never asks the agent to fix something that does not exist (`doesNotExist.foo`,
 * `person.bogus`).
 */
export function isReturnableFieldRef(ref: string): boolean {
  const segments = ref.split('.')
  if (!(RETURNABLE_PARTS as readonly string[]).includes(segments[0]!) || NOT_RETURNABLE.has(segments.at(-1)!))
    return false
  // fieldLabelKey answers the ref's own entry (a dotted key) or a segment's; only the last
  // segment's stands for the field itself (`person.bogus` would find `person`).
  const key = fieldLabelKey(ref)
  return key !== null && (key.includes('.') || key === segments.at(-1))
}

/**
 * The fields of this application a reviewer can ask the agent to fix: its own leaves in the
 * parts the agent fills in (`dependants.1.name` only when it has a second dependant), as the
 * desk's return checklist offers them and the server holds a return to.
 */
export function returnableFields(application: unknown): string[] {
  return RETURNABLE_PARTS.flatMap(part => leavesOf(application, part))
    .map(leaf => leaf.path)
    .filter(path => !NOT_RETURNABLE.has(path.split('.').at(-1)!))
}

/**
 * The index of the first field item naming no field of `application` (a form's field it does
 * not have, `payment.name`, `dependants.99.name`), or -1. `isReturnableFieldRef` knows the
 * form; this knows the application.
 */
export function itemNamingNoField(items: ReadonlyArray<{ kind: string, ref: string }>, application: unknown): number {
  const fields = new Set(returnableFields(application))
  return items.findIndex(item => item.kind === 'field' && !fields.has(item.ref))
}

/**
 * One thing a reviewer asks the agent to fix when returning an application: a field
 * (by its path in the application, e.g. `person.idNumber`) or a material (by attachment kind).
 */
export const ReturnItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('field'),
    ref: z.string().regex(/^[a-z][A-Za-z]*(?:\.(?:\d+|[a-z][A-Za-z]*))*$/),
    note: visibleText(500).optional(),
  }).strict(),
  z.object({
    kind: z.literal('material'),
    ref: z.enum(ATTACHMENT_KINDS),
    note: visibleText(500).optional(),
  }).strict(),
])
export type ReturnItem = z.infer<typeof ReturnItemSchema>

/**
 * The items of a return as the server takes them: at most 50, each a field the agent can
 * fix (`return.unknown_field`) or a material, and each named once (`return.duplicate_item`,
 * on the repeat: the same rule as the desk's form, `returnInputFailure`).
 */
export const ReturnItemsSchema = z.array(ReturnItemSchema.refine(item => item.kind !== 'field' || isReturnableFieldRef(item.ref), { path: ['ref'], params: { code: 'return.unknown_field' } }))
  .max(50)
  .superRefine((items, ctx) => {
    const repeated = repeatedReturnItem(items)
    if (repeated >= 0)
      ctx.addIssue({ code: 'custom', path: [repeated, 'ref'], message: 'return.duplicate_item', params: { code: 'return.duplicate_item' } })
  })
