/**
 * What an administrator may not do to their own account: disable it. They would be signed
 * out at once with only 登录已失效, and — were they the only one — leave no one to enable it
 * again. Another administrator disables an account that must go. The server refuses it
 * (`staff.cannot_disable_self`); the desk does not offer it. Pure.
 */
export function disablesOwnAccount(actorId: string, accountId: string, changes: { disabled?: boolean | undefined }): boolean {
  return changes.disabled === true && actorId === accountId
}
