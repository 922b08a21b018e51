import type { Draft } from '../../../client/src/field/enrol/draft-model'
import { validateApplication } from '#shared/application/validate-application'
import { mod11_2CheckChar } from '#shared/checksums/iso7064'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { describe, expect, it } from 'vitest'
import { autofillFromResidentId, dropUnaskedGuardian, fieldOfPath, getPath, guardianAsked, holdsGuardianData, issuesBeforeConfirming, issuesByStep, listFieldText, newDraft, parseListText, pathsAfterRemoval, setField, setPath, stepOfIssue, stepsFor, summaryContent, wholeNumberInput } from '../../../client/src/field/enrol/draft-model'
import { makeIndividual, makeReceiptNo, makeResidentId, TODAY } from '../../fixtures/applications'

const context = {
  id: '019a0000-0000-7000-8000-000000000001',
  receiptNo: makeReceiptNo(1),
  siteId: 'site-1',
  agentId: 'agent-1',
  deviceId: 'device-1',
  capturedAt: '2026-11-23T08:00:00.000+08:00',
  programme: DEFAULT_PROGRAMME,
}

function issues(draft: Draft) {
  const result = validateApplication(draft, DEFAULT_PROGRAMME, { today: TODAY })
  return result.ok ? [] : result.issues
}

