import type { MutationResult } from '#shared/sync/protocol'
import type { IndividualInput } from '../test/fixtures/applications'
import type { ServerProcess } from '../test/support/server-process'
import type { SignedInAgent } from '../test/support/sync-fixtures'
import { Buffer } from 'node:buffer'
import { createHash, randomBytes } from 'node:crypto'
import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { uuidv7 } from 'uuidv7'
import { createDatabase, openSqlite } from '../server/db/database'
import { migrateToLatest } from '../server/db/migrate'
import { insertProgrammeVersion } from '../server/repositories/programme.repository'
import { insertStaff } from '../server/repositories/staff.repository'
import { hashPassword } from '../server/security/passwords'
import { generateDedupCorpus } from '../test/support/dedup-corpus/corpus'
import { startServerProcess } from '../test/support/server-process'
import { agentApplication, pushBody, submit, SYNC_SITE_ID } from '../test/support/sync-fixtures'
import { recordAtMost, recordFigure } from './harness'

/**
 * End-to-end push throughput (issue: server): 10,000 applications in batches of 100,
 * over HTTP to a real server process on SQLite that already holds 100,000 members —
 * validation, storage, history and look-ups included. Run twice on fresh copies of the
 * seeded database: one device sending its batches one after another, then DEVICES devices
 * at once (each still one batch at a time: the realistic load of many tablets), which is
 * the figure held to the target of ≥ 10,000 per second. The ceilings are the same rows
 * inserted raw with better-sqlite3: the application rows alone, and every row a push
 * writes (per 100 and per DEVICES × 100 applications in one transaction).
 */

const MEMBERS = 100_000
export const APPLICATIONS = 10_000
const BATCH = 100
/** Tablets pushing at once in the concurrent run; APPLICATIONS / DEVICES must be a multiple of BATCH. */
export const DEVICES = 4
/** V8 heap cap for the one-device run, whose memory is held flat (see runSyncPushBench). */
export const HEAP_CAP_MB = 128

/**
 * A different applicant for every application (the labelled corpus's people): the push
 * looks each one up for duplicates, and one person enrolled 10,000 times would measure a
 * hot blocking key, not ingest.
 */
const PEOPLE: Array<IndividualInput['person']> = generateDedupCorpus({ baseCount: APPLICATIONS * 1.3, duplicateCount: 0, negativeCount: 0 }).base.flatMap(app => (app.applicantType === 'individual' ? [app.person as IndividualInput['person']] : [])).slice(0, APPLICATIONS)
const PASSWORD = 'bench password 1'

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) / 1024 : Number.NaN
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

function seedMembers(sqlitePath: string): void {
  const sqlite = openSqlite(sqlitePath)
  const at = new Date().toISOString()
  const insertApp = sqlite.prepare(`insert into applications (id, receipt_no, version, status, applicant_type, category, site_id, agent_id, device_id, form_version, data, display_name, mobile, id_number_hmac, warnings, attachments_complete, captured_at, submitted_at, updated_at, review_due_at)
    values (?, ?, 1, 'approved', 'individual', 'standard', ?, 'staff-seed', 'seed-device', 1, '{}', ?, ?, ?, '[]', 1, ?, ?, ?, ?)`)
  const insertMember = sqlite.prepare(`insert into members (id, member_no, application_id, applicant_type, category, level, site_id, display_name, mobile, id_number_hmac, data, status, card_status, card_no, valid_from, valid_until, version, created_at, updated_at)
    values (?, ?, ?, 'individual', 'standard', null, ?, ?, ?, ?, '{}', 'active', 'issued', null, '2026-01-01', '2026-12-31', 1, ?, ?)`)
  // Each member's application holds its blocking keys, as the push and the rescan leave
  // them: six keyed hashes, so the index the push writes into and looks up in has its real size.
  const insertKey = sqlite.prepare(`insert into dedup_keys (key, application_id) values (?, ?)`)
  sqlite.transaction(() => {
    for (let i = 0; i < MEMBERS; i++) {
      const appId = `seed-app-${i}`
      const hmac = randomBytes(32).toString('hex')
      const mobile = `139${String(i).padStart(8, '0')}`
      insertApp.run(appId, `SEED-${i}`, SYNC_SITE_ID, `会员${i}`, mobile, hmac, at, at, at, '2026-12-31')
      insertMember.run(`seed-member-${i}`, `FE${String(i).padStart(8, '0')}`, appId, SYNC_SITE_ID, `会员${i}`, mobile, hmac, at, at)
      for (let k = 0; k < 6; k++) insertKey.run(randomBytes(12).toString('hex'), appId)
    }
  })()
  sqlite.close()
}

