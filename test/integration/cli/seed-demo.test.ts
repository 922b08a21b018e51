import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { clockOffsetMs } from '#shared/sync/clock-offset'
import { afterAll, describe, expect, it } from 'vitest'
import { createDatabase } from '../../../server/db/database'

describe('npm run seed:demo', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'field-enrol-demo-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  // No ADMIN_PASSWORD: seeding before the server's first start must show the generated one.
  const { ADMIN_PASSWORD: _unset, ...inherited } = process.env
  const run = (script: string, dir = dataDir) => spawnSync(process.execPath, ['--import', 'tsx', script], {
    env: { ...inherited, FIELD_ENROL_LANG: 'en', DATA_DIR: dir, FIELD_ENROL_DATA_KEY: Buffer.alloc(32, 7).toString('base64') },
    encoding: 'utf8',
  })
  const seed = (dir = dataDir) => run('server/cli/seed-demo.ts', dir)
  const candidates = async () => {
    const database = createDatabase({ sqlitePath: join(dataDir, 'field-enrol.sqlite') })
    try {
      return await database.db.selectFrom('duplicate_candidates').selectAll().orderBy('id').execute()
    }
    finally {
      await database.destroy()
    }
  }

  it('creates sites, staff of every role and applications in every status through the API, once', async () => {
    const first = seed()
    expect(first.status, first.stderr).toBe(0)
    expect(first.stdout).toContain('demo-password-2026')
    // Run before the server ever started, it created the administrator: its password is shown once.
    expect(first.stdout).toMatch(/user name: admin\n\s+password: {2}\S{12,}/)

    const database = createDatabase({ sqlitePath: join(dataDir, 'field-enrol.sqlite') })
    try {
      const roles = await database.db.selectFrom('staff').select('role').distinct().execute()
      expect(roles.map(r => r.role).sort()).toEqual(['admin', 'field_agent', 'reviewer', 'supervisor'])
      expect(await database.db.selectFrom('sites').select('code').orderBy('code').execute()).toEqual([{ code: 'BJ01' }, { code: 'TH01' }, { code: 'XH01' }])
      const statuses = await database.db.selectFrom('applications').select(['status', eb => eb.fn.countAll<number>().as('n')]).groupBy('status').execute()
      expect(statuses.map(s => s.status).sort()).toEqual(['approved', 'in_review', 'rejected', 'returned', 'submitted', 'withdrawn'])
      // 42 in every status, and 3 people enrolled a second time on another tablet.
      expect(statuses.reduce((sum, s) => sum + Number(s.n), 0)).toBe(45)
      const levels = await database.db.selectFrom('duplicate_candidates').select('level').where('resolution', 'is', null).execute()
      expect(levels.map(l => l.level).sort()).toEqual(['certain', 'certain', 'possible'])
      const members = await database.db.selectFrom('members').select('member_no').execute()
      expect(members.length).toBe(statuses.find(s => s.status === 'approved')!.n)
      // Each agent enrols one Hong Kong resident, with a Hong Kong mobile.
      const hongKong = await database.db.selectFrom('applications').select('mobile').where('mobile', 'like', '+852%').execute()
      expect(hongKong.map(a => a.mobile)).toEqual([expect.stringMatching(/^\+852\d{8}$/), expect.stringMatching(/^\+852\d{8}$/), expect.stringMatching(/^\+852\d{8}$/)])
      const incomplete = await database.db.selectFrom('applications').select('id').where('attachments_complete', '=', 0).execute()
      expect(incomplete.length).toBeGreaterThan(0)
      // The summary counts the incomplete ones as the server does (a photo kept back may have
      // arrived with another application: the demo images repeat).
      expect(first.stdout).toMatch(new RegExp(`submitted \\(photo missing\\)\\s*:?\\s*${incomplete.length}\\b`, 'i'))
      // The third tablet's clock runs 2 h 10 min fast; the others' are right.
      const firstVersions = await database.db.selectFrom('application_versions')
        .innerJoin('applications', 'applications.id', 'application_versions.application_id')
        .innerJoin('staff', 'staff.id', 'applications.agent_id')
        .select(['staff.username', 'application_versions.device_sent_at', 'application_versions.server_time'])
        .where('application_versions.version', '=', 1)
        .where('application_versions.device_sent_at', 'is not', null)
        .execute()
      const minutesOff = (username: string) => [...new Set(firstVersions.filter(v => v.username === username).map(v => Math.round(clockOffsetMs(v.device_sent_at, v.server_time)! / 60_000)))]
      expect(minutesOff('demo.agent3')).toEqual([130])
      expect(minutesOff('demo.agent1')).toEqual([0])
    }
    finally {
      await database.destroy()
    }

    const second = seed()
    expect(second.status, second.stderr).toBe(0)
    expect(second.stdout).toContain('already present')
    expect(second.stdout).not.toContain('user name: admin')
  }, 120_000)

  it('says so, and changes nothing, when an earlier run did not finish', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'field-enrol-demo-cut-'))
    try {
      cpSync(join(dataDir, 'field-enrol.sqlite'), join(copy, 'field-enrol.sqlite'))
      const database = createDatabase({ sqlitePath: join(copy, 'field-enrol.sqlite') })
      try {
        // The marker is the run's last write: without it, the run stopped part-way.
        await database.db.deleteFrom('server_state').where('name', '=', 'demo_seeded').execute()
      }
      finally {
        await database.destroy()
      }
      const cut = seed(copy)
      expect(cut.status).toBe(2)
      expect(cut.stderr).toContain('no seed:demo finished here')
    }
    finally {
      rmSync(copy, { recursive: true, force: true })
    }
  })

  it('npm run dedup:scan re-checks the demo data with progress, finding what ingest found, twice alike', async () => {
    const before = await candidates()
    expect(before.length).toBeGreaterThan(0)
    for (let pass = 0; pass < 2; pass++) {
      const scan = run('server/cli/dedup-scan.ts')
      expect(scan.status, scan.stderr).toBe(0)
      expect(scan.stdout).toMatch(/indexing records: \d+\/\d+ \(100%\)/)
      expect(scan.stdout).toMatch(/checking applications: \d+\/\d+ \(100%\), \d+ candidates/)
      expect(scan.stdout).toMatch(/Done in [\d.]+ s: \d+ records indexed, \d+ applications checked, 3 candidates\./)
      expect(await candidates()).toEqual(before)
    }
  }, 60_000)

  // Two operators (or a script run twice) seeding one fresh data folder at once: one seeds,
  // the other stops at its first write — the demo administrator, whose unique user name is the
  // run's claim — with a message saying so (not a raw UNIQUE error), in the operator's
  // language (no locale: zh-CN), having written nothing; the data is the one run's, whole.
  it('two at once on one fresh folder: one seeds, the other is refused in one clear line and writes nothing', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'field-enrol-demo-twice-'))
    try {
      const { LANG: _lang, LC_ALL: _all, LC_MESSAGES: _messages, FIELD_ENROL_LANG: _chosen, ...bare } = inherited
      const start = () => new Promise<{ status: number | null, stdout: string, stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/seed-demo.ts'], {
          env: { ...bare, DATA_DIR: fresh, FIELD_ENROL_DATA_KEY: Buffer.alloc(32, 7).toString('base64') },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
        let stdout = ''
        let stderr = ''
        child.stdout.on('data', (chunk: Buffer) => stdout += chunk.toString())
        child.stderr.on('data', (chunk: Buffer) => stderr += chunk.toString())
        child.on('close', status => resolve({ status, stdout, stderr }))
      })
      const runs = await Promise.all([start(), start()])
      const statuses = runs.map(r => r.status).sort()
      expect(statuses, runs.map(r => r.stderr).join('\n')).toEqual([0, 2])
      const refused = runs.find(r => r.status === 2)!
      expect(refused.stderr.trim()).toBe(`演示账号已存在，但这里没有哪次 seed:demo 运行完成（另一个 seed:demo 正在运行，或之前的运行被中断，或由加入此标记之前的版本创建）：演示数据可能不完整，本次未作任何改动。若另一个正在运行，请等它结束；如需完整的演示，请在新的数据文件夹中生成（换一个 DATA_DIR，或在 ${fresh} 不含其他数据时将其删除）。`)
      expect(refused.stderr).not.toMatch(/UNIQUE|constraint|\n\s+at /i)
      expect(refused.stdout).not.toContain('正在创建网点和人员')
      const seeded = runs.find(r => r.status === 0)!
      expect(seeded.stdout).toContain('演示数据已就绪：')

      const database = createDatabase({ sqlitePath: join(fresh, 'field-enrol.sqlite') })
      try {
        const applications = await database.db.selectFrom('applications').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
        expect(Number(applications.n)).toBe(45)
        const demoAdmins = await database.db.selectFrom('staff').select('id').where('username', '=', 'demo.admin').execute()
        expect(demoAdmins).toHaveLength(1)
        // The first administrator is made once, whichever run made it.
        expect(await database.db.selectFrom('staff').select('id').where('username', '=', 'admin').execute()).toHaveLength(1)
      }
      finally {
        await database.destroy()
      }
      const again = seed(fresh)
      expect(again.status, again.stderr).toBe(0)
      expect(again.stdout).toContain('already present')
    }
    finally {
      rmSync(fresh, { recursive: true, force: true })
    }
  }, 180_000)
})
