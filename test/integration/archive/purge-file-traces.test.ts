import type { IndividualInput } from '../../fixtures/applications'
import type { TestServer } from '../../support/test-server'
import { Buffer } from 'node:buffer'
import { existsSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { purgeExpiredRecords } from '../../../server/services/retention.service'
import { approveThrough, deskApplication, pushApplication, reviewAction } from '../../support/review-fixtures'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

const DAY_MS = 86_400_000

/**
 * The retention purge destroys personal data in the SQLite file itself, not only in what a
 * query reads back: a row updated or deleted leaves its old bytes in the page it sat in (and
 * earlier copies of the page in the write-ahead log) until something happens to overwrite
 * them, and anyone holding the file — a copy of the data folder, a stolen disk — reads them
 * with `strings`. After a run, neither the database file nor its WAL holds a byte of what it
 * destroyed. (SQLite only: PostgreSQL's dead rows are the server's to reclaim, see README.)
 */
describe('retention purge on the SQLite file', () => {
  let server: TestServer
  const rejected: Partial<IndividualInput['person']> = { name: '慕容复兴', email: 'murong.fuxing@example.com', address: { regionCode: '110105', detail: '朝阳区慕容街77号院3号楼' } }
  const cancelled: Partial<IndividualInput['person']> = { name: '独孤求败', email: 'dugu.qiubai@example.com', address: { regionCode: '110105', detail: '朝阳区独孤路99号' } }
  const traces: string[] = []

  beforeAll(async () => {
    server = await createTestServer('sqlite')
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    const agent = await server.signIn('agent.li')
    const supervisor = await server.signIn('supervisor.wu')

    const first = deskApplication(agent, 1, SYNC_SITE_ID, { person: rejected })
    await pushApplication(server, agent, first)
    expect((await reviewAction(server, supervisor.token, first.id, 'start_review', 1)).status).toBe(200)
    expect((await reviewAction(server, supervisor.token, first.id, 'reject', 2, { reason: 'ineligible', note: '慕容先生不在服务区域' })).status).toBe(200)

    const second = deskApplication(agent, 2, SYNC_SITE_ID, { person: cancelled })
    await pushApplication(server, agent, second)
    const { memberId } = await approveThrough(server, supervisor.token, second.id)
    const cancel = await server.request(`/api/members/${memberId}/actions/cancel`, { method: 'POST', token: supervisor.token, headers: { 'If-Match': '"1"' }, json: { reason: '独孤先生本人申请' } })
    expect(cancel.status).toBe(200)

    traces.push(first.person.mobile, rejected.name!, rejected.email!, rejected.address!.detail, '慕容先生不在服务区域')
    traces.push(second.person.mobile, cancelled.name!, cancelled.email!, cancelled.address!.detail, '独孤先生本人申请')
  })
  afterAll(() => server.dispose())

  /** The traces found in the database file and its write-ahead log, as bytes on disk. */
  const onDisk = (): string[] => {
    const path = server.database.location.sqlitePath
    const files = [path, `${path}-wal`].filter(file => existsSync(file)).map(file => readFileSync(file))
    return traces.filter(trace => files.some(bytes => bytes.includes(Buffer.from(trace, 'utf8'))))
  }

  it('leaves none of the destroyed data in the database file or its write-ahead log', async () => {
    // Written, so on disk: the check can see them.
    expect(onDisk()).toEqual(traces)
    server.clock.advance(1_100 * DAY_MS)
    const report = await purgeExpiredRecords(server.deps)
    expect(report).toMatchObject({ purged: { members: 1, applications: 1 }, completed: true, walEmptied: true })
    expect(onDisk()).toEqual([])
  })
})