/** The ceiling: the application rows alone, inserted raw in transactions of 100. */
async function rawCeiling(rows: Array<{ id: string, receiptNo: string, data: string }>): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'field-enrol-bench-raw-'))
  const sqlitePath = join(dir, 'raw.sqlite')
  const migrated = createDatabase({ sqlitePath })
  await migrateToLatest(migrated.db)
  await migrated.destroy()
  const sqlite = openSqlite(sqlitePath)
  const insert = sqlite.prepare(`insert into applications (id, receipt_no, version, status, applicant_type, category, site_id, agent_id, device_id, form_version, data, display_name, mobile, id_number_hmac, warnings, attachments_complete, captured_at, submitted_at, updated_at, review_due_at)
    values (?, ?, 1, 'submitted', 'individual', 'standard', 'site', 'agent', 'device', 1, ?, '张伟', '13800138000', null, '[]', 0, 'x', 'x', 'x', 'x')`)
  const batch = sqlite.transaction((slice: typeof rows) => {
    for (const row of slice) insert.run(row.id, row.receiptNo, row.data)
  })
  const started = process.hrtime.bigint()
  for (let i = 0; i < rows.length; i += BATCH) batch(rows.slice(i, i + BATCH))
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  sqlite.close()
  rmSync(dir, { recursive: true, force: true })
  return rows.length / seconds
}

/**
 * What this disk takes, written the way a WAL commit writes: `megabytes` appended in 4 KB
 * pages, then one fsync. The best of five, in MB/s.
 */
function durableWriteRate(megabytes = 5): number {
  const dir = mkdtempSync(join(tmpdir(), 'field-enrol-bench-disk-'))
  const page = randomBytes(4096)
  const pages = Math.round(megabytes * 1e6 / page.length)
  let best = 0
  try {
    for (let round = 0; round < 5; round++) {
      const fd = openSync(join(dir, `wal-${round}`), 'w')
      const t0 = process.hrtime.bigint()
      for (let i = 0; i < pages; i++) writeSync(fd, page)
      fsyncSync(fd)
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9
      closeSync(fd)
      best = Math.max(best, pages * page.length / 1e6 / seconds)
    }
  }
  finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return best
}

/**
 * The honest ceiling of the storage alone: every row a pushed first submission writes
 * (application, version, status event, its attachment links, duplicate blocking keys,
 * change-feed entry, stored answer, counter) with prepared statements, in transactions of 100 applications, into a
 * copy of the seeded database (same indexes, same 100,000 rows) — no HTTP, no validation,
 * no encryption; the WAL checkpoint included. Applications per second: on one writer,
 * nothing end to end can beat it.
 */
