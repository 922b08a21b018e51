import type { Env } from './config/env'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { createApp } from './app'
import { configuredLocale, loadEnv } from './config/env'
import { sqlitePathOf } from './db/sqlite-file'
import { REQUEST_TIMEOUT_MS } from './http/limits'
import { listenProblem } from './http/listen-check'
import { OperatorError } from './operator-messages/operator-text'
import { createOutput } from './operator-messages/output'
import { openRuntime } from './runtime'
import { bootstrap, firstAdminNotice } from './services/bootstrap.service'
import { startHeartbeat } from './services/heartbeat.service'
import { sweepAbandonedUploads } from './storage/abandoned-uploads'
import { attachmentsFolder } from './storage/attachment-tree'

let env: Env
try {
  env = loadEnv()
}
catch (error) {
  // Worded in the language the environment names, the refused FIELD_ENROL_LANG aside.
  console.error(createOutput(configuredLocale()).describe(error))
  process.exit(1)
}

/** Everything the server prints, in the operator's language (FIELD_ENROL_LANG or the POSIX locale). */
const out = createOutput(env.locale)

/** Why the server cannot listen where it is told to, in the operator's words. */
function listenRefusal(error: NodeJS.ErrnoException): string {
  return error.code === 'EADDRINUSE'
    ? out.text('server.port_in_use', { port: env.PORT, host: env.HOST })
    : error.code === 'EACCES'
      ? out.text('server.port_denied', { port: env.PORT })
      : error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN' || error.code === 'EADDRNOTAVAIL'
        ? out.text('server.host_unknown', { host: env.HOST, code: error.code })
        : error.message
}

async function start(env: Env): Promise<void> {
  const refused = await listenProblem(env.HOST, env.PORT)
  if (refused) {
    out.warn('server.not_started', { reason: listenRefusal(refused) })
    process.exit(1)
  }
  const { deps, database } = await openRuntime(env)

  const notice = firstAdminNotice(await bootstrap(deps))
  if (notice)
    out.sayText(notice)

  if (!existsSync(join(env.CLIENT_DIST_DIR, 'index.html')))
    out.warn('server.no_pwa', { dir: env.CLIENT_DIST_DIR })

  const app = createApp(deps)
  const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT, serverOptions: { requestTimeout: REQUEST_TIMEOUT_MS } }, (info) => {
    const where = env.DATABASE_URL ? out.text('server.database_postgres') : out.text('server.database_sqlite', { path: sqlitePathOf(env.DATA_DIR) })
    out.say('server.listening', { address: info.address, port: info.port, database: where })
  })
  server.on('error', (error: NodeJS.ErrnoException) => {
    out.warn('server.not_started', { reason: listenRefusal(error) })
    void database.destroy().then(() => process.exit(1))
  })

  // In the background: requests need not wait for a walk of the whole attachment folder.
  sweepAbandonedUploads(attachmentsFolder(env.DATA_DIR)).then(({ removed, bytes }) => {
    if (removed > 0)
      out.say('server.uploads_swept', { count: removed, bytes })
  }, (error: unknown) => out.warn('server.uploads_not_swept', { reason: out.describe(error) }))

  const heartbeat = startHeartbeat(deps.db, error => out.warn('server.heartbeat_failed', { reason: out.describe(error) }))

  function shutdown(): void {
    server.close(() => {
      void heartbeat.stop().then(() => database.destroy()).then(() => process.exit(0))
    })
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

start(env).catch((error: unknown) => {
  // A wrong data key or an unusable DATA_DIR / DATABASE_URL (an OperatorError) is the operator's to fix: the reason in their language, not a stack.
  if (error instanceof OperatorError)
    out.warn('server.not_started', { reason: error.text })
  else
    console.error(error)
  process.exit(1)
})
