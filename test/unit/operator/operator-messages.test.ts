import { LOCALES } from '#shared/i18n/locale'
import { describe, expect, it } from 'vitest'
import { OPERATOR_MESSAGE_PARTS, OPERATOR_MESSAGES } from '../../../server/operator-messages/catalogue'
import { OperatorError, operatorText } from '../../../server/operator-messages/operator-text'

/**
 * The operator commands' catalogue (server/operator-messages): what a command prints must
 * say the same in both languages — a key missing in one would print the key, a placeholder
 * dropped in one would lose the path, count or code it carries.
 */

const HAN = /\p{Script=Han}/u

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map(match => match[1]!).sort()
}

const KEYS = Object.keys(OPERATOR_MESSAGES) as Array<keyof typeof OPERATOR_MESSAGES>

describe('operator message catalogue', () => {
  it('has the same keys in both languages, each text non-empty', () => {
    for (const locale of LOCALES) {
      const keys = KEYS.filter(key => typeof OPERATOR_MESSAGES[key][locale] === 'string' && OPERATOR_MESSAGES[key][locale].trim() !== '')
      expect(keys, locale).toEqual(KEYS)
    }
    for (const key of KEYS)
      expect(Object.keys(OPERATOR_MESSAGES[key]).sort(), key).toEqual([...LOCALES].sort())
  })

  it.each(KEYS)('%s has the same placeholders in zh-CN and en', (key) => {
    expect(placeholders(OPERATOR_MESSAGES[key]['zh-CN'])).toEqual(placeholders(OPERATOR_MESSAGES[key].en))
  })

  it('is written in Chinese for zh-CN, and has no Chinese in English except the UI\'s own words quoted', () => {
    for (const key of KEYS) {
      const { 'zh-CN': zh, en } = OPERATOR_MESSAGES[key]
      // Texts that are only placeholders and symbols (`{method} {path} → …`) are alike in both.
      if (HAN.test(en.replaceAll('有疑似重复', '')))
        throw new Error(`${key}: Chinese in the English text`)
      // Names said alike in both (SQLite, PostgreSQL) are not English.
      if (/[a-z]{3,}/i.test(zh.replace(/\{\w+\}|SQLite|PostgreSQL/g, '')) && !HAN.test(zh))
        throw new Error(`${key}: no Chinese in the zh-CN text`)
    }
  })

  it('repeats no key across its parts (a repeated key would silently replace another\'s text)', () => {
    const total = OPERATOR_MESSAGE_PARTS.reduce((sum, part) => sum + Object.keys(part).length, 0)
    expect(total).toBe(KEYS.length)
  })

  it('fills placeholders in each language, a worded param in its own language', () => {
    const reason = operatorText('database.missing', { path: '/srv/data/field-enrol.sqlite' })
    const refused = operatorText('restore.refused', { reason })
    expect(refused['zh-CN']).toBe('未恢复：/srv/data/field-enrol.sqlite 处没有数据库：DATA_DIR 设置对吗？（服务器首次启动时创建数据库。）')
    expect(refused.en).toBe('Not restored: No database at /srv/data/field-enrol.sqlite: is DATA_DIR right? (The server creates it at its first start.)')
  })

  it('an OperatorError carries both texts, its message the English one', () => {
    const error = new OperatorError(operatorText('rotate.same_key'))
    expect(error.message).toBe('The next key is the same as the previous one')
    expect(error.text['zh-CN']).toBe('新密钥与旧密钥相同')
  })
})
