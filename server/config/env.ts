import type { ValidationIssue } from '#shared/errors/issue'
import type { Locale, LocalisedText } from '#shared/i18n/locale'
import type { OperatorMessageKey } from '../operator-messages/catalogue'
import { Buffer } from 'node:buffer'
import process from 'node:process'
import { PasswordSchema } from '#shared/auth/password-policy'
import { formatMessage } from '#shared/errors/format-issue'
import { toValidationIssues } from '#shared/errors/zod-issues'
import { LOCALES } from '#shared/i18n/locale'
import { labelled, listed } from '#shared/i18n/punctuation'
import { z } from 'zod'
import { isOperatorMessageKey, OPERATOR_MESSAGES } from '../operator-messages/catalogue'
import { joinTexts, OperatorError, operatorText, verbatim } from '../operator-messages/operator-text'
import { isLanguageValue, LANGUAGE_SETTING, operatorLocale } from './language'

/**
 * The only reader of `process.env`. Every setting is validated at start-up; a bad one
 * stops the server (or a command) with a message that names it, instead of failing later
 * in a request — worded in the operator's language (language.ts), as everything the
 * server and the commands print. A refusal's message is a catalogue key
 * (server/operator-messages); a bound Zod checks itself is worded as the API words it.
 */

/**
 * A whole number written as an operator writes one: decimal digits, nothing else. `Number()`
 * alone reads `0x20` as 32, `1e3` as 1000 and a blank value as 0, so a typo would start the
 * server on another port (or trust another number of proxies) instead of stopping it.
 */
function wholeNumber(min: number, max: number, fallback: number) {
  // prefault: the default is parsed like a value given, so it becomes a number too.
  return z.string()
    .regex(/^\d+$/, 'config.whole_number' satisfies OperatorMessageKey)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .prefault(String(fallback))
}

/** The PostgreSQL URL, refused when it does not parse or names no host (the driver would quietly try localhost). */
const PostgresUrl = z.string().superRefine((value, ctx) => {
  if (!/^postgres(?:ql)?:\/\//.test(value))
    return ctx.addIssue({ code: 'custom', message: 'config.postgres_url' satisfies OperatorMessageKey })
  let url: URL
  try {
    url = new URL(value)
  }
  catch {
    return ctx.addIssue({ code: 'custom', message: 'config.url_malformed' satisfies OperatorMessageKey })
  }
  // A socket folder may stand in for the host: postgres:///db?host=/var/run/postgresql.
  if (!url.hostname && !url.searchParams.get('host'))
    ctx.addIssue({ code: 'custom', message: 'config.url_no_host' satisfies OperatorMessageKey })
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
      ctx.addIssue({ code: 'custom', message: 'password policy', params: { validation: toValidationIssues(checked.error, value) } })
  }).optional(),
  /** 32-byte key (base64) for personal data at rest; a key file in DATA_DIR is generated when unset. */
  FIELD_ENROL_DATA_KEY: z.string().refine(value => Buffer.from(value, 'base64').length === 32, 'config.data_key' satisfies OperatorMessageKey).optional(),
  /** How long a sign-in lasts. Field tablets stay offline for days, so the default is long. */
  SESSION_TTL_DAYS: wholeNumber(1, 365, 30),
  /**
   * Reverse proxies in front of the server (the HTTPS one tablets need) that append the
   * address they received from to X-Forwarded-For. 0: the header is ignored and the
   * connection's own address is the client's, so nobody can forge one.
   */
  TRUST_PROXY_HOPS: wholeNumber(0, 10, 0),
  /** The language of the operator commands and the server's output; unset, the POSIX locale decides (language.ts). */
  [LANGUAGE_SETTING]: z.string().refine(isLanguageValue, 'config.language' satisfies OperatorMessageKey).optional(),
})

export type Env = z.infer<typeof EnvSchema> & {
  /** The language everything the server and the commands print is in: FIELD_ENROL_LANG, else the POSIX locale, else zh-CN. */
  locale: Locale
}

/** One refused setting's reason, in each language. */
function reasonText(issue: z.core.$ZodIssue, source: Record<string, string | undefined>): LocalisedText {
  // The schema's own reasons: catalogue keys that take no params.
  if (isOperatorMessageKey(issue.message))
    return { ...OPERATOR_MESSAGES[issue.message] }
  const given = issue.code === 'custom' ? (issue.params as { validation?: ValidationIssue[] } | undefined)?.validation : undefined
  const found = given ?? toValidationIssues(new z.ZodError([issue]), source)
  const text = {} as LocalisedText
  for (const locale of LOCALES)
    text[locale] = listed(found.map(each => formatMessage(each.code, each.params, locale)), locale)
  return text
}

/** The configuration, validated; an OperatorError naming each bad setting otherwise. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source)
  if (parsed.success)
    return { ...parsed.data, locale: operatorLocale(source) }
  const lines = parsed.error.issues.map((issue) => {
    const reason = reasonText(issue, source)
    const line = {} as LocalisedText
    for (const locale of LOCALES)
      line[locale] = `  ${labelled(issue.path.join('.'), reason[locale], locale)}`
    return line
  })
  throw new OperatorError(joinTexts([operatorText('config.invalid'), ...lines], verbatim('\n')))
}

/**
 * The operator's language when the configuration is refused (there is no Env then): read
 * here, beside the rest, so the refusal is in it.
 */
export function configuredLocale(source: Record<string, string | undefined> = process.env): Locale {
  return operatorLocale(source)
}
