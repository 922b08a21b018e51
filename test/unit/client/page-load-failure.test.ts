import { describe, expect, it } from 'vitest'
import { isPageLoadFailure, pageLoadFailureKey } from '../../../client/src/app/errors/page-load-failure'

/** A page chunk that could not be fetched is told apart from a fault, in each browser's words. */
describe('page load failure', () => {
  it.each([
    ['Chromium', new TypeError('Failed to fetch dynamically imported module: http://tablet/assets/EnrolNewPage-DPNYtsYE.js')],
    ['Firefox', new TypeError('error loading dynamically imported module: http://tablet/assets/EnrolNewPage-DPNYtsYE.js')],
    ['Safari', new TypeError('Importing a module script failed.')],
    ['Vite\'s style preload', new Error('Unable to preload CSS for http://tablet/assets/EnrolNewPage-CQqbxvVl.css')],
  ])('recognises %s', (_, error) => {
    expect(isPageLoadFailure(error)).toBe(true)
  })

  it.each([
    ['a failed API call', new TypeError('Failed to fetch')],
    ['a fault in the app', new TypeError('Cannot read properties of undefined (reading \'id\')')],
    ['a string', 'Failed to fetch dynamically imported module'],
    ['nothing', undefined],
  ])('leaves %s to the unexpected-error report', (_, error) => {
    expect(isPageLoadFailure(error)).toBe(false)
  })

  it('says offline that the page is not on the device, online that it could not be loaded', () => {
    expect(pageLoadFailureKey(false)).toBe('pwa.page.notOnDevice')
    expect(pageLoadFailureKey(true)).toBe('pwa.page.notLoaded')
  })
})
