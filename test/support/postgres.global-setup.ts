import type { TestProject } from 'vitest/node'
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'

/**
 * Starts a throw-away PostgreSQL cluster for the integration tests, from the binaries in
 * /usr/lib/postgresql/<version>/bin, on a free loopback port, as the `postgres` user when
 * run as root (initdb refuses root). TEST_DATABASE_URL skips this and uses that server.
 *
 * Without binaries the PostgreSQL tests are skipped, loudly; under CI that is a failure.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null
  }
}

function findBinDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root))
    return null
  const versions = readdirSync(root).filter(v => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], 'bin') : null
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export default async function setup(project: TestProject): Promise<(() => void) | void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL)
    return
  }
  const bin = findBinDir()
  if (!bin) {
    const message = 'PostgreSQL binaries not found in /usr/lib/postgresql/*/bin: the PostgreSQL integration tests are SKIPPED.'
    if (process.env.CI)
      throw new Error(`${message} CI must run them.`)
    console.warn(`\n\u001B[41m WARNING \u001B[0m ${message}\n`)
    project.provide('postgresUrl', null)
    return
  }

  const asRoot = process.getuid?.() === 0
  const run = (command: string, args: string[]) => asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { stdio: 'pipe' })
    : execFileSync(join(bin, command), args, { stdio: 'pipe' })

  const dir = mkdtempSync(join(tmpdir(), 'field-enrol-pg-'))
  chmodSync(dir, 0o777)
  if (asRoot)
    execFileSync('chown', ['postgres:postgres', dir])
  const data = join(dir, 'data')
  const port = await freePort()
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions'])
  run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`, 'start'])
  project.provide('postgresUrl', `postgres://postgres@127.0.0.1:${port}/postgres`)

  return () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
    }
    finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
