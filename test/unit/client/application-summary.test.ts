import { formatPrice } from '#shared/application/payment-amount'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { describe, expect, it } from 'vitest'
import { summarise } from '../../../client/src/field/applications/application-summary'
import fieldMessages from '../../../client/src/i18n/messages/field'
import { makeFamily, makeIndividual, makeOrganisation } from '../../fixtures/applications'

function rowsOf(groups: ReturnType<typeof summarise>) {
  return Object.fromEntries(groups.flatMap(g => g.rows.map(r => [r.path, r.value])))
}

describe('application summary', () => {
  it('shows an individual in the DESIGN.md terms, choices by label and the region by name', () => {
    const app = makeIndividual()
    const groups = summarise(app, DEFAULT_PROGRAMME, 'zh-CN')
    expect(groups.map(g => g.title)).toEqual(['会员类别', '申请人', '申请材料'])
    const person = groups[1]!.rows
    expect(person.find(r => r.path === 'person.name')).toEqual({ label: '姓名', value: '张伟', path: 'person.name' })
    expect(person.find(r => r.path === 'person.gender')?.value).toBe('男')
    expect(person.find(r => r.path === 'person.idType')?.value).toBe('居民身份证')
    expect(person.find(r => r.path === 'person.address')?.value).toBe(`北京市朝阳区 ${app.person.address.detail}`)
    expect(rowsOf(groups)).toMatchObject({ 'category': '普通会员', 'person.interests': '羽毛球、摄影' })
  })

  it('shows typed numbers and text as they will be stored, which is what the applicant confirms', () => {
    const person = makeIndividual({ person: { mobile: '+86 138 2222 3333', idNumber: '11010519850304071x', employer: 'ＡＢＣ　科技' } })
    expect(rowsOf(summarise(person, DEFAULT_PROGRAMME, 'zh-CN'))).toMatchObject({ 'person.mobile': '13822223333', 'person.idNumber': '11010519850304071X', 'person.employer': 'ABC 科技' })
    const org = makeOrganisation({ organisation: { uscc: '91110105ma01bxq8ta', contact: { mobile: '138-0013-8000' } } })
    expect(rowsOf(summarise(org, DEFAULT_PROGRAMME, 'zh-CN'))).toMatchObject({ 'organisation.uscc': '91110105MA01BXQ8TA', 'organisation.contact.mobile': '13800138000' })
  })

  it('shows a declined item as 拒绝提供, distinct from an item left empty', () => {
    const app = makeIndividual({ person: { email: undefined, declined: ['email'] } })
    delete (app.person as { occupation?: string }).occupation
    const rows = rowsOf(summarise(app, DEFAULT_PROGRAMME, 'zh-CN'))
    expect(rows['person.email']).toBe('拒绝提供')
    expect(rows['person.occupation']).toBeUndefined()
    expect(rowsOf(summarise(app, DEFAULT_PROGRAMME, 'en'))['person.email']).toBe('Declined')
  })

  it('lists a family\'s dependants, an organisation\'s contact and the payment', () => {
    const family = summarise(makeFamily(), DEFAULT_PROGRAMME, 'zh-CN')
    expect(family.filter(g => g.title.startsWith('家庭成员'))).toHaveLength(makeFamily().dependants.length)
    expect(rowsOf(family)['payment.method']).toBe('微信')
    expect(rowsOf(family)['payment.amountFen']).toBe('¥100.00')
    const organisation = rowsOf(summarise(makeOrganisation(), DEFAULT_PROGRAMME, 'zh-CN'))
    expect(organisation['organisation.uscc']).toBe(makeOrganisation().organisation.uscc)
    expect(organisation['organisation.contact.name']).toBe(makeOrganisation().organisation.contact.name)
  })

  it('counts the files of each kind of material with their unit, in either language', () => {
    const app = makeIndividual()
    const front = app.attachments.find(a => a.kind === 'id_front')!
    const twice = { ...app, attachments: [...app.attachments, { ...front, id: 'another-front' }] }
    const materials = (locale: 'zh-CN' | 'en', input = app) => summarise(input, DEFAULT_PROGRAMME, locale).flatMap(g => g.rows).filter(r => r.path === 'attachments').map(r => [r.label, r.value])
    expect(materials('zh-CN')).toContainEqual(['证件正面照片', '1 份'])
    expect(materials('en', twice)).toContainEqual([expect.any(String), '2 files'])
    expect(materials('en').every(([, value]) => value === '1 file')).toBe(true)
  })

  it('leaves out a group with nothing in it: no 申请材料 heading before any photo', () => {
    const app = makeIndividual()
    const photos = summarise(app, DEFAULT_PROGRAMME, 'zh-CN').map(g => g.title)
    expect(photos).toContain('申请材料')
    // Only the signature (never listed as a material) left.
    const none = summarise({ ...app, attachments: app.attachments.filter(a => a.kind === 'signature') }, DEFAULT_PROGRAMME, 'en')
    expect(none.map(g => g.title)).not.toContain('Materials')
    expect(none.every(g => g.rows.length > 0)).toBe(true)
  })

  it('names the organisation\'s contact mobile as the contact\'s, under 单位信息, as the contact\'s name is', () => {
    const label = (locale: 'zh-CN' | 'en') => summarise(makeOrganisation(), DEFAULT_PROGRAMME, locale).flatMap(g => g.rows).find(r => r.path === 'organisation.contact.mobile')?.label
    expect(label('zh-CN')).toBe('联系人手机号码')
    expect(label('en')).toBe('Contact person\'s mobile')
  })

  it('prints amounts as the payment step and the receipt do (formatPrice), the same in both languages', () => {
    const paid = makeFamily({ payment: { amountFen: 100_000 } })
    expect(rowsOf(summarise(paid, DEFAULT_PROGRAMME, 'zh-CN'))['payment.amountFen']).toBe(formatPrice(100_000))
    expect(rowsOf(summarise(paid, DEFAULT_PROGRAMME, 'en'))['payment.amountFen']).toBe('¥1,000.00')
  })

  it('names each dependant as the dependants step heads them: Dependant 1, 家庭成员 1', () => {
    const family = makeFamily()
    const titles = (locale: 'zh-CN' | 'en') => summarise(family, DEFAULT_PROGRAMME, locale).map(g => g.title).filter(title => /^(?:家庭成员|Dependant)/.test(title))
    // The step's own heading (enrol.dependant), so the two cannot drift apart again.
    const stepHeading = (locale: 'zh-CN' | 'en', n: number) => (fieldMessages[locale].enrol.dependant as string).replace('{n}', String(n))
    expect(titles('en')).toEqual(family.dependants.map((_, i) => stepHeading('en', i + 1)))
    expect(titles('zh-CN')).toEqual(family.dependants.map((_, i) => stepHeading('zh-CN', i + 1)))
    expect(titles('zh-CN')[0]).toBe('家庭成员 1')
  })
})
