import { describe, expect, it } from 'vitest'
import { configuredLocale, loadEnv } from '../../../server/config/env'
import { OperatorError } from '../../../server/operator-messages/operator-text'

describe('server configuration', () => {
  it('defaults to every interface on port 3000 so tablets on the network can connect', () => {
    const env = loadEnv({})
    expect(env.HOST).toBe('0.0.0.0')
    expect(env.PORT).toBe(3000)
  })

  it('stops with a message naming the bad setting', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => loadEnv({ PORT: '70000' })).toThrow(/PORT/)
  })

  it('reads numbers only as decimal digits: a typo never becomes another port or proxy count', () => {
    expect(loadEnv({ PORT: '3433', TRUST_PROXY_HOPS: '1', SESSION_TTL_DAYS: '7' })).toMatchObject({ PORT: 3433, TRUST_PROXY_HOPS: 1, SESSION_TTL_DAYS: 7 })
    // Number() reads these as 32, 1000, 0 and 0.
    for (const PORT of ['0x20', '1e3', '', ' '])
      expect(() => loadEnv({ PORT }), JSON.stringify(PORT)).toThrow(/PORT: must be a whole number written in digits/)
    for (const TRUST_PROXY_HOPS of ['', '0x1', '-1', '1.5'])
      expect(() => loadEnv({ TRUST_PROXY_HOPS }), JSON.stringify(TRUST_PROXY_HOPS)).toThrow(/TRUST_PROXY_HOPS/)
    expect(() => loadEnv({ SESSION_TTL_DAYS: '3e1' })).toThrow(/SESSION_TTL_DAYS/)
  })

  it('refuses a DATABASE_URL that does not parse or names no host, without echoing it (it holds a password)', () => {
    expect(loadEnv({ DATABASE_URL: 'postgres://enrol:secret@db.internal:5432/field_enrol' }).DATABASE_URL).toBe('postgres://enrol:secret@db.internal:5432/field_enrol')
    expect(loadEnv({ DATABASE_URL: 'postgresql:///field_enrol?host=/var/run/postgresql' }).DATABASE_URL).toContain('/var/run/postgresql')
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x@h/db' })).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL/)
    expect(() => loadEnv({ DATABASE_URL: 'postgres://' })).toThrow(/DATABASE_URL: names no host/)
    expect(() => loadEnv({ DATABASE_URL: 'postgres://enrol:secret@db.internal:port/field_enrol' })).toThrow(/DATABASE_URL: is not a well-formed URL/)
    expect(() => loadEnv({ DATABASE_URL: 'postgres://enrol:secret@db.internal:port/field_enrol' })).not.toThrow(/secret/)
  })

  it('holds the first administrator\'s password to the policy every sign-in uses', () => {
    expect(loadEnv({ ADMIN_PASSWORD: 'a'.repeat(256) }).ADMIN_PASSWORD).toHaveLength(256)
    // Longer than the sign-in takes: the administrator could never sign in.
    expect(() => loadEnv({ ADMIN_PASSWORD: 'a'.repeat(257) })).toThrow(/ADMIN_PASSWORD: At most 256 characters/)
    expect(() => loadEnv({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD: At least 10 characters/)
    expect(() => loadEnv({ ADMIN_PASSWORD: 'long enough\u0000' })).toThrow(/ADMIN_PASSWORD: Contains control or invisible characters/)
  })

  it('speaks zh-CN unless FIELD_ENROL_LANG or the POSIX locale says English', () => {
    const cases: Array<[Record<string, string>, 'zh-CN' | 'en']> = [
      [{}, 'zh-CN'],
      [{ LANG: 'C' }, 'zh-CN'],
      [{ LANG: 'POSIX' }, 'zh-CN'],
      [{ LANG: 'C.UTF-8' }, 'zh-CN'],
      [{ LANG: 'de_DE.UTF-8' }, 'zh-CN'],
      [{ LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
      [{ LANG: 'zh_TW.UTF-8' }, 'zh-CN'],
      [{ LANG: 'en_US.UTF-8' }, 'en'],
      [{ LANG: 'en_GB' }, 'en'],
      // LC_ALL, then LC_MESSAGES, then LANG: the first one set wins, as gettext reads them.
      [{ LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' }, 'zh-CN'],
      [{ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8' }, 'en'],
      [{ LC_ALL: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'zh_CN.UTF-8' }, 'en'],
      [{ LC_ALL: 'C.UTF-8', LANG: 'en_US.UTF-8' }, 'zh-CN'],
      [{ LC_ALL: '', LANG: 'en_US.UTF-8' }, 'en'],
      // The setting wins over the locale.
      [{ FIELD_ENROL_LANG: 'en', LANG: 'zh_CN.UTF-8' }, 'en'],
      [{ FIELD_ENROL_LANG: 'zh-CN', LC_ALL: 'en_US.UTF-8' }, 'zh-CN'],
    ]
    for (const [source, locale] of cases)
      expect(loadEnv(source).locale, JSON.stringify(source)).toBe(locale)
  })

  it('refuses a FIELD_ENROL_LANG that is not zh-CN or en, naming it, in the language the locale names', () => {
    for (const FIELD_ENROL_LANG of ['fr', 'zh', 'EN', 'zh_CN', ''])
      expect(() => loadEnv({ FIELD_ENROL_LANG, LANG: 'en_US.UTF-8' }), FIELD_ENROL_LANG).toThrow(/FIELD_ENROL_LANG: must be zh-CN or en/)
    let refused: unknown
    try {
      loadEnv({ FIELD_ENROL_LANG: 'fr', PORT: 'eighty' })
    }
    catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(OperatorError)
    // No locale set: the product's default, zh-CN, with Chinese punctuation.
    expect((refused as OperatorError).text['zh-CN']).toBe('配置有误：\n  PORT：应为只含数字的整数\n  FIELD_ENROL_LANG：应为 zh-CN 或 en（不设置则按系统语言环境 LC_ALL、LC_MESSAGES、LANG 选择）')
    expect(configuredLocale({ FIELD_ENROL_LANG: 'fr' })).toBe('zh-CN')
    expect(configuredLocale({ FIELD_ENROL_LANG: 'fr', LANG: 'en_US.UTF-8' })).toBe('en')
  })

  it('words a bound Zod checks as the API words it, in each language', () => {
    try {
      loadEnv({ PORT: '70000' })
      expect.unreachable()
    }
    catch (error) {
      expect((error as OperatorError).text['zh-CN']).toContain('PORT：不能大于65535')
      expect((error as OperatorError).text.en).toContain('PORT: Must be at most 65535')
    }
  })
})
