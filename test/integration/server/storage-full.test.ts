import type { AppEnv } from '../../../server/context'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { Hono } from 'hono'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { toErrorResponse } from '../../../server/http/error-handler'
import { agentApplication, pushBody, submit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * The server's storage full: each request that cannot be written is answered 503
 * `server.storage_full` in the caller's language — not a 500 with a stack trace in the log —
 * having written nothing, so the tablet keeps its work and the same push applies once the
 * operator has made room. On SQLite the disk is made full for real, by capping the database
 * at the pages it has (`max_page_count`: SQLite then fails writes with SQLITE_FULL, as on a
 * full disk); PostgreSQL's disk_full and the file system's ENOSPC are answered alike.
 */
describe('a full storage, on SQLite', () => {
  let server: TestServer
  let agent: SignedInAgent

  beforeAll(async () => {
    server = await createTestServer('sqlite')
    await server.createStaff('agent.full', 'field_agent', [SYNC_SITE_ID])
    agent = await server.signIn('agent.full')
  })
  afterAll(() => server.dispose())

  const pages = async () => Number((await sql<{ page_count: number }>`PRAGMA page_count`.execute(server.database.db)).rows[0]!.page_count)
  const capAt = (count: number) => sql.raw(`PRAGMA max_page_count = ${count}`).execute(server.database.db)

  it('answers a push it cannot write 503 storage_full, keeps nothing of it, and applies the same push once there is room', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    await capAt(await pages())
    let refusedBatch: ReturnType<typeof agentApplication>[] = []
    let refusedBody: ReturnType<typeof pushBody> | null = null
    try {
      // The pages there are still have room in them: batches go in until one needs a page more.
      for (let batch = 0; batch < 50 && refusedBatch.length === 0; batch++) {
        const applications = Array.from({ length: 20 }, (_, i) => agentApplication(agent, batch * 20 + i + 1))
        const body = pushBody(applications.map(a => submit(a)))
        const response = await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: body, headers: { 'Accept-Language': 'zh-CN' } })
        if (response.status === 200)
          continue
        expect(response.status).toBe(503)
        const { error } = await response.json() as { error: { code: string, message: string } }
        expect(error).toEqual({ code: 'server.storage_full', message: '服务器存储空间已满，本次操作未保存：请通知管理员，稍后重试' })
        refusedBatch = applications
        refusedBody = body
      }
      expect(refusedBatch).toHaveLength(20)
      // One line for the operator, no stack trace.
      expect(logged.mock.calls.map(call => String(call[0]))).toEqual([expect.stringMatching(/^Storage full, answered 503: POST \/api\/sync\/push: /)])
      // Nothing of the refused batch was kept: the whole transaction rolled back.
      const stored = await server.database.db.selectFrom('applications').select('id').where('id', 'in', refusedBatch.map(a => a.id)).execute()
      expect(stored).toEqual([])
    }
    finally {
      logged.mockRestore()
      await capAt(1_073_741_823)
    }
    // Room made: the tablet's retry of the same batch (the same mutation ids) applies, every application of it.
    const retried = await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: refusedBody })
    expect(retried.status).toBe(200)
    expect((await retried.json() as { results: Array<{ outcome: string }> }).results.map(result => result.outcome)).toEqual(Array.from({ length: 20 }, () => 'applied'))
  })
})

describe('a full storage, whichever it is', () => {
  const answer = async (code: string) => {
    const app = new Hono<AppEnv>()
    app.onError(toErrorResponse)
    app.get('/x', () => {
      throw Object.assign(new Error('no space'), { code })
    })
    const response = await app.request('/x', { headers: { 'Accept-Language': 'en' } })
    return { status: response.status, error: (await response.json() as { error: { code: string, message: string } }).error }
  }

  it('answers PostgreSQL\'s disk_full (53100) and the file system\'s ENOSPC 503, in the caller\'s language', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const expected = { status: 503, error: { code: 'server.storage_full', message: 'The server\'s storage is full and nothing was saved: tell the administrator, and try again later' } }
      expect(await answer('53100')).toEqual(expected)
      expect(await answer('ENOSPC')).toEqual(expected)
      expect(await answer('SQLITE_FULL')).toEqual(expected)
      expect((await answer('SQLITE_IOERR')).status).toBe(500)
    }
    finally {
      logged.mockRestore()
    }
  })
})
