import type { z } from 'zod'
import { NewSiteSchema, SiteChangesSchema } from '#shared/admin/site.schema'
import { NewStaffSchema, PasswordResetSchema, StaffChangesSchema, UsernameSchema } from '#shared/admin/staff.schema'
import { toValidationIssues } from '#shared/errors/zod-issues'
import { describe, expect, it } from 'vitest'

/** The administrator's forms and the admin API check with these same schemas. */

function codes(schema: z.ZodType, input: unknown): Array<[string, string]> {
  const result = schema.safeParse(input)
  return result.success ? [] : toValidationIssues(result.error, input).map(issue => [issue.path, issue.code])
}

describe('a new site', () => {
  it('takes a code of the receipt alphabet (upper-cased), a name and a real region', () => {
    expect(NewSiteSchema.parse({ code: ' bj02 ', name: ' 朝阳网点 ', regionCode: '110105' })).toEqual({ code: 'BJ02', name: '朝阳网点', regionCode: '110105' })
  })

  it('refuses letters outside the alphabet, an empty name and an unknown region, each under its field', () => {
    expect(codes(NewSiteSchema, { code: 'SZ01', name: '', regionCode: '999999' })).toEqual([
      ['code', 'site.code_format'],
      ['name', 'field.required'],
      ['regionCode', 'region_code.unknown'],
    ])
    expect(codes(NewSiteSchema, { code: 'B', name: '网点', regionCode: '110105' })).toEqual([['code', 'site.code_format']])
    expect(codes(NewSiteSchema, { code: 'BJ0001X', name: '网点', regionCode: '110105' })).toEqual([['code', 'site.code_format']])
  })

  it('changes only the name and whether it is active', () => {
    expect(SiteChangesSchema.parse({ name: '新名称', active: false })).toEqual({ name: '新名称', active: false })
    expect(codes(SiteChangesSchema, { name: '  ' })).toEqual([['name', 'field.required']])
    // The code begins every receipt issued at the site: it never changes.
    expect(codes(SiteChangesSchema, { code: 'BJ03', name: '新名称' })).toEqual([['code', 'field.unknown']])
  })
})

describe('a staff account', () => {
  const valid = { username: 'agent.li', displayName: '李外勤', role: 'field_agent', siteIds: ['site-1'], password: 'long enough password' }

  it('takes a lower-case user name, a name, a role, sites and a password of the shared policy', () => {
    expect(NewStaffSchema.parse(valid)).toEqual(valid)
    expect(NewStaffSchema.parse({ ...valid, siteIds: undefined }).siteIds).toEqual([])
  })

  it('refuses capitals or spaces in the user name, an unknown role and a short password', () => {
    expect(codes(UsernameSchema, 'Agent Li')).toEqual([['', 'staff.username_format']])
    expect(codes(NewStaffSchema, { ...valid, role: 'boss', password: 'short' })).toEqual([
      ['role', 'field.invalid_option'],
      ['password', 'field.too_short'],
    ])
    expect(codes(PasswordResetSchema, { password: 'short' })).toEqual([['password', 'field.too_short']])
  })

  it('changes the name, role, sites and whether it is disabled, never the user name: asking to is refused, not ignored', () => {
    expect(StaffChangesSchema.parse({ displayName: '李四', disabled: true })).toEqual({ displayName: '李四', disabled: true })
    expect(codes(StaffChangesSchema, { username: 'other', password: 'x', disabled: true })).toEqual([['username', 'field.unknown'], ['password', 'field.unknown']])
    expect(codes(PasswordResetSchema, { password: 'long enough password', username: 'x' })).toEqual([['username', 'field.unknown']])
  })

  it('refuses a name with a control or invisible character, which no one could see or type', () => {
    expect(codes(NewStaffSchema, { ...valid, displayName: '李\u0000外勤' })).toEqual([['displayName', 'text.hidden_characters']])
    expect(codes(StaffChangesSchema, { displayName: '\u202E勤外李' })).toEqual([['displayName', 'text.hidden_characters']])
    expect(codes(NewSiteSchema, { code: 'BJ02', name: '朝阳\u200B网点', regionCode: '110105' })).toEqual([['name', 'text.hidden_characters']])
    expect(codes(NewStaffSchema, { ...valid, password: 'long enough\u0007password' })).toEqual([['password', 'text.hidden_characters']])
  })
})
