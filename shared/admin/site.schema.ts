import { z } from 'zod'
import { checkRegionCode } from '../contact/region-code'
import { isSiteCode } from '../receipt/receipt-number'
import { labelledName } from '../schemas/labelled-name'

/**
 * A site (网点) as the administrator creates and changes it: the desk's form checks with
 * these, and the server with the same (`/api/admin/sites`).
 */

/** Named 网点名称 in every message (its key alone, `name`, is a person's 姓名). */
const SiteNameSchema = labelledName('site.name', 100)

export const NewSiteSchema = z.object({
  code: z.string().trim().toUpperCase().refine(isSiteCode, { params: { code: 'site.code_format' } }).meta({ description: '2–6 characters of the GB 32100 alphabet (no I, O, Z, S, V); it begins every receipt number issued at the site, so it is unique and never changes.', example: 'BJ02' }),
  name: SiteNameSchema,
  regionCode: z.string().trim().superRefine((value, ctx) => {
    const result = checkRegionCode(value)
    if (!result.ok)
      ctx.addIssue({ code: 'custom', message: result.code, params: { ...result.params, code: result.code } })
  }).meta({ description: '6-digit administrative region code (GB/T 2260)', example: '110105' }),
}).strict()
export type NewSite = z.input<typeof NewSiteSchema>

export const SiteChangesSchema = z.object({
  name: SiteNameSchema.optional(),
  active: z.boolean().optional().meta({ description: 'An inactive site is no longer sent to devices.' }),
}).strict()
export type SiteChanges = z.input<typeof SiteChangesSchema>
