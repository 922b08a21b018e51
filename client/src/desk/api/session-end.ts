/**
 * The answers after which the session is of no use: a 401 (signed out, expired), and a 403
 * for this browser's device revoked by an administrator or the account disabled — every
 * later call would be refused the same way, so the desk signs out and says why.
 */
export function endsSession(status: number, code: string | undefined): boolean {
  return status === 401 || (status === 403 && (code === 'auth.device_revoked' || code === 'auth.account_disabled'))
}
