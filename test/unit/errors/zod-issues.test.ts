import { NewSiteSchema, SiteChangesSchema } from '#shared/admin/site.schema'
import { NewStaffSchema } from '#shared/admin/staff.schema'
import { MAX_AMOUNT_FEN } from '#shared/application/payment-amount'
import { toQueryIssues, toValidationIssues } from '#shared/errors/zod-issues'
import { MemberFeeSchema } from '#shared/members/member-operations'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { ProgrammeSettingsBodySchema } from '#shared/programme/programme.schema'
import { queryListItems } from '#shared/schemas/query-list'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

/** The issues a schema finds in `input`, as the server answers them. */
function issues(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input)
  return result.success ? [] : toValidationIssues(result.error, input)
}

describe('a query string\'s list parameter', () => {
  // As the server's list parameters read one (server/http/query-params.ts, listParam).
  const QuerySchema = z.object({
    status: z.union([z.string(), z.array(z.string())]).transform(queryListItems).pipe(z.array(z.enum(['submitted', 'in_review'])).min(1)).optional(),
    page: z.string().optional(),
  })
  const queryIssues = (query: Record<string, string | string[]>) => {
    const result = QuerySchema.safeParse(query)
    return result.success ? [] : toQueryIssues(result.error, query)
  }
  const notAnOption = (path: string) => [{ path, code: 'field.invalid_option', params: { options: 'submitted, in_review' } }]

  it('finds a bad item where the schema found it, and calls it not an option, not missing', () => {
    expect(queryIssues({ status: 'nope' })).toEqual(notAnOption('status.0'))
    expect(queryIssues({ status: ['submitted', 'nope'] })).toEqual(notAnOption('status.1'))
    expect(queryIssues({ status: 'submitted,nope' })).toEqual(notAnOption('status.1'))
    expect(queryIssues({ status: ['submitted,in_review', 'nope'] })).toEqual(notAnOption('status.2'))
  })

  it('a parameter given twice where one value is taken is of the wrong type, as before', () => {
    expect(queryIssues({ page: ['1', '2'] })).toEqual([{ path: 'page', code: 'field.type', params: { expected: 'string' } }])
  })
})

describe('one issue for a value\'s one problem', () => {
  it('a value of the wrong type is that, not also outside a bound its kind of value has', () => {
    const staff = { username: 'agent.types', displayName: [], role: 'field_agent', password: 'a long enough password' }
    expect(issues(NewStaffSchema, staff)).toEqual([{ path: 'displayName', code: 'field.type', params: { expected: 'string', label: 'staff.displayName' } }])
    expect(issues(z.object({ tags: z.array(z.string()).max(1) }), { tags: 'ab' })).toEqual([{ path: 'tags', code: 'field.type', params: { expected: 'array' } }])
  })

  it('a number beyond every bound is refused by the tightest: the schema\'s own, not JavaScript\'s largest integer', () => {
    expect(issues(MemberFeeSchema, { amountFen: 1e20, method: 'cash', receiptNo: 'R-1' })).toEqual([{ path: 'amountFen', code: 'field.too_large', params: { max: MAX_AMOUNT_FEN } }])
    expect(issues(MemberFeeSchema, { amountFen: -1e20, method: 'cash', receiptNo: 'R-1' })).toEqual([{ path: 'amountFen', code: 'field.too_small', params: { min: 0 } }])
    expect(issues(z.string().max(10).max(5), 'x'.repeat(20))).toEqual([{ path: '', code: 'field.too_long', params: { max: 5 } }])
  })

  it('keeps the issues of other fields, and a field\'s problems of other kinds', () => {
    expect(issues(z.object({ a: z.string().min(3).regex(/^\d+$/), b: z.number().max(1) }), { a: 'x', b: 2 })).toEqual([
      { path: 'a', code: 'field.too_short', params: { min: 3 } },
      { path: 'a', code: 'field.format', params: { format: 'regex' } },
      { path: 'b', code: 'field.too_large', params: { max: 1 } },
    ])
  })
})

describe('a field its schema names by its own label', () => {
  it('carries the label when it is missing or not text at all, as when it is too long', () => {
    expect(issues(NewSiteSchema, { code: 'BJ02', regionCode: '110105' })).toEqual([{ path: 'name', code: 'field.required', params: { label: 'site.name' } }])
    expect(issues(SiteChangesSchema, { name: 5 })).toEqual([{ path: 'name', code: 'field.type', params: { expected: 'string', label: 'site.name' } }])
    expect(issues(SiteChangesSchema, { name: '网'.repeat(101) })).toEqual([{ path: 'name', code: 'field.too_long', params: { max: 100, label: 'site.name' } }])
  })

  it('the programme\'s name, missing or not an object', () => {
    const { name: _name, ...unnamed } = DEFAULT_PROGRAMME
    expect(issues(ProgrammeSettingsBodySchema, unnamed)).toEqual([{ path: 'name', code: 'field.required', params: { label: 'programme.name' } }])
    expect(issues(ProgrammeSettingsBodySchema, { ...DEFAULT_PROGRAMME, name: '会员计划' })).toEqual([{ path: 'name', code: 'field.type', params: { expected: 'object', label: 'programme.name' } }])
  })

  it('a category\'s name and a person\'s carry none: their paths name them', () => {
    const input = structuredClone(DEFAULT_PROGRAMME) as Record<string, any>
    delete input.categories[0].name
    expect(issues(ProgrammeSettingsBodySchema, input)).toEqual([{ path: 'categories.0.name', code: 'field.required' }])
  })
})
