import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { loadEnv } from '../server/config/env'
import { createDatabase, openSqlite } from '../server/db/database'
import { migrateToLatest } from '../server/db/migrate'
import { insertProgrammeVersion } from '../server/repositories/programme.repository'
import { openRuntime } from '../server/runtime'
import { purgeExpiredRecords } from '../server/services/retention.service'
import { recordAtMost } from './harness'

/**
 * The retention purge (`npm run retention:purge`) on a year's database: 100,000
 * applications with their versions, history, stored push answers, blocking keys and feed
 * entries, 5,000 of them rejected more than a year ago and so due. Each batch of 100 is one
 * transaction that holds SQLite's write lock: while it runs, tablets' pushes wait (and give
 * up after the 5 s busy timeout). Budget: the slowest batch ≤ 500 ms. Printed: the total.
 */

const APPLICATIONS = 100_000
const DUE = 5_000
const SLOWEST_BATCH_BUDGET_MS = 500

function seed(sqlitePath: string): void {
  const sqlite = openSqlite(sqlitePath)
  const now = Date.now()
  const iso = (ms: number): string => new Date(ms).toISOString()
  const insertApp = sqlite.prepare(`insert into applications (id, receipt_no, version, status, applicant_type, category, site_id, agent_id, device_id, form_version, data, display_name, mobile, id_number_hmac, warnings, attachments_complete, captured_at, submitted_at, updated_at, review_due_at, decision_note)
    values (?, ?, ?, ?, 'individual', 'standard', 'site-1', 'agent-1', 'device-1', 1, ?, '张*', '138****0000', ?, '[]', 1, ?, ?, ?, ?, ?)`)
  const insertVersion = sqlite.prepare(`insert into application_versions (application_id, version, status, data, mutation_id, actor_id, device_time, server_time) values (?, ?, ?, ?, ?, 'agent-1', null, ?)`)
  const insertEvent = sqlite.prepare(`insert into application_events (application_id, version, action, from_status, to_status, actor_id, at, note) values (?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertMutation = sqlite.prepare(`insert into mutations (mutation_id, application_id, staff_id, device_id, result, created_at) values (?, ?, 'agent-1', 'device-1', '{}', ?)`)
  const insertKey = sqlite.prepare(`insert into dedup_keys (key, application_id) values (?, ?)`)
  const insertFeed = sqlite.prepare(`insert into change_feed (seq, kind, agent_id, device_id, application_id, payload, created_at) values (?, 'application', 'agent-1', null, ?, ?, ?)`)
  let seq = 0
  sqlite.transaction(() => {
    sqlite.prepare(`insert into sites (id, code, name, region_code, active, created_at) values ('site-1', 'BJ01', '朝阳网点', '110105', 1, ?)`).run(iso(now))
    sqlite.prepare(`insert into staff (id, username, display_name, role, password_hash, disabled, created_at, updated_at) values ('agent-1', 'bench.agent', '外勤', 'field_agent', 'not-a-hash', 0, ?, ?)`).run(iso(now), iso(now))
    sqlite.prepare(`insert into devices (id, code, staff_id, label, registered_at, last_seen_at) values ('device-1', 'D001', 'agent-1', 'bench tablet', ?, ?)`).run(iso(now), iso(now))
    for (let i = 0; i < APPLICATIONS; i++) {
      // The due ones first (two years ago), the rest over the last year, as they arrived.
      const due = i < DUE
      const at = due ? now - 730 * 86_400_000 + i * 60_000 : now - 360 * 86_400_000 + Math.floor((i / APPLICATIONS) * 355 * 86_400_000)
      const id = `${String(at).padStart(14, '0')}-${String(i).padStart(6, '0')}`
      const data = JSON.stringify({ person: { name: '张伟', mobile: '13800138000', note: 'x'.repeat(400) } })
      const status = due ? 'rejected' : 'submitted'
      insertApp.run(id, `BJ01-D001-${String(i).padStart(6, '0')}-X`, due ? 3 : 1, status, data, randomBytes(16).toString('hex'), iso(at), iso(at), iso(at + 3_600_000), iso(at + 3 * 86_400_000), due ? '电话无法接通' : null)
      insertVersion.run(id, 1, 'submitted', data, `m-${i}`, iso(at))
      insertEvent.run(id, 1, 'ingest', 'queued', 'submitted', 'agent-1', iso(at), null)
      insertMutation.run(`m-${i}`, id, iso(at))
      for (let k = 0; k < 6; k++) insertKey.run(randomBytes(12).toString('hex'), id)
      insertFeed.run(++seq, id, JSON.stringify({ kind: 'application', applicationId: id, status: 'submitted', action: 'ingest' }), iso(at))
      if (due) {
        insertEvent.run(id, 3, 'reject', 'in_review', 'rejected', 'reviewer-1', iso(at + 3_600_000), '电话无法接通')
        insertFeed.run(++seq, id, JSON.stringify({ kind: 'application', applicationId: id, status: 'rejected', decisionNote: '电话无法接通' }), iso(at + 3_600_000))
      }
    }
  })()
  sqlite.exec('analyze')
  sqlite.close()
}

export async function runRetentionBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'field-enrol-bench-retention-'))
  const sqlitePath = join(dataDir, 'field-enrol.sqlite')
  try {
    const setup = createDatabase({ sqlitePath })
    await migrateToLatest(setup.db)
    await insertProgrammeVersion(setup.db, 1, DEFAULT_PROGRAMME, new Date().toISOString(), null)
    await setup.destroy()
    seed(sqlitePath)
    console.log(`  seeded ${APPLICATIONS.toLocaleString('en')} applications (${DUE.toLocaleString('en')} due) with their history, keys and feed entries`)

    const { deps, database } = await openRuntime(loadEnv({ DATA_DIR: dataDir, FIELD_ENROL_DATA_KEY: randomBytes(32).toString('base64') }))
    try {
      const batches: number[] = []
      let last = process.hrtime.bigint()
      const started = last
      const report = await purgeExpiredRecords(deps, {
        onProgress: (done) => {
          const now = process.hrtime.bigint()
          if (done > 0)
            batches.push(Number(now - last) / 1e6)
          last = now
        },
      })
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      if (report.purged.applications !== DUE)
        throw new Error(`purged ${report.purged.applications} applications, expected ${DUE}`)
      const sorted = [...batches].sort((a, b) => a - b)
      console.log(`  purged ${DUE.toLocaleString('en')} applications in ${seconds.toFixed(1)} s: ${batches.length} batches, p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms`)
      recordAtMost('retention purge: slowest batch of 100', sorted.at(-1)!, SLOWEST_BATCH_BUDGET_MS, 'ms')
    }
    finally {
      await database.destroy()
    }
  }
  finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
