import type { MessageModule } from '../../../client/src/i18n/messages'
import { describe, expect, it } from 'vitest'
import { importDeskMessageModules, MESSAGE_MODULES } from '../../../client/src/i18n/messages'

/**
 * Every text the client shows exists in both languages, under the same key, with the same
 * placeholders: a key missing in English would show the key itself to an English user,
 * a placeholder dropped in one language would silently lose the number or name.
 */

function leaves(value: unknown, path = ''): Map<string, string> {
  if (typeof value === 'string')
    return new Map([[path, value]])
  const found = new Map<string, string>()
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    for (const [leaf, text] of leaves(child, path ? `${path}.${key}` : key))
      found.set(leaf, text)
  }
  return found
}

/** `{count}` and the like, as a set: an English plural repeats them in each form. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map(match => match[1]!))].sort()
}

async function everyModule(): Promise<MessageModule[]> {
  return [...MESSAGE_MODULES, ...await importDeskMessageModules()]
}

describe('client messages in zh-CN and en', () => {
  it('have the same keys', async () => {
    for (const module of await everyModule())
      expect([...leaves(module.en).keys()].sort()).toEqual([...leaves(module['zh-CN']).keys()].sort())
  })

  it('have the same placeholders under each key', async () => {
    const differing: string[] = []
    for (const module of await everyModule()) {
      const en = leaves(module.en)
      for (const [key, zh] of leaves(module['zh-CN'])) {
        if (placeholders(zh).join() !== placeholders(en.get(key) ?? '').join())
          differing.push(key)
      }
    }
    expect(differing).toEqual([])
  })

  it('are English in English, but for the name of the Chinese language itself', async () => {
    const chinese: string[] = []
    for (const module of await everyModule()) {
      for (const [key, text] of leaves(module.en)) {
        if (/\p{Script=Han}/u.test(text))
          chinese.push(key)
      }
    }
    expect(chinese).toEqual(['language.zh-CN'])
  })
})