describe('enrolment draft model', () => {
  it.each(['individual', 'family', 'organisation'] as const)('a new %s draft takes the first category for its type and the current notice versions, and is not yet valid', (type) => {
    const draft = newDraft(type, context)
    expect(DEFAULT_PROGRAMME.categories.find(c => c.code === draft.category)?.applicantTypes).toContain(type)
    expect(draft.consent).toMatchObject({ noticeVersion: DEFAULT_PROGRAMME.privacyNoticeVersion, termsVersion: DEFAULT_PROGRAMME.memberTermsVersion, summaryConfirmed: false })
    const found = issues(draft)
    expect(found.length).toBeGreaterThan(0)
    // Every issue of a fresh draft belongs to a step the agent can reach.
    const steps = stepsFor(draft, found)
    const grouped = issuesByStep(found, steps)
    expect(Object.entries(grouped).filter(([step, list]) => list.length > 0 && !steps.includes(step as never))).toEqual([])
  })

  it('reads and writes fields by path; undefined removes an optional field', () => {
    const draft = newDraft('individual', context)
    setPath(draft, 'person.address.regionCode', '110105')
    setPath(draft, 'person.email', 'a@example.com')
    expect(getPath(draft, 'person.address.regionCode')).toBe('110105')
    setPath(draft, 'person.email', undefined)
    expect('email' in (draft as { person: object }).person).toBe(false)
    expect(getPath(draft, 'person.nothing.here')).toBeUndefined()
  })

  it('asks for a guardian step only when the shared age rule says so', () => {
    const adult = makeIndividual()
    expect(stepsFor(adult, issues(adult))).not.toContain('guardian')
    const birthDate = '2012-05-01'
    const minor = makeIndividual({ person: { birthDate, idNumber: makeResidentId(birthDate, 'male') } })
    const found = issues(minor)
    expect(found.map(i => i.code)).toContain('age.below_minimum')
    expect(stepsFor(minor, found)).toContain('guardian')
    expect(stepOfIssue(found.find(i => i.code === 'age.below_minimum')!, stepsFor(minor, found))).toBe('guardian')
  })

  it('files the guardian\'s signature under consent, where its pad is, so it never blocks the summary', () => {
    const birthDate = '2016-06-01'
    const minor = makeIndividual({ person: { birthDate, idNumber: makeResidentId(birthDate, 'female') } })
    const found = issues(minor)
    const signature = found.find(i => i.code === 'guardian.signature_required')
    expect(signature).toBeDefined()
    expect(stepOfIssue(signature!, stepsFor(minor, found))).toBe('consent')
  })

  it('files the summary confirmation under the summary step, other consent under consent', () => {
    const steps = stepsFor(makeIndividual(), [])
    expect(stepOfIssue({ path: 'consent.summaryConfirmed' }, steps)).toBe('summary')
    expect(stepOfIssue({ path: 'consent.sensitiveInfo' }, steps)).toBe('consent')
    expect(stepOfIssue({ path: 'person.idNumber' }, steps)).toBe('person')
    expect(stepOfIssue({ path: 'receiptNo' }, steps)).toBe('summary')
  })

  it('fills birth date and gender from a valid resident ID, never over what was typed', () => {
    const idNumber = makeResidentId('1990-02-03', 'female')
    const person = { idType: 'resident_id', idNumber, birthDate: '', gender: '' }
    expect(autofillFromResidentId(person, TODAY)).toBe(true)
    expect(person).toMatchObject({ birthDate: '1990-02-03', gender: 'female' })
    const typed = { idType: 'resident_id', idNumber, birthDate: '1990-02-04', gender: 'male' }
    expect(autofillFromResidentId(typed, TODAY)).toBe(false)
    expect(typed).toMatchObject({ birthDate: '1990-02-04', gender: 'male' })
    expect(autofillFromResidentId({ idType: 'passport', idNumber: 'E1234567', birthDate: '' }, TODAY)).toBe(false)
  })

  it('moves filled-in birth date and gender along when the ID number is corrected; typed ones stay', () => {
    const wrong = makeResidentId('1990-02-03', 'female')
    const corrected = makeResidentId('1991-05-06', 'male')
    const person = { idType: 'resident_id', idNumber: wrong, birthDate: '1990-02-03', gender: 'female' }
    person.idNumber = corrected
    expect(autofillFromResidentId(person, TODAY, { birthDate: '1990-02-03', gender: 'female' })).toBe(true)
    expect(person).toMatchObject({ birthDate: '1991-05-06', gender: 'male' })
    // The agent typed a birth date of their own (the ID said otherwise): it stays, gender follows.
    const typed = { idType: 'resident_id', idNumber: wrong, birthDate: '1990-03-03', gender: 'female' }
    typed.idNumber = corrected
    autofillFromResidentId(typed, TODAY, { birthDate: '1990-02-03', gender: 'female' })
    expect(typed).toMatchObject({ birthDate: '1990-03-03', gender: 'male' })
  })

  it('fills the birth date from a 2023 foreign permanent-residence ID, and moves it when the document changes', () => {
    const card = (birth: string) => {
      const body = `911840${birth}001`
      return body + mod11_2CheckChar(body)
    }
    const person = { idType: 'foreign_permanent_id', idNumber: card('19850615'), birthDate: '', gender: '' }
    expect(autofillFromResidentId(person, TODAY)).toBe(true)
    expect(person).toMatchObject({ birthDate: '1985-06-15', gender: '' }) // the card's sequence is not read for gender
    // A resident ID typed first filled 1990-02-03; the agent then picks the foreign card instead.
    const switched = { idType: 'foreign_permanent_id', idNumber: card('19850615'), birthDate: '1990-02-03', gender: 'female' }
    expect(autofillFromResidentId(switched, TODAY, { birthDate: '1990-02-03', gender: 'female' })).toBe(true)
    expect(switched).toMatchObject({ birthDate: '1985-06-15', gender: 'female' })
    // The old card says nothing usable; a card whose check character fails, nothing either.
    expect(autofillFromResidentId({ idType: 'foreign_permanent_id', idNumber: 'USA123456789012', birthDate: '' }, TODAY)).toBe(false)
    expect(autofillFromResidentId({ idType: 'foreign_permanent_id', idNumber: `${card('19850615').slice(0, 17)}${card('19850615').endsWith('0') ? '1' : '0'}`, birthDate: '' }, TODAY)).toBe(false)
  })

  it('before the applicant confirms, counts what the summary lists: fewer than submitting waits for, the consents and signatures after it', () => {
    const draft = newDraft('individual', context)
    const found = issues(draft)
    const steps = stepsFor(draft, found)
    const before = issuesBeforeConfirming(found, steps)
    const grouped = issuesByStep(found, steps)
    // Each with the step that fixes it; none of the confirmation's own nor of the consent step.
    expect(before.map(({ step }) => step)).not.toContain('consent')
    expect(before.map(({ step }) => step)).not.toContain('summary')
    expect(before.every(({ issue, step }) => grouped[step].includes(issue))).toBe(true)
    expect(before).toHaveLength(found.length - grouped.summary.length - grouped.consent.length)
    // An empty draft still owes its consents and its signature: the two counts differ, so they are worded apart.
    expect(grouped.consent.length).toBeGreaterThan(0)
    expect(before.length).toBeLessThan(found.length)
    // A complete application but for the confirmation and the signing: nothing left before confirming.
    const ready = makeIndividual()
    ready.consent = { ...ready.consent, summaryConfirmed: false, personalInfo: false }
    const left = issues(ready)
    expect(left.length).toBeGreaterThan(0)
    expect(issuesBeforeConfirming(left, stepsFor(ready, left))).toEqual([])
  })

  it('the confirmed summary changes when the content changes, not when consent or signatures do', () => {
    const app = makeIndividual()
    const signed = { ...app, consent: { ...app.consent, marketing: true }, attachments: [...app.attachments, { ...app.attachments[0]!, id: 'x', kind: 'signature' as const, sha256: 'f'.repeat(64) }] }
    expect(summaryContent(signed)).toBe(summaryContent(app))
    expect(summaryContent({ ...app, person: { ...app.person, mobile: '13911112222' } })).not.toBe(summaryContent(app))
  })

  it('reads a list field\'s text as items, whatever separates them', () => {
    expect(parseListText('阅读、旅行,摄影，书法;围棋； 游泳  跑步')).toEqual(['阅读', '旅行', '摄影', '书法', '围棋', '游泳', '跑步'])
    expect(parseListText('、阅读、')).toEqual(['阅读'])
    expect(parseListText('  ')).toEqual([])
  })

  it('shows a list field as typed while it says the stored list, otherwise the stored items', () => {
    // The next item under way, and the agent's own separators, stay as typed.
    expect(listFieldText(['阅读'], '阅读、', 'zh-CN')).toBe('阅读、')
    expect(listFieldText(['阅读', '旅行'], '阅读, 旅行', 'zh-CN')).toBe('阅读, 旅行')
    // Backspace over the last item leaves the separator before it, for the next Backspace to take.
    expect(listFieldText(['阅读', '旅行'], '阅读、旅行、', 'zh-CN')).toBe('阅读、旅行、')
    // Nothing typed yet (a reload), or the list changed elsewhere (拒绝提供 cleared it).
    expect(listFieldText(['阅读', '旅行'], null, 'zh-CN')).toBe('阅读、旅行')
    expect(listFieldText(undefined, '阅读', 'zh-CN')).toBe('')
    expect(listFieldText(['游泳'], '阅读', 'zh-CN')).toBe('游泳')
    expect(listFieldText(undefined, null, 'zh-CN')).toBe('')
    // In English the stored items are listed as English lists them, not with 、.
    expect(listFieldText(['reading', 'travel'], null, 'en')).toBe('reading, travel')
  })

  it('a USCC changed after 已核对 must be compared again; other changes keep the tick', () => {
    const org = () => ({ organisation: { name: '某厂', uscc: '91110106MA01BXQ7T1', usccCheckConfirmed: true } })
    const changed = org()
    setField(changed, 'organisation.uscc', '91110106MA02CXQ8T1')
    expect(changed.organisation).toMatchObject({ uscc: '91110106MA02CXQ8T1', usccCheckConfirmed: false })
    const same = org()
    setField(same, 'organisation.uscc', '91110106MA01BXQ7T1')
    expect(same.organisation.usccCheckConfirmed).toBe(true)
    const other = org()
    setField(other, 'organisation.name', '某食品厂')
    expect(other.organisation).toMatchObject({ name: '某食品厂', usccCheckConfirmed: true })
    // Never ticked: nothing is added.
    const unticked = { organisation: { uscc: '' } }
    setField(unticked, 'organisation.uscc', '91110106MA01BXQ7T1')
    expect(unticked.organisation).toEqual({ uscc: '91110106MA01BXQ7T1' })
  })

  it('reads a count typed on a Chinese IME as its number; anything else stays as typed, never dropped', () => {
    expect(wholeNumberInput('12')).toBe(12)
    expect(wholeNumberInput('１２')).toBe(12)
    expect(wholeNumberInput('\u3000１２０ ')).toBe(120)
    expect(wholeNumberInput('0')).toBe(0)
    for (const typed of ['12人', '1.5', '-3', '1e3', '0x10', '十二'])
      expect(wholeNumberInput(typed)).toBe(typed)
  })

  it('shows an issue of a list entry at its list\'s field, which holds every entry', () => {
    expect(fieldOfPath('person.interests.1')).toBe('person.interests')
    expect(fieldOfPath('person.interests')).toBe('person.interests')
    expect(fieldOfPath('dependants.1.name')).toBe('dependants.1.name')
    const draft = makeIndividual({ person: { interests: ['阅读', '好'.repeat(21)] } })
    const found = issues(draft).filter(issue => fieldOfPath(issue.path) === 'person.interests')
    expect(found).toEqual([expect.objectContaining({ path: 'person.interests.1', code: 'field.too_long' })])
  })

  describe('a guardian the age rule does not ask for', () => {
    const blankGuardian = () => ({ name: '', relation: '', mobile: '', idType: 'resident_id', idNumber: '' })
    const withGuardian = (draft: Draft, guardian: Record<string, string>) => ({ ...draft, guardian } as unknown as Draft)

    it('holding nothing, is no step and leaves the application: nothing of it is validated or sent', () => {
      // The guardian step opened for a 2015 ID (it starts an empty guardian), then the ID was corrected to an adult's.
      const adult = withGuardian(makeIndividual(), blankGuardian())
      const found = issues(adult)
      expect(guardianAsked(found)).toBe(false)
      expect(holdsGuardianData(adult)).toBe(false)
      expect(stepsFor(adult, found)).not.toContain('guardian')
      expect(dropUnaskedGuardian(adult, found)).toBe(true)
      expect('guardian' in adult).toBe(false)
      expect(issues(adult).filter(issue => issue.path.startsWith('guardian'))).toEqual([])
    })

    it('holding nothing but the document type it starts with, is still empty', () => {
      const adult = withGuardian(makeIndividual(), { ...blankGuardian(), idType: 'passport', name: '  ' })
      expect(holdsGuardianData(adult)).toBe(false)
      expect(dropUnaskedGuardian(adult, issues(adult))).toBe(true)
    })

    it('an empty one the rule does ask for (a minor) stays, with its step', () => {
      const birthDate = '2015-03-04'
      const minor = withGuardian(makeIndividual({ person: { birthDate, idNumber: makeResidentId(birthDate, 'male') } }), blankGuardian())
      const found = issues(minor)
      expect(guardianAsked(found)).toBe(true)
      expect(stepsFor(minor, found)).toContain('guardian')
      expect(dropUnaskedGuardian(minor, found)).toBe(false)
      expect(minor).toHaveProperty('guardian')
    })

    it('with anything entered, stays with its step until the agent removes it', () => {
      const adult = withGuardian(makeIndividual(), { ...blankGuardian(), name: '李强' })
      const found = issues(adult)
      expect(guardianAsked(found)).toBe(false)
      expect(holdsGuardianData(adult)).toBe(true)
      expect(stepsFor(adult, found)).toContain('guardian')
      expect(dropUnaskedGuardian(adult, found)).toBe(false)
      expect(adult).toHaveProperty('guardian.name', '李强')
    })
  })
})

describe('touched fields after a dependant is removed', () => {
  it('drop the removed one\'s and move later ones up, leaving other fields as they are', () => {
    const touched = ['person.name', 'dependants.0.name', 'dependants.0.mobile', 'dependants.1.relation', 'dependants.2.mobile', 'dependants.2.birthDate', 'dependants', 'dependantsNote']
    expect(pathsAfterRemoval(touched, 'dependants', 0).sort()).toEqual(['dependants', 'dependants.0.relation', 'dependants.1.birthDate', 'dependants.1.mobile', 'dependantsNote', 'person.name'])
    expect(pathsAfterRemoval(touched, 'dependants', 2).sort()).toEqual(['dependants', 'dependants.0.mobile', 'dependants.0.name', 'dependants.1.relation', 'dependantsNote', 'person.name'])
    expect(pathsAfterRemoval(['dependants.10.name', 'dependants.9'], 'dependants', 3)).toEqual(['dependants.9.name', 'dependants.8'])
  })
})
