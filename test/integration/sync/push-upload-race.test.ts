import type { IndividualInput } from '../../fixtures/applications'
import type { TestDatabase } from '../../support/databases'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lockAttachmentHashes } from '../../../server/repositories/attachments.repository'
import { createTestDatabase, DIALECTS, postgresUrl } from '../../support/databases'
import { agentApplication, pushBody, submit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'
import { jpeg } from '../../support/tiny-files'

/**
 * A push naming files and the uploads of those files, at the same time. Whichever commits
 * last must see the other's rows, or an application stays incomplete for ever (the review
 * queue would show it as waiting for photos that have arrived). On PostgreSQL both sides
 * lock the hashes first; these tests hold that guarantee and the lock itself.
 */

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/** An application whose every attachment is a real JPEG, with the bytes to upload. */
function withRealFiles(agent: SignedInAgent, seq: number): { app: IndividualInput, files: Buffer[] } {
  const base = agentApplication(agent, seq)
  const files = base.attachments.map(a => jpeg(`race ${seq} ${a.kind}`))
  const attachments = base.attachments.map((a, i) => ({ ...a, mediaType: 'image/jpeg' as const, sha256: sha256(files[i]!), size: files[i]!.length }))
  return { app: { ...base, attachments }, files }
}

describe.each(DIALECTS)('a push and the uploads of its files at once, on %s', (dialect) => {
  let server: TestServer
  let agent: SignedInAgent

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    agent = await server.signIn('agent.li')
  })
  afterAll(() => server.dispose())

  it('leaves every application complete, whichever commits first', async () => {
    const ids: string[] = []
    for (let round = 0; round < 4; round++) {
      const enrolments = Array.from({ length: 6 }, (_, i) => withRealFiles(agent, 100 * round + i + 1))
      ids.push(...enrolments.map(e => e.app.id))
      const push = server.request('/api/sync/push', { method: 'POST', token: agent.token, json: pushBody(enrolments.map(e => submit(e.app))) })
      const uploads = enrolments.flatMap(e => e.files).map(file => server.request(`/api/attachments/${sha256(file)}`, { method: 'PUT', token: agent.token, headers: { 'Content-Type': 'image/jpeg' }, body: file }))
      // Half the rounds start the uploads first.
      const responses = round % 2 ? await Promise.all([...uploads, push]) : await Promise.all([push, ...uploads])
      expect(responses.map(r => r.status).sort()).toEqual([...Array.from({ length: uploads.length }, () => 201), 200].sort())
    }
    const rows = await server.database.db.selectFrom('applications').select(['id', 'attachments_complete']).where('id', 'in', ids).execute()
    expect(rows).toHaveLength(ids.length)
    expect(rows.filter(r => Number(r.attachments_complete) !== 1)).toEqual([])
  })
})

describe.runIf(postgresUrl)('attachment hash locks on PostgreSQL', () => {
  let database: TestDatabase
  const [h1, h2, h3, other] = ['one', 'two', 'three', 'other'].map(s => sha256(Buffer.from(s)))

  beforeAll(async () => {
    database = await createTestDatabase('postgres')
  })
  afterAll(() => database.dispose())

  it('holds every hash of the set until the transaction ends, and no other', async () => {
    const holder = await database.db.startTransaction().execute()
    await lockAttachmentHashes(holder, [h3!, h1!, h2!, h1!])

    const waiter = await database.db.startTransaction().execute()
    let acquired = false
    const waiting = lockAttachmentHashes(waiter, [h2!]).then(() => {
      acquired = true
    })
    const bystander = await database.db.startTransaction().execute()
    await lockAttachmentHashes(bystander, [other!])
    await bystander.commit().execute()

    await new Promise(resolve => setTimeout(resolve, 300))
    expect(acquired).toBe(false)
    await holder.commit().execute()
    await waiting
    expect(acquired).toBe(true)
    await waiter.commit().execute()
  })
})
