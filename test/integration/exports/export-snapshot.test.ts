import type { ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestResponse, TestServer } from '../../support/test-server'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_CONCURRENT_EXPORTS } from '../../../server/services/exports.service'
import { parseCsv } from '../../support/csv'
import { DIALECTS } from '../../support/databases'
import { approveThrough, deskApplication, pushApplication, reviewAction } from '../../support/review-fixtures'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * An export is read from one snapshot: while a long file downloads, pushes and decisions go
 * on, and the file still holds the rows as they were when it began, each once, exactly
 * `X-Total-Rows` of them. The exports read 500 rows at a time, so the tables are filled past
 * two reads and the download is held after its first bytes while other requests change rows
 * it has not reached yet.
 */

const BULK = 1100

/** A download started and held after its first chunk; `rest()` reads it to the end. */
async function startDownload(response: TestResponse): Promise<{ rest: () => Promise<string[][]> }> {
  expect(response.status).toBe(200)
  const reader = response.body!.getReader()
  const chunks: Uint8Array[] = []
  const first = await reader.read()
  expect(first.done).toBe(false)
  chunks.push(first.value!)
  return {
    rest: async () => {
      for (let next = await reader.read(); !next.done; next = await reader.read())
        chunks.push(next.value)
      const text = new TextDecoder('utf-8').decode(Buffer.concat(chunks)).replace(/^\uFEFF/, '')
      return parseCsv(text).slice(1)
    },
  }
}

