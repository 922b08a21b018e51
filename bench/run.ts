import { finish } from './harness'

// Each benchmark module runs on import and records its results; finish() sets the exit code.
async function main(): Promise<void> {
  console.log(`Field Enrol benchmarks — Node ${process.version}, ${new Date().toISOString()}\n`)
  await import('./validation.bench')
  console.log('\nbundle size (production build):')
  const { runBundleSizeBench } = await import('./bundle-size.bench')
  runBundleSizeBench()
  console.log('\nsync push (server process on SQLite):')
  const { runSyncPushBench } = await import('./sync-push.bench')
  await runSyncPushBench()
  console.log('\nduplicate detection accuracy (labelled corpus):')
  const { runDedupAccuracyBench } = await import('./dedup-accuracy.bench')
  runDedupAccuracyBench()
  console.log('\nduplicate look-up latency at ingest (SQLite, growing population):')
  const { runDedupLatencyBench } = await import('./dedup-latency.bench')
  await runDedupLatencyBench()
  finish()
}

void main()
