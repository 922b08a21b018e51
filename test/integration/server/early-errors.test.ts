import type { ServerProcess } from '../../support/server-process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess } from '../../support/server-process'

/**
 * A request refused before its body is read still gets its answer over a real socket. A
 * tablet pushing a large batch with an expired token must see 401 (and sign in again), not a
 * reset connection, which @hono/node-server gives a client still sending when the answer
 * goes, unless the server has read the body first.
 */

describe('errors answered before the body is read (real server process)', () => {
  let server: ServerProcess
  let dataDir: string

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'field-enrol-early-'))
    server = await startServerProcess({ DATA_DIR: dataDir, FIELD_ENROL_DATA_KEY: randomBytes(32).toString('base64'), ADMIN_PASSWORD: 'admin-password-for-tests' })
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('answers 401 to a 1 MiB push with an expired token, every time', async () => {
    // Before the fix, about a third of these lost their answer to a reset connection.
    const body = JSON.stringify({ protocolVersion: 1, mutations: [], pad: 'x'.repeat(1024 * 1024) })
    const statuses: Array<number | string> = []
    for (let i = 0; i < 20; i++) {
      try {
        const response = await fetch(`${server.url}/api/sync/push`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer expired-or-revoked' },
          body,
        })
        statuses.push(response.status)
        expect(((await response.json()) as { error: { code: string } }).error.code).toMatch(/^auth\./)
      }
      catch (error) {
        statuses.push(`no answer: ${(error as Error).cause ?? error}`)
      }
    }
    expect(statuses).toEqual(Array.from({ length: 20 }, () => 401))
  }, 60_000)

  it('still refuses an oversized body at once with 413', async () => {
    const response = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(5 * 1024 * 1024) },
      body: new Uint8Array(5 * 1024 * 1024),
    })
    expect(response.status).toBe(413)
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('request.too_large')
  })
})
