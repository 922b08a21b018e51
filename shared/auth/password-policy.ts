import { z } from 'zod'
import { withoutHiddenCharacters } from '../text/hidden-characters'
import { isBlank } from '../text/normalise'

/**
 * Staff passwords: long enough to resist guessing (the server hashes them with scrypt and
 * throttles failures; the tablet keeps only a PBKDF2 verifier). The desk's and the
 * tablet's forms check with these schemas before sending, and the server with the same.
 */

export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 256

/**
 * Control characters cannot be typed on a keyboard, and the tablet could never match one.
 * Spaces are characters of a password like any other (kept as typed, never trimmed), but a
 * password of white space alone (ten spaces, ten ideographic spaces) is no secret: refused
 * first, with its own code, whatever its length. An empty one is missing (field.required).
 */
export const PasswordSchema = withoutHiddenCharacters(z.string()
  .refine(value => value === '' || !isBlank(value), { abort: true, params: { code: 'password.whitespace_only' } })
  .min(PASSWORD_MIN_LENGTH)
  .max(PASSWORD_MAX_LENGTH))

/**
 * Changing one's own password: the current one (only the server can check it, so any
 * characters: one of spaces alone, set before the rule, must still be changeable) and a
 * different new one.
 */
export const PasswordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: PasswordSchema,
}).strict().refine(change => change.newPassword !== change.currentPassword, { path: ['newPassword'], params: { code: 'password.unchanged' } })

export type PasswordChange = z.infer<typeof PasswordChangeSchema>
