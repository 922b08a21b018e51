import process from 'node:process'
import { finish } from './harness'

/**
 * Every benchmark, or those named on the command line (`npm run bench -- sync-push`).
 * Each records its results; finish() sets the exit code.
 */
const BENCHES: Record<string, { title: string, run: () => Promise<void> }> = {
  'validation': { title: 'validation', run: async () => void await import('./validation.bench') },
  'bundle-size': { title: 'bundle size (production build)', run: async () => (await import('./bundle-size.bench')).runBundleSizeBench() },
  'sync-push': { title: 'sync push (server process on SQLite)', run: async () => (await import('./sync-push.bench')).runSyncPushBench() },
  'dedup-accuracy': { title: 'duplicate detection accuracy (labelled corpus)', run: async () => void (await import('./dedup-accuracy.bench')).runDedupAccuracyBench() },
  'sync-push-postgres': { title: 'sync push (server process on PostgreSQL)', run: async () => (await import('./sync-push-postgres.bench')).runSyncPushPostgresBench() },
  'desk-queries': { title: 'desk queries at a year\'s scale (server process on SQLite)', run: async () => (await import('./desk-queries.bench')).runDeskQueriesBench() },
  'desk-queries-postgres': { title: 'desk queries at a year\'s scale (server process on PostgreSQL)', run: async () => (await import('./desk-queries.bench')).runDeskQueriesBench('postgres') },
  'retention': { title: 'retention purge on a year\'s database (SQLite)', run: async () => (await import('./retention.bench')).runRetentionBench() },
  'dedup-latency': { title: 'duplicate look-up latency at ingest (SQLite, growing population)', run: async () => (await import('./dedup-latency.bench')).runDedupLatencyBench() },
}

async function main(): Promise<void> {
  const names = process.argv.slice(2)
  const unknown = names.filter(name => !(name in BENCHES))
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; there are: ${Object.keys(BENCHES).join(', ')}`)
    process.exitCode = 2
    return
  }
  console.log(`Field Enrol benchmarks — Node ${process.version}, ${new Date().toISOString()}`)
  for (const name of names.length ? names : Object.keys(BENCHES)) {
    console.log(`\n${BENCHES[name]!.title}:`)
    await BENCHES[name]!.run()
  }
  finish()
}

void main()
