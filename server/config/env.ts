import process from 'node:process'
import { z } from 'zod'

/**
 * The only reader of `process.env`. Every setting is validated at start-up; a bad one
 * stops the server with a message that names it, instead of failing later in a request.
 */

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** 0.0.0.0 by default so that tablets on the same network can reach the server. */
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Where the built PWA is served from. */
  CLIENT_DIST_DIR: z.string().min(1).default('dist'),
})

export type Env = z.infer<typeof EnvSchema>

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source)
  if (parsed.success)
    return parsed.data
  const lines = parsed.error.issues.map(issue => `  ${issue.path.join('.')}: ${issue.message}`)
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
}
