import type { PostgresCluster } from '../test/support/postgres-cluster'
import type { ServerProcess } from '../test/support/server-process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { addDays, todayInChina } from '#shared/dates/calendar'
import { chinaDayStart } from '#shared/dates/china-time'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { createDatabase, openSqlite } from '../server/db/database'
import { migrateToLatest } from '../server/db/migrate'
import { insertProgrammeVersion } from '../server/repositories/programme.repository'
import { insertStaff } from '../server/repositories/staff.repository'
import { hashPassword } from '../server/security/passwords'
import { createClusterDatabase, findPostgresBinDir, startPostgresCluster } from '../test/support/postgres-cluster'
import { startServerProcess } from '../test/support/server-process'
import { copyTablesToPostgres } from './copy-to-postgres'
import { recordAtMost } from './harness'

/**
 * The desk at a year's scale: a real server process on SQLite holding 200,000 applications
 * (a year of submissions over 20 sites and 200 agents, in every status) and the 140,000
 * members their approvals made, then the questions reviewers and supervisors ask all day —
 * the queue with its filters and sorts, a deep page, the members list and its searches,
 * the statistics and the daily report — each asked 30 times over HTTP, timed from request
 * to parsed answer. Budget: p95 ≤ 300 ms for every one (a desk page feels immediate
 * below that), so a missing index or a query that scans the year shows here first — but
 * the statistics over a whole year, a report that reads the year's arrivals: ≤ 2.5 s.
 */

const APPLICATIONS = 200_000
const SITES = 20
const AGENTS = 200
const DUPLICATE_SHARE = 0.02
const REPEATS = 30
const BUDGET_P95_MS = 300
const YEAR_REPORT_BUDGET_MS = 2_500
const PASSWORD = 'bench password 1'

// A year of statuses as a programme sees them: most decided, a working week's worth awaiting review.
const STATUS_MIX: ReadonlyArray<readonly [status: string, share: number]> = [
  ['approved', 0.70],
  ['rejected', 0.10],
  ['withdrawn', 0.02],
  ['returned', 0.03],
  ['in_review', 0.05],
  ['submitted', 0.10],
]

/** A small deterministic generator, so every run seeds the same year. */
function rng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

function statusAt(u: number): string {
  let acc = 0
  for (const [status, share] of STATUS_MIX) {
    acc += share
    if (u < acc)
      return status
  }
  return 'approved'
}

