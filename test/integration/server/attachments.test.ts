import type { TestServer } from '../../support/test-server'
import { Buffer } from 'node:buffer'
import { createCipheriv, createHash, randomUUID } from 'node:crypto'
import { createReadStream, existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { crc32, deflateSync } from 'node:zlib'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { verifyAuditChain } from '../../../server/repositories/audit.repository'
import { currentProgramme, insertProgrammeVersion } from '../../../server/repositories/programme.repository'
import { DIALECTS } from '../../support/databases'
import { createTestServer } from '../../support/test-server'
import { jpeg } from '../../support/tiny-files'

// ---- Real, small files ------------------------------------------------------------------

/** A valid 2×2 RGB PNG of one colour (signature, IHDR, zlib IDAT, IEND with their CRCs). */
function png(rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(2, 0)
  header.writeUInt32BE(2, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, deflate, no filter method, no interlace
  const row = Buffer.from([0, ...rgb, ...rgb]) // filter type 0, two pixels
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat([row, row]))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** The 1×1 lossless WebP browsers are feature-tested with. */
const WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64')

function pdf(note = ''): Buffer {
  return Buffer.from([
    '%PDF-1.4',
    '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj',
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj',
    'trailer <</Root 1 0 R>>',
    `%${note}`,
    '%%EOF',
    '',
  ].join('\n'), 'latin1')
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

function filesUnder(root: string): string[] {
  if (!existsSync(root))
    return []
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => join(entry.parentPath, entry.name))
}

/** A body made chunk by chunk as the server reads it, counting what was pulled. */
function lazyBody(chunks: number, chunkSize: number, first: Uint8Array): { body: ReadableStream<Uint8Array>, pulled: () => number } {
  let made = 0
  let pulled = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (made === chunks)
        return controller.close()
      const chunk = new Uint8Array(chunkSize)
      if (made === 0)
        chunk.set(first)
      made++
      pulled += chunk.length
      controller.enqueue(chunk)
    },
  }, { highWaterMark: 0 })
  return { body, pulled: () => pulled }
}

async function useAttachmentLimit(server: TestServer, bytes: number): Promise<void> {
  const current = (await currentProgramme(server.database.db))!
  await insertProgrammeVersion(server.database.db, current.version + 1, { ...current.settings, maxAttachmentBytes: bytes }, server.clock.now().toISOString(), null)
}

/**
 * An application row as the sync push stores it (the push API is tested elsewhere):
 * one `application_attachments` row per named hash, complete when all are already stored.
 */
async function insertApplication(server: TestServer, owner: { agentId: string, siteId: string }, hashes: string[]): Promise<string> {
  const db = server.database.db
  const id = randomUUID()
  const at = server.clock.now().toISOString()
  const stored = await db.selectFrom('attachments').select('sha256').where('sha256', 'in', hashes).execute()
  await db.insertInto('applications').values({
    id,
    receipt_no: `TEST-${id}`,
    version: 1,
    status: 'submitted',
    applicant_type: 'individual',
    category: DEFAULT_PROGRAMME.categories[0]!.code,
    site_id: owner.siteId,
    agent_id: owner.agentId,
    device_id: 'tablet-test-000001',
    form_version: 1,
    data: '{}',
    display_name: '张*',
    mobile: '138****8000',
    id_number_hmac: null,
    warnings: '[]',
    attachments_complete: new Set(stored.map(s => s.sha256)).size === new Set(hashes).size ? 1 : 0,
    captured_at: at,
    submitted_at: at,
    updated_at: at,
    review_due_at: at,
    reviewer_id: null,
    reject_reason: null,
    decision_note: null,
    return_items: null,
    member_id: null,
  }).execute()
  await db.insertInto('application_attachments')
    .values(hashes.map((hash, i) => ({ application_id: id, attachment_id: randomUUID(), sha256: hash, kind: i === 0 ? 'id_front' : 'id_back' })))
    .execute()
  return id
}

async function isComplete(server: TestServer, applicationId: string): Promise<boolean> {
  const row = await server.database.db.selectFrom('applications').select('attachments_complete').where('id', '=', applicationId).executeTakeFirstOrThrow()
  return Number(row.attachments_complete) === 1
}

