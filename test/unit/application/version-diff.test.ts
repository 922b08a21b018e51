import { pathLabel } from '#shared/application/application-format'
import { flattenLeaves } from '#shared/application/application-paths'
import { changeRow } from '#shared/application/version-change-format'
import { diffApplications, maskedDiff, maskedVersionChanges, versionChanges } from '#shared/application/version-diff'
import { maskAddressDetail, maskMobile } from '#shared/privacy/masking'
import { describe, expect, it } from 'vitest'
import { makeFamily, makeIndividual } from '../../fixtures/applications'

describe('version diff', () => {
  it('finds nothing between a version and itself', () => {
    const app = makeIndividual()
    expect(diffApplications(app, structuredClone(app))).toEqual([])
  })

  it('lists changed leaves with the values before and after', () => {
    const before = makeIndividual()
    const after = makeIndividual({ person: { mobile: '13900139000', address: { detail: '建国路1号' } } })
    expect(diffApplications(before, after)).toEqual([
      { path: 'person.mobile', kind: 'changed', before: before.person.mobile, after: '13900139000' },
      { path: 'person.address.detail', kind: 'changed', before: before.person.address.detail, after: '建国路1号' },
    ])
  })

  it('tells added and removed fields apart', () => {
    const before = makeIndividual({ person: { occupation: '教师', referrer: undefined } })
    const after = makeIndividual({ person: { occupation: undefined, referrer: '李四' } })
    const changes = diffApplications(before, after)
    expect(changes).toContainEqual({ path: 'person.referrer', kind: 'added', before: undefined, after: '李四' })
    expect(changes).toContainEqual({ path: 'person.occupation', kind: 'removed', before: '教师', after: undefined })
  })

  it('walks arrays of objects by index and compares lists of values as a whole', () => {
    const before = makeFamily()
    const dependants = structuredClone(before.dependants)
    dependants[0]!.name = '王小明'
    const after = { ...before, dependants, person: { ...before.person, interests: ['阅读', '旅行'] } }
    const changes = diffApplications({ ...before, person: { ...before.person, interests: ['阅读'] } }, after)
    expect(changes).toEqual([
      { path: 'person.interests', kind: 'changed', before: ['阅读'], after: ['阅读', '旅行'] },
      { path: 'dependants.0.name', kind: 'changed', before: before.dependants[0]!.name, after: '王小明' },
    ])
  })

  it('sees a replaced photo as a changed hash and size of that attachment', () => {
    const before = makeIndividual()
    const attachments = structuredClone(before.attachments)
    attachments[0] = { ...attachments[0]!, sha256: 'f'.repeat(64), size: 1234 }
    const paths = diffApplications(before, { ...before, attachments }).map(change => change.path)
    expect(paths).toEqual(['attachments.0.sha256', 'attachments.0.size'])
  })

  it('masks the values of a masked diff, but compares the real ones', () => {
    const before = makeIndividual({ person: { mobile: '13812345678', occupation: '教师' } })
    const inside = makeIndividual({ person: { mobile: '13898765678', occupation: undefined, address: { detail: '建国路1号' } } })
    expect(maskedDiff(before, inside)).toEqual([
      // The middle digits changed: both sides read alike, and it is still listed.
      { path: 'person.mobile', kind: 'changed', before: maskMobile('13812345678'), after: maskMobile('13898765678') },
      { path: 'person.address.detail', kind: 'changed', before: maskAddressDetail(before.person.address.detail), after: maskAddressDetail('建国路1号') },
      // Not personal: as it is.
      { path: 'person.occupation', kind: 'removed', before: '教师', after: undefined },
    ])
    expect(maskMobile('13812345678')).toBe(maskMobile('13898765678'))
    expect(JSON.stringify(maskedDiff(before, inside))).not.toContain('13898765678')
    expect(maskedDiff(before, structuredClone(before))).toEqual([])
  })

  it('labels changed paths with the shared field labels, in both languages', () => {
    expect(pathLabel('person.mobile', 'zh-CN')).toBe('申请人 · 手机号码')
    expect(pathLabel('person.address.detail', 'en')).toBe('Applicant · Street address')
    expect(pathLabel('person.address.regionCode', 'zh-CN')).toBe('申请人 · 所在地区')
    expect(pathLabel('organisation.registeredAddress.regionCode', 'en')).toBe('Organisation · Region')
    expect(pathLabel('dependants.1.name', 'zh-CN')).toBe('家庭成员 2 · 姓名')
    expect(pathLabel('dependants.0.birthDate', 'en')).toBe('Dependant 1 · Date of birth')
    expect(pathLabel('guardian.name', 'zh-CN')).toBe('监护人姓名')
    // An organisation's contact is a person of its own; the organisation's other fields stay under it.
    expect(pathLabel('organisation.contact.mobile', 'zh-CN')).toBe('联系人手机号码')
    expect(pathLabel('organisation.contact.position', 'en')).toBe('Contact person · Position')
    expect(pathLabel('organisation.contact.name', 'zh-CN')).toBe('联系人姓名')
    expect(pathLabel('organisation.registeredAddress.detail', 'zh-CN')).toBe('单位信息 · 详细地址')
    expect(pathLabel('category', 'zh-CN')).toBe('会员类别')
    expect(pathLabel('attachments.0.sha256', 'zh-CN')).toBe('申请材料 1 · sha256')
    expect(pathLabel('person.declined', 'zh-CN')).toBe('申请人 · 拒绝提供')
  })

  it('flattens only leaves, never the containers', () => {
    expect(flattenLeaves({ a: { b: 1, c: [1, 2] }, d: [{ e: null }] })).toEqual([
      { path: 'a.b', value: 1 },
      { path: 'a.c', value: [1, 2] },
      { path: 'd.0.e', value: null },
    ])
  })
})

