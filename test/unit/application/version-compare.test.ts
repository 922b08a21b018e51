import { versionPairIssue } from '#shared/application/version-compare'
import { formatIssue } from '#shared/errors/format-issue'
import { describe, expect, it } from 'vitest'

describe('versionPairIssue', () => {
  it.each([[1, 2], [1, 4], [3, 4]])('compares version %i with the later %i', (from, to) => {
    expect(versionPairIssue(from, to)).toBeNull()
  })

  it.each([[2, 1], [4, 1], [3, 3]])('refuses version %i against %i: not an earlier one against a later one', (from, to) => {
    const issue = versionPairIssue(from, to)
    expect(issue).toEqual({ path: 'to', code: 'version.order', params: { from, to } })
    expect(formatIssue(issue!, 'zh-CN')).toBe(`对比的版本应从较早的到较新的（第${from}版不早于第${to}版）`)
    expect(formatIssue(issue!, 'en')).toBe(`Compare an earlier version with a later one (version ${from} is not before version ${to})`)
  })
})
