import type { ApplicationInput } from '#shared/application/application.schema'
import type { NewAttachment } from '../../../client/src/field/storage/applications.repository'
import type { SyncTransport } from '../../../client/src/field/sync/sync-transport'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { saveDraft, submit } from '../../../client/src/field/storage/applications.repository'
import { FieldDb } from '../../../client/src/field/storage/field-db'
import { createSyncEngine } from '../../../client/src/field/sync/sync-engine'
import { createTransport } from '../../../client/src/field/sync/sync-transport'
import { TODAY } from '../../fixtures/applications'
import { applicantOf } from '../../support/review-fixtures'
import { agentApplication, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * No data loss on a network that fails anywhere. A tablet submits applications and syncs
 * over a connection that drops requests before they arrive, or after the server acted but
 * before its answer came back, at any call of any sync (uploads, pushes, pulls). Whatever
 * the sequence: nothing submitted leaves the device before the server acknowledged it, and
 * once the network is sound again every application reaches the server exactly once, with
 * all its files, and the device holds it as synced.
 */

const SEED = Number(process.env.PROPERTY_SEED ?? 20261204)

/** A sync stops at its first network failure: one fault per sync, at the call it hits (a HEAD and a PUT per file, then the push, then pulls). */
interface Fault { at: number, kind: 'down' | 'lost' }
type Step = { kind: 'submit' } | { kind: 'sync', fault: Fault | null }

const MAGIC = [0xFF, 0xD8, 0xFF, 0xE0]

describe('field sync engine on a failing network (sqlite)', () => {
  let server: TestServer
  let agent: SignedInAgent
  let seq = 0

  beforeAll(async () => {
    server = await createTestServer('sqlite')
    await server.createStaff('agent.zhou', 'field_agent', [SYNC_SITE_ID])
    agent = await server.signIn('agent.zhou')
  })
  afterAll(() => server.dispose())

  const healthy = (): SyncTransport => createTransport((path, init) => server.request(path, { ...init, token: agent.token }) as Promise<Response>)

  /** The call the fault names fails: dropped before it leaves, or its answer lost after the server acted. */
  function failing(fault: Fault | null, hits: string[]): SyncTransport {
    let call = 0
    return createTransport(async (path, init) => {
      const kind = call++ === fault?.at ? fault.kind : 'ok'
      if (kind !== 'ok')
        hits.push(`${kind} ${init?.method ?? 'GET'} ${path.split('/').slice(0, 4).join('/')}`)
      if (kind === 'down')
        throw new TypeError('Failed to fetch')
      const answer = await server.request(path, { ...init, token: agent.token }) as Response
      if (kind === 'lost') {
        await answer.arrayBuffer()
        throw new TypeError('network connection lost')
      }
      return answer
    })
  }

  async function submitOne(db: FieldDb): Promise<string> {
    seq += 1
    const app = agentApplication(agent, seq, { person: applicantOf(seq + 500) })
    const files: NewAttachment[] = []
    const attachments = app.attachments.map((attachment) => {
      const bytes = Buffer.concat([Buffer.from(MAGIC), randomBytes(256)])
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      files.push({ id: attachment.id, sha256, kind: attachment.kind, mediaType: 'image/jpeg', size: bytes.length, blob: new Blob([bytes], { type: 'image/jpeg' }) })
      return { ...attachment, sha256, size: bytes.length, mediaType: 'image/jpeg' as const }
    })
    const input = { ...app, attachments } as ApplicationInput
    expect(await saveDraft(db, input, files)).toMatchObject({ ok: true })
    expect(await submit(db, input.id, { today: TODAY })).toMatchObject({ ok: true })
    return input.id
  }

  const fault: fc.Arbitrary<Fault | null> = fc.option(fc.record({ at: fc.nat({ max: 30 }), kind: fc.constantFrom('down' as const, 'lost' as const) }), { nil: null, freq: 5 })
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 2, arbitrary: fc.constant({ kind: 'submit' as const }) },
    { weight: 3, arbitrary: fault.map(chosen => ({ kind: 'sync' as const, fault: chosen })) },
  )
  /** Where the faults landed over the whole run: a run that never failed a push would prove little. */
  const hits: string[] = []

  it('loses nothing and duplicates nothing, whatever fails when', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
      const db = new FieldDb(`field-enrol-property-${randomUUID()}`, { indexedDB, IDBKeyRange })
      try {
        // The first sync brings the programme settings the device validates with.
        expect(await createSyncEngine({ db, transport: healthy(), locks: null }).runSync()).toMatchObject({ ok: true })
        const submitted: string[] = []
        for (const current of steps) {
          if (current.kind === 'submit') {
            submitted.push(await submitOne(db))
            continue
          }
          await createSyncEngine({ db, transport: failing(current.fault, hits), locks: null }).runSync()
          // Whatever happened, every application is still on the device, with its files.
          for (const id of submitted) {
            const local = await db.applications.get(id)
            expect(local, id).toBeDefined()
            for (const attachment of (local!.data as ApplicationInput).attachments)
              expect(await db.attachments.get(attachment.id), `${id} ${attachment.kind}`).toMatchObject({ sha256: attachment.sha256 })
          }
        }

        // The network is sound again: one sync carries everything (a second finds nothing left).
        expect(await createSyncEngine({ db, transport: healthy(), locks: null }).runSync()).toMatchObject({ ok: true })
        expect(await createSyncEngine({ db, transport: healthy(), locks: null }).runSync()).toMatchObject({ ok: true, pushed: 0 })
        expect(await db.outbox.count()).toBe(0)
        for (const id of submitted) {
          expect(await db.applications.get(id), id).toMatchObject({ status: 'submitted', syncState: 'synced', serverVersion: 1 })
          const rows = await server.database.db.selectFrom('applications').select(['status', 'version', 'attachments_complete']).where('id', '=', id).execute()
          expect(rows, id).toEqual([{ status: 'submitted', version: 1, attachments_complete: 1 }])
        }
      }
      finally {
        await db.delete()
      }
    }), {
      seed: SEED,
      numRuns: 80,
      // Each fault site at least once, whatever the seed: one application's three files are
      // calls 0–5 (HEAD, PUT each), its push call 6, the pull call 7.
      examples: [
        [[{ kind: 'submit' }, { kind: 'sync', fault: { at: 6, kind: 'lost' } }]],
        [[{ kind: 'submit' }, { kind: 'sync', fault: { at: 6, kind: 'down' } }, { kind: 'submit' }, { kind: 'sync', fault: { at: 3, kind: 'lost' } }]],
        [[{ kind: 'submit' }, { kind: 'sync', fault: { at: 1, kind: 'down' } }, { kind: 'sync', fault: { at: 7, kind: 'lost' } }]],
      ],
    })
    for (const where of ['down PUT /api/attachments', 'lost PUT /api/attachments', 'down POST /api/sync', 'lost POST /api/sync', 'lost GET /api/sync'])
      expect(hits.filter(hit => hit.startsWith(where)).length, where).toBeGreaterThan(0)
  }, 120_000)
})
