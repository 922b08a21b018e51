import type { MessageModule } from '../../../client/src/i18n/messages'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { importDeskMessageModules, MESSAGE_MODULES } from '../../../client/src/i18n/messages'

/**
 * English texts that depend on a number are written as vue-i18n plurals (`{count} item |
 * {count} items`, not `item(s)`). Such a text only chooses its form when the screen passes the
 * number as the plural argument, `t(key, { count }, count)`: called without it, vue-i18n shows
 * the first form whatever the count ("3 item still to fix"). Chinese has one form.
 */

/** The shape vue-i18n is told the messages have: nested texts. */
interface Messages { [key: string]: string | Messages }

const SOURCE = join(import.meta.dirname, '../../../client/src')

function leaves(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string')
    return [[path, value]]
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => leaves(child, path ? `${path}.${key}` : key))
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory())
      return name === 'messages' ? [] : sources(path)
    return /\.(?:vue|ts)$/.test(name) ? [readFileSync(path, 'utf8')] : []
  })
}

async function englishPlurals(): Promise<{ messages: Record<string, unknown>, keys: string[] }> {
  const modules: MessageModule[] = [...MESSAGE_MODULES, ...await importDeskMessageModules()]
  const messages = Object.assign({}, ...modules.map(module => module.en)) as Record<string, unknown>
  return { messages, keys: leaves(messages).filter(([, text]) => text.includes(' | ')).map(([key]) => key) }
}

describe('plural messages', () => {
  it('have no (s) in English: a number\'s text is a plural with one form per count', async () => {
    const { messages } = await englishPlurals()
    expect(leaves(messages).filter(([, text]) => text.includes('(s)')).map(([key]) => key)).toEqual([])
  })

  it('choose their form by the count', async () => {
    const { messages, keys } = await englishPlurals()
    expect(keys.length).toBeGreaterThanOrEqual(5)
    const { global: { t } } = createI18n<[Messages], 'en', false>({ legacy: false, locale: 'en', messages: { en: messages as Messages } })
    for (const key of keys) {
      const names = { count: 7, n: 7, unsynced: 7, code: 'X', user: 'Y' }
      const one = t(key, { ...names, count: 1, n: 1, unsynced: 1 }, 1)
      const many = t(key, names, 7)
      expect(one, key).not.toContain('|')
      expect(many, key).not.toContain('|')
      expect(one, key).not.toBe(many)
    }
  })

  it('are called with the count as the plural argument wherever a screen shows them', async () => {
    const { keys } = await englishPlurals()
    const code = sources(SOURCE).join('\n')
    const careless: string[] = []
    for (const key of keys) {
      const calls = [...code.matchAll(new RegExp(`\\bt\\('${key.replaceAll('.', '\\.')}'([^)]*)\\)`, 'g'))]
      expect(calls.length, `${key} is used`).toBeGreaterThan(0)
      // `t(key, n)` or `t(key, { … }, n)`: the last argument is the count, not the named values.
      for (const [call, args] of calls) {
        if (!/^, (?:\{.*\}, )?[\w.]+$/s.test(args!))
          careless.push(call)
      }
    }
    expect(careless).toEqual([])
  })
})
