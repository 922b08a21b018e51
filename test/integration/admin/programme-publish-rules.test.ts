import type { SignedInAdmin } from '../../support/admin-fixtures'
import type { TestServer } from '../../support/test-server'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { createTestServer } from '../../support/test-server'

/**
 * PUT /api/admin/programme: what the published settings may not hold — a fee no payment
 * could record, names and version labels of white space alone, a level code twice in one
 * category — each refused under its path, in the request's language, with the field named
 * as the settings screen names it.
 */
describe.each(DIALECTS)('admin API: publishing programme settings the applications can live with, on %s', (dialect) => {
  let server: TestServer
  let admin: SignedInAdmin

  const publish = (json: unknown, ifMatch: string, language = 'zh-CN') => server.request('/api/admin/programme', { method: 'PUT', token: admin.token, json, headers: { 'If-Match': ifMatch, 'Accept-Language': language } })
  const current = async () => (await (await server.request('/api/admin/programme', { token: admin.token })).json()) as { version: number, settings: typeof DEFAULT_PROGRAMME }
  const refused = async (json: unknown, language = 'zh-CN') => {
    const response = await publish(json, '"1"', language)
    expect(response.status).toBe(400)
    return ((await response.json()).error.issues as { path: string, code: string, message: string }[]).map(({ path, code, message }) => ({ path, code, message }))
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    admin = await signInAdmin(server)
  })
  afterAll(() => server.dispose())

  it('refuses a category fee above what a payment may record, in 元', async () => {
    const settings = structuredClone(DEFAULT_PROGRAMME)
    settings.categories[1]!.feeFen = 200_000_000
    expect(await refused(settings)).toEqual([{ path: 'categories.1.feeFen', code: 'programme.fee_too_large', message: '费用：不能超过缴费金额的上限1,000,000元' }])
    expect(await refused(settings, 'en')).toEqual([{ path: 'categories.1.feeFen', code: 'programme.fee_too_large', message: 'Fee: At most ¥1,000,000, the most a payment can record' }])
    expect((await current()).version).toBe(1)
  })

  it('refuses names and version labels of white space alone as required, naming the programme\'s, a category\'s and a level\'s names', async () => {
    const settings = structuredClone(DEFAULT_PROGRAMME)
    settings.name['zh-CN'] = '   '
    settings.categories[0]!.name.en = '\u3000\u3000'
    settings.categories[1]!.levels[0]!.name['zh-CN'] = ' '
    settings.memberTermsVersion = '\u3000'
    expect(await refused(settings)).toEqual([
      { path: 'name.zh-CN', code: 'field.required', message: '计划名称（中文）：必填' },
      { path: 'categories.0.name.en', code: 'field.required', message: '类别名称（英文）：必填' },
      { path: 'categories.1.levels.0.name.zh-CN', code: 'field.required', message: '等级名称（中文）：必填' },
      { path: 'memberTermsVersion', code: 'field.required', message: '会员须知版本：必填' },
    ])
    expect((await refused(settings, 'en')).map(issue => issue.message)).toEqual([
      'Programme name (Chinese): Required',
      'Category name (English): Required',
      'Level name (Chinese): Required',
      'Member terms version: Required',
    ])
    expect((await current()).version).toBe(1)
  })

  it('refuses a level code used twice in one category, at the second', async () => {
    const settings = structuredClone(DEFAULT_PROGRAMME)
    settings.categories[1]!.levels.push({ code: 'gold', name: { 'zh-CN': '白金卡', 'en': 'Platinum' } })
    expect(await refused(settings)).toEqual([{ path: 'categories.1.levels.3.code', code: 'programme.duplicate_level_code', message: '等级代码：代码 gold 已被该类别的另一等级使用' }])
    expect((await current()).version).toBe(1)
  })

  it('publishes names and version labels trimmed, the highest fee a payment may record, and a level code in two categories', async () => {
    const settings = structuredClone(DEFAULT_PROGRAMME)
    settings.name = { 'zh-CN': '\u3000会员计划 ', 'en': ' Membership programme' }
    settings.privacyNoticeVersion = ' 2026-12 '
    settings.categories[1]!.feeFen = 100_000_000
    settings.categories[0]!.levels = [{ code: 'gold', name: { 'zh-CN': ' 金卡', 'en': 'Gold ' } }]
    const response = await publish(settings, '"1"')
    expect(response.status).toBe(200)
    const stored = (await current()).settings
    expect(stored.name).toEqual(DEFAULT_PROGRAMME.name)
    expect(stored.privacyNoticeVersion).toBe('2026-12')
    expect(stored.categories[0]!.levels).toEqual([{ code: 'gold', name: { 'zh-CN': '金卡', 'en': 'Gold' } }])
    expect(stored.categories[1]!.feeFen).toBe(100_000_000)
  })
})
