import { ORGANISATION_TYPES } from '#shared/application/application.schema'
import { ATTACHMENT_KIND_LABELS, DEPENDANT_RELATIONS, GENDERS, GUARDIAN_RELATIONS } from '#shared/application/enums'
import { DEPENDANT_RELATION_LABELS, GENDER_LABELS, GUARDIAN_RELATION_LABELS, ID_TYPE_LABELS, ORGANISATION_TYPE_LABELS, vocabularyAt } from '#shared/application/vocabulary-labels'
import { ID_TYPES } from '#shared/identity/id-document'
import { describe, expect, it } from 'vitest'

const vocabularies = [
  ['gender', GENDERS, GENDER_LABELS],
  ['ID type', ID_TYPES, ID_TYPE_LABELS],
  ['guardian relation', GUARDIAN_RELATIONS, GUARDIAN_RELATION_LABELS],
  ['dependant relation', DEPENDANT_RELATIONS, DEPENDANT_RELATION_LABELS],
  ['organisation type', ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS],
] as const

describe('vocabulary labels', () => {
  it.each(vocabularies)('every %s has a zh-CN and an en label, and no label is shared', (_, values, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort())
    for (const locale of ['zh-CN', 'en'] as const) {
      const texts = values.map(value => (labels as Record<string, Record<string, string>>)[value]![locale]!)
      expect(texts.every(text => text.trim().length > 0)).toBe(true)
      expect(new Set(texts).size).toBe(texts.length)
    }
  })
})

describe('vocabularyAt', () => {
  it('finds a field\'s vocabulary by its path, a relation by whose it is', () => {
    expect(vocabularyAt('person.gender')).toBe(GENDER_LABELS)
    expect(vocabularyAt('dependants.2.gender')).toBe(GENDER_LABELS)
    expect(vocabularyAt('attachments.0.kind')).toBe(ATTACHMENT_KIND_LABELS)
    expect(vocabularyAt('guardian.relation')).toBe(GUARDIAN_RELATION_LABELS)
    expect(vocabularyAt('dependants.0.relation')).toBe(DEPENDANT_RELATION_LABELS)
  })

  it('has none for a free field, an empty path or an inherited name', () => {
    expect(vocabularyAt('person.name')).toBeUndefined()
    expect(vocabularyAt('')).toBeUndefined()
    expect(vocabularyAt('person.constructor')).toBeUndefined()
  })
})
