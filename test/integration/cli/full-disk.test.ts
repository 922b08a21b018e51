import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * A command that meets a full disk (a backup's copy, a restore's or a purge's writes) says
 * so in one line, in the operator's language, with what to do — not the bare system error
 * — and exits 2. The mapping is runCommand's, shared by every command; a full SQLite
 * database answered through the API is test/integration/server/storage-full.test.ts.
 */
describe('a command on a full disk', () => {
  const root = mkdtempSync(join(tmpdir(), 'field-enrol-full-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  const run = (lang: string) => spawnSync(process.execPath, ['--import', 'tsx', 'test/support/cli/full-disk-command.ts'], {
    env: { ...process.env, FIELD_ENROL_LANG: lang, DATA_DIR: root },
    encoding: 'utf8',
    timeout: 60_000,
  })

  it('is told the storage is full and to make room, in one line, exit 2', () => {
    const en = run('en')
    expect(en.status).toBe(2)
    expect(en.stderr.trim()).toBe('The storage is full (ENOSPC: no space left on device, write): make room, then run it again')
    const zh = run('zh-CN')
    expect(zh.status).toBe(2)
    expect(zh.stderr.trim()).toBe('存储空间已满（ENOSPC: no space left on device, write）：请腾出空间后重新运行')
  }, 60_000)
})