export function seed(sqlitePath: string, today: string): void {
  const sqlite = openSqlite(sqlitePath)
  const at = new Date().toISOString()
  const random = rng(20261204)
  const insertSite = sqlite.prepare(`insert into sites (id, code, name, region_code, active, created_at) values (?, ?, ?, '110105', 1, ?)`)
  const insertAgent = sqlite.prepare(`insert into staff (id, username, display_name, role, password_hash, disabled, created_at, updated_at) values (?, ?, ?, 'field_agent', 'not-a-hash', 0, ?, ?)`)
  const insertStaffSite = sqlite.prepare('insert into staff_sites (staff_id, site_id) values (?, ?)')
  const insertDevice = sqlite.prepare(`insert into devices (id, code, staff_id, label, registered_at, last_seen_at) values (?, ?, ?, 'bench tablet', ?, ?)`)
  const insertApp = sqlite.prepare(`insert into applications (id, receipt_no, version, status, applicant_type, category, site_id, agent_id, device_id, form_version, data, display_name, mobile, id_number_hmac, warnings, attachments_complete, captured_at, submitted_at, updated_at, review_due_at, member_id, arrived_at, first_decided_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, '{}', ?, ?, ?, '[]', ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertMember = sqlite.prepare(`insert into members (id, member_no, application_id, applicant_type, category, level, site_id, display_name, mobile, id_number_hmac, data, status, card_status, card_no, valid_from, valid_until, version, created_at, updated_at, revisit_due, marketing)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, null, ?, ?, 1, ?, ?, ?, ?)`)
  const insertCandidate = sqlite.prepare(`insert into duplicate_candidates (id, application_id, other_type, other_id, level, score, reasons, created_at, other_application_id)
    values (?, ?, 'member', ?, 'likely', 0.8, '["same_mobile"]', ?, ?)`)
  const insertEvent = sqlite.prepare(`insert into application_events (application_id, version, action, from_status, to_status, actor_id, at) values (?, ?, ?, ?, ?, ?, ?)`)
  const insertRevisit = sqlite.prepare(`insert into member_changes (member_id, version, action, actor_id, at, detail) values (?, 2, 'revisit', 'bench-reviewer', ?, ?)`)
  const categories = DEFAULT_PROGRAMME.categories.map(c => ({ code: c.code, level: c.levels[0]?.code ?? null }))
  const types = ['individual', 'individual', 'individual', 'family', 'organisation'] as const

  sqlite.transaction(() => {
    for (let s = 0; s < SITES; s++)
      insertSite.run(`site-${s}`, `S${String(s).padStart(3, '0')}`, `网点${s}`, at)
    for (let a = 0; a < AGENTS; a++) {
      insertAgent.run(`agent-${a}`, `bench.agent${a}`, `外勤${a}`, at, at)
      insertStaffSite.run(`agent-${a}`, `site-${a % SITES}`)
      insertDevice.run(`device-${a}`, `D${String(a).padStart(3, '0')}`, `agent-${a}`, at, at)
    }
    let members = 0
    for (let i = 0; i < APPLICATIONS; i++) {
      const agent = Math.floor(random() * AGENTS)
      // Older submissions first, as they arrived: day 0 is a year ago.
      const day = addDays(today, -364 + Math.floor((i / APPLICATIONS) * 365))
      const submittedAt = new Date(Date.parse(chinaDayStart(day)) + Math.floor(random() * 86_400_000)).toISOString()
      const status = statusAt(random())
      const category = categories[Math.floor(random() * categories.length)]!
      const type = types[Math.floor(random() * types.length)]!
      const appId = `app-${i}`
      const mobile = `13${String(100_000_000 + i).slice(-9)}`
      const hmac = randomBytes(16).toString('hex')
      const memberId = status === 'approved' ? `member-${i}` : null
      const hoursLater = (hours: number): string => new Date(Date.parse(submittedAt) + hours * 3_600_000).toISOString()
      const decision = ({ approved: ['approve', 'approved'], rejected: ['reject', 'rejected'], returned: ['return', 'returned'] } as Record<string, [string, string]>)[status]
      const decidedAt = decision ? hoursLater(4 + Math.floor(random() * 40)) : null
      insertApp.run(appId, `S${String(agent % SITES).padStart(3, '0')}-D${String(agent).padStart(3, '0')}-${String(i).padStart(6, '0')}`, status === 'submitted' ? 1 : 3, status, type, category.code, `site-${agent % SITES}`, `agent-${agent}`, `device-${agent}`, `申请人${i}`, mobile, hmac, random() < 0.97 ? 1 : 0, submittedAt, submittedAt, submittedAt, addDays(day, 7), memberId, submittedAt, decidedAt)
      // The history: arrival, the start of the review, the decision.
      insertEvent.run(appId, 1, 'ingest', 'queued', 'submitted', `agent-${agent}`, submittedAt)
      if (status !== 'submitted' && status !== 'withdrawn')
        insertEvent.run(appId, 2, 'start_review', 'submitted', 'in_review', 'bench-reviewer', hoursLater(2))
      if (decision)
        insertEvent.run(appId, 3, decision[0], 'in_review', decision[1], 'bench-reviewer', decidedAt)
      if (memberId) {
        insertMember.run(memberId, `FE${String(++members).padStart(8, '0')}`, appId, type, category.code, category.level, `site-${agent % SITES}`, `申请人${i}`, mobile, hmac, random() < 0.03 ? 'frozen' : 'active', random() < 0.6 ? 'issued' : 'pending', day, addDays(day, 365), submittedAt, submittedAt, addDays(day, 30 + Math.floor(random() * 330)), random() < 0.6 ? 1 : 0)
      }
      if (memberId && random() < 0.1)
        insertRevisit.run(memberId, hoursLater(24 * 30), JSON.stringify({ revisit: { channel: 'phone', outcome: random() < 0.7 ? 'reached' : 'unreachable' } }))
      if ((status === 'submitted' || status === 'in_review') && random() < DUPLICATE_SHARE * 5)
        insertCandidate.run(`candidate-${i}`, appId, `member-${Math.floor(random() * i)}`, submittedAt, `app-${Math.floor(random() * i)}`)
    }
  })()
  sqlite.exec('analyze')
  sqlite.close()
}

async function signIn(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD, deviceId: `bench-desk-${username}`, deviceLabel: 'Desk · bench' }) })
  if (!response.ok)
    throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`)
  return (await response.json() as { token: string }).token
}

