import { describe, expect, it } from 'vitest'
import { DIRECTORY_MAX_AGE_MS, directoryNeedsFetch, linkedSiteVerdict } from '../../../client/src/desk/directory/directory-freshness'

const NOW = Date.parse('2026-11-24T09:00:00Z')

describe('when the desk asks for its directory again', () => {
  it('asks when it has none, when the last fetch failed, and once it is a minute old', () => {
    expect(directoryNeedsFetch({ fetchedAt: null, failed: false }, NOW)).toBe(true)
    expect(directoryNeedsFetch({ fetchedAt: NOW - 1000, failed: true }, NOW)).toBe(true)
    expect(directoryNeedsFetch({ fetchedAt: NOW - DIRECTORY_MAX_AGE_MS, failed: false }, NOW)).toBe(true)
  })
  it('uses a recent one as it is', () => {
    expect(directoryNeedsFetch({ fetchedAt: NOW - DIRECTORY_MAX_AGE_MS + 1, failed: false }, NOW)).toBe(false)
  })
})

describe('a site named by a link', () => {
  const sites = [{ id: 'site-a' }]
  const opened = NOW

  it('is known when the directory has it, or when no site is named', () => {
    expect(linkedSiteVerdict('site-a', sites, opened - 3_600_000, opened)).toBe('known')
    expect(linkedSiteVerdict('', null, null, opened)).toBe('known')
  })
  it('waits for a directory before judging', () => {
    expect(linkedSiteVerdict('site-b', null, null, opened)).toBe('waiting')
  })
  it('is asked for again when missing from a directory older than the page: it may have been created since', () => {
    expect(linkedSiteVerdict('site-b', sites, opened - 1, opened)).toBe('ask-again')
  })
  it('is unknown when missing from a directory asked for since the page opened', () => {
    expect(linkedSiteVerdict('site-b', sites, opened, opened)).toBe('unknown')
    // A user with no sites at all is refused a site too, once the directory has arrived.
    expect(linkedSiteVerdict('site-b', [], opened + 5, opened)).toBe('unknown')
  })
})
