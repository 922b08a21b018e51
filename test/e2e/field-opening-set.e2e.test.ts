import { describe, expect, it } from 'vitest'
import { filesOf, staticClosure } from '../../client/src/app/pwa/build/chunk-graph'
import { readFieldOpeningSet, withZod } from './support/field-opening'

/**
 * What the production build (dist/, made by the suite's global setup) puts before the
 * field's first screen. Not a size budget (that is `npm run bench -- bundle-size`): what
 * must never be in it at all. A tablet on a weak connection opens the app with the entry,
 * the field layout and the home page; the desk (Element Plus) is never downloaded there,
 * and Zod with the validation rules loads only with the enrolment screens. A static import
 * of the applications repository from the sync engine once put Zod back on every opening.
 */

const WIZARD = 'src/field/pages/EnrolWizardPage.vue'

describe('the field opening set in the production build', () => {
  const set = readFieldOpeningSet()

  it('holds the entry, the field layout and the home page', () => {
    expect(set.opening).toContain('index.html')
    expect(set.opening).toContain('src/field/layout/FieldLayout.vue')
    expect(set.opening).toContain('src/field/pages/FieldHomePage.vue')
    expect(set.js.length).toBeGreaterThan(3)
  })

  it('holds no desk page and no Element Plus', () => {
    expect(set.deskSources).toEqual([])
    expect(set.elementPlusFiles).toEqual([])
  })

  it('holds no Zod, which the enrolment wizard does load (so the check can see it)', () => {
    expect(set.zodFiles).toEqual([])
    const wizardJs = filesOf(set.manifest, staticClosure(set.manifest, [WIZARD])).filter(file => file.endsWith('.js'))
    expect(withZod(wizardJs).length).toBeGreaterThan(0)
  })
})