interface Question { name: string, who: 'reviewer' | 'supervisor', path: string, budgetMs?: number }

function questions(today: string): Question[] {
  const monthAgo = addDays(today, -29)
  return [
    { name: 'queue: awaiting review, oldest first', who: 'reviewer', path: '/api/review/applications?status=submitted,in_review&sort=submittedAt&order=asc' },
    { name: 'queue: everything, newest first (all sites)', who: 'supervisor', path: '/api/review/applications?sort=submittedAt&order=desc' },
    { name: 'queue: page 200 of everything (all sites)', who: 'supervisor', path: '/api/review/applications?sort=submittedAt&order=desc&page=200' },
    { name: 'queue: overdue (all sites)', who: 'supervisor', path: '/api/review/applications?overdue=true' },
    { name: 'queue: with duplicate candidates', who: 'supervisor', path: '/api/review/applications?hasDuplicates=true' },
    { name: 'queue: submitted in the last 30 days, by due date', who: 'reviewer', path: `/api/review/applications?submittedFrom=${monthAgo}&submittedTo=${today}&sort=reviewDueAt` },
    { name: 'queue: one agent', who: 'supervisor', path: '/api/review/applications?agentId=agent-7' },
    // By deadline, what awaits review comes first either way (the decided year after it).
    { name: 'queue: everything by deadline, soonest first (all sites)', who: 'supervisor', path: '/api/review/applications?sort=reviewDueAt&order=asc' },
    { name: 'queue: everything by deadline, latest first (all sites)', who: 'supervisor', path: '/api/review/applications?sort=reviewDueAt&order=desc' },
    { name: 'members: first page (all sites)', who: 'supervisor', path: '/api/members' },
    { name: 'members: by mobile', who: 'supervisor', path: '/api/members?q=13100123456' },
    { name: 'members: by member number prefix', who: 'reviewer', path: '/api/members?q=FE0001' },
    { name: 'members: frozen, no marketing consent', who: 'supervisor', path: '/api/members?status=frozen&marketing=false' },
    { name: 'members: re-visits due', who: 'reviewer', path: '/api/members?revisitDue=true' },
    { name: 'stats: last 30 days (all sites)', who: 'supervisor', path: `/api/stats/overview?from=${monthAgo}&to=${today}` },
    // A year is every arrival of the year grouped three ways (~200,000 rows each time):
    // a report, not a list; daily roll-ups would be the next step if it must be faster.
    { name: 'stats: the whole year (all sites)', who: 'supervisor', path: `/api/stats/overview?from=${addDays(today, -365)}&to=${today}`, budgetMs: YEAR_REPORT_BUDGET_MS },
    { name: 'daily report: today (all sites)', who: 'supervisor', path: `/api/stats/daily-report?date=${today}` },
  ]
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0
}

async function ask(server: ServerProcess, token: string, question: Question): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < REPEATS + 2; i++) {
    const started = process.hrtime.bigint()
    const response = await fetch(server.url + question.path, { headers: { 'Authorization': `Bearer ${token}`, 'Accept-Language': 'zh-CN' } })
    const body = await response.json() as { total?: number }
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    if (!response.ok)
      throw new Error(`${question.name}: ${response.status} ${JSON.stringify(body)}`)
    if (i >= 2) // The first two warm the page cache and the prepared statements.
      times.push(ms)
  }
  return times.sort((a, b) => a - b)
}

