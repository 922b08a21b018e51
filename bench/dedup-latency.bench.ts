import type { Application } from '#shared/application/application.schema'
import type { IdType } from '#shared/identity/id-document'
import type { Database as SqliteHandle } from 'better-sqlite3'
import type { DatabaseHandle } from '../server/db/database'
import type { CandidateFound } from '../server/repositories/duplicate-candidates.repository'
import type { Executor } from '../server/repositories/types'
import type { Gender } from '../test/support/dedup-corpus/chinese-names'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance, PerformanceObserver } from 'node:perf_hooks'
import { ApplicationSchema } from '#shared/application/application.schema'
import { compareParties } from '#shared/dedup/compare-parties'
import { DEFAULT_DUPLICATE_RULES } from '#shared/dedup/duplicate-rules'
import { matchProfiles } from '#shared/dedup/match-profile'
import { scoreProfiles } from '#shared/dedup/score'
import { createDatabase, openSqlite } from '../server/db/database'
import { migrateToLatest } from '../server/db/migrate'
import { blockingKeyHashes, findDuplicates } from '../server/dedup/find-duplicates'
import { applicationsSharingKeys, replaceDedupKeys } from '../server/repositories/dedup-keys.repository'
import { saveCandidates } from '../server/repositories/duplicate-candidates.repository'
import { createPersonalDataCipher } from '../server/security/personal-data'
import { openApplication, sealApplication } from '../server/services/application-codec'
import { makeIndividual } from '../test/fixtures/applications'
import { randomAddress } from '../test/support/dedup-corpus/addresses'
import { fullName, homophoneVariant, randomName, typoVariant } from '../test/support/dedup-corpus/chinese-names'
import { randomMobile } from '../test/support/dedup-corpus/contact'
import { randomBirthDate, randomCounty, randomPassport, randomResidentId } from '../test/support/dedup-corpus/identity'
import { Rng } from '../test/support/dedup-corpus/random'
import { recordAtMost } from './harness'

/**
 * Duplicate look-up latency at ingest (issue: dedup at scale): the server's own
 * `findDuplicates` — key the application, look its keys up in `dedup_keys`, load the
 * records sharing one, decrypt and score them, save the candidates — against a SQLite
 * population grown in steps (10,000 → 100,000 → 1,000,000 members, one file), to show
 * the cost per application stays flat as the population grows. Target (the issue):
 * p99 ≤ 10 ms at 1,000,000 members.
 *
 * The population: individuals made by the dedup corpus's generators (names by real surname
 * frequencies, so namesakes and shared birth dates occur as they do in the field), each an
 * approved application and its member holding the sealed application JSON, and the
 * application's hashed blocking keys. Seeded with raw prepared statements (the schema and
 * indexes are the migrated ones). Person `i` is drawn from its own seeded PRNG, so a
 * duplicate of member `i` is made without keeping a million people in memory.
 *
 * Each incoming application (10 % re-enrolments of a member: same ID number, a homophone
 * name with the same birth date, or the same mobile; the rest new people) is inserted and
 * checked in its own transaction on a `createDatabase` handle (WAL, synchronous=FULL,
 * statement cache — as the server runs), which is then rolled back so the population stays
 * as seeded. `findDuplicates` is called as sync push's ingest calls it for a first
 * submission (`isNew`). Timed: the transaction as a whole, and the `findDuplicates` call
 * alone. Not covered: families and organisations (more parties, more keys), and hot keys
 * (a site's shared phone), where up to 51 holders per key are loaded and scored.
 *
 * DEDUP_BENCH_MEMBERS (default 1,000,000) caps the population for a quick run;
 * DEDUP_BENCH_INCOMING (default 2,000) sets the incoming applications per step.
 */

const STEPS = [10_000, 100_000, 1_000_000]
const DUPLICATE_SHARE = 0.1
const WARMUP = 200
const SEED_BATCH = 10_000
/** Indices of incoming new people start here: never a seeded member. */
const NEW_PERSON_BASE = 1_000_000_000
const P99_CEILING_MS = 10

