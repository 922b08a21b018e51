import type { TestProject } from 'vitest/node'
import process from 'node:process'
import { findPostgresBinDir, startPostgresCluster } from './postgres-cluster'

/**
 * Starts a throw-away PostgreSQL cluster for the integration tests (see postgres-cluster.ts).
 * TEST_DATABASE_URL skips this and uses that server.
 *
 * Without binaries the PostgreSQL tests are skipped, loudly; under CI that is a failure.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null
  }
}

export default async function setup(project: TestProject): Promise<(() => void) | void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL)
    return
  }
  const bin = findPostgresBinDir()
  if (!bin) {
    const message = 'PostgreSQL binaries not found in /usr/lib/postgresql/*/bin: the PostgreSQL integration tests are SKIPPED.'
    if (process.env.CI)
      throw new Error(`${message} CI must run them.`)
    console.warn(`\n\u001B[41m WARNING \u001B[0m ${message}\n`)
    project.provide('postgresUrl', null)
    return
  }
  const cluster = await startPostgresCluster(bin, { durable: false })
  project.provide('postgresUrl', cluster.url)
  return cluster.stop
}
