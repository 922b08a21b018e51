import type { Role } from '#shared/status/roles'
import { carryEdits } from './carry-edits'

/**
 * The staff screen's account form (人员: 新建, 编辑) and what of it is kept as a draft while
 * the session ends mid-edit (shared/typed-drafts.ts). A password — a new account's initial
 * password, or a reset one — is never part of a draft: it would sit in the tab's memory
 * for the next person at this desk PC, so it is typed again.
 */

export interface AccountForm { username: string, displayName: string, role: Role, siteIds: string[], password: string }
export type AccountDraft = Omit<AccountForm, 'password'>
/** An account as stored (the admin API's StaffAccount has these and more). */
type StoredAccount = AccountDraft

/** The draft's record for a new account (an existing one is kept under its id). */
export const NEW_ACCOUNT = 'admin.staff.new'
/** The drafts' action, as `draftKey` and `keptDrafts` take it. */
export const ACCOUNT_FORM = 'admin.staff.form'

/** The form as it opens: empty for a new account (a field agent, the most common), or the account as stored. */
export function startingAccountForm(account: StoredAccount | null): AccountForm {
  return account
    ? { username: account.username, displayName: account.displayName, role: account.role, siteIds: [...account.siteIds], password: '' }
    : { username: '', displayName: '', role: 'field_agent', siteIds: [], password: '' }
}

/** What may be kept of the form: a plain copy, without the password. */
export function accountDraft(form: AccountForm): AccountDraft {
  return { username: form.username, displayName: form.displayName, role: form.role, siteIds: [...form.siteIds] }
}

/** Nothing typed: the form as it opened for `account` (a draft of it would keep nothing). */
export function isUntouchedAccount(draft: AccountDraft, account: StoredAccount | null): boolean {
  return JSON.stringify(draft) === JSON.stringify(accountDraft(startingAccountForm(account)))
}

/** The form filled from a kept draft, or as it opens; the password empty either way. */
export function accountFormFrom(draft: AccountDraft | undefined, account: StoredAccount | null): AccountForm {
  const start = startingAccountForm(account)
  // The username of an existing account never changes: the stored one, whatever was kept.
  return draft ? { ...draft, siteIds: [...draft.siteIds], username: account ? start.username : draft.username, password: '' } : start
}

/**
 * Another administrator saved the account first (409): the form on the version now stored,
 * carrying over only what this administrator changed from the version it opened on. A
 * field left as it opened takes the other's value, so saving again does not put back
 * their change; where both changed one, what was typed here stays (the page says to check).
 */
export function carryAccountEdits(form: AccountForm, opened: StoredAccount, current: StoredAccount): AccountForm {
  const { merged } = carryEdits(accountDraft(startingAccountForm(opened)), accountDraft(form), accountDraft(startingAccountForm(current)))
  return accountFormFrom(merged, current)
}
