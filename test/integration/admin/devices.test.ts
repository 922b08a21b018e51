import type { SignedInAdmin } from '../../support/admin-fixtures'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEntries, signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer, TEST_PASSWORD } from '../../support/test-server'

interface DeviceItem { id: string, code: string, kind: 'tablet' | 'desk', staffId: string, staffUsername: string, staffName: string, label: string, registeredAt: string, lastSeenAt: string, revokedAt: string | null, unsyncedCount: number, clockOffsetMs: number | null }

describe.each(DIALECTS)('admin API: devices on %s', (dialect) => {
  let server: TestServer
  let admin: SignedInAdmin
  let lost: SignedInAgent
  let spare: SignedInAgent
  let other: SignedInAgent

  const listDevices = async (query = '') => {
    const response = await server.request(`/api/admin/devices${query}`, { token: admin.token })
    expect(response.status).toBe(200)
    return (await response.json()).items as DeviceItem[]
  }
  const revoke = (id: string) => server.request(`/api/admin/devices/${id}/revoke`, { method: 'POST', token: admin.token })

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('agent.wang', 'field_agent', [SYNC_SITE_ID])
    admin = await signInAdmin(server)
    server.clock.advance(60_000)
    lost = await server.signIn('agent.li', TEST_PASSWORD, 'tablet-lost-000001')
    server.clock.advance(60_000)
    spare = await server.signIn('agent.li', TEST_PASSWORD, 'tablet-spare-000002')
    server.clock.advance(60_000)
    other = await server.signIn('agent.wang', TEST_PASSWORD, 'tablet-wang-000003')
    server.clock.advance(60_000)
    await server.request('/api/sync/pull', { token: lost.token, headers: { 'X-Unsynced-Count': '4' } })
  })
  afterAll(() => server.dispose())

  it('lists devices newest first, with their owner, last contact and unsynced count', async () => {
    const items = await listDevices()
    expect(items.map(d => d.id)).toEqual(['tablet-wang-000003', 'tablet-spare-000002', 'tablet-lost-000001', admin.deviceId])
    expect(items.find(d => d.id === 'tablet-lost-000001')).toEqual({
      id: 'tablet-lost-000001',
      code: lost.deviceCode,
      kind: 'tablet',
      staffId: 'staff-agent.li',
      staffUsername: 'agent.li',
      staffName: 'agent.li',
      label: 'test tablet',
      registeredAt: '2026-11-23T02:01:00.000Z',
      lastSeenAt: '2026-11-23T02:04:00.000Z',
      revokedAt: null,
      unsyncedCount: 4,
      clockOffsetMs: null,
    })
  })

  it('knows how far each device\'s clock is off from what its requests say it reads (X-Device-Time), to the second', async () => {
    const clockOf = async (id: string) => (await listDevices()).find(d => d.id === id)!.clockOffsetMs
    const reading = (ms: number) => new Date(server.clock.now().getTime() + ms).toISOString()
    const pull = (token: string, deviceTime: string) => server.request('/api/sync/pull', { token, headers: { 'X-Device-Time': deviceTime } })
    const hour = 3_600_000
    // First reported: kept at once, though the last contact was under a minute ago.
    expect((await pull(spare.token, reading(2 * hour + 10 * 60_000 + 400))).status).toBe(200)
    expect(await clockOf(spare.deviceId)).toBe(2 * hour + 10 * 60_000)
    // In its own zone, and slow.
    expect((await pull(other.token, reading(-90 * 60_000).replace('Z', '+00:00'))).status).toBe(200)
    expect(await clockOf(other.deviceId)).toBe(-90 * 60_000)
    // Advisory: a header that is no instant is ignored, the request goes on, the last report stands.
    for (const junk of ['yesterday', '2026-11-23', '2026-11-23T10:20:00', `${reading(0)} `.repeat(2), '9999-99-99T99:99:99Z']) {
      expect((await pull(spare.token, junk)).status).toBe(200)
      expect(await clockOf(spare.deviceId)).toBe(2 * hour + 10 * 60_000)
    }
    // Set right: written at once, not a minute later.
    expect((await pull(spare.token, reading(1_500))).status).toBe(200)
    expect(await clockOf(spare.deviceId)).toBe(2_000)
    // A clock off by two thousand years is kept as far as the column goes (68 years): still slow, never a refused request.
    expect((await pull(other.token, '0001-01-01T00:00:00Z')).status).toBe(200)
    expect(await clockOf(other.deviceId)).toBe(-2_147_483_647_000)
  })

  it('tells a desk browser (its id starts `desk-`) from a tablet', async () => {
    await server.createStaff('reviewer.zhao', 'reviewer', [SYNC_SITE_ID])
    const desk = await server.signIn('reviewer.zhao', TEST_PASSWORD, 'desk-0190a0b0-7a1b-7000-8000-000000000001')
    try {
      const items = await listDevices()
      expect(items.find(d => d.id === desk.deviceId)?.kind).toBe('desk')
      expect(items.filter(d => d.id !== desk.deviceId).map(d => d.kind)).toEqual(['tablet', 'tablet', 'tablet', 'tablet'])
    }
    finally {
      // The rows the other tests count stay as they were.
      await server.database.db.deleteFrom('sessions').where('device_id', '=', desk.deviceId).execute()
      await server.database.db.deleteFrom('devices').where('id', '=', desk.deviceId).execute()
    }
  })

  it('filters by staff member and by revoked', async () => {
    expect((await listDevices('?staffId=staff-agent.li')).map(d => d.id)).toEqual(['tablet-spare-000002', 'tablet-lost-000001'])
    expect(await listDevices('?revoked=true')).toEqual([])
    expect((await listDevices('?revoked=false')).length).toBe(4)
    const bad = await server.request('/api/admin/devices?revoked=1', { token: admin.token })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.issues).toEqual([expect.objectContaining({ path: 'revoked', code: 'field.invalid_option' })])
  })

  it('revokes a device: its token is told to wipe, its pull and sign-in are refused, other devices go on', async () => {
    const response = await revoke(lost.deviceId)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ id: lost.deviceId, revokedAt: '2026-11-23T02:04:00.000Z', alreadyRevoked: false })

    const me = await server.request('/api/me', { token: lost.token })
    expect(me.status).toBe(403)
    expect(await me.json()).toMatchObject({ error: { code: 'auth.device_revoked', wipe: true } })
    const pull = await server.request('/api/sync/pull', { token: lost.token })
    expect(pull.status).toBe(403)
    expect(await pull.json()).toMatchObject({ error: { code: 'auth.device_revoked', wipe: true } })
    const login = await server.request('/api/auth/login', { method: 'POST', json: { username: 'agent.li', password: TEST_PASSWORD, deviceId: lost.deviceId } })
    expect(login.status).toBe(403)
    expect(await login.json()).toMatchObject({ error: { code: 'auth.device_revoked', wipe: true } })
    const sessions = await server.database.db.selectFrom('sessions').select('revoked_at').where('device_id', '=', lost.deviceId).execute()
    expect(sessions.every(s => s.revoked_at !== null)).toBe(true)

    // The same agent's other tablet, and other agents, are untouched.
    expect((await server.request('/api/sync/pull', { token: spare.token })).status).toBe(200)
    expect((await server.request('/api/sync/pull', { token: other.token })).status).toBe(200)

    expect((await listDevices('?revoked=true')).map(d => [d.id, d.revokedAt])).toEqual([[lost.deviceId, '2026-11-23T02:04:00.000Z']])
    const entries = await auditEntries(server, admin, { action: 'device.revoke' })
    expect(entries).toEqual([expect.objectContaining({ actorId: admin.staffId, actorUsername: 'admin', targetType: 'device', targetId: lost.deviceId })])
    expect(entries[0]!.detail).toEqual({ code: lost.deviceCode, staffId: 'staff-agent.li', unsyncedCount: 4, sessionsRevoked: 1 })
  })

  it('is idempotent: a second revocation keeps the first time and records nothing', async () => {
    server.clock.advance(3_600_000)
    const again = await revoke(lost.deviceId)
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ id: lost.deviceId, revokedAt: '2026-11-23T02:04:00.000Z', alreadyRevoked: true })
    expect(await auditEntries(server, admin, { action: 'device.revoke' })).toHaveLength(1)
  })

  it('answers 404 for an unknown device', async () => {
    const response = await revoke('tablet-nowhere')
    expect(response.status).toBe(404)
    expect((await response.json()).error.code).toBe('request.not_found')
  })

  it('tells a revoked device to wipe even when it comes back after its session expired', async () => {
    server.clock.advance(40 * 86_400_000)
    const response = await server.request('/api/sync/pull', { token: lost.token })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: { code: 'auth.device_revoked', wipe: true } })
  })

  it('keeps what a revoked device still held unsynced when it is told to wipe: the count at revocation predates the work done offline since', async () => {
    server.clock.advance(60_000)
    const response = await server.request('/api/sync/push', { method: 'POST', token: lost.token, headers: { 'X-Unsynced-Count': '7' }, json: { protocolVersion: 1, mutations: [], sentAt: server.clock.now().toISOString() } })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: { code: 'auth.device_revoked', wipe: true } })
    admin = await signInAdmin(server) // the last test's 40 days ended the administrator's session too
    const device = (await listDevices('?revoked=true')).find(d => d.id === lost.deviceId)
    expect(device).toMatchObject({ unsyncedCount: 7, lastSeenAt: server.clock.now().toISOString(), revokedAt: '2026-11-23T02:04:00.000Z' })
  })
})
