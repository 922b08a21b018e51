import type { TestServer } from '../../support/test-server'
import { spawn, spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBackup, latestBackup } from '../../../server/backup/create-backup'
import { restoreBackup, RestoreRefusedError } from '../../../server/backup/restore-backup'
import { verifyBackup } from '../../../server/backup/verify-backup'
import { attachmentPath } from '../../../server/storage/attachment-tree'
import { createTestServer } from '../../support/test-server'

/**
 * A backup killed outright (kill -9, a power cut, the OOM killer) runs no handler: what it
 * had written must still be impossible to take for a backup, and must not stay on the disk
 * (it holds the personal data in clear). It is written as `<dated>.partial` with its writer
 * recorded; verify and restore refuse it by name; the next backup removes it once its writer
 * is gone, says so, and never touches one whose writer still runs.
 */

const DATED = /^field-enrol-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z$/

describe('a backup killed outright', () => {
  const masterKey = randomBytes(32)
  let server: TestServer
  let work: string
  const dataDir = () => dirname(server.database.location.sqlitePath)
  const env = (data = dataDir()) => ({ ...process.env, FIELD_ENROL_LANG: 'en', DATA_DIR: data, FIELD_ENROL_DATA_KEY: masterKey.toString('base64') })
  const run = (script: string, args: string[], data = dataDir()) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { env: env(data), encoding: 'utf8', timeout: 120_000 })
  const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout)
  const writer = (folder: string, record: Record<string, unknown>) => writeFileSync(join(folder, 'writer.json'), JSON.stringify({ host: hostname(), boot: null, startedAt: new Date().toISOString(), ...record }))

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'field-enrol-backup-killed-'))
    server = await createTestServer('sqlite', { masterKey })
    // Large files (named by their hash, as the server stores them), so that the backup is still copying when it is killed.
    for (let i = 0; i < 5; i++) {
      const bytes = randomBytes(40 * 1024 * 1024)
      const path = attachmentPath(join(dataDir(), 'attachments'), createHash('sha256').update(bytes).digest('hex'))
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, bytes)
    }
  }, 60_000)

  afterAll(async () => {
    await server?.dispose()
    rmSync(work, { recursive: true, force: true })
  })

  it('leaves only a .partial folder, which verify and restore refuse and the next backup removes, saying so', async () => {
    const target = join(work, 'killed')
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', '--to', target], { env: env(), stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    let output = ''
    const exited = new Promise<NodeJS.Signals | null>(resolve => child.on('exit', (_code, signal) => resolve(signal)))
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (/attachment files: \d+\/\d+/.test(output)) {
          // The whole group, as the OOM killer or a power cut would: no handler runs.
          process.kill(-child.pid!, 'SIGKILL')
          resolve()
        }
      })
      void exited.then(() => reject(new Error(`the backup ended before it was killed: ${output}`)))
    })
    expect(await exited).toBe('SIGKILL')

    const left = readdirSync(target)
    expect(left).toHaveLength(1)
    expect(left[0]).toMatch(/^field-enrol-.+\.partial$/)
    expect(left.filter(name => DATED.test(name))).toEqual([])
    const partial = join(target, left[0]!)

    const verify = run('server/cli/backup-verify.ts', [partial])
    expect(verify.status, verify.stderr).toBe(3)
    expect(verify.stdout).toMatch(/PROBLEM \[backup_unfinished\]: an unfinished backup \(\.partial\), never to be verified or restored: .*that process is gone/)
    const restoreTo = join(work, 'restore-target', 'data')
    const restore = run('server/cli/restore.ts', ['--from', partial], restoreTo)
    expect(restore.status).toBe(2)
    expect(restore.stderr).toContain('Not restored: That is an unfinished backup, not one to restore; nothing was restored')
    expect(restore.stderr).toContain('backup_unfinished')
    expect(() => readdirSync(restoreTo)).toThrow()

    const next = run('server/cli/backup.ts', ['--to', target])
    expect(next.status, next.stderr).toBe(0)
    expect(next.stdout).toContain(`Removed the unfinished backup ${partial}, left by a run that was killed: interrupted (process ${child.pid} on ${hostname()}`)
    const after = readdirSync(target)
    expect(after).toHaveLength(1)
    expect(after[0]).toMatch(DATED)
    expect((await verifyBackup({ folder: join(target, after[0]!), masterKey })).problems).toEqual([])
  }, 180_000)

  it('a leftover holding everything, its manifest too, is still no backup: never the latest, refused, and removed only once its writer is gone', async () => {
    const target = join(work, 'leftovers')
    const made = await createBackup({ source: { dataDir: dataDir(), masterKey }, targetRoot: join(work, 'whole'), now: () => new Date() })
    const leftover = (name: string, record: Record<string, unknown> | null) => {
      const folder = join(target, `field-enrol-${name}.partial`)
      cpSync(made.folder, folder, { recursive: true })
      if (record)
        writer(folder, record)
      return folder
    }
    // Killed between its manifest and its rename; after a reboot (another boot id, its pid now anyone's);
    // still running (this test's process); written from another host.
    const killed = leftover('2026-12-01T02-00-00.000Z', { pid: deadPid() })
    const rebooted = leftover('2026-12-02T02-00-00.000Z', { pid: process.pid, boot: 'a-boot-before-the-power-cut' })
    const running = leftover('2026-12-03T02-00-00.000Z', { pid: process.pid })
    const elsewhere = leftover('2026-12-04T02-00-00.000Z', { pid: deadPid(), host: 'another-host.invalid' })

    expect(await latestBackup(target)).toBeUndefined()
    for (const folder of [killed, running]) {
      expect((await verifyBackup({ folder, masterKey })).problems.map(p => p.code)).toEqual(['backup_unfinished'])
      const refused = await restoreBackup({ folder, dataDir: join(work, 'never', 'data'), masterKey }).then(() => null, (error: unknown) => error)
      expect(refused).toBeInstanceOf(RestoreRefusedError)
      expect((refused as RestoreRefusedError).problems.map(p => p.code)).toEqual(['backup_unfinished'])
    }
    expect((await verifyBackup({ folder: running, masterKey })).problems[0]!.detail).toContain(`still being written (process ${process.pid}`)
    // Renamed by hand to look finished, its writer record still gives it away.
    const renamed = join(work, 'field-enrol-2026-12-05T02-00-00.000Z')
    cpSync(running, renamed, { recursive: true })
    expect((await verifyBackup({ folder: renamed, masterKey })).problems.map(p => p.code)).toEqual(['backup_unfinished'])

    const report = await createBackup({ source: { dataDir: dataDir(), masterKey }, targetRoot: target, now: () => new Date() })
    expect(Object.fromEntries(report.unfinished.map(u => [u.folder, u.state.kind]))).toEqual({ [killed]: 'abandoned', [rebooted]: 'abandoned', [running]: 'running', [elsewhere]: 'other_host' })
    expect(readdirSync(target).sort()).toEqual([report.folder.slice(target.length + 1), 'field-enrol-2026-12-03T02-00-00.000Z.partial', 'field-enrol-2026-12-04T02-00-00.000Z.partial'].sort())
    // Linked from no leftover: the new backup took nothing from them.
    expect(report.manifest.attachments.linked).toBe(0)
    expect(await latestBackup(target)).toBe(report.folder)
  }, 120_000)
})
