import type { Env } from './config/env'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { createApp } from './app'
import { loadEnv } from './config/env'
import { REQUEST_TIMEOUT_MS } from './http/limits'
import { openRuntime, SettingRefusedError } from './runtime'
import { DataKeyMismatchError } from './security/data-key-check'
import { bootstrap, firstAdminNotice } from './services/bootstrap.service'
import { startHeartbeat } from './services/heartbeat.service'
import { sweepAbandonedUploads } from './storage/abandoned-uploads'
import { attachmentsFolder } from './storage/attachment-tree'

let env: Env
try {
  env = loadEnv()
}
catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}

async function start(env: Env): Promise<void> {
  const { deps, database } = await openRuntime(env)

  const notice = firstAdminNotice(await bootstrap(deps))
  if (notice)
    console.log(notice)

  if (!existsSync(join(env.CLIENT_DIST_DIR, 'index.html')))
    console.warn(`WARNING: no built PWA in ${env.CLIENT_DIST_DIR} (CLIENT_DIST_DIR): /field and /desk answer 404 until \`npm run build\` has run. The API works.`)

  const app = createApp(deps)
  const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT, serverOptions: { requestTimeout: REQUEST_TIMEOUT_MS } }, (info) => {
    const where = env.DATABASE_URL ? 'PostgreSQL' : `SQLite (${join(env.DATA_DIR, 'field-enrol.sqlite')})`
    console.log(`Field Enrol server on http://${info.address}:${info.port} — database: ${where}`)
  })
  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason = error.code === 'EADDRINUSE'
      ? `port ${env.PORT} on ${env.HOST} is already in use (another server?): stop it, or set PORT`
      : error.code === 'EACCES'
        ? `not allowed to listen on port ${env.PORT} (ports below 1024 need privileges): set PORT`
        : error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN' || error.code === 'EADDRNOTAVAIL'
          ? `HOST=${env.HOST} is not an address of this machine (${error.code}): set HOST to one of its addresses, or 0.0.0.0 for every interface`
          : error.message
    console.error(`Not started: ${reason}`)
    void database.destroy().then(() => process.exit(1))
  })

  // In the background: requests need not wait for a walk of the whole attachment folder.
  sweepAbandonedUploads(attachmentsFolder(env.DATA_DIR)).then(({ removed, bytes }) => {
    if (removed > 0)
      console.log(`Removed ${removed} unfinished upload${removed === 1 ? '' : 's'} (${bytes} bytes) left by an earlier stop.`)
  }, (error: unknown) => console.error(`Unfinished uploads not swept: ${error instanceof Error ? error.message : String(error)}`))

  const heartbeat = startHeartbeat(deps.db, error => console.error(`Heartbeat not written: ${error instanceof Error ? error.message : String(error)}`))

  function shutdown(): void {
    server.close(() => {
      void heartbeat.stop().then(() => database.destroy()).then(() => process.exit(0))
    })
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

start(env).catch((error: unknown) => {
  // A wrong data key or an unusable DATA_DIR / DATABASE_URL is the operator's to fix: the reason, not a stack.
  console.error(error instanceof DataKeyMismatchError || error instanceof SettingRefusedError ? `Not started: ${error.message}` : error)
  process.exit(1)
})