describe.each(DIALECTS)('attachments on %s', (dialect) => {
  let server: TestServer
  let root: string
  const tokens: Record<string, string> = {}

  const put = (token: string | undefined, bytes: Uint8Array, contentType: string | undefined, hash = sha256(bytes), headers: Record<string, string> = {}) =>
    server.request(`/api/attachments/${hash}`, { method: 'PUT', token, headers: { ...(contentType ? { 'Content-Type': contentType } : {}), ...headers }, body: bytes })
  const head = (token: string | undefined, hash: string) => server.request(`/api/attachments/${hash}`, { method: 'HEAD', token })
  const get = (token: string | undefined, hash: string) => server.request(`/api/attachments/${hash}`, { token })
  const rowCount = async (hash: string) => (await server.database.db.selectFrom('attachments').select('sha256').where('sha256', '=', hash).execute()).length
  const fileOf = (hash: string) => join(root, hash.slice(0, 2), hash.slice(2, 4), hash)

  /** Nothing of `hash` anywhere: no row, no file, and no temporary file left in storage. */
  async function expectNothingStored(hash: string): Promise<void> {
    expect(await rowCount(hash)).toBe(0)
    expect(existsSync(fileOf(hash))).toBe(false)
    expect(await server.deps.storage.has(hash)).toBe(false)
    expect(filesUnder(root).filter(path => path.endsWith('.part'))).toEqual([])
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    root = join(dirname(server.database.location.sqlitePath), 'attachments')
    await server.createStaff('agent.li', 'field_agent', ['site-bj01'])
    await server.createStaff('agent.wang', 'field_agent', ['site-bj01'])
    await server.createStaff('reviewer.zhou', 'reviewer', ['site-bj01'])
    await server.createStaff('reviewer.sun', 'reviewer', ['site-sh01'])
    await server.createStaff('supervisor.qian', 'supervisor')
    for (const username of ['agent.li', 'agent.wang', 'reviewer.zhou', 'reviewer.sun', 'supervisor.qian'])
      tokens[username] = (await server.signIn(username)).token
    tokens.admin = (await server.signIn('admin', server.adminPassword)).token
  })
  afterAll(() => server.dispose())

  it.each([
    ['JPEG', 'image/jpeg', jpeg('upload')],
    ['PNG', 'image/png', png([0xC0, 0x39, 0x2B])],
    ['WebP', 'image/webp', WEBP],
    ['PDF', 'application/pdf', pdf('upload')],
  ])('stores a real %s under its hash, in fan-out folders, and HEAD then finds it', async (_name, mediaType, bytes) => {
    const hash = sha256(bytes)
    expect((await head(tokens['agent.li'], hash)).status).toBe(404)

    const response = await put(tokens['agent.li'], bytes, mediaType)
    expect(response.status).toBe(201)
    expect(await response.json()).toEqual({ sha256: hash, size: bytes.length, mediaType, alreadyStored: false })
    expect(readFileSync(fileOf(hash))).toEqual(bytes)
    expect(await server.deps.storage.size(hash)).toBe(bytes.length)

    const found = await head(tokens['agent.wang'], hash)
    expect(found.status).toBe(200)
    expect(found.headers.get('content-length')).toBe(String(bytes.length))
    expect(found.headers.get('content-type')).toBe(mediaType)
    expect(await found.text()).toBe('')
  })

  it('answers HEAD of a hash nobody uploaded with 404', async () => {
    const response = await head(tokens['agent.li'], sha256(Buffer.from('never uploaded')))
    expect(response.status).toBe(404)
  })

  it('is idempotent: the same upload again answers 200 alreadyStored and keeps one row', async () => {
    const bytes = jpeg('twice')
    const hash = sha256(bytes)
    expect((await put(tokens['agent.li'], bytes, 'image/jpeg')).status).toBe(201)
    const again = await put(tokens['agent.li'], bytes, 'image/jpeg')
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ sha256: hash, size: bytes.length, mediaType: 'image/jpeg', alreadyStored: true })
    expect(await rowCount(hash)).toBe(1)
    expect(filesUnder(join(root, hash.slice(0, 2), hash.slice(2, 4)))).toEqual([fileOf(hash)])
  })

  it('refuses a body whose hash differs from the URL, and stores nothing', async () => {
    const claimed = sha256(jpeg('what the device meant'))
    const response = await put(tokens['agent.li'], jpeg('what arrived'), 'image/jpeg', claimed)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'attachment.hash_mismatch' } })
    await expectNothingStored(claimed)
  })

  it('refuses a body over the programme\'s limit while streaming, reading little past it', async () => {
    await useAttachmentLimit(server, 64 * 1024)
    try {
      const { body, pulled } = lazyBody(256, 16 * 1024, jpeg()) // 4 MiB offered, no Content-Length
      const hash = sha256(Buffer.from('whatever the 4 MiB would hash to'))
      const response = await server.request(`/api/attachments/${hash}`, { method: 'PUT', token: tokens['agent.li'], headers: { 'Content-Type': 'image/jpeg', 'Accept-Language': 'en' }, body, duplex: 'half' } as RequestInit)
      expect(response.status).toBe(413)
      expect(await response.json()).toEqual({ error: { code: 'attachment.too_large', message: 'An attachment may be at most 0.06 MB', params: { maxMb: 0.06 } } })
      expect(pulled()).toBeLessThan(256 * 1024)
      await expectNothingStored(hash)

      // A file within the limit still goes in.
      expect((await put(tokens['agent.li'], jpeg('small enough'), 'image/jpeg')).status).toBe(201)
    }
    finally {
      await useAttachmentLimit(server, DEFAULT_PROGRAMME.maxAttachmentBytes)
    }
  })

  it('refuses a too-large Content-Length before reading the body', async () => {
    const { body, pulled } = lazyBody(4, 16 * 1024, jpeg())
    const hash = sha256(Buffer.from('declared too large'))
    const response = await server.request(`/api/attachments/${hash}`, {
      method: 'PUT',
      token: tokens['agent.li'],
      headers: { 'Content-Type': 'image/jpeg', 'Content-Length': String(DEFAULT_PROGRAMME.maxAttachmentBytes + 1) },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: { code: 'attachment.too_large', params: { maxMb: 10 } } })
    expect(pulled()).toBe(0)
    await expectNothingStored(hash)
  })

  it.each([
    ['bytes that are no accepted type', Buffer.from('GIF89a\u0001\u0000\u0001\u0000not really an image'), 'image/jpeg', 415, 'attachment.media_type_mismatch', { mediaType: 'image/jpeg' }],
    ['a PNG declared as JPEG', png([1, 2, 3]), 'image/jpeg', 415, 'attachment.media_type_mismatch', { mediaType: 'image/jpeg' }],
    ['a JPEG declared as PDF', jpeg('not a pdf'), 'application/pdf', 415, 'attachment.media_type_mismatch', { mediaType: 'application/pdf' }],
    ['a body shorter than any signature', Buffer.from([0xFF, 0xD8]), 'image/jpeg', 415, 'attachment.media_type_mismatch', { mediaType: 'image/jpeg' }],
    ['an empty body', Buffer.alloc(0), 'image/png', 415, 'attachment.media_type_mismatch', { mediaType: 'image/png' }],
    ['an unsupported Content-Type', Buffer.from('GIF89a\u0001\u0000\u0001\u0000'), 'image/gif', 415, 'attachment.media_type_unsupported', { mediaType: 'image/gif' }],
    ['a text file', Buffer.from('hello'), 'text/plain; charset=utf-8', 415, 'attachment.media_type_unsupported', { mediaType: 'text/plain' }],
    ['no Content-Type at all', jpeg('untyped'), undefined, 415, 'attachment.media_type_unsupported', { mediaType: 'none' }],
  ] as const)('refuses %s', async (_name, bytes, contentType, status, code, params) => {
    const response = await put(tokens['agent.li'], bytes, contentType)
    expect(response.status).toBe(status)
    expect(await response.json()).toMatchObject({ error: { code, params } })
    await expectNothingStored(sha256(bytes))
  })

  it('accepts a Content-Type with parameters or in capitals', async () => {
    expect((await put(tokens['agent.li'], png([9, 9, 9]), 'IMAGE/PNG; charset=binary')).status).toBe(201)
  })

  it('refuses a URL that is not a lowercase SHA-256, with its own code', async () => {
    const bytes = jpeg('bad url')
    for (const hash of ['abc', sha256(bytes).toUpperCase(), `${sha256(bytes)}0`, '..%2F..%2Fetc%2Fpasswd']) {
      const response = await put(tokens['agent.li'], bytes, 'image/jpeg', hash)
      expect(response.status, hash).toBe(400)
      expect((await response.json()).error.code).toBe('attachment.sha256_format')
    }
    expect((await get(tokens['supervisor.qian'], 'not-a-hash')).status).toBe(400)
    await expectNothingStored(sha256(bytes))
  })

  it('needs a signed-in user for every method', async () => {
    const bytes = jpeg('anonymous')
    const hash = sha256(bytes)
    const anonymous = await put(undefined, bytes, 'image/jpeg')
    expect(anonymous.status).toBe(401)
    expect((await anonymous.json()).error.code).toBe('auth.required')
    await expectNothingStored(hash)
    expect((await head(undefined, hash)).status).toBe(401)
    expect((await get(undefined, hash)).status).toBe(401)
    expect((await put('not-a-token', bytes, 'image/jpeg')).status).toBe(401)
  })

  describe('downloads', () => {
    const photo = jpeg('id card of agent li\'s applicant')
    const hash = sha256(photo)
    let applicationId: string

    beforeAll(async () => {
      applicationId = await insertApplication(server, { agentId: 'staff-agent.li', siteId: 'site-bj01' }, [hash])
      expect((await put(tokens['agent.wang'], photo, 'image/jpeg')).status).toBe(201) // anyone may upload
    })

    it.each([
      ['the agent who entered the application', 'agent.li'],
      ['a reviewer of its site', 'reviewer.zhou'],
      ['a supervisor', 'supervisor.qian'],
    ])('lets %s download it, never cached', async (_who, username) => {
      const response = await get(tokens[username], hash)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/jpeg')
      expect(response.headers.get('content-length')).toBe(String(photo.length))
      expect(response.headers.get('cache-control')).toBe('private, no-store')
      expect(Buffer.from(await response.arrayBuffer())).toEqual(photo)
    })

    it.each([
      ['another agent', 'agent.wang'],
      ['a reviewer of another site', 'reviewer.sun'],
    ])('answers %s 404, as if the file did not exist', async (_who, username) => {
      const response = await get(tokens[username], hash)
      expect(response.status).toBe(404)
      expect((await response.json()).error.code).toBe('request.not_found')
    })

    it('refuses administrators (403)', async () => {
      const response = await get(tokens.admin, hash)
      expect(response.status).toBe(403)
      expect((await response.json()).error.code).toBe('auth.forbidden')
    })

    it('answers 404 for a stored file no application names, even to a supervisor', async () => {
      const orphan = png([0x22, 0x44, 0x66])
      expect((await put(tokens['agent.li'], orphan, 'image/png')).status).toBe(201)
      expect((await get(tokens['supervisor.qian'], sha256(orphan))).status).toBe(404)
      expect((await get(tokens['supervisor.qian'], sha256(Buffer.from('nothing')))).status).toBe(404)
    })

    it('writes every download to the audit log, in an unbroken chain', async () => {
      const views = await server.database.db.selectFrom('audit_log')
        .select(['actor_id', 'target_type', 'target_id', 'detail'])
        .where('action', '=', 'attachment.view')
        .orderBy('seq')
        .execute()
      expect(views).toEqual(['staff-agent.li', 'staff-reviewer.zhou', 'staff-supervisor.qian'].map(actor => ({
        actor_id: actor,
        target_type: 'attachment',
        target_id: hash,
        detail: JSON.stringify({ applicationId }),
      })))
      expect((await verifyAuditChain(server.database.db)).ok).toBe(true)
    })

    it('answers an agent 404 once the application\'s site is no longer theirs, as the application itself', async () => {
      // An agent moved to another site keeps no access to the applicants' photos of the old
      // one: their own applications are theirs only at their current sites (查询服务器记录,
      // the fetch of a returned application), and the photos follow the application.
      await server.createStaff('agent.zhang', 'field_agent', ['site-bj01', 'site-sh01'])
      const zhang = (await server.signIn('agent.zhang')).token
      const card = jpeg('id card taken by agent zhang at site-sh01')
      expect((await put(zhang, card, 'image/jpeg')).status).toBe(201)
      await insertApplication(server, { agentId: 'staff-agent.zhang', siteId: 'site-sh01' }, [sha256(card)])
      expect((await get(zhang, sha256(card))).status).toBe(200)

      await server.database.db.deleteFrom('staff_sites').where('staff_id', '=', 'staff-agent.zhang').where('site_id', '=', 'site-sh01').execute()
      const refused = await get(zhang, sha256(card))
      expect(refused.status).toBe(404)
      expect((await refused.json()).error.code).toBe('request.not_found')
      expect((await get(tokens['reviewer.sun'], sha256(card))).status).toBe(200)
    })
  })

  it('makes an application complete only when the last of its attachments arrives', async () => {
    const front = jpeg('front of the ID card')
    const back = jpeg('back of the ID card')
    const licence = pdf('licence')
    const both = await insertApplication(server, { agentId: 'staff-agent.li', siteId: 'site-bj01' }, [sha256(front), sha256(back)])
    const backOnly = await insertApplication(server, { agentId: 'staff-agent.wang', siteId: 'site-bj01' }, [sha256(back)])
    const stillMissing = await insertApplication(server, { agentId: 'staff-agent.li', siteId: 'site-bj01' }, [sha256(front), sha256(licence)])
    expect([await isComplete(server, both), await isComplete(server, backOnly), await isComplete(server, stillMissing)]).toEqual([false, false, false])

    expect((await put(tokens['agent.li'], front, 'image/jpeg')).status).toBe(201)
    expect([await isComplete(server, both), await isComplete(server, backOnly), await isComplete(server, stillMissing)]).toEqual([false, false, false])

    expect((await put(tokens['agent.li'], back, 'image/jpeg')).status).toBe(201)
    expect([await isComplete(server, both), await isComplete(server, backOnly), await isComplete(server, stillMissing)]).toEqual([true, true, false])

    // A refused upload of the last one changes nothing.
    expect((await put(tokens['agent.li'], licence, 'image/jpeg')).status).toBe(415)
    expect(await isComplete(server, stillMissing)).toBe(false)
    expect((await put(tokens['agent.li'], licence, 'application/pdf')).status).toBe(201)
    expect(await isComplete(server, stillMissing)).toBe(true)
  })

  it('publishes the attachment endpoints in the OpenAPI description', async () => {
    const doc = await (await server.request('/api/openapi.json')).json()
    expect(Object.keys(doc.paths['/api/attachments/{sha256}']).sort()).toEqual(['get', 'head', 'put'])
  })
})

