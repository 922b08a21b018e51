import { describe, expect, it } from 'vitest'
import { renameStep } from '../../../client/src/desk/admin/site-rename'

describe('a site renamed in its cell', () => {
  it.each([
    ['', 'restore'],
    ['   ', 'restore'],
    ['东城网点', 'unchanged'],
    [' 东城网点 ', 'unchanged'],
  ])('%j on 东城网点 is %s', (typed, kind) => {
    expect(renameStep(typed, '东城网点').kind).toBe(kind)
  })
  it('sends the name trimmed', () => {
    expect(renameStep(' 东城一网点 ', '东城网点')).toEqual({ kind: 'save', name: '东城一网点' })
  })
})
