import type { TestServer } from '../../support/test-server'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readServerState } from '../../../server/repositories/server-state.repository'
import { checkDataKey } from '../../../server/security/data-key-check'
import { dataKeyFingerprint } from '../../../server/security/personal-data'
import { createTestServer } from '../../support/test-server'

/**
 * `npm run key:rotate -- --new-key-file F` where F holds the key already in force (a copy of
 * data.key taken by mistake). It used to report success as if an earlier run had done the work
 * ("already sealed with the next key", "already holds the next key (an earlier run switched
 * it)"), with nothing rotated. It is refused, saying so; the same file given again after a real
 * rotation to it still reports that run's work as done.
 */
describe('key:rotate given the key in force as the next key (SQLite)', () => {
  const inForce = randomBytes(32)
  let server: TestServer
  let dataDir: string
  let keyFile: string
  const { FIELD_ENROL_DATA_KEY: _unset, ...env } = process.env
  const keyRotate = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/rotate-key.ts', ...args], { env: { ...env, FIELD_ENROL_LANG: 'en', DATA_DIR: dataDir }, encoding: 'utf8' })
  const writeKey = (path: string, key: Buffer) => writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600 })

  beforeAll(async () => {
    server = await createTestServer('sqlite', { masterKey: inForce })
    await checkDataKey(server.database.db, inForce, server.clock.now().toISOString())
    dataDir = dirname(server.database.location.sqlitePath)
    keyFile = join(dataDir, 'data.key')
    writeKey(keyFile, inForce)
  }, 60_000)
  afterAll(() => server.dispose())

  it('is refused with the file and the key named, nothing switched or kept aside', async () => {
    const copy = join(dirname(dataDir), `copy-${randomBytes(4).toString('hex')}.key`)
    writeKey(copy, inForce)

    const run = keyRotate('--new-key-file', copy)

    expect(run.status, run.stdout).toBe(2)
    expect(run.stderr).toContain(`Not rotated: the key in ${copy} (fingerprint ${dataKeyFingerprint(inForce)}) is the key already in force: there is nothing to rotate.`)
    expect(run.stdout).not.toContain('already')
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(inForce.toString('base64'))
    expect(readdirSync(dataDir).filter(name => name.startsWith('data.key.'))).toEqual([])
    expect(existsSync(`${keyFile}.next`)).toBe(false)
    expect(await readServerState(server.database.db, 'key_rotation')).toBeUndefined()
  }, 60_000)

  it('a new key file rotates; the same file given again reports that run\'s work as done', async () => {
    const next = randomBytes(32)
    const nextFile = join(dirname(dataDir), `next-${randomBytes(4).toString('hex')}.key`)
    writeKey(nextFile, next)

    const first = keyRotate('--new-key-file', nextFile)
    expect(first.status, first.stderr).toBe(0)
    expect(first.stdout).toContain('Rotated:')
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(next.toString('base64'))

    const again = keyRotate('--new-key-file', nextFile)
    expect(again.status, again.stderr).toBe(0)
    expect(again.stdout).toContain('already sealed with the next key')
    expect(again.stdout).toContain(`${keyFile} already holds the next key`)
    await checkDataKey(server.database.db, next, server.clock.now().toISOString())
  }, 120_000)
})
