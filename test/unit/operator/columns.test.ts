import stringWidth from 'string-width'
import { describe, expect, it } from 'vitest'
import { padColumn } from '../../../server/operator-messages/columns'

/**
 * The operator's summaries (seed:demo's counts and accounts) line up on a terminal in
 * both languages: a Chinese label takes two cells a character.
 */
describe('padColumn', () => {
  it('pads Chinese labels to the same terminal width, not the same length', () => {
    const padded = padColumn(['已提交', '已提交（照片未到）', '已通过'])
    expect(padded.map(value => stringWidth(value))).toEqual([18, 18, 18])
    expect(padded[0]).toBe(`已提交${' '.repeat(12)}`)
    expect(padded[1]).toBe('已提交（照片未到）')
  })

  it('pads mixed scripts by width: a column after it starts in one place', () => {
    const padded = padColumn(['审核员', 'reviewer', '管理员 admin'])
    const lines = padded.map(value => `${value}|`)
    expect(lines.map(line => stringWidth(line))).toEqual([13, 13, 13])
  })

  it('keeps an empty list empty', () => {
    expect(padColumn([])).toEqual([])
  })
})
