import type { Env } from './config/env'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { createApp } from './app'
import { loadEnv } from './config/env'
import { openRuntime } from './runtime'
import { DataKeyMismatchError } from './security/data-key-check'
import { bootstrap } from './services/bootstrap.service'

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

  const report = await bootstrap(deps)
  if (report.generatedAdminPassword) {
    console.log('\n  First start: created the administrator account')
    console.log('    user name: admin')
    console.log(`    password:  ${report.generatedAdminPassword}`)
    console.log('  It is shown only this once: sign in and change it, or set ADMIN_PASSWORD before the first start.\n')
  }

  const app = createApp(deps)
  const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
    const where = env.DATABASE_URL ? 'PostgreSQL' : `SQLite (${join(env.DATA_DIR, 'field-enrol.sqlite')})`
    console.log(`Field Enrol server on http://${info.address}:${info.port} — database: ${where}`)
  })

  function shutdown(): void {
    server.close(() => {
      void database.destroy().then(() => process.exit(0))
    })
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

start(env).catch((error: unknown) => {
  // A wrong data key is the operator's to fix: the reason, not a stack.
  console.error(error instanceof DataKeyMismatchError ? `Not started: ${error.message}` : error)
  process.exit(1)
})