function positiveIntEnv(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '')
    return fallback
  const value = Number(raw.replaceAll('_', ''))
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive whole number, not "${raw}"`)
  return value
}

interface Person {
  name: string
  gender: Gender
  birthDate: string
  idType: IdType
  idNumber: string
  mobile: string
  address: { regionCode: string, detail: string }
}

/** Person `index`, always the same: one PRNG per person, seeded from the index. */
function person(index: number): Person {
  const rng = new Rng(Math.imul(index ^ 0x5BD1E995, 0x9E3779B1) ^ 0x2545F491)
  const gender: Gender = rng.chance(0.5) ? 'male' : 'female'
  const birthDate = randomBirthDate(rng, 18, 80)
  const address = randomAddress(rng, randomCounty(rng))
  const idRegion = rng.chance(0.6) ? address.regionCode : randomCounty(rng)
  return { name: fullName(randomName(rng, gender)), gender, birthDate, idType: 'resident_id', idNumber: randomResidentId(rng, birthDate, gender, idRegion), mobile: randomMobile(rng), address }
}

/**
 * One parsed fixture application as the template: a real, complete application (consent,
 * attachments, signature: about 1.4 kB sealed, as stored), whose person is replaced per
 * record. Parsing a million fixtures would double the seeding time for nothing.
 */
const TEMPLATE = ApplicationSchema.parse(makeIndividual({ person: { email: undefined, employer: undefined, referrer: undefined, interests: undefined, occupation: undefined } }))

function applicationOf(id: string, receiptNo: string, p: Person): Application {
  if (TEMPLATE.applicantType !== 'individual')
    throw new Error('the template must be an individual')
  return { ...TEMPLATE, id, receiptNo, person: { ...TEMPLATE.person, ...p } }
}

const memberAppId = (i: number): string => `app-m-${String(i).padStart(8, '0')}`
const memberId = (i: number): string => `mem-${String(i).padStart(8, '0')}`

// ── Seeding ─────────────────────────────────────────────────────────────────────────────

interface SeedTimes {
  generateS: number
  insertS: number
}

/** Members [from, to) with their approved applications and blocking keys, SEED_BATCH per transaction. */
function seedMembers(sqlite: SqliteHandle, cipher: ReturnType<typeof createPersonalDataCipher>, from: number, to: number, at: string): SeedTimes {
  const insertApp = sqlite.prepare(`insert into applications (id, receipt_no, version, status, applicant_type, category, site_id, agent_id, device_id, form_version, data, display_name, mobile, id_number_hmac, warnings, attachments_complete, captured_at, submitted_at, updated_at, review_due_at, member_id)
    values (?, ?, 1, 'approved', 'individual', 'standard', 'site-seed', 'staff-seed', 'seed-device', 1, ?, ?, ?, ?, '[]', 1, ?, ?, ?, '2026-12-31', ?)`)
  const insertMember = sqlite.prepare(`insert into members (id, member_no, application_id, applicant_type, category, level, site_id, display_name, mobile, id_number_hmac, data, status, card_status, card_no, valid_from, valid_until, version, created_at, updated_at)
    values (?, ?, ?, 'individual', 'standard', null, 'site-seed', ?, ?, ?, ?, 'active', 'issued', null, '2026-01-01', '2026-12-31', 1, ?, ?)`)
  const insertKey = sqlite.prepare('insert or ignore into dedup_keys (key, application_id) values (?, ?)')
  interface Row { appId: string, memberId: string, no: string, data: string, name: string, mobile: string, hmac: string | null, keys: string[] }
  const write = sqlite.transaction((rows: readonly Row[]) => {
    for (const r of rows) {
      insertApp.run(r.appId, `SEED-${r.no}`, r.data, r.name, r.mobile, r.hmac, at, at, at, r.memberId)
      insertMember.run(r.memberId, `FE${r.no}`, r.appId, r.name, r.mobile, r.hmac, r.data, at, at)
    }
    // In key order: the index is keyed by random hashes, and sorted inserts touch each page once per batch.
    const keys = rows.flatMap(r => r.keys.map(key => [key, r.appId] as const)).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    for (const [key, appId] of keys) insertKey.run(key, appId)
  })
  const times: SeedTimes = { generateS: 0, insertS: 0 }
  for (let start = from; start < to; start += SEED_BATCH) {
    const t0 = process.hrtime.bigint()
    const rows: Row[] = []
    for (let i = start; i < Math.min(to, start + SEED_BATCH); i++) {
      const appId = memberAppId(i)
      const app = applicationOf(appId, `SEED-${i}`, person(i))
      const sealed = sealApplication(app, cipher)
      rows.push({ appId, memberId: memberId(i), no: String(i).padStart(8, '0'), data: sealed.data, name: sealed.displayName, mobile: sealed.mobile, hmac: sealed.idNumberHmac, keys: blockingKeyHashes({ cipher }, matchProfiles(app)) })
    }
    const t1 = process.hrtime.bigint()
    write(rows)
    const t2 = process.hrtime.bigint()
    times.generateS += Number(t1 - t0) / 1e9
    times.insertS += Number(t2 - t1) / 1e9
  }
  return times
}

function databaseMb(sqlitePath: string): number {
  let bytes = 0
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(sqlitePath + suffix).size
    }
    catch {}
  }
  return bytes / 1024 / 1024
}

// ── Incoming applications ───────────────────────────────────────────────────────────────

type IncomingKind = 'new' | 'same_id' | 'homophone_birth_date' | 'same_mobile'

interface Incoming {
  app: Application
  kind: IncomingKind
  /** The member it re-enrols, for the sanity check. */
  duplicateOf: string | null
}

/** `count` incoming applications against members [0, population): DUPLICATE_SHARE re-enrolments, the rest new people. */
function incomingApplications(population: number, count: number, step: number): Incoming[] {
  const rng = new Rng(20261123 + step)
  const kinds: IncomingKind[] = ['same_id', 'homophone_birth_date', 'same_mobile']
  const out: Incoming[] = []
  for (let j = 0; j < count; j++) {
    const id = `app-in-${step}-${String(j).padStart(6, '0')}`
    const receiptNo = `IN-${step}-${j}`
    if (!rng.chance(DUPLICATE_SHARE)) {
      out.push({ app: applicationOf(id, receiptNo, person(NEW_PERSON_BASE + step * 1_000_000 + j)), kind: 'new', duplicateOf: null })
      continue
    }
    const i = rng.int(population)
    const src = person(i)
    const kind = kinds[j % kinds.length]!
    const passport = { idType: 'passport' as const, idNumber: randomPassport(rng) }
    let p: Person
    if (kind === 'same_id') {
      // A new phone and a move; the ID card is the same.
      p = { ...src, mobile: randomMobile(rng), address: randomAddress(rng, randomCounty(rng)) }
    }
    else if (kind === 'homophone_birth_date') {
      // Another character picked on the IME, a passport and a new phone; same birthday and home.
      const surname = src.name.slice(0, 1)
      const name = homophoneVariant(src.name, rng) ?? typoVariant({ surname, given: src.name.slice(1) }, rng, src.gender)
      p = { ...src, name, ...passport, mobile: randomMobile(rng) }
    }
    else {
      // The same phone, a passport this time, and a move.
      p = { ...src, ...passport, address: randomAddress(rng, randomCounty(rng)) }
    }
    out.push({ app: applicationOf(id, receiptNo, p), kind, duplicateOf: memberId(i) })
  }
  return out
}

// ── Measuring ───────────────────────────────────────────────────────────────────────────

class Rollback extends Error {}

async function insertIncoming(trx: Executor, app: Application, sealed: ReturnType<typeof sealApplication>, at: string): Promise<void> {
  await trx.insertInto('applications').values({
    id: app.id,
    receipt_no: app.receiptNo,
    version: 1,
    status: 'submitted',
    applicant_type: app.applicantType,
    category: app.category,
    site_id: 'site-seed',
    agent_id: 'staff-seed',
    device_id: 'seed-device',
    form_version: 1,
    data: sealed.data,
    display_name: sealed.displayName,
    mobile: sealed.mobile,
    id_number_hmac: sealed.idNumberHmac,
    warnings: '[]',
    attachments_complete: 1,
    captured_at: at,
    submitted_at: at,
    updated_at: at,
    review_due_at: '2026-12-31',
  }).execute()
}

interface Sample {
  /** performance.now() at the start and end, to tell which samples a GC pause fell into. */
  start: number
  end: number
  totalMs: number
  findMs: number
  found: CandidateFound[]
}

/** One incoming application through a rolled-back transaction: insert it, then findDuplicates (timed apart). */
async function checkOne(handle: DatabaseHandle, cipher: ReturnType<typeof createPersonalDataCipher>, incoming: Incoming, at: string): Promise<Sample> {
  const sealed = sealApplication(incoming.app, cipher)
  let findMs = 0
  let found: CandidateFound[] = []
  const start = performance.now()
  const t0 = process.hrtime.bigint()
  try {
    await handle.db.transaction().execute(async (trx) => {
      await insertIncoming(trx, incoming.app, sealed, at)
      const f0 = process.hrtime.bigint()
      found = await findDuplicates(trx, { cipher }, incoming.app.id, incoming.app, DEFAULT_DUPLICATE_RULES, at, { isNew: true })
      findMs = Number(process.hrtime.bigint() - f0) / 1e6
      throw new Rollback()
    })
  }
  catch (error) {
    if (!(error instanceof Rollback))
      throw error
  }
  const totalMs = Number(process.hrtime.bigint() - t0) / 1e6
  return { start, end: performance.now(), totalMs, findMs, found }
}

interface Phases {
  keysMs: number
  writeKeysMs: number
  lookupMs: number
  loadMs: number
  scoreMs: number
  saveMs: number
  shared: number
  loaded: number
}

/**
 * The same steps as findDuplicates on a first submission (`isNew`), timed one by one: the
 * repository functions themselves, and the two queries of its `otherRecords` for the
 * loading; in a rolled-back transaction. Members only: the population holds no open applications.
 */
async function phasesOf(handle: DatabaseHandle, cipher: ReturnType<typeof createPersonalDataCipher>, incoming: Incoming, at: string): Promise<Phases> {
  const sealed = sealApplication(incoming.app, cipher)
  const ph: Phases = { keysMs: 0, writeKeysMs: 0, lookupMs: 0, loadMs: 0, scoreMs: 0, saveMs: 0, shared: 0, loaded: 0 }
  const lap = (() => {
    let last = process.hrtime.bigint()
    return () => {
      const now = process.hrtime.bigint()
      const ms = Number(now - last) / 1e6
      last = now
      return ms
    }
  })()
  try {
    await handle.db.transaction().execute(async (trx) => {
      await insertIncoming(trx, incoming.app, sealed, at)
      const appId = incoming.app.id
      lap()
      const profiles = matchProfiles(incoming.app)
      const keys = blockingKeyHashes({ cipher }, profiles)
      ph.keysMs = lap()
      await replaceDedupKeys(trx, appId, keys, true)
      ph.writeKeysMs = lap()
      // A first submission has no pairs yet: findDuplicates skips pairedApplications then.
      const sharing = await applicationsSharingKeys(trx, keys, appId)
      ph.lookupMs = lap()
      const applications = sharing.length ? await trx.selectFrom('applications').select(['id', 'status', 'data', 'submitted_at']).where('id', 'in', sharing).execute() : []
      const approved = applications.filter(a => a.status === 'approved').map(a => a.id)
      const members = approved.length ? await trx.selectFrom('members').select(['id', 'application_id', 'data', 'status']).where('application_id', 'in', approved).execute() : []
      ph.loadMs = lap()
      ph.shared = sharing.length
      ph.loaded = members.length
      const found: CandidateFound[] = []
      for (const member of members) {
        const theirs = matchProfiles(openApplication(member.data, cipher))
        const result = scoreProfiles(profiles, theirs, DEFAULT_DUPLICATE_RULES)
        if (!result.level)
          continue
        const first = result.reasons[0]!
        const fields = compareParties(profiles.find(p => p.party === first.party)!, theirs.find(p => p.party === first.otherParty)!)
        found.push({ otherType: 'member', otherId: member.id, otherApplicationId: member.application_id, level: result.level, score: result.score, reasons: result.reasons, comparison: { party: first.party, otherParty: first.otherParty, fields } })
      }
      ph.scoreMs = lap()
      if (found.length)
        await saveCandidates(trx, appId, found, at, randomUUID)
      ph.saveMs = lap()
      throw new Rollback()
    })
  }
  catch (error) {
    if (!(error instanceof Rollback))
      throw error
  }
  return ph
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length

interface StepResult {
  population: number
  total: number[]
  find: number[]
  /** Each sample's latency less the garbage-collection pauses that fell inside it. */
  withoutGc: number[]
  /** Samples a GC pause fell into. */
  gcHit: number
  candidates: number
  duplicates: number
  duplicatesFound: number
  byKind: Map<IncomingKind, { n: number, found: number }>
  phases: Phases[]
}

async function measureStep(sqlitePath: string, cipher: ReturnType<typeof createPersonalDataCipher>, population: number, count: number, step: number): Promise<StepResult> {
  const at = new Date().toISOString()
  const incoming = incomingApplications(population, count + WARMUP, step)
  const handle = createDatabase({ sqlitePath })
  const pauses: Array<{ start: number, end: number }> = []
  const gc = new PerformanceObserver(list => pauses.push(...list.getEntries().map(e => ({ start: e.startTime, end: e.startTime + e.duration }))))
  gc.observe({ entryTypes: ['gc'] })
  try {
    for (const one of incoming.slice(0, WARMUP))
      await checkOne(handle, cipher, one, at)
    const measured = incoming.slice(WARMUP)
    const result: StepResult = { population, total: [], find: [], withoutGc: [], gcHit: 0, candidates: 0, duplicates: 0, duplicatesFound: 0, byKind: new Map(), phases: [] }
    const samples: Sample[] = []
    for (const one of measured) {
      const sample = await checkOne(handle, cipher, one, at)
      samples.push(sample)
      result.total.push(sample.totalMs)
      result.find.push(sample.findMs)
      result.candidates += sample.found.length
      const kind = result.byKind.get(one.kind) ?? { n: 0, found: 0 }
      kind.n++
      if (one.duplicateOf) {
        result.duplicates++
        if (sample.found.some(f => f.otherId === one.duplicateOf)) {
          result.duplicatesFound++
          kind.found++
        }
      }
      result.byKind.set(one.kind, kind)
    }
    // GC entries arrive after the fact: wait for them, then charge each pause to the sample it fell in.
    await new Promise(resolve => setTimeout(resolve, 50))
    for (const sample of samples) {
      const inside = pauses.reduce((ms, p) => ms + Math.max(0, Math.min(p.end, sample.end) - Math.max(p.start, sample.start)), 0)
      result.withoutGc.push(sample.totalMs - inside)
      if (inside > 0)
        result.gcHit++
    }
    // The phase breakdown: a second pass over the same applications.
    for (const one of measured)
      result.phases.push(await phasesOf(handle, cipher, one, at))
    return result
  }
  finally {
    gc.disconnect()
    await handle.destroy()
  }
}

function printTable(results: readonly StepResult[]): void {
  const head = ['members', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'mean ms', 'find p99', 'p99 no GC', 'GC hit', 'µs/1k mbr', 'vs prev', 'cand/app', 'dups found']
  const rows = results.map((r, i) => {
    const total = [...r.total].sort((a, b) => a - b)
    const find = [...r.find].sort((a, b) => a - b)
    const m = mean(r.total)
    const prev = i ? mean(results[i - 1]!.total) : null
    return [
      r.population.toLocaleString('en'),
      percentile(total, 0.5).toFixed(2),
      percentile(total, 0.95).toFixed(2),
      percentile(total, 0.99).toFixed(2),
      total.at(-1)!.toFixed(2),
      m.toFixed(2),
      percentile(find, 0.99).toFixed(2),
      percentile([...r.withoutGc].sort((a, b) => a - b), 0.99).toFixed(2),
      `${(100 * r.gcHit / r.total.length).toFixed(1)} %`,
      (1000 * m * 1000 / r.population).toFixed(3),
      prev === null ? '—' : `×${(m / prev).toFixed(2)}`,
      (r.candidates / r.total.length).toFixed(3),
      `${r.duplicatesFound}/${r.duplicates}`,
    ]
  })
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map(row => row[c]!.length)))
  const line = (cells: readonly string[]) => `  ${cells.map((cell, c) => cell.padStart(widths[c]!)).join('  ')}`
  console.log(line(head))
  for (const row of rows) console.log(line(row))
  console.log('  (ms: the whole transaction — insert the application, findDuplicates, roll back; "find p99": findDuplicates alone;')
  console.log('   "p99 no GC": p99 once the GC pauses inside each sample are taken off; "GC hit": samples a GC pause fell into;')
  console.log('   "µs/1k mbr": mean latency per 1,000 members; "vs prev": mean latency against the step before — ×1.00 is flat)')
  console.log('\n  phases of findDuplicates, ms per application, mean / p99 (a second, separately timed pass):')
  const phaseHead = ['members', 'keys', 'write keys', 'look-up', 'load', 'decrypt+score', 'save', 'shared ids (mean / max)', 'members loaded (mean / max)']
  const phase = (r: StepResult, k: keyof Phases): number[] => r.phases.map(p => p[k])
  const meanP99 = (values: number[]): string => `${mean(values).toFixed(3)} / ${percentile([...values].sort((a, b) => a - b), 0.99).toFixed(2)}`
  const phaseRows = results.map(r => [
    r.population.toLocaleString('en'),
    ...(['keysMs', 'writeKeysMs', 'lookupMs', 'loadMs', 'scoreMs', 'saveMs'] as const).map(k => meanP99(phase(r, k))),
    `${mean(phase(r, 'shared')).toFixed(2)} / ${Math.max(...phase(r, 'shared'))}`,
    `${mean(phase(r, 'loaded')).toFixed(2)} / ${Math.max(...phase(r, 'loaded'))}`,
  ])
  const phaseWidths = phaseHead.map((h, c) => Math.max(h.length, ...phaseRows.map(row => row[c]!.length)))
  console.log(`  ${phaseHead.map((h, c) => h.padStart(phaseWidths[c]!)).join('  ')}`)
  for (const row of phaseRows) console.log(`  ${row.map((cell, c) => cell.padStart(phaseWidths[c]!)).join('  ')}`)
  console.log('\n  re-enrolments found, by kind:')
  for (const r of results) {
    const kinds = [...r.byKind].filter(([k]) => k !== 'new').map(([k, v]) => `${k} ${v.found}/${v.n}`).join(', ')
    console.log(`  ${r.population.toLocaleString('en').padStart(widths[0]!)}: ${kinds}`)
  }
}

export async function runDedupLatencyBench(): Promise<void> {
  const maxMembers = positiveIntEnv('DEDUP_BENCH_MEMBERS', 1_000_000)
  const count = positiveIntEnv('DEDUP_BENCH_INCOMING', 2_000)
  const steps = [...new Set([...STEPS.filter(s => s < maxMembers), maxMembers])]
  const dir = mkdtempSync(join(tmpdir(), 'field-enrol-bench-dedup-'))
  const sqlitePath = join(dir, 'field-enrol.sqlite')
  const started = process.hrtime.bigint()
  try {
    const setup = createDatabase({ sqlitePath })
    await migrateToLatest(setup.db)
    await setup.destroy()
    const cipher = createPersonalDataCipher(randomBytes(32))
    const at = new Date().toISOString()
    const results: StepResult[] = []
    let seeded = 0
    for (const [step, population] of steps.entries()) {
      // Seeding is set-up, not measured: no journal, no fsync, a big page cache. The
      // measuring handle opens the file as the server does (WAL, synchronous=FULL).
      const sqlite = openSqlite(sqlitePath)
      sqlite.pragma('journal_mode = OFF')
      sqlite.pragma('synchronous = OFF')
      sqlite.pragma('cache_size = -2097152')
      const t0 = process.hrtime.bigint()
      const times = seedMembers(sqlite, cipher, seeded, population, at)
      sqlite.close()
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9
      console.log(`  seeded ${(population - seeded).toLocaleString('en')} members (to ${population.toLocaleString('en')}) in ${seconds.toFixed(1)} s (generate+seal+key ${times.generateS.toFixed(1)} s, insert ${times.insertS.toFixed(1)} s); database ${databaseMb(sqlitePath).toFixed(0)} MB`)
      seeded = population
      const t1 = process.hrtime.bigint()
      results.push(await measureStep(sqlitePath, cipher, population, count, step))
      console.log(`  measured ${count.toLocaleString('en')} incoming applications (+${WARMUP} warm-up) in ${(Number(process.hrtime.bigint() - t1) / 1e9).toFixed(1)} s`)
    }
    console.log(`  seeding and measuring took ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(0)} s\n`)
    printTable(results)
    const last = results.at(-1)!
    const p99 = percentile([...last.total].sort((a, b) => a - b), 0.99)
    recordAtMost(`dedup look-up p99 at ${last.population.toLocaleString('en')} members (ms)`, p99, P99_CEILING_MS, 'ms')
  }
  finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
