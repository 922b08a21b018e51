import { Buffer } from 'node:buffer'
import process from 'node:process'
import { PasswordSchema } from '#shared/auth/password-policy'
import { formatMessage } from '#shared/errors/format-issue'
import { toValidationIssues } from '#shared/errors/zod-issues'
import { z } from 'zod'

/**
 * The only reader of `process.env`. Every setting is validated at start-up; a bad one
 * stops the server with a message that names it, instead of failing later in a request.
 */

/**
 * A whole number written as an operator writes one: decimal digits, nothing else. `Number()`
 * alone reads `0x20` as 32, `1e3` as 1000 and a blank value as 0, so a typo would start the
 * server on another port (or trust another number of proxies) instead of stopping it.
 */
function wholeNumber(min: number, max: number, fallback: number) {
  // prefault: the default is parsed like a value given, so it becomes a number too.
  return z.string()
    .regex(/^\d+$/, 'must be a whole number written in digits')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .prefault(String(fallback))
}

/** The PostgreSQL URL, refused when it does not parse or names no host (the driver would quietly try localhost). */
const PostgresUrl = z.string().superRefine((value, ctx) => {
  if (!/^postgres(?:ql)?:\/\//.test(value))
    return ctx.addIssue({ code: 'custom', message: 'must be a postgres:// URL' })
  let url: URL
  try {
    url = new URL(value)
  }
  catch {
    return ctx.addIssue({ code: 'custom', message: 'is not a well-formed URL (a password with @, :, / or # must be percent-encoded)' })
  }
  // A socket folder may stand in for the host: postgres:///db?host=/var/run/postgresql.
  if (!url.hostname && !url.searchParams.get('host'))
    ctx.addIssue({ code: 'custom', message: 'names no host (postgres://user:pass@host:5432/db)' })
})

const EnvSchema = z.object({
  /** 0.0.0.0 by default so that tablets on the same network can reach the server. */
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: wholeNumber(1, 65535, 3000),
  /** Where the built PWA is served from. */
  CLIENT_DIST_DIR: z.string().min(1).default('dist'),
  /** The embedded database, attachments and the generated data key live here. */
  DATA_DIR: z.string().min(1).default('data'),
  /** PostgreSQL instead of the embedded SQLite, e.g. postgres://user:pass@host:5432/field_enrol. */
  DATABASE_URL: PostgresUrl.optional(),
  /** Password of the first administrator, created at the first start; generated and printed when unset. */
  ADMIN_PASSWORD: z.string().superRefine((value, ctx) => {
    // The policy every password follows, worded as it is everywhere else.
    const checked = PasswordSchema.safeParse(value)
    if (!checked.success)
      ctx.addIssue({ code: 'custom', message: toValidationIssues(checked.error, value).map(issue => formatMessage(issue.code, issue.params, 'en')).join('; ') })
  }).optional(),
  /** 32-byte key (base64) for personal data at rest; a key file in DATA_DIR is generated when unset. */
  FIELD_ENROL_DATA_KEY: z.string().refine(value => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded').optional(),
  /** How long a sign-in lasts. Field tablets stay offline for days, so the default is long. */
  SESSION_TTL_DAYS: wholeNumber(1, 365, 30),
  /**
   * Reverse proxies in front of the server (the HTTPS one tablets need) that append the
   * address they received from to X-Forwarded-For. 0: the header is ignored and the
   * connection's own address is the client's, so nobody can forge one.
   */
  TRUST_PROXY_HOPS: wholeNumber(0, 10, 0),
})

export type Env = z.infer<typeof EnvSchema>

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source)
  if (parsed.success)
    return parsed.data
  const lines = parsed.error.issues.map(issue => `  ${issue.path.join('.')}: ${issue.message}`)
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
}
