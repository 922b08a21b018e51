import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../server/http/api-error'
import { versionFromIfMatch } from '../../../server/http/if-match'

/** How a change's If-Match is read: the version it was made on, or a refusal (server/http/if-match.ts). */
describe('the If-Match header', () => {
  const refusal = (header: string | undefined) => {
    try {
      versionFromIfMatch(header)
    }
    catch (error) {
      if (error instanceof ApiError)
        return { status: error.status, code: error.code, issues: error.options.issues }
      throw error
    }
    return null
  }
  const malformed = { status: 400, code: 'request.invalid', issues: [{ path: 'If-Match', code: 'field.format' }] }

  it.each<[string, number]>([['"3"', 3], ['W/"3"', 3], ['3', 3], [' "12" ', 12]])('reads %j as version %i', (header, version) => {
    expect(versionFromIfMatch(header)).toBe(version)
  })

  it.each(['"1', '1"', 'W/1', '"abc"', 'latest', '*', '""', '"1", "2"', '"1.5"', '"-1"'])('refuses %j as a malformed tag', (header) => {
    expect(refusal(header)).toEqual(malformed)
  })

  it('asks for one when there is none', () => {
    expect(refusal(undefined)).toMatchObject({ status: 428, code: 'request.version_required' })
    expect(refusal(' ')).toMatchObject({ status: 428, code: 'request.version_required' })
  })
})
