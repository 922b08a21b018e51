import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick, reactive, ref } from 'vue'
import { hasUnsavedInput } from '../../../client/src/app/pwa/unsaved-input'
import { draftKey, dropDraft, forgetDrafts, keepDraft, keptDraft, keptDrafts, useTypedDraft } from '../../../client/src/desk/shared/typed-drafts'

beforeEach(forgetDrafts)

describe('drafts kept for the tab', () => {
  it('are per staff user, record and action', () => {
    keepDraft(draftKey('staff-a', 'site-1', 'rename'), '东城网点')
    keepDraft(draftKey('staff-b', 'site-1', 'rename'), '西城网点')
    expect(keptDraft(draftKey('staff-a', 'site-1', 'rename'))).toBe('东城网点')
    expect(keptDraft(draftKey('staff-a', 'site-1', 'other'))).toBeUndefined()
    dropDraft(draftKey('staff-a', 'site-1', 'rename'))
    expect(keptDraft(draftKey('staff-a', 'site-1', 'rename'))).toBeUndefined()
    expect(keptDraft(draftKey('staff-b', 'site-1', 'rename'))).toBe('西城网点')
  })

  it('list one person\'s drafts of one action, the last typed last', () => {
    keepDraft(draftKey('me', 'new', 'form'), { name: '甲' })
    keepDraft(draftKey('me', 'account-2', 'form'), { name: '乙' })
    keepDraft(draftKey('someone', 'account-3', 'form'), { name: '丙' })
    keepDraft(draftKey('me', 'account-4', 'other'), { name: '丁' })
    keepDraft(draftKey('me', 'new', 'form'), { name: '甲甲' })
    expect(keptDrafts('me', 'form')).toEqual([
      { recordId: 'account-2', draft: { name: '乙' } },
      { recordId: 'new', draft: { name: '甲甲' } },
    ])
  })

  it('are the page\'s unsaved input while any is kept: a reload is asked about, an update waits', () => {
    expect(hasUnsavedInput()).toBe(false)
    keepDraft(draftKey('me', 'site-1', 'rename'), '东城网点')
    keepDraft(draftKey('me', 'site-2', 'rename'), '西城网点')
    expect(hasUnsavedInput()).toBe(true)
    dropDraft(draftKey('me', 'site-1', 'rename'))
    expect(hasUnsavedInput()).toBe(true)
    dropDraft(draftKey('me', 'site-2', 'rename'))
    expect(hasUnsavedInput()).toBe(false)
    keepDraft(draftKey('me', 'new', 'form'), { name: '甲' })
    forgetDrafts()
    expect(hasUnsavedInput()).toBe(false)
  })

  it('are all forgotten at sign-out', () => {
    keepDraft(draftKey('me', 'new', 'form'), { name: '甲' })
    forgetDrafts()
    expect(keptDrafts('me', 'form')).toEqual([])
  })
})

describe('useTypedDraft', () => {
  it('fills the form from the draft at each opening, keeps each change, and keeps nothing for an untouched form', async () => {
    const open = ref(false)
    const form = reactive({ note: '' })
    const key = draftKey('me', 'record', 'note')
    const draft = useTypedDraft<{ note: string }>({
      key: () => key,
      open: () => open.value,
      read: () => ({ ...form }),
      write: (kept) => { form.note = kept?.note ?? '' },
      isEmpty: kept => kept.note === '',
    })
    open.value = true
    await nextTick()
    form.note = '核对证件'
    await nextTick()
    expect(keptDraft(key)).toEqual({ note: '核对证件' })
    open.value = false
    form.note = 'changed while closed'
    await nextTick()
    open.value = true
    await nextTick()
    expect(form.note).toBe('核对证件')
    expect(hasUnsavedInput()).toBe(true)
    form.note = ''
    await nextTick()
    expect(keptDraft(key)).toBeUndefined()
    expect(hasUnsavedInput()).toBe(false)
    form.note = 'x'
    await nextTick()
    expect(hasUnsavedInput()).toBe(true)
    draft.drop()
    expect(keptDraft(key)).toBeUndefined()
    expect(hasUnsavedInput()).toBe(false)
  })
})