// ---- Memory ------------------------------------------------------------------------------

/** The garbage collector, exposed at run time when Node was started without --expose-gc. */
function exposeGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc
  if (existing)
    return existing
  try {
    setFlagsFromString('--expose-gc')
    return runInNewContext('gc') as () => void
  }
  catch {
    return undefined
  }
}

/** A deterministic pseudo-random byte stream (AES-256-CTR over zeros) that starts like a JPEG. */
function pseudoRandomJpeg(total: number, chunkSize: number): () => Buffer | undefined {
  const cipher = createCipheriv('aes-256-ctr', Buffer.alloc(32, 7), Buffer.alloc(16, 1))
  const zeros = Buffer.alloc(chunkSize)
  let made = 0
  return () => {
    if (made >= total)
      return undefined
    const chunk = cipher.update(zeros.subarray(0, Math.min(chunkSize, total - made)))
    if (made === 0)
      chunk.set([0xFF, 0xD8, 0xFF, 0xE0])
    made += chunk.length
    return chunk
  }
}

// The streaming path is the same on both databases, so this runs once, on SQLite.
describe('attachment upload memory', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await createTestServer('sqlite')
  })
  afterAll(() => server.dispose())

  it('streams a 10 MB upload to disk without holding it in memory', async () => {
    const total = 10 * 1024 * 1024
    const chunkSize = 64 * 1024
    await useAttachmentLimit(server, 12 * 1024 * 1024)
    await server.createStaff('agent.mem', 'field_agent', ['site-bj01'])
    const { token } = await server.signIn('agent.mem')

    const hash = createHash('sha256')
    for (let next = pseudoRandomJpeg(total, chunkSize), chunk = next(); chunk; chunk = next())
      hash.update(chunk)
    const digest = hash.digest('hex')

    const gc = exposeGc()
    gc?.()
    const before = process.memoryUsage()
    const peak = { rss: before.rss, arrayBuffers: before.arrayBuffers }
    let chunks = 0
    const next = pseudoRandomJpeg(total, chunkSize)
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = next()
        if (!chunk)
          return controller.close()
        // Every 1 MiB: collect garbage, then see what is still held.
        if (gc && ++chunks % 16 === 0) {
          gc()
          const now = process.memoryUsage()
          peak.rss = Math.max(peak.rss, now.rss)
          peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers)
        }
        controller.enqueue(chunk)
      },
    }, { highWaterMark: 0 })

    const response = await server.request(`/api/attachments/${digest}`, { method: 'PUT', token, headers: { 'Content-Type': 'image/jpeg' }, body, duplex: 'half' } as RequestInit)
    expect(response.status).toBe(201)
    expect(await response.json()).toEqual({ sha256: digest, size: total, mediaType: 'image/jpeg', alreadyStored: false })

    const path = join(dirname(server.database.location.sqlitePath), 'attachments', digest.slice(0, 2), digest.slice(2, 4), digest)
    expect(statSync(path).size).toBe(total)
    const onDisk = createHash('sha256')
    for await (const chunk of createReadStream(path))
      onDisk.update(chunk as Buffer)
    expect(onDisk.digest('hex')).toBe(digest)

    if (!gc) {
      console.warn('attachment memory check: no gc available; only the stored file was checked')
      return
    }
    const growth = { rss: peak.rss - before.rss, arrayBuffers: peak.arrayBuffers - before.arrayBuffers }
    console.info(`attachment memory check (10 MiB upload, after gc every MiB): rss +${(growth.rss / 1024 / 1024).toFixed(2)} MiB, arrayBuffers +${(growth.arrayBuffers / 1024 / 1024).toFixed(2)} MiB`)
    expect(growth.arrayBuffers).toBeLessThan(8 * 1024 * 1024)
    expect(growth.rss).toBeLessThan(8 * 1024 * 1024)
  })
})

