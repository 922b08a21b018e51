import { toHalfWidth } from '../text/normalise'

/**
 * A user name as typed at sign-in, brought to the form accounts are created in (lower-case
 * ASCII, `UsernameSchema`): a tablet's keyboard capitalises the first letter, Caps Lock is
 * on at a desk, a Chinese IME in full-width mode types `ａｇｅｎｔ．ｌｉ`. Each of these is the
 * one account, for the server's sign-in and its failure count alike, and for the tablet's
 * offline accounts.
 */
export function normaliseUsername(typed: string): string {
  return toHalfWidth(typed).trim().toLowerCase()
}
