import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { hasBackSide, requiredMaterials } from '#shared/programme/required-materials'
import { describe, expect, it } from 'vitest'

function withCorporateMaterials(organisation: ProgrammeSettings['categories'][number]['requiredMaterials']['organisation']): ProgrammeSettings {
  return {
    ...DEFAULT_PROGRAMME,
    categories: DEFAULT_PROGRAMME.categories.map(c => (c.code === 'corporate' ? { ...c, requiredMaterials: { ...c.requiredMaterials, organisation } } : c)),
  }
}

describe('requiredMaterials', () => {
  it('takes the category\'s list for the applicant type', () => {
    expect(requiredMaterials(DEFAULT_PROGRAMME, { applicantType: 'individual', category: 'vip', idType: 'resident_id' }).sort())
      .toEqual(['id_back', 'id_front', 'portrait'])
    expect(requiredMaterials(DEFAULT_PROGRAMME, { applicantType: 'family', category: 'family', idType: 'resident_id' }).sort())
      .toEqual(['id_back', 'id_front'])
  })

  it('asks a passport holder for no back photo, whatever the category lists', () => {
    expect(requiredMaterials(DEFAULT_PROGRAMME, { applicantType: 'individual', category: 'vip', idType: 'passport' }).sort())
      .toEqual(['id_front', 'portrait'])
    expect(requiredMaterials(DEFAULT_PROGRAMME, { applicantType: 'family', category: 'family', idType: 'passport' }))
      .toEqual(['id_front'])
  })

  it('keeps the back for every other document, and while the document is not chosen yet', () => {
    for (const idType of ['resident_id', 'hk_mo_permit', 'tw_permit', 'foreign_permanent_id', undefined] as const) {
      expect(hasBackSide(idType)).toBe(true)
      expect(requiredMaterials(DEFAULT_PROGRAMME, { applicantType: 'individual', category: 'standard', idType })).toContain('id_back')
    }
  })

  it('always asks an organisation for its business licence, once', () => {
    expect(requiredMaterials(withCorporateMaterials([]), { applicantType: 'organisation', category: 'corporate', idType: undefined }))
      .toEqual(['business_licence'])
    expect(requiredMaterials(withCorporateMaterials(['business_licence', 'other']), { applicantType: 'organisation', category: 'corporate', idType: undefined }).sort())
      .toEqual(['business_licence', 'other'])
  })

  it('asks only for what no setting can waive when the category is unknown or not chosen', () => {
    expect(requiredMaterials(DEFAULT_PROGRAMME, { applicantType: 'individual', category: 'no_such_category', idType: 'resident_id' })).toEqual([])
    expect(requiredMaterials(DEFAULT_PROGRAMME, { applicantType: 'organisation', category: undefined, idType: undefined })).toEqual(['business_licence'])
  })
})