function rawFullCeiling(seededPath: string, applications: readonly IndividualInput[], perTransaction = BATCH): { perSecond: number, walPagesPerBatch: number, pageSize: number, commitMs: number, checkpointMs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'field-enrol-bench-rawfull-'))
  const sqlitePath = join(dir, 'raw.sqlite')
  copyFileSync(seededPath, sqlitePath)
  const sqlite = openSqlite(sqlitePath)
  sqlite.pragma('wal_autocheckpoint = 0')
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number
  const at = new Date().toISOString()
  const app = sqlite.prepare(`insert into applications (id, receipt_no, version, status, applicant_type, category, site_id, agent_id, device_id, form_version, data, display_name, mobile, id_number_hmac, warnings, attachments_complete, captured_at, submitted_at, updated_at, review_due_at, arrived_at)
    values (?, ?, 1, 'submitted', 'individual', 'standard', ?, 'staff-bench', 'bench-device', 1, ?, ?, ?, ?, '[]', 0, ?, ?, ?, '2026-12-01', ?)`)
  const version = sqlite.prepare(`insert into application_versions (application_id, version, status, data, mutation_id, actor_id, device_time, server_time) values (?, 1, 'submitted', ?, ?, 'staff-bench', ?, ?)`)
  const event = sqlite.prepare(`insert into application_events (application_id, version, action, from_status, to_status, actor_id, at) values (?, 1, 'ingest', 'queued', 'submitted', 'staff-bench', ?)`)
  const link = sqlite.prepare(`insert into application_attachments (application_id, attachment_id, sha256, kind) values (?, ?, ?, ?)`)
  const feed = sqlite.prepare(`insert into change_feed (seq, kind, agent_id, device_id, application_id, payload, created_at) values (?, 'application', 'staff-bench', null, ?, ?, ?)`)
  const mutation = sqlite.prepare(`insert into mutations (mutation_id, kind, base_version, application_id, staff_id, device_id, result, created_at) values (?, 'submit', 0, ?, 'staff-bench', 'bench-device', ?, ?)`)
  const counter = sqlite.prepare(`insert into counters (name, value) values ('raw_feed', ?) on conflict (name) do update set value = excluded.value`)
  const dedupKey = sqlite.prepare(`insert into dedup_keys (key, application_id) values (?, ?)`)
  let seq = 1
  // Statements only: the caller begins and commits, to time the durable commit apart.
  const batch = (slice: readonly IndividualInput[]): void => {
    for (const a of slice) {
      const data = JSON.stringify(a)
      const mutationId = uuidv7()
      app.run(a.id, a.receiptNo, a.siteId, data, a.person.name, a.person.mobile, createHash('sha256').update(a.person.idNumber).digest('hex'), a.capturedAt, at, at, at)
      version.run(a.id, data, mutationId, a.capturedAt, at)
      event.run(a.id, at)
      for (const file of a.attachments) link.run(a.id, file.id, file.sha256, file.kind)
      // Duplicate blocking keys: an individual has about six (ID, mobile, masked names beside the birth date, address).
      for (let k = 0; k < 6; k++) dedupKey.run(randomBytes(12).toString('hex'), a.id)
      feed.run(seq++, a.id, JSON.stringify({ kind: 'application', applicationId: a.id, receiptNo: a.receiptNo, version: 1, status: 'submitted', action: 'ingest', at }), at)
      mutation.run(mutationId, a.id, JSON.stringify({ outcome: 'applied', mutationId, receipt: { applicationId: a.id, version: 1, status: 'submitted', attachments: a.attachments.map(f => f.sha256), missingAttachments: a.attachments.map(f => f.sha256), serverTime: at } }), at)
    }
    counter.run(seq)
  }
  const begin = sqlite.prepare('begin')
  const commit = sqlite.prepare('commit')
  let commitNs = 0n
  const started = process.hrtime.bigint()
  for (let i = 0; i < applications.length; i += perTransaction) {
    begin.run()
    batch(applications.slice(i, i + perTransaction))
    const t0 = process.hrtime.bigint()
    commit.run()
    commitNs += process.hrtime.bigint() - t0
  }
  // The pages written since the copy, then the checkpoint that writes them to the database
  // file (the server runs it off the event loop): its time counts too.
  const t0 = process.hrtime.bigint()
  const { log } = (sqlite.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0]!
  const finished = process.hrtime.bigint()
  const seconds = Number(finished - started) / 1e9
  sqlite.close()
  rmSync(dir, { recursive: true, force: true })
  const batches = applications.length / BATCH
  return { perSecond: applications.length / seconds, walPagesPerBatch: log / batches, pageSize, commitMs: Number(commitNs) / 1e6 / batches, checkpointMs: Number(finished - t0) / 1e6 / batches }
}

