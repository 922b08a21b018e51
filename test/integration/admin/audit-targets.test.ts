import type { IndividualInput } from '../../fixtures/applications'
import type { SignedInAdmin } from '../../support/admin-fixtures'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEntries, signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { approveThrough, deskApplication, pushApplication } from '../../support/review-fixtures'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'
import { jpeg } from '../../support/tiny-files'

/**
 * The audit log names its targets the way people know them (a receipt or member number, a
 * user name, a site or device code) and finds entries by such a reference: a receipt or
 * member number finds everything done to that applicant's record — the application, the
 * member it became and the documents it names.
 */
describe.each(DIALECTS)('audit log targets on %s', (dialect) => {
  let server: TestServer
  let admin: SignedInAdmin
  let agent: SignedInAgent
  let reviewer: SignedInAgent
  let app: IndividualInput
  let other: IndividualInput
  let memberNo: string
  let memberId: string
  const photo = jpeg('audit target')
  const photoHash = createHash('sha256').update(photo).digest('hex')

  beforeAll(async () => {
    server = await createTestServer(dialect)
    admin = await signInAdmin(server)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    agent = await server.signIn('agent.li')
    reviewer = await server.signIn('reviewer.chen')
    const base = deskApplication(agent, 1, SYNC_SITE_ID)
    // The ID photo is a real file, uploaded and then opened by the reviewer.
    app = { ...base, attachments: base.attachments.map(a => a.kind === 'id_front' ? { ...a, sha256: photoHash, mediaType: 'image/jpeg', size: photo.length } : a) }
    other = deskApplication(agent, 2, SYNC_SITE_ID)
    const upload = await server.request(`/api/attachments/${photoHash}`, { method: 'PUT', token: agent.token, headers: { 'Content-Type': 'image/jpeg' }, body: photo })
    expect(upload.status).toBe(201)
    await pushApplication(server, agent, app)
    await pushApplication(server, agent, other)
    expect((await server.request(`/api/attachments/${photoHash}`, { token: reviewer.token })).status).toBe(200)
    ;({ memberNo, memberId } = await approveThrough(server, reviewer.token, app.id))
    expect((await server.request(`/api/members/${memberId}`, { token: reviewer.token })).status).toBe(200)
    await approveThrough(server, reviewer.token, other.id)
  })
  afterAll(() => server.dispose())

  it('labels each target as people know it', async () => {
    const entries = await auditEntries(server, admin, {})
    const labelOf = (action: string, targetId: string) => entries.find(e => e.action === action && e.targetId === targetId)?.targetLabel
    expect(labelOf('application.approve', app.id)).toBe(app.receiptNo)
    expect(labelOf('attachment.view', photoHash)).toBe(app.receiptNo)
    expect(labelOf('member.view', memberId)).toBe(memberNo)
    expect(labelOf('auth.login', agent.deviceId)).toBe(agent.deviceCode)
    const created = entries.find(e => e.action === 'staff.create' && e.detail.username === 'admin')
    expect(created?.targetLabel).toBe('admin')
  })

  it('finds everything done to one applicant\'s record by its receipt number or its member number', async () => {
    const byReceipt = await auditEntries(server, admin, { target: app.receiptNo.toLowerCase() })
    expect(byReceipt.map(e => e.action).sort()).toEqual(['application.approve', 'application.start_review', 'attachment.view', 'member.view'])
    expect(byReceipt.every(e => [app.id, memberId, photoHash].includes(e.targetId!))).toBe(true)
    expect(await auditEntries(server, admin, { target: memberNo })).toEqual(byReceipt)
    // The other application's entries are not among them.
    const otherOnes = await auditEntries(server, admin, { target: other.receiptNo })
    expect(otherOnes.map(e => e.action).sort()).toEqual(['application.approve', 'application.start_review'])
  })

  it('finds entries by a user name, a device code, a site code or an id, and nothing by an unknown reference', async () => {
    // The first administrator's account, created by the first start.
    expect((await auditEntries(server, admin, { target: 'ADMIN', action: 'staff.*' })).map(e => [e.action, e.targetLabel])).toEqual([['staff.create', 'admin']])
    expect((await auditEntries(server, admin, { target: agent.deviceCode.toLowerCase() })).map(e => [e.action, e.actorUsername])).toEqual([['auth.login', 'agent.li']])
    expect((await auditEntries(server, admin, { target: app.id })).length).toBeGreaterThan(0)
    expect(await auditEntries(server, admin, { target: 'XX99-NOPE-000001-A' })).toEqual([])
    const site = await server.request('/api/admin/sites', { method: 'POST', token: admin.token, json: { code: 'BJ09', name: '北京海淀网点', regionCode: '110108' } })
    expect(site.status).toBe(201)
    expect((await auditEntries(server, admin, { target: 'bj09' })).map(e => [e.action, e.targetLabel])).toEqual([['site.create', 'BJ09 北京海淀网点']])
  })
})
