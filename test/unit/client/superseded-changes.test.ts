import type { ApplicationInput } from '#shared/application/application.schema'
import { describe, expect, it } from 'vitest'
import { supersededChanges, supersededFiles } from '../../../client/src/field/applications/superseded-changes'
import { makeIndividual } from '../../fixtures/applications'

describe('the unsent edit kept on a record, as the fields it changes', () => {
  const data = makeIndividual({ person: { occupation: '工程师' } }) as ApplicationInput
  const edited = { ...data, person: { ...(data as { person: object }).person, occupation: '园艺师', email: undefined } } as ApplicationInput

  it('lists each changed field by its label, the record\'s value beside the edit\'s', () => {
    const changes = supersededChanges({ data, supersededEdit: { data: edited, kind: 'edit', editedAt: '2026-12-05T08:00:00.000Z', supersededAt: '2026-12-05T08:00:01.000Z' } }, 'zh-CN')
    expect(changes.find(c => c.path === 'person.occupation')).toEqual({ path: 'person.occupation', label: '申请人 · 职业', now: '工程师', edited: '园艺师' })
    expect(changes.find(c => c.path === 'person.email')).toMatchObject({ now: (data as { person: { email: string } }).person.email, edited: '—' })
    expect(changes).toHaveLength(2)
    expect(supersededChanges({ data, supersededEdit: { data: edited, kind: 'edit', editedAt: '', supersededAt: '' } }, 'en').find(c => c.path === 'person.occupation')!.label).toMatch(/Occupation/)
  })

  it('leaves out the consent ceremony and the files, which an edit voids or a reader cannot read', () => {
    const signed = { ...data, consent: { ...data.consent, summaryConfirmed: true } } as ApplicationInput
    const voided = { ...edited, consent: { ...data.consent, summaryConfirmed: false }, attachments: data.attachments.slice(1) } as ApplicationInput
    const changes = supersededChanges({ data: signed, supersededEdit: { data: voided, kind: 'edit', editedAt: '', supersededAt: '' } }, 'zh-CN')
    expect(changes.map(c => c.path).sort()).toEqual(['person.email', 'person.occupation'])
  })

  it('is empty without an unsent edit, or when the edit changes nothing', () => {
    expect(supersededChanges({ data }, 'zh-CN')).toEqual([])
    expect(supersededChanges({ data, supersededEdit: { data, kind: 'resubmit', editedAt: '', supersededAt: '' } }, 'zh-CN')).toEqual([])
  })

  it('lists the files the edit names and the record does not, by their material, signatures left out', () => {
    const back = data.attachments.find(a => a.kind === 'id_back')!
    const retaken = { ...back, id: 'retaken-back', sha256: 'c'.repeat(64) }
    const signature = { ...back, id: 'new-signature', kind: 'signature' as const, mediaType: 'image/png' as const }
    const edit = { ...data, attachments: [...data.attachments.filter(a => a !== back), retaken, signature] } as ApplicationInput
    const unsent = { data, supersededEdit: { data: edit, kind: 'edit' as const, editedAt: '', supersededAt: '' } }
    expect(supersededFiles(unsent, 'zh-CN')).toEqual([{ id: 'retaken-back', kind: 'id_back', label: '证件背面照片', mediaType: back.mediaType }])
    expect(supersededFiles(unsent, 'en')[0]!.label).toMatch(/back/i)
    expect(supersededFiles({ data }, 'zh-CN')).toEqual([])
    expect(supersededFiles({ data, supersededEdit: { data, kind: 'edit', editedAt: '', supersededAt: '' } }, 'zh-CN')).toEqual([])
  })
})