describe('attachment downloads dropped midway', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await createTestServer('sqlite')
  })
  afterAll(() => server.dispose())

  it('closes the file when a download is dropped midway, and goes on serving', async () => {
    await server.createStaff('agent.drop', 'field_agent', ['site-bj01'])
    const { token } = await server.signIn('agent.drop')
    const big = Buffer.concat(Array.from(function* () {
      for (let next = pseudoRandomJpeg(2 * 1024 * 1024, 64 * 1024), chunk = next(); chunk; chunk = next())
        yield chunk
    }()))
    const bigHash = sha256(big)
    await insertApplication(server, { agentId: 'staff-agent.drop', siteId: 'site-bj01' }, [bigHash])
    const uploaded = await server.request(`/api/attachments/${bigHash}`, { method: 'PUT', token, body: big, headers: { 'Content-Type': 'image/jpeg' } })
    expect(uploaded.status).toBe(201)
    // The descriptors this process holds open on the stored file.
    const openOnFile = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).endsWith(bigHash)
      }
      catch {
        return false // closed meanwhile
      }
    }).length

    const response = await server.request(`/api/attachments/${bigHash}`, { token })
    const reader = response.body!.getReader()
    const first = await reader.read()
    expect(first.value!.length).toBeLessThan(big.length)
    expect(openOnFile()).toBe(1)
    await reader.cancel()
    await expect.poll(openOnFile).toBe(0)
    expect(sha256(new Uint8Array(await (await server.request(`/api/attachments/${bigHash}`, { token })).arrayBuffer()))).toBe(bigHash)
  })

  it('logs an upload the tablet cut off as one warning, not as a server error, and stores nothing', async () => {
    await server.createStaff('agent.cut', 'field_agent', ['site-bj01'])
    const { token } = await server.signIn('agent.cut')
    const photo = Buffer.concat(Array.from(function* () {
      for (let next = pseudoRandomJpeg(256 * 1024, 64 * 1024), chunk = next(); chunk; chunk = next())
        yield chunk
    }()))
    const hash = sha256(photo)
    // The connection drops after the first 64 KB: the request's signal is aborted and its body fails, as on a real server.
    const cut = new AbortController()
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(photo.subarray(0, 64 * 1024))
      },
      pull(controller) {
        cut.abort()
        controller.error(new Error('aborted'))
      },
    })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const response = await server.request(`/api/attachments/${hash}`, { method: 'PUT', token, body, signal: cut.signal, headers: { 'Content-Type': 'image/jpeg', 'Content-Length': String(photo.length) }, duplex: 'half' } as never)
      expect(response.status).toBe(400)
      expect(error).not.toHaveBeenCalled()
      expect(warn.mock.calls).toEqual([[`Cut off by the client: PUT /api/attachments/${hash}`]])
    }
    finally {
      warn.mockRestore()
      error.mockRestore()
    }
    expect((await server.request(`/api/attachments/${hash}`, { method: 'HEAD', token })).status).toBe(404)
  })
})
