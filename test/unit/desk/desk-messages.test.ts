import { describe, expect, it } from 'vitest'
import { importDeskMessageModules, MESSAGE_MODULES } from '../../../client/src/i18n/messages'

/** The desk's texts load on demand (messages/desk*.ts), never with the field's entry. */
describe('desk message modules', () => {
  it('are not among the modules loaded up front', () => {
    const upFront = MESSAGE_MODULES.flatMap(module => Object.keys(module['zh-CN']))
    expect(upFront.filter(key => key.startsWith('desk'))).toEqual([])
    expect(upFront.length).toBeGreaterThan(0)
  })
  it('load on demand, every one in both languages, without colliding with the others', async () => {
    const desk = await importDeskMessageModules()
    const keys = desk.flatMap(module => Object.keys(module['zh-CN']))
    expect(keys).toEqual(expect.arrayContaining(['desk', 'deskAdmin', 'deskStats']))
    expect(new Set(keys).size).toBe(keys.length)
    for (const module of desk)
      expect(Object.keys(module.en).sort()).toEqual(Object.keys(module['zh-CN']).sort())
    const upFront = new Set(MESSAGE_MODULES.flatMap(module => Object.keys(module['zh-CN'])))
    expect(keys.filter(key => upFront.has(key))).toEqual([])
  })
})
