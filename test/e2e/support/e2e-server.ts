import type { ServerProcess } from '../../support/server-process'
import type { AdminApi } from './api-client'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import { startServerProcess } from '../../support/server-process'
import { signInAdmin } from './api-client'
import { DIST_DIR } from './client-build'

/**
 * The real server for end-to-end tests: `server/main.ts` in its own process on a free
 * loopback port, on a throw-away SQLite database under a temporary DATA_DIR, serving the
 * built PWA: the run's copy of dist/ that the global setup made (dist/ itself elsewhere). The administrator's
 * password is known, so tests create their sites and staff through the admin API.
 */

export const E2E_ADMIN_PASSWORD = 'e2e-admin-password'

export interface E2eServer extends ServerProcess {
  dataDir: string
  /** FIELD_ENROL_DATA_KEY of the process, for operator commands run against its DATA_DIR. */
  dataKey: string
  adminPassword: string
  /** The administrator, signed in (one device for the whole run). */
  admin: AdminApi
}

export async function startE2eServer(env: Record<string, string> = {}): Promise<E2eServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'field-enrol-e2e-'))
  const dataKey = randomBytes(32).toString('base64')
  let server: ServerProcess
  try {
    server = await startServerProcess({
      DATA_DIR: dataDir,
      CLIENT_DIST_DIR: inject('clientDistDir') ?? DIST_DIR,
      ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      FIELD_ENROL_DATA_KEY: dataKey,
      ...env,
    })
  }
  catch (error) {
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
  try {
    const admin = await signInAdmin(server.url, E2E_ADMIN_PASSWORD)
    return {
      ...server,
      dataDir,
      dataKey,
      adminPassword: E2E_ADMIN_PASSWORD,
      admin,
      stop: async () => {
        await server.stop()
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  }
  catch (error) {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
    throw new Error(`${(error as Error).message}\nserver output:\n${server.output()}`)
  }
}
