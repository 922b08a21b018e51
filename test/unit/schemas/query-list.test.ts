import { queryListItems } from '#shared/schemas/query-list'
import { describe, expect, it } from 'vitest'

describe('a list in a query string', () => {
  it.each<[string | string[], string[]]>([
    ['submitted', ['submitted']],
    ['submitted,in_review', ['submitted', 'in_review']],
    [['submitted', 'in_review'], ['submitted', 'in_review']],
    [['submitted,in_review', 'nope'], ['submitted', 'in_review', 'nope']],
    // Spaces around a comma and empty items are typing, not values.
    [' submitted , ,in_review,', ['submitted', 'in_review']],
    [['', ' '], []],
  ])('%j reads as %j', (value, items) => {
    expect(queryListItems(value)).toEqual(items)
  })
})