/** The tables seed() fills, copied as they are for the PostgreSQL run. */
const SEEDED_TABLES = ['sites', 'staff', 'staff_sites', 'devices', 'applications', 'application_events', 'members', 'member_changes', 'duplicate_candidates'] as const

/** Starts the PostgreSQL run's cluster, or says loudly why there is none. */
async function postgresFor(dialect: 'sqlite' | 'postgres'): Promise<PostgresCluster | null | 'unavailable'> {
  if (dialect === 'sqlite')
    return null
  const bin = findPostgresBinDir()
  if (!bin) {
    console.warn('  SKIPPED: no PostgreSQL binaries in /usr/lib/postgresql/*/bin')
    return 'unavailable'
  }
  // PostgreSQL as installed (128 MB of shared buffers), durable: what a programme would run.
  return startPostgresCluster(bin, { durable: true })
}

/**
 * Seeds a year into SQLite (prepared statements: seconds), copies it into PostgreSQL for
 * that run, starts a server process on the database and asks every question.
 */
export async function runDeskQueriesBench(dialect: 'sqlite' | 'postgres' = 'sqlite'): Promise<void> {
  const cluster = await postgresFor(dialect)
  if (cluster === 'unavailable')
    return
  const dataDir = mkdtempSync(join(tmpdir(), 'field-enrol-bench-desk-'))
  const sqlitePath = join(dataDir, 'field-enrol.sqlite')
  let server: ServerProcess | null = null
  try {
    const today = todayInChina()
    const at = new Date().toISOString()
    const setup = createDatabase({ sqlitePath })
    await migrateToLatest(setup.db)
    await insertProgrammeVersion(setup.db, 1, DEFAULT_PROGRAMME, at, null)
    await setup.destroy()
    const seeding = process.hrtime.bigint()
    seed(sqlitePath, today)

    let databaseUrl: string | undefined
    if (cluster) {
      databaseUrl = await createClusterDatabase(cluster.url, 'field_enrol')
      const target = createDatabase({ databaseUrl, sqlitePath })
      await migrateToLatest(target.db)
      await insertProgrammeVersion(target.db, 1, DEFAULT_PROGRAMME, at, null)
      await target.destroy()
      await copyTablesToPostgres(sqlitePath, databaseUrl, SEEDED_TABLES)
    }

    const setupAgain = createDatabase({ databaseUrl, sqlitePath })
    const passwordHash = await hashPassword(PASSWORD)
    await insertStaff(setupAgain.db, { id: 'bench-reviewer', username: 'bench.reviewer', displayName: '审核', role: 'reviewer', passwordHash, siteIds: ['site-0', 'site-1'] }, at)
    await insertStaff(setupAgain.db, { id: 'bench-supervisor', username: 'bench.supervisor', displayName: '主管', role: 'supervisor', passwordHash, siteIds: [] }, at)
    await setupAgain.destroy()
    console.log(`  seeded ${APPLICATIONS.toLocaleString('en')} applications over ${SITES} sites and ${AGENTS} agents, with their members, in ${(Number(process.hrtime.bigint() - seeding) / 1e9).toFixed(1)} s${cluster ? ' (into SQLite, then copied to PostgreSQL)' : ''}`)

    server = await startServerProcess({ DATA_DIR: dataDir, FIELD_ENROL_DATA_KEY: randomBytes(32).toString('base64'), ADMIN_PASSWORD: 'bench-admin-password', NODE_ENV: 'production', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) })
    const tokens = { reviewer: await signIn(server.url, 'bench.reviewer'), supervisor: await signIn(server.url, 'bench.supervisor') }
    for (const question of questions(today)) {
      const times = await ask(server, tokens[question.who], question)
      recordAtMost(`${question.name} p95`, percentile(times, 0.95), question.budgetMs ?? BUDGET_P95_MS, 'ms')
      console.log(`       p50 ${percentile(times, 0.5).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`)
    }
  }
  finally {
    await server?.stop()
    cluster?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