export interface PushRun {
  seconds: number
  perSecond: number
  latencies: number[]
  /** Server RSS (MB): at the start, the highest seen, when half the applications were in, at the end. */
  rss: { start: number, max: number, half: number, end: number }
}

/** Signs in `count` tablets of the bench agent: each its own device, token and receipt numbers. */
export async function signInDevices(url: string, count: number): Promise<SignedInAgent[]> {
  const agents: SignedInAgent[] = []
  for (let d = 0; d < count; d++) {
    const login = await (await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'bench.agent', password: PASSWORD, deviceId: `bench-tablet-${String(d + 1).padStart(4, '0')}` }) })).json() as { token: string, staff: { id: string }, device: { id: string, code: string } }
    agents.push({ token: login.token, staffId: login.staff.id, deviceId: login.device.id, deviceCode: login.device.code })
  }
  return agents
}

/**
 * Pushes APPLICATIONS applications in batches of BATCH, split evenly over the devices: each
 * device sends its own batches one after another (as a tablet's sync engine does), all
 * devices at once. Every answer must be `applied`.
 */
export async function pushAll(server: ServerProcess, agents: readonly SignedInAgent[]): Promise<PushRun> {
  const perDevice = APPLICATIONS / agents.length
  const queues = agents.map((agent, d) => {
    const applications = Array.from({ length: perDevice }, (_, i) => agentApplication(agent, d * perDevice + i + 1, { person: PEOPLE[d * perDevice + i]! }))
    const bodies: string[] = []
    for (let i = 0; i < perDevice; i += BATCH)
      bodies.push(JSON.stringify(pushBody(applications.slice(i, i + BATCH).map(a => submit(a)))))
    return { agent, bodies }
  })
  const rss = { start: rssMb(server.pid), max: 0, half: 0, end: 0 }
  rss.max = rss.start
  const latencies: number[] = []
  const started = process.hrtime.bigint()
  await Promise.all(queues.map(async ({ agent, bodies }) => {
    for (const body of bodies) {
      const t0 = process.hrtime.bigint()
      const response = await fetch(`${server.url}/api/sync/push`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${agent.token}` }, body })
      const { results } = await response.json() as { results: MutationResult[] }
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6)
      if (results.some(r => r.outcome !== 'applied'))
        throw new Error(`unexpected outcome: ${JSON.stringify(results.find(r => r.outcome !== 'applied')).slice(0, 500)}`)
      const now = rssMb(server.pid)
      rss.max = Math.max(rss.max, now)
      if (latencies.length * BATCH === APPLICATIONS / 2)
        rss.half = now
    }
  }))
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  rss.end = rssMb(server.pid)
  return { seconds, perSecond: APPLICATIONS / seconds, latencies, rss }
}

export function printRun(label: string, run: PushRun): void {
  const sorted = [...run.latencies].sort((a, b) => a - b)
  console.log(`  ${label}: ${APPLICATIONS.toLocaleString('en')} applications in ${run.seconds.toFixed(2)} s = ${Math.round(run.perSecond).toLocaleString('en')}/s`)
  console.log(`    batch latency (ms): p50 ${percentile(sorted, 0.5).toFixed(1)}  p95 ${percentile(sorted, 0.95).toFixed(1)}  p99 ${percentile(sorted, 0.99).toFixed(1)}`)
  console.log(`    server RSS (MB): start ${run.rss.start.toFixed(0)}  half-way ${run.rss.half.toFixed(0)}  max ${run.rss.max.toFixed(0)}  end ${run.rss.end.toFixed(0)}`)
}

/** A data folder holding a copy of the seeded database, and a server process on it. */
async function serverOn(seededPath: string, nodeOptions = ''): Promise<{ server: ServerProcess, dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'field-enrol-bench-'))
  copyFileSync(seededPath, join(dataDir, 'field-enrol.sqlite'))
  const server = await startServerProcess({ DATA_DIR: dataDir, FIELD_ENROL_DATA_KEY: randomBytes(32).toString('base64'), ADMIN_PASSWORD: 'bench-admin-password', NODE_ENV: 'production', NODE_OPTIONS: nodeOptions })
  return { server, dataDir }
}

/** The tables the seeded database holds rows in (the rest are empty). */
export const PUSH_SEEDED_TABLES = ['sites', 'staff', 'staff_sites', 'programme_settings', 'applications', 'members', 'dedup_keys'] as const

/** A migrated SQLite file with the bench's site, agent, programme and MEMBERS members. */
export async function seedPushDatabase(): Promise<{ seedDir: string, sqlitePath: string }> {
  const seedDir = mkdtempSync(join(tmpdir(), 'field-enrol-bench-seed-'))
  const sqlitePath = join(seedDir, 'field-enrol.sqlite')
  const setup = createDatabase({ sqlitePath })
  await migrateToLatest(setup.db)
  const at = new Date().toISOString()
  await setup.db.insertInto('sites').values({ id: SYNC_SITE_ID, code: 'BJ01', name: '朝阳网点', region_code: '110105', active: 1, created_at: at }).execute()
  await insertStaff(setup.db, { id: 'staff-bench', username: 'bench.agent', displayName: '压测', role: 'field_agent', passwordHash: await hashPassword(PASSWORD), siteIds: [SYNC_SITE_ID] }, at)
  await insertProgrammeVersion(setup.db, 1, DEFAULT_PROGRAMME, at, null)
  await setup.destroy()
  console.log(`  seeding ${MEMBERS.toLocaleString('en')} members…`)
  seedMembers(sqlitePath)
  return { seedDir, sqlitePath }
}

export async function runSyncPushBench(): Promise<void> {
  const { seedDir, sqlitePath } = await seedPushDatabase()

  // Each run gets its own copy of the seeded database and its own server process.
  // V8 grows its heap lazily while there is memory to spare, which on its own raises RSS by
  // ~100 MB over a few thousand pushes and hides what the server keeps. The one-device run
  // caps the heap (same throughput), so its RSS levels off once SQLite's 64 MB page cache is
  // full: what still rises over its second half is what the server holds per application.
  const single = await serverOn(sqlitePath, `--max-old-space-size=${HEAP_CAP_MB}`)
  let sequential: PushRun
  let concurrent: PushRun
  let firstDevice: SignedInAgent
  try {
    sequential = await pushAll(single.server, await signInDevices(single.server.url, 1))
  }
  finally {
    await single.server.stop()
    rmSync(single.dataDir, { recursive: true, force: true })
  }
  printRun('one device, batches one after another', sequential)

  const { server, dataDir } = await serverOn(sqlitePath)
  try {
    const agents = await signInDevices(server.url, DEVICES)
    firstDevice = agents[0]!
    concurrent = await pushAll(server, agents)
    printRun(`${DEVICES} devices at once, each its batches one after another`, concurrent)

    // A 10 MB photo streamed to the server must not raise its memory by more than a few MB.
    // Five different photos. Buffering a whole file would raise memory by 10 MB on every one
    // of them; the allocator settling raises it on some. So the smallest rise is the figure.
    const rises: number[] = []
    for (let i = 0; i < 5; i++) {
      const photo = Buffer.concat([Buffer.from([0xFF, 0xD8, 0xFF, 0xE0]), randomBytes(10_000_000 - 4)])
      const hash = createHash('sha256').update(photo).digest('hex')
      const before = rssMb(server.pid)
      let peak = before
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssMb(server.pid))
      }, 5)
      const upload = await fetch(`${server.url}/api/attachments/${hash}`, { method: 'PUT', headers: { 'Content-Type': 'image/jpeg', 'Authorization': `Bearer ${agents[0]!.token}` }, body: photo }).catch((error: unknown) => {
        throw new Error(`10 MB upload failed: ${String(error)}\n${server.output().slice(-2000)}`)
      })
      clearInterval(sampler)
      peak = Math.max(peak, rssMb(server.pid))
      if (upload.status !== 201)
        throw new Error(`10 MB upload answered ${upload.status}: ${await upload.text()}`)
      rises.push(peak - before)
    }
    console.log(`  10 MB uploads: server RSS rise per upload ${rises.map(r => `+${r.toFixed(1)}`).join(', ')} MB`)
    recordAtMost('10 MB upload: server RSS rise (least of 5)', Math.min(...rises), 8, 'MB')
  }
  finally {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }

  // The ceilings last: they hold this process's event loop for seconds.
  const applications = Array.from({ length: APPLICATIONS }, (_, i) => agentApplication(firstDevice, i + 1, { person: PEOPLE[i]! }))
  const ceiling = await rawCeiling(applications.map(a => ({ id: `raw-${a.id}`, receiptNo: a.receiptNo, data: JSON.stringify(a) })))
  const full = rawFullCeiling(sqlitePath, applications)
  const grouped = rawFullCeiling(sqlitePath, applications, BATCH * DEVICES)
  const perBatch = (c: typeof full) => `${c.walPagesPerBatch.toFixed(0)} WAL pages, commit ${c.commitMs.toFixed(1)} ms, checkpoint ${c.checkpointMs.toFixed(1)} ms per ${BATCH} applications`
  console.log(`  raw better-sqlite3 ceiling, application rows only: ${Math.round(ceiling).toLocaleString('en')} rows/s`)
  console.log(`  raw better-sqlite3 ceiling, every row a push writes, ${BATCH} applications per transaction: ${Math.round(full.perSecond).toLocaleString('en')} applications/s (${perBatch(full)})`)
  console.log(`  the same, ${BATCH * DEVICES} per transaction (${DEVICES} batches in one commit): ${Math.round(grouped.perSecond).toLocaleString('en')} applications/s (${perBatch(grouped)})`)
  // Why the target is out of reach here whatever the code does: every page a commit changes
  // is appended to the WAL and fsynced (synchronous=FULL), and later written once more into
  // the database file at checkpoint. The WAL appends alone bound the rate from above.
  const walMbPerApplication = full.walPagesPerBatch * full.pageSize / BATCH / 1e6
  const diskMbPerSecond = durableWriteRate()
  console.log(`  WAL written per application: ${(walMbPerApplication * 1e3).toFixed(0)} KB; 10,000 applications/s would write ${(walMbPerApplication * 1e4).toFixed(0)} MB/s to the WAL before any checkpoint; this disk takes ${diskMbPerSecond.toFixed(0)} MB/s appended in pages with one fsync: at most ${Math.round(diskMbPerSecond / walMbPerApplication).toLocaleString('en')} applications/s for the WAL appends alone`)
  console.log(`  end to end is ${(100 * sequential.perSecond / full.perSecond).toFixed(0)} % (one device) and ${(100 * concurrent.perSecond / full.perSecond).toFixed(0)} % (${DEVICES} devices) of the full-row ceiling`)
  recordFigure(`sync push, ${DEVICES} devices at once (applications/s)`, concurrent.perSecond, { minPerSecond: 10_000 })
  // Memory flat across the run (heap capped, see above): 16 MB over 5,000 applications
  // catches anything kept per application from ~3 KB up; a run measures ~2 MB.
  recordAtMost(`sync push: server RSS rise over the second half (one device, heap capped at ${HEAP_CAP_MB} MB)`, sequential.rss.end - sequential.rss.half, 16, 'MB')

  rmSync(seedDir, { recursive: true, force: true })
}
