import { describe, expect, it } from 'vitest'
import { accountDraft, accountFormFrom, carryAccountEdits, isUntouchedAccount, startingAccountForm } from '../../../client/src/desk/admin/account-form'

const ACCOUNT = { id: 'a1', username: 'wang', displayName: '王外勤', role: 'field_agent' as const, siteIds: ['s1'], disabled: false }

describe('the staff account form\'s draft', () => {
  it('never holds a password', () => {
    const form = { ...startingAccountForm(null), username: 'li', password: 'Secret-passw0rd' }
    expect(accountDraft(form)).not.toHaveProperty('password')
    expect(JSON.stringify(accountDraft(form))).not.toContain('Secret')
    expect(accountFormFrom(accountDraft(form), null).password).toBe('')
  })

  it('keeps nothing for a form as it opened', () => {
    expect(isUntouchedAccount(accountDraft(startingAccountForm(null)), null)).toBe(true)
    expect(isUntouchedAccount(accountDraft(startingAccountForm(ACCOUNT)), ACCOUNT)).toBe(true)
    expect(isUntouchedAccount({ ...accountDraft(startingAccountForm(ACCOUNT)), siteIds: [] }, ACCOUNT)).toBe(false)
  })

  it('fills an edit from its draft, with the stored username', () => {
    const kept = { username: 'other', displayName: '王二', role: 'reviewer' as const, siteIds: ['s1', 's2'] }
    expect(accountFormFrom(kept, ACCOUNT)).toEqual({ username: 'wang', displayName: '王二', role: 'reviewer', siteIds: ['s1', 's2'], password: '' })
    expect(accountFormFrom(undefined, ACCOUNT)).toEqual({ username: 'wang', displayName: '王外勤', role: 'field_agent', siteIds: ['s1'], password: '' })
  })

  it('is a copy: editing the form does not edit the draft', () => {
    const form = startingAccountForm(ACCOUNT)
    const draft = accountDraft(form)
    form.siteIds.push('s9')
    expect(draft.siteIds).toEqual(['s1'])
  })

  it('carries only what was changed here onto the version another administrator saved first', () => {
    // Here: the name. There: the role and the sites. Saved again, neither undoes the other.
    const typed = { ...startingAccountForm(ACCOUNT), displayName: '王小明', password: '' }
    const current = { ...ACCOUNT, role: 'reviewer' as const, siteIds: ['s1', 's2'] }
    expect(carryAccountEdits(typed, ACCOUNT, current)).toEqual({ username: 'wang', displayName: '王小明', role: 'reviewer', siteIds: ['s1', 's2'], password: '' })
    // Both changed the name: what was typed here stays, to be checked.
    expect(carryAccountEdits(typed, ACCOUNT, { ...ACCOUNT, displayName: '王大明' }).displayName).toBe('王小明')
    // Nothing typed here: the form shows what is stored now.
    expect(carryAccountEdits(startingAccountForm(ACCOUNT), ACCOUNT, current)).toEqual(startingAccountForm(current))
  })
})