describe.each(DIALECTS)('exports read from one snapshot on %s', (dialect) => {
  let server: TestServer
  let li: SignedInAgent
  let reviewer: SignedInAgent
  let supervisor: SignedInAgent
  const apps: { id: string, receiptNo: string }[] = []
  let member: { memberId: string, memberNo: string }

  const get = (path: string, who: SignedInAgent = reviewer) => server.request(path, { token: who.token })

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    li = await server.signIn('agent.li')
    reviewer = await server.signIn('reviewer.chen')
    supervisor = await server.signIn('supervisor.wu')
    for (const seq of [1, 2, 3, 4]) {
      const app = deskApplication(li, seq, SYNC_SITE_ID)
      await pushApplication(server, li, app)
      apps.push({ id: app.id, receiptNo: app.receiptNo })
      server.clock.advance(60_000)
    }
    member = await approveThrough(server, supervisor.token, apps[3]!.id)

    // Copies of real rows with their own ids and numbers. Receipt numbers `BULK-…` sort after
    // the real ones (`BJ01…`), so in descending order the real applications come last; member
    // numbers `A-…` sort before the real one, so the real member comes last.
    const db = server.database.db
    const application = await db.selectFrom('applications').selectAll().where('id', '=', apps[0]!.id).executeTakeFirstOrThrow()
    const memberRow = await db.selectFrom('members').selectAll().where('id', '=', member.memberId).executeTakeFirstOrThrow()
    for (let i = 0; i < BULK; i += 200) {
      const ns = Array.from({ length: Math.min(200, BULK - i) }, (_, k) => String(i + k).padStart(5, '0'))
      await db.insertInto('applications').values(ns.map(n => ({ ...application, id: `bulk-${n}`, receipt_no: `BULK-${n}` }))).execute()
      await db.insertInto('members').values(ns.map(n => ({ ...memberRow, id: `bulk-member-${n}`, application_id: `bulk-${n}`, member_no: `A-${n}`, card_no: null }))).execute()
    }
  })
  afterAll(() => server.dispose())

  it('writes the queue as it was when the export began, though rows leave and join the filter while it downloads', async () => {
    const response = await get('/api/exports/applications?format=csv&status=submitted&sort=receiptNo&order=desc')
    const total = Number(response.headers.get('X-Total-Rows'))
    expect(total).toBe(BULK + 3)
    const download = await startDownload(response)

    // Rows the download has not reached: one leaves the filter (review starts), one joins it (a new push).
    expect((await reviewAction(server, reviewer.token, apps[1]!.id, 'start_review', 1)).status).toBe(200)
    const late = deskApplication(li, 9, SYNC_SITE_ID)
    await pushApplication(server, li, late)

    const rows = await download.rest()
    const receipts = rows.map(r => r[0]!)
    expect(receipts).toHaveLength(total)
    expect(new Set(receipts).size).toBe(total)
    expect(receipts.slice(-3)).toEqual([apps[2]!.receiptNo, apps[1]!.receiptNo, apps[0]!.receiptNo])
    expect(receipts).not.toContain(late.receiptNo)
    // The application whose review started meanwhile is written as it was: submitted.
    expect(rows.find(r => r[0] === apps[1]!.receiptNo)![1]).toBe('已提交')

    // The next export sees the change.
    const after = await get('/api/exports/applications?format=csv&status=submitted&sort=receiptNo&order=desc')
    expect(after.headers.get('X-Total-Rows')).toBe(String(total))
    const now = (await (await startDownload(after)).rest()).map(r => r[0])
    expect(now).toContain(late.receiptNo)
    expect(now).not.toContain(apps[1]!.receiptNo)
  })

  it('writes the members as they were when the export began, though one is frozen while it downloads', async () => {
    const response = await get('/api/exports/members?format=csv&status=active')
    const total = Number(response.headers.get('X-Total-Rows'))
    expect(total).toBe(BULK + 1)
    const download = await startDownload(response)

    const frozen = await server.request(`/api/members/${member.memberId}/actions/freeze`, { method: 'POST', token: reviewer.token, headers: { 'If-Match': '"1"' }, json: { reason: '核查资料' } })
    expect(frozen.status).toBe(200)

    const rows = await download.rest()
    expect(rows).toHaveLength(total)
    expect(rows.at(-1)![0]).toBe(member.memberNo)
    expect(rows.at(-1)![1]).toBe('正常')
    const next = await get('/api/exports/members?format=csv&status=active')
    expect(Number(next.headers.get('X-Total-Rows'))).toBe(BULK)
    expect(await (await startDownload(next)).rest()).toHaveLength(BULK)
  })

  it(`runs ${MAX_CONCURRENT_EXPORTS} exports at once, refuses one more with export.busy, and lets go of each snapshot when its download ends or is dropped`, async () => {
    const held: TestResponse[] = []
    for (let i = 0; i < MAX_CONCURRENT_EXPORTS; i++) {
      // CSV: more than the stream buffers hold, so an unread download keeps reading rows, and its snapshot.
      const response = await get(`/api/exports/${i % 2 ? 'members' : 'applications'}?format=csv`)
      expect(response.status).toBe(200)
      held.push(response)
    }
    const refused = await server.request('/api/exports/applications?format=csv', { token: reviewer.token, headers: { 'Accept-Language': 'en' } })
    expect(refused.status).toBe(503)
    const { error } = await refused.json()
    expect(error.code).toBe('export.busy')
    expect(error.message).toContain(String(MAX_CONCURRENT_EXPORTS))

    // One read to the end, one dropped before its first byte, the others dropped midway.
    const [whole, untouched, ...midway] = held
    await whole!.arrayBuffer()
    await untouched!.body!.cancel()
    for (const response of midway) {
      const reader = response.body!.getReader()
      await reader.read()
      await reader.cancel()
    }
    // Every snapshot is let go: as many exports as the limit run again, to the end.
    await expect.poll(async () => {
      const again = await Promise.all(held.map(() => get('/api/exports/members?format=csv')))
      await Promise.all(again.map(r => r.arrayBuffer()))
      return again.map(r => r.status)
    }).toEqual(held.map(() => 200))
  })

  it('lets go of the snapshots of downloads a browser drops over HTTP', async () => {
    const listening = await new Promise<ServerType>((resolve) => {
      const http: ServerType = serve({ fetch: server.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(http))
    })
    try {
      const { port } = listening.address() as AddressInfo
      const over = (path: string, signal?: AbortSignal) => fetch(`http://127.0.0.1:${port}${path}`, { headers: { Authorization: `Bearer ${reviewer.token}` }, ...(signal ? { signal } : {}) })
      const dropped = Array.from({ length: MAX_CONCURRENT_EXPORTS }, () => new AbortController())
      for (const [i, controller] of dropped.entries()) {
        const response = await over(`/api/exports/applications?format=${i % 2 ? 'xlsx' : 'csv'}`, controller.signal)
        expect(response.status).toBe(200)
        await response.body!.getReader().read()
        controller.abort()
      }
      await expect.poll(async () => {
        const all = await Promise.all(dropped.map(() => over('/api/exports/members?format=csv')))
        await Promise.all(all.map(r => r.arrayBuffer()))
        return all.map(r => r.status)
      }).toEqual(dropped.map(() => 200))
    }
    finally {
      await new Promise(resolve => listening.close(resolve))
    }
  })
})
