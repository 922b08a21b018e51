import { blockingKeys } from '#shared/dedup/blocking-keys'
import { namesSimilar, personNameTokens } from '#shared/dedup/match-text'
import { pinyinSyllablesOf, romanisedNameTokens } from '#shared/dedup/pinyin-words'
import { pinyin } from 'pinyin-pro'
import { describe, expect, it } from 'vitest'

describe('pinyinSyllablesOf', () => {
  it('reads a run of syllables the one way it can be read', () => {
    expect(pinyinSyllablesOf('zhangwei')).toEqual(['zhang', 'wei'])
    expect(pinyinSyllablesOf('xiaoming')).toEqual(['xiao', 'ming'])
    expect(pinyinSyllablesOf('ouyangnana')).toEqual(['ou', 'yang', 'na', 'na'])
    expect(pinyinSyllablesOf('lvxiaoling')).toEqual(['lv', 'xiao', 'ling'])
    expect(pinyinSyllablesOf('zhang')).toEqual(['zhang'])
  })

  it('follows the apostrophe rule: inside a word no syllable starts with a, o or e', () => {
    // Without the rule, xian would be xi-an as well, and xingan xin-gan as well as xing-an.
    expect(pinyinSyllablesOf('xian')).toEqual(['xian'])
    expect(pinyinSyllablesOf('xingan')).toEqual(['xin', 'gan'])
    expect(pinyinSyllablesOf('jianan')).toEqual(['jia', 'nan'])
  })

  it('reads nothing into a word that is not pinyin', () => {
    expect(pinyinSyllablesOf('smith')).toBeNull()
    expect(pinyinSyllablesOf('mary')).toBeNull()
    expect(pinyinSyllablesOf('zhangwie')).toBeNull()
    // m, n and ng are interjections, no syllable of a name.
    expect(pinyinSyllablesOf('ng')).toBeNull()
  })

  it('gives every two-syllable name one reading, the one its Chinese characters spell', () => {
    // Every given name of two common characters, spelt by pinyin-pro and run together.
    const characters = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国小红玉兰志安恩鹅欧'
    for (const a of characters) {
      for (const b of characters) {
        const syllables = pinyin(a + b, { toneType: 'none', type: 'array', v: true })
        // A second syllable starting with a vowel is written with an apostrophe (Xi'an).
        if (/^[aeo]/.test(syllables[1]!))
          continue
        expect(pinyinSyllablesOf(syllables.join('')), a + b).toEqual(syllables)
      }
    }
  })
})

describe('romanisedNameTokens', () => {
  it('reads a name as syllables only when every word is pinyin', () => {
    expect(romanisedNameTokens(['zhang', 'xiaoming'])).toEqual(['zhang', 'xiao', 'ming'])
    expect(romanisedNameTokens(['mary', 'jane'])).toEqual(['mary', 'jane'])
    expect(romanisedNameTokens(['mike', 'lee'])).toEqual(['mike', 'lee'])
  })
})

describe('a romanised name against the Chinese one', () => {
  it('meets 张伟 written as Zhangwei, ZHANGWEI and ZHANG WEI; 张小明 as ZHANG XIAOMING', () => {
    for (const written of ['Zhangwei', 'ZHANGWEI', 'Zhang Wei', 'zhang wei'])
      expect(personNameTokens(written), written).toEqual(personNameTokens('张伟'))
    expect(personNameTokens('ZHANG XIAOMING')).toEqual(personNameTokens('张小明'))
    expect(namesSimilar(personNameTokens('Zhangwei'), personNameTokens('章伟'))).toBe(true)
  })

  it('shares the blocking key a similar name with the same birth date is found by', () => {
    const person = (name: string) => ({ kind: 'person' as const, party: 'applicant', name, nameTokens: personNameTokens(name), birthDate: '1988-03-15', idType: null, idNumber: null, mobile: null, address: null })
    const chinese = blockingKeys(person('张小明'))
    expect(blockingKeys(person('ZHANG XIAOMING')).filter(key => chinese.includes(key))).not.toEqual([])
  })

  it('keeps Western names as words', () => {
    expect(personNameTokens('Mary-Jane O\'Neil')).toEqual(['mary', 'jane', 'o', 'neil'])
    expect(personNameTokens('José Álvarez')).toEqual(['jose', 'alvarez'])
  })
})
