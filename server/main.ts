import { serve } from '@hono/node-server'
import { createApp } from './app'
import { loadEnv } from './config/env'

let env
try {
  env = loadEnv()
}
catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}

const app = createApp(env)
serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
  console.log(`Field Enrol server listening on http://${info.address}:${info.port}`)
})
