import type { SignedInAdmin } from '../../support/admin-fixtures'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEntries, signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

const V2 = { ...DEFAULT_PROGRAMME, privacyNoticeVersion: '2026-12', maxDependants: 4 }
const V3 = { ...V2, reviewDeadlineWorkingDays: 7 }

describe.each(DIALECTS)('admin API: programme settings on %s', (dialect) => {
  let server: TestServer
  let admin: SignedInAdmin
  let agent: SignedInAgent

  const publish = (json: unknown, ifMatch?: string) => server.request('/api/admin/programme', { method: 'PUT', token: admin.token, json, headers: ifMatch === undefined ? {} : { 'If-Match': ifMatch } })

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    admin = await signInAdmin(server)
    agent = await server.signIn('agent.li')
  })
  afterAll(() => server.dispose())

  it('answers the settings in force with their version, also as ETag', async () => {
    const response = await server.request('/api/admin/programme', { token: admin.token })
    expect(response.status).toBe(200)
    expect(response.headers.get('ETag')).toBe('"1"')
    expect(await response.json()).toEqual({ version: 1, settings: DEFAULT_PROGRAMME })
  })

  it('needs If-Match with a version', async () => {
    const missing = await publish(V2)
    expect(missing.status).toBe(428)
    expect((await missing.json()).error.code).toBe('request.version_required')
    const notAVersion = await publish(V2, 'latest')
    expect(notAVersion.status).toBe(400)
  })

  it('refuses invalid settings with every issue and its code', async () => {
    const response = await publish({ ...DEFAULT_PROGRAMME, memberNumberPrefix: 'fe1', categories: [], maxDependants: 0, name: undefined }, '"1"')
    expect(response.status).toBe(400)
    const issues = (await response.json()).error.issues.map((i: { path: string, code: string }) => [i.path, i.code])
    expect(issues).toEqual(expect.arrayContaining([
      ['memberNumberPrefix', 'field.format'],
      ['categories', 'field.too_few'],
      ['maxDependants', 'field.too_small'],
      ['name', 'field.required'],
    ]))
    const duplicate = await publish({ ...DEFAULT_PROGRAMME, categories: [DEFAULT_PROGRAMME.categories[0], DEFAULT_PROGRAMME.categories[0]] }, '"1"')
    expect(duplicate.status).toBe(400)
    expect((await duplicate.json()).error.issues).toEqual([expect.objectContaining({ path: 'categories.1.code' })])
    expect((await (await server.request('/api/admin/programme', { token: admin.token })).json()).version).toBe(1)
    // A misspelt setting is refused by name, not dropped (it would then publish nothing, or the rest without it).
    const misspelt = await publish({ ...DEFAULT_PROGRAMME, maxDependant: 5 }, '"1"')
    expect(misspelt.status).toBe(400)
    expect((await misspelt.json()).error.issues).toEqual([expect.objectContaining({ path: 'maxDependant', code: 'field.unknown' })])
    // At any depth: inside a category, a level's name and the duplicate rules (these were dropped before).
    const [first, ...others] = DEFAULT_PROGRAMME.categories
    const nested = await publish({
      ...DEFAULT_PROGRAMME,
      categories: [{ ...first!, levelz: [], name: { ...first!.name, fr: 'Standard' } }, ...others],
      duplicateRules: { ...DEFAULT_PROGRAMME.duplicateRules, thresholds: { ...DEFAULT_PROGRAMME.duplicateRules.thresholds, certian: 90 } },
    }, '"1"')
    expect(nested.status).toBe(400)
    expect((await nested.json()).error.issues.map((i: { path: string, code: string }) => [i.path, i.code]).sort()).toEqual([
      ['categories.0.levelz', 'field.unknown'],
      ['categories.0.name.fr', 'field.unknown'],
      ['duplicateRules.thresholds.certian', 'field.unknown'],
    ])
    // Hidden characters: refused in names and version labels, and controls in the notices.
    const hidden = await publish({
      ...DEFAULT_PROGRAMME,
      name: { ...DEFAULT_PROGRAMME.name, 'zh-CN': `会员\u200B计划` },
      privacyNoticeVersion: `2026\u202E01`,
      memberTermsText: { ...DEFAULT_PROGRAMME.memberTermsText, en: 'Terms\u0007' },
    }, '"1"')
    expect(hidden.status).toBe(400)
    const invisibleOnly = await publish({ ...DEFAULT_PROGRAMME, privacyNoticeText: { ...DEFAULT_PROGRAMME.privacyNoticeText, 'zh-CN': '\u200B' } }, '"1"')
    expect(invisibleOnly.status).toBe(400)
    expect((await invisibleOnly.json()).error.issues).toEqual([expect.objectContaining({ path: 'privacyNoticeText.zh-CN', code: 'field.required' })])
    expect((await hidden.json()).error.issues.map((i: { path: string, code: string }) => [i.path, i.code]).sort()).toEqual([
      ['memberTermsText.en', 'text.hidden_characters'],
      ['name.zh-CN', 'text.hidden_characters'],
      ['privacyNoticeVersion', 'text.hidden_characters'],
    ])
    expect((await (await server.request('/api/admin/programme', { token: admin.token })).json()).version).toBe(1)
  })

  it('names the programme\'s name as the settings screen does (计划名称), not as a person\'s 姓名, even when it is missing or not text', async () => {
    const { name: _name, ...unnamed } = DEFAULT_PROGRAMME
    const cases: Array<[unknown, string, string, string]> = [
      [unnamed, 'zh-CN', 'field.required', '计划名称：必填'],
      [unnamed, 'en', 'field.required', 'Programme name: Required'],
      [{ ...DEFAULT_PROGRAMME, name: '会员计划' }, 'zh-CN', 'field.type', '计划名称：数据类型不正确'],
    ]
    for (const [json, language, code, message] of cases) {
      const response = await server.request('/api/admin/programme', { method: 'PUT', token: admin.token, json, headers: { 'If-Match': '"1"', 'Accept-Language': language } })
      expect(response.status).toBe(400)
      expect((await response.json()).error.issues, message).toEqual([expect.objectContaining({ path: 'name', code, message })])
    }
    expect((await (await server.request('/api/admin/programme', { token: admin.token })).json()).version).toBe(1)
  })

  it('publishes a new version that agents receive at their next pull, announced and audited', async () => {
    const response = await publish(V2, '"1"')
    expect(response.status).toBe(200)
    expect(response.headers.get('ETag')).toBe('"2"')
    expect(await response.json()).toEqual({ version: 2, settings: V2 })

    const pull = await (await server.request('/api/sync/pull', { token: agent.token })).json()
    expect(pull.reference.programmeVersion).toBe(2)
    expect(pull.reference.programme).toMatchObject({ privacyNoticeVersion: '2026-12', maxDependants: 4 })

    const feed = await server.database.db.selectFrom('change_feed').select(['kind', 'agent_id', 'payload']).where('kind', '=', 'reference').execute()
    expect(feed).toEqual([{ kind: 'reference', agent_id: null, payload: '{"what":"programme","version":2}' }])

    const [entry] = await auditEntries(server, admin, { action: 'programme.update' })
    expect(entry).toMatchObject({ actorId: admin.staffId, actorUsername: 'admin', targetType: 'programme', targetId: '2' })
    expect(entry!.detail).toEqual({ version: 2, previousVersion: 1, changed: ['maxDependants', 'privacyNoticeVersion'] })
  })

  it('refuses a publication that changes nothing, whatever order its keys come in', async () => {
    const same = Object.fromEntries(Object.entries(V2).reverse())
    const response = await publish(same, '"2"')
    expect(response.status).toBe(422)
    expect((await response.json()).error).toMatchObject({ code: 'programme.unchanged', message: '设置没有改动，无需发布新版本' })
    // Invisible characters pasted into a notice are removed before the comparison: the same text.
    const zh = V2.privacyNoticeText['zh-CN']
    const pasted = await publish({ ...V2, privacyNoticeText: { ...V2.privacyNoticeText, 'zh-CN': `\uFEFF${zh.slice(0, 4)}\u200B${zh.slice(4)}` } }, '"2"')
    expect(pasted.status).toBe(422)
    expect((await (await server.request('/api/admin/programme', { token: admin.token })).json()).version).toBe(2)
  })

  it('refuses a notice text changed under the version label published (consents name the label only)', async () => {
    const terms = { ...V2.memberTermsText, 'zh-CN': '会员应遵守修订后的章程。' }
    const unversioned = await publish({ ...V2, memberTermsText: terms }, '"2"')
    expect(unversioned.status).toBe(422)
    expect((await unversioned.json()).error.issues).toEqual([expect.objectContaining({ path: 'memberTermsVersion', code: 'programme.notice_version_unchanged' })])
    expect((await (await server.request('/api/admin/programme', { token: admin.token })).json()).version).toBe(2)
  })

  it('refuses a change made on an older version with 409', async () => {
    const stale = await publish(V3, '"1"')
    expect(stale.status).toBe(409)
    expect(await stale.json()).toMatchObject({ error: { code: 'request.version_conflict', currentVersion: 2 } })
    expect((await (await server.request('/api/admin/programme', { token: admin.token })).json()).version).toBe(2)
  })

  it('lets only one of two publications made on the same version win', async () => {
    const results = await Promise.all([publish(V3, '"2"'), publish({ ...V3, maxDependants: 5 }, 'W/"2"')])
    expect(results.map(r => r.status).sort()).toEqual([200, 409])
    const loser = results.find(r => r.status === 409)!
    expect((await loser.json()).error.code).toBe('request.version_conflict')
    const versions = await server.database.db.selectFrom('programme_settings').select('version').orderBy('version').execute()
    expect(versions.map(v => Number(v.version))).toEqual([1, 2, 3])
    expect(await auditEntries(server, admin, { action: 'programme.update' })).toHaveLength(2)
  })

  it('lists every version, newest first, and answers each one', async () => {
    const list = await server.request('/api/admin/programme/versions', { token: admin.token })
    expect(list.status).toBe(200)
    expect((await list.json()).items).toEqual([
      { version: 3, createdAt: expect.any(String), createdBy: admin.staffId, createdByUsername: 'admin' },
      { version: 2, createdAt: expect.any(String), createdBy: admin.staffId, createdByUsername: 'admin' },
      { version: 1, createdAt: expect.any(String), createdBy: null, createdByUsername: null },
    ])
    const v2 = await server.request('/api/admin/programme/versions/2', { token: admin.token })
    expect(await v2.json()).toEqual({ version: 2, settings: V2, createdAt: expect.any(String), createdBy: admin.staffId })
    expect((await server.request('/api/admin/programme/versions/9', { token: admin.token })).status).toBe(404)
    const bad = await server.request('/api/admin/programme/versions/two', { token: admin.token })
    expect(bad.status).toBe(400)
  })
})
