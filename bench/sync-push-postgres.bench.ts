import type { PostgresCluster } from '../test/support/postgres-cluster'
import type { PushRun } from './sync-push.bench'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase } from '../server/db/database'
import { migrateToLatest } from '../server/db/migrate'
import { createClusterDatabase, findPostgresBinDir, startPostgresCluster } from '../test/support/postgres-cluster'
import { startServerProcess } from '../test/support/server-process'
import { copyTablesToPostgres } from './copy-to-postgres'
import { recordAtMost } from './harness'
import { APPLICATIONS, DEVICES, HEAP_CAP_MB, printRun, PUSH_SEEDED_TABLES, pushAll, seedPushDatabase, signInDevices } from './sync-push.bench'

/**
 * The sync-push benchmark on PostgreSQL: the same 100,000 members and 600,000 blocking keys
 * (seeded into SQLite, copied across), the same 10,000 applications in batches of 100 over
 * HTTP, one device and then DEVICES at once, each run on its own copy of the seeded
 * database (CREATE DATABASE … TEMPLATE). The cluster is durable as installed (fsync and
 * synchronous_commit on, 128 MB of shared buffers): an acknowledged push survives a power
 * cut, as on SQLite. Issue 3's throughput target is set for SQLite; this run prints the
 * PostgreSQL figures beside it and holds the same memory budget.
 */

async function runOn(cluster: PostgresCluster, name: string, devices: number, nodeOptions = ''): Promise<PushRun> {
  const databaseUrl = await createClusterDatabase(cluster.url, name, 'push_seed')
  const dataDir = mkdtempSync(join(tmpdir(), 'field-enrol-bench-pg-'))
  const server = await startServerProcess({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, FIELD_ENROL_DATA_KEY: randomBytes(32).toString('base64'), ADMIN_PASSWORD: 'bench-admin-password', NODE_ENV: 'production', NODE_OPTIONS: nodeOptions })
  try {
    return await pushAll(server, await signInDevices(server.url, devices))
  }
  finally {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

export async function runSyncPushPostgresBench(): Promise<void> {
  const bin = findPostgresBinDir()
  if (!bin) {
    console.warn('  SKIPPED: no PostgreSQL binaries in /usr/lib/postgresql/*/bin')
    return
  }
  const { seedDir, sqlitePath } = await seedPushDatabase()
  const cluster = await startPostgresCluster(bin, { durable: true })
  try {
    const seedUrl = await createClusterDatabase(cluster.url, 'push_seed')
    const target = createDatabase({ databaseUrl: seedUrl, sqlitePath })
    await migrateToLatest(target.db)
    await target.destroy()
    const copying = process.hrtime.bigint()
    const rows = await copyTablesToPostgres(sqlitePath, seedUrl, PUSH_SEEDED_TABLES)
    console.log(`  copied ${rows.toLocaleString('en')} seeded rows to PostgreSQL in ${(Number(process.hrtime.bigint() - copying) / 1e9).toFixed(1)} s`)

    // The one-device run caps V8's heap, as on SQLite, so what its RSS still gains over the
    // second half is what the server keeps per application.
    const sequential = await runOn(cluster, 'push_one_device', 1, `--max-old-space-size=${HEAP_CAP_MB}`)
    printRun('one device, batches one after another', sequential)
    const concurrent = await runOn(cluster, 'push_devices', DEVICES)
    printRun(`${DEVICES} devices at once, each its batches one after another`, concurrent)
    console.log(`  (issue 3's target, ${(10_000).toLocaleString('en')}/s, is held by the SQLite run; ${APPLICATIONS.toLocaleString('en')} applications here for comparison)`)
    recordAtMost(`sync push on PostgreSQL: server RSS rise over the second half (one device, heap capped at ${HEAP_CAP_MB} MB)`, sequential.rss.end - sequential.rss.half, 16, 'MB')
  }
  finally {
    cluster.stop()
    rmSync(seedDir, { recursive: true, force: true })
  }
}
