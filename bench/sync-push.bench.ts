import type { MutationResult } from '#shared/sync/protocol'
import type { SignedInAgent } from '../test/support/sync-fixtures'
import { Buffer } from 'node:buffer'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { createDatabase, openSqlite } from '../server/db/database'
import { migrateToLatest } from '../server/db/migrate'
import { insertProgrammeVersion } from '../server/repositories/programme.repository'
import { insertStaff } from '../server/repositories/staff.repository'
import { hashPassword } from '../server/security/passwords'
import { startServerProcess } from '../test/support/server-process'
import { agentApplication, pushBody, submit, SYNC_SITE_ID } from '../test/support/sync-fixtures'
import { recordAtMost, recordFigure } from './harness'

/**
 * End-to-end push throughput (issue: server): 10,000 applications in batches of 100,
 * over HTTP to a real server process on SQLite that already holds 100,000 members —
 * validation, storage, history and look-ups included. The ceiling is the same rows
 * inserted raw with better-sqlite3 in transactions of 100. Target: ≥ 10,000 per second,
 * with the server's memory flat across the run.
 */

const MEMBERS = 100_000
const APPLICATIONS = 10_000
const BATCH = 100
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
  sqlite.transaction(() => {
    for (let i = 0; i < MEMBERS; i++) {
      const appId = `seed-app-${i}`
      const hmac = randomBytes(32).toString('hex')
      const mobile = `139${String(i).padStart(8, '0')}`
      insertApp.run(appId, `SEED-${i}`, SYNC_SITE_ID, `会员${i}`, mobile, hmac, at, at, at, '2026-12-31')
      insertMember.run(`seed-member-${i}`, `FE${String(i).padStart(8, '0')}`, appId, SYNC_SITE_ID, `会员${i}`, mobile, hmac, at, at)
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

export async function runSyncPushBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'field-enrol-bench-'))
  const sqlitePath = join(dataDir, 'field-enrol.sqlite')
  const setup = createDatabase({ sqlitePath })
  await migrateToLatest(setup.db)
  const at = new Date().toISOString()
  await setup.db.insertInto('sites').values({ id: SYNC_SITE_ID, code: 'BJ01', name: '朝阳网点', region_code: '110105', active: 1, created_at: at }).execute()
  await insertStaff(setup.db, { id: 'staff-bench', username: 'bench.agent', displayName: '压测', role: 'field_agent', passwordHash: await hashPassword(PASSWORD), siteIds: [SYNC_SITE_ID] }, at)
  await insertProgrammeVersion(setup.db, 1, DEFAULT_PROGRAMME, at, null)
  await setup.destroy()
  console.log(`  seeding ${MEMBERS.toLocaleString('en')} members…`)
  seedMembers(sqlitePath)

  const server = await startServerProcess({ DATA_DIR: dataDir, FIELD_ENROL_DATA_KEY: randomBytes(32).toString('base64'), ADMIN_PASSWORD: 'bench-admin-password', NODE_ENV: 'production' })
  try {
    const login = await (await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'bench.agent', password: PASSWORD, deviceId: 'bench-tablet-0001' }) })).json() as { token: string, staff: { id: string }, device: { id: string, code: string } }
    const agent: SignedInAgent = { token: login.token, staffId: login.staff.id, deviceId: login.device.id, deviceCode: login.device.code }
    const applications = Array.from({ length: APPLICATIONS }, (_, i) => agentApplication(agent, i + 1))
    const bodies: string[] = []
    for (let i = 0; i < APPLICATIONS; i += BATCH)
      bodies.push(JSON.stringify(pushBody(applications.slice(i, i + BATCH).map(a => submit(a)))))

    const rssStart = rssMb(server.pid)
    let rssMax = rssStart
    const latencies: number[] = []
    const started = process.hrtime.bigint()
    for (const body of bodies) {
      const t0 = process.hrtime.bigint()
      const response = await fetch(`${server.url}/api/sync/push`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${agent.token}` }, body })
      const { results } = await response.json() as { results: MutationResult[] }
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6)
      if (results.some(r => r.outcome !== 'applied'))
        throw new Error(`unexpected outcome: ${JSON.stringify(results.find(r => r.outcome !== 'applied')).slice(0, 500)}`)
      rssMax = Math.max(rssMax, rssMb(server.pid))
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const rssEnd = rssMb(server.pid)
    const perSecond = APPLICATIONS / seconds
    const sorted = [...latencies].sort((a, b) => a - b)

    const ceiling = await rawCeiling(applications.map(a => ({ id: `raw-${a.id}`, receiptNo: a.receiptNo, data: JSON.stringify(a) })))
    console.log(`  push: ${APPLICATIONS.toLocaleString('en')} applications in ${seconds.toFixed(2)} s`)
    console.log(`  batch latency (ms): p50 ${percentile(sorted, 0.5).toFixed(1)}  p95 ${percentile(sorted, 0.95).toFixed(1)}  p99 ${percentile(sorted, 0.99).toFixed(1)}`)
    console.log(`  server RSS (MB): start ${rssStart.toFixed(0)}  max ${rssMax.toFixed(0)}  end ${rssEnd.toFixed(0)}`)
    console.log(`  raw better-sqlite3 ceiling: ${Math.round(ceiling).toLocaleString('en')} rows/s; end-to-end is ${(100 * perSecond / ceiling).toFixed(1)} % of it`)
    recordFigure('sync push end to end (applications/s)', perSecond, { minPerSecond: 10_000 })

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
      const upload = await fetch(`${server.url}/api/attachments/${hash}`, { method: 'PUT', headers: { 'Content-Type': 'image/jpeg', 'Authorization': `Bearer ${agent.token}` }, body: photo })
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
}
