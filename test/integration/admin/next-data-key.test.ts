import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateNextKey } from '../../../server/security/next-data-key'
import { readDataKeyFile } from '../../../server/security/personal-data'

/**
 * `npm run key:rotate` writes the next data key with an exclusive create: two runs started
 * at the same moment must end up with one key between them, or the first would seal the
 * ID numbers with a key whose file the second replaced. On real files in a temporary folder.
 */
describe('the next data key file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'field-enrol-next-key-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('is written once, readable by its owner only, and holds the key returned', async () => {
    const path = join(dir, 'data.key.next')
    const lines: string[] = []
    const key = await generateNextKey(path, line => lines.push(line.en))
    expect(readDataKeyFile(path)).toEqual(key)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(lines).toEqual([expect.stringContaining('Generated the next data key')])
  })

  it('is one key for two runs at once: the run that finds the other\'s file uses it, neither replaces it', async () => {
    const path = join(dir, 'data.key.next.race')
    const lines: string[] = []
    const keys = await Promise.all(Array.from({ length: 8 }, () => generateNextKey(path, line => lines.push(line.en))))
    expect(new Set(keys.map(k => k.toString('base64'))).size).toBe(1)
    expect(readDataKeyFile(path)).toEqual(keys[0])
    expect(lines.filter(line => line.startsWith('Generated'))).toHaveLength(1)
    expect(lines.filter(line => line.startsWith('Using the next data key another run wrote'))).toHaveLength(7)
    // No draft is left beside it.
    expect(readdirSync(dir).filter(name => name.includes('.draft'))).toEqual([])
  })

  it('uses a key written between a run\'s look and its write, and refuses a file that holds no key', async () => {
    const written = join(dir, 'data.key.next.meanwhile')
    const theirs = Buffer.alloc(32, 9)
    writeFileSync(written, `${theirs.toString('base64')}\n`, { mode: 0o600 })
    expect(await generateNextKey(written, () => {})).toEqual(theirs)
    expect(readFileSync(written, 'utf8')).toBe(`${theirs.toString('base64')}\n`)

    const garbled = join(dir, 'data.key.next.garbled')
    writeFileSync(garbled, 'not a key\n')
    await expect(generateNextKey(garbled, () => {})).rejects.toThrow(`${garbled} does not hold a 32-byte base64 key`)
    expect(readFileSync(garbled, 'utf8')).toBe('not a key\n')
  })
})