describe('version changes as a reviewer reads them: one row per file', () => {
  const PDF = { id: '0190f000-0000-7000-8000-00000000aaaa', kind: 'other' as const, sha256: 'a'.repeat(64), mediaType: 'application/pdf' as const, size: 612 }
  const RAW = /sha256|mediaType|application\/pdf|\bid\b|[0-9a-f]{8}-[0-9a-f]{4}-|a{64}|f{64}/

  function rowsOf(changes: ReturnType<typeof versionChanges>, locale: 'zh-CN' | 'en'): string[][] {
    return changes.map(change => Object.values(changeRow(change, locale)))
  }

  it('an added material is one row: its kind, 新增, PDF or image and its size — no id, hash or media type', () => {
    const before = makeIndividual()
    const after = { ...before, attachments: [...before.attachments, PDF] }
    const changes = versionChanges(before, after)
    expect(changes).toEqual([{ path: 'attachments.other', kind: 'added', after: { mediaType: 'application/pdf', size: 612 } }])
    expect(JSON.stringify(changes)).not.toContain(PDF.id)
    expect(JSON.stringify(changes)).not.toContain(PDF.sha256)
    expect(rowsOf(changes, 'zh-CN')).toEqual([['申请材料 · 其他材料', '—', '新增：PDF，1\u00A0KB']])
    expect(rowsOf(changes, 'en')).toEqual([['Materials · Other material', '—', 'Added: PDF, 1\u00A0KB']])
    // Removed again: one row the other way.
    expect(rowsOf(versionChanges(after, before), 'zh-CN')).toEqual([['申请材料 · 其他材料', 'PDF，1\u00A0KB', '删除']])
    expect(rowsOf(versionChanges(after, before), 'en')).toEqual([['Materials · Other material', 'PDF, 1\u00A0KB', 'Removed']])
  })

  it('a retaken photo (a new file with a new id, listed last, as the tablet does it) is one replacement', () => {
    const before = makeIndividual()
    const front = before.attachments.find(a => a.kind === 'id_front')!
    const retaken = { ...front, id: '0190f000-0000-7000-8000-00000000bbbb', sha256: 'f'.repeat(64), size: 318_000 }
    const after = { ...before, attachments: [...before.attachments.filter(a => a !== front), retaken] }
    const changes = versionChanges(before, after)
    expect(changes).toEqual([{ path: 'attachments.id_front', kind: 'changed', before: { mediaType: front.mediaType, size: front.size }, after: { mediaType: front.mediaType, size: 318_000 } }])
    const [row] = rowsOf(changes, 'zh-CN')
    expect(row![0]).toBe('申请材料 · 证件正面照片')
    expect(row![2]).toBe('已更换：图片，311\u00A0KB')
    expect(rowsOf(changes, 'en')[0]![2]).toBe('Replaced: image, 311\u00A0KB')
    // Same id, other content: a replacement too.
    const inPlace = { ...before, attachments: before.attachments.map(a => a === front ? { ...a, sha256: 'f'.repeat(64) } : a) }
    expect(versionChanges(before, inPlace).map(c => `${c.path}:${c.kind}`)).toEqual(['attachments.id_front:changed'])
  })

  it('a signature signed again is one row named by whose signature it is, not the consent\'s file id', () => {
    const before = makeIndividual()
    const signature = before.attachments.find(a => a.kind === 'signature')!
    const again = { ...signature, id: '0190f000-0000-7000-8000-00000000cccc', sha256: 'e'.repeat(64) }
    const after = { ...before, attachments: [...before.attachments.filter(a => a !== signature), again], consent: { ...before.consent, signatureAttachmentId: again.id } }
    const changes = versionChanges(before, after)
    expect(changes.map(c => `${c.path}:${c.kind}`)).toEqual(['consent.signatureAttachmentId:changed'])
    expect(rowsOf(changes, 'zh-CN')[0]![0]).toBe('知情同意 · 申请人签名')
    expect(rowsOf(changes, 'zh-CN')[0]![2]).toMatch(/^已更换：图片，\d+\u00A0KB$/)
  })

  it('never shows a file record\'s parts in either language, masked or not; fields are listed as before', () => {
    const before = makeIndividual({ person: { mobile: '13812345678' } })
    const attachments = structuredClone(before.attachments)
    attachments[0] = { ...attachments[0]!, sha256: 'f'.repeat(64), size: 1234 }
    const after = { ...before, person: { ...before.person, mobile: '13900139000' }, attachments: [...attachments, PDF] }
    for (const changes of [versionChanges(before, after), maskedVersionChanges(before, after)]) {
      expect(changes.map(c => c.path)).toEqual(['person.mobile', `attachments.${attachments[0]!.kind}`, 'attachments.other'])
      for (const locale of ['zh-CN', 'en'] as const)
        expect(rowsOf(changes, locale).flat().join('\n')).not.toMatch(RAW)
    }
    expect(maskedVersionChanges(before, after)[0]).toEqual({ path: 'person.mobile', kind: 'changed', before: maskMobile('13812345678'), after: maskMobile('13900139000') })
    expect(versionChanges(before, structuredClone(before))).toEqual([])
  })
})
