import { z } from 'zod'
import { withoutHiddenCharacters } from '../text/hidden-characters'

/**
 * Staff passwords: long enough to resist guessing (the server hashes them with scrypt and
 * throttles failures; the tablet keeps only a PBKDF2 verifier). The desk's and the
 * tablet's forms check with these schemas before sending, and the server with the same.
 */

export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 256

/** Control characters cannot be typed on a keyboard, and the tablet could never match one. */
export const PasswordSchema = withoutHiddenCharacters(z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH))

/** Changing one's own password: the current one (only the server can check it) and a different new one. */
export const PasswordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: PasswordSchema,
}).strict().refine(change => change.newPassword !== change.currentPassword, { path: ['newPassword'], params: { code: 'password.unchanged' } })

export type PasswordChange = z.infer<typeof PasswordChangeSchema>
