import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PasswordChangeSchema, PasswordSchema } from '#shared/auth/password-policy'
import { toValidationIssues } from '#shared/errors/zod-issues'
import { describe, expect, it } from 'vitest'

function issuesOf(input: Record<string, unknown>) {
  const result = PasswordChangeSchema.safeParse(input)
  return result.success ? [] : toValidationIssues(result.error, input).map(({ path, code, params }) => ({ path, code, params }))
}

describe('password policy', () => {
  it('takes 10 to 256 characters', () => {
    expect(PasswordSchema.safeParse('a'.repeat(PASSWORD_MIN_LENGTH)).success).toBe(true)
    expect(PasswordSchema.safeParse('a'.repeat(PASSWORD_MIN_LENGTH - 1)).success).toBe(false)
    expect(PasswordSchema.safeParse('a'.repeat(PASSWORD_MAX_LENGTH)).success).toBe(true)
    expect(PasswordSchema.safeParse('a'.repeat(PASSWORD_MAX_LENGTH + 1)).success).toBe(false)
    // Characters, not bytes: ten Chinese characters are enough.
    expect(PasswordSchema.safeParse('外勤入会密码一二三四').success).toBe(true)
  })

  it('accepts a change to a different, long enough password', () => {
    expect(issuesOf({ currentPassword: 'old password 1', newPassword: 'new password 2' })).toEqual([])
  })

  it('names the new password in each issue, with the shared codes', () => {
    expect(issuesOf({ currentPassword: 'old password 1', newPassword: 'short' })).toEqual([{ path: 'newPassword', code: 'field.too_short', params: { min: 10 } }])
    expect(issuesOf({ currentPassword: 'same password', newPassword: 'same password' })).toEqual([{ path: 'newPassword', code: 'password.unchanged', params: undefined }])
    expect(issuesOf({ newPassword: 'new password 2' })).toEqual([{ path: 'currentPassword', code: 'field.required', params: undefined }])
  })

  it.each([
    ['ten spaces', ' '.repeat(10)],
    ['ten ideographic spaces', '\u3000'.repeat(10)],
    ['tabs, line breaks and no-break spaces', '\t\n\u00A0 \u2003\u3000\r\n  '],
    ['more spaces than the limit allows', ' '.repeat(PASSWORD_MAX_LENGTH + 1)],
    ['fewer spaces than the minimum', '   '],
  ])('refuses a password of white space alone (%s) with its own code, not 必填', (_label, password) => {
    expect(PasswordSchema.safeParse(password).success).toBe(false)
    expect(issuesOf({ currentPassword: 'old password 1', newPassword: password })).toEqual([{ path: 'newPassword', code: 'password.whitespace_only', params: undefined }])
  })

  it('takes spaces inside and around a password that has something else', () => {
    expect(PasswordSchema.safeParse(`  ${'\u3000'.repeat(8)}x`).success).toBe(true)
    expect(PasswordSchema.safeParse('correct horse battery staple ').success).toBe(true)
    // An empty one is missing, as every other empty field.
    expect(issuesOf({ currentPassword: 'old password 1', newPassword: '' })).toEqual([{ path: 'newPassword', code: 'field.required', params: undefined }])
  })

  it('still takes a current password of spaces alone, so whoever set one before the rule can change it', () => {
    expect(issuesOf({ currentPassword: ' '.repeat(10), newPassword: 'new password 2' })).toEqual([])
  })
})
