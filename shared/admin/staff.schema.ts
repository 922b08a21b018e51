import { z } from 'zod'
import { PasswordSchema } from '../auth/password-policy'
import { labelledName } from '../schemas/labelled-name'
import { ROLES } from '../status/roles'
import { withoutHiddenCharacters } from '../text/hidden-characters'

/**
 * A staff account as the administrator creates and changes it: the desk's form checks with
 * these, and the server with the same (`/api/admin/staff`).
 */

export const UsernameSchema = z.string().trim().min(2).max(32).refine(value => /^[a-z0-9._-]*$/.test(value), { params: { code: 'staff.username_format' } }).meta({ description: 'Lower-case letters, digits, `.`, `_` and `-`; unique.', example: 'agent.li' })
/** Named 姓名 in every message, as the staff screen labels it (its key alone has no label). */
const DisplayNameSchema = labelledName('staff.displayName', 50)
const StaffPasswordSchema = PasswordSchema.meta({ description: 'At least 10 characters, not white space alone. Never stored or logged: only its scrypt hash is kept.' })
const SiteIdsSchema = z.array(withoutHiddenCharacters(z.string().min(1).max(100))).max(100).meta({ description: 'Sites the staff member works for; each must exist.' })

export const NewStaffSchema = z.object({
  username: UsernameSchema,
  displayName: DisplayNameSchema,
  role: z.enum(ROLES),
  siteIds: SiteIdsSchema.default([]),
  password: StaffPasswordSchema,
}).strict()
export type NewStaff = z.input<typeof NewStaffSchema>

export const StaffChangesSchema = z.object({
  displayName: DisplayNameSchema.optional(),
  role: z.enum(ROLES).optional(),
  siteIds: SiteIdsSchema.optional(),
  disabled: z.boolean().optional().meta({ description: 'Disabling ends every session of the account at once.' }),
}).strict()
export type StaffChanges = z.input<typeof StaffChangesSchema>

export const PasswordResetSchema = z.object({ password: StaffPasswordSchema }).strict()
