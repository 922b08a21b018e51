import { addressKey, documentNumbersSimilar, namesSimilar, organisationNameTokens, personNameTokens, tokenDistance } from '#shared/dedup/match-text'
import { stripLeadingPlaces } from '#shared/dedup/place-names'
import { describe, expect, it } from 'vitest'

describe('personNameTokens', () => {
  it('spells homophones, traditional forms and full-width input alike', () => {
    expect(personNameTokens('张伟')).toEqual(['zhang', 'wei'])
    expect(personNameTokens('章伟')).toEqual(['zhang', 'wei'])
    expect(personNameTokens('張偉')).toEqual(['zhang', 'wei'])
    expect(personNameTokens(' 陈　小明 ')).toEqual(['chen', 'xiao', 'ming'])
  })

  it('reads surnames with their surname pronunciation (单 is shan, 曾 is zeng)', () => {
    expect(personNameTokens('单雄信')[0]).toBe('shan')
    expect(personNameTokens('曾小贤')[0]).toBe('zeng')
  })

  it('drops the middle dot of transliterated names and lower-cases Latin names', () => {
    expect(personNameTokens('买买提·艾力')).toEqual(['mai', 'mai', 'ti', 'ai', 'li'])
    expect(personNameTokens('Mary-Jane  O\'Neil')).toEqual(['mary', 'jane', 'o', 'neil'])
  })

  it('spells a Latin name without its accents, as a passport\'s machine-readable zone does', () => {
    expect(personNameTokens('José Álvarez')).toEqual(['jose', 'alvarez'])
    expect(personNameTokens('Nguyễn Văn An')).toEqual(personNameTokens('NGUYEN VAN AN'))
    expect(personNameTokens('Zoë Saldaña')).toEqual(personNameTokens('ZOE SALDANA'))
    expect(namesSimilar(personNameTokens('José Álvarez'), personNameTokens('JOSE ALVAREZ'))).toBe(true)
  })

  it('keeps a Han character pinyin-pro cannot read as itself, one unit (CJK Extension B and later)', () => {
    expect(personNameTokens('王𠮷')).toEqual(['wang', '𠮷'])
    expect(personNameTokens('张𪚥')).toEqual(['zhang', '𪚥'])
    expect(personNameTokens('𠀀𠀁')).toEqual(['𠀀', '𠀁'])
    expect(personNameTokens('刘䶮')).toEqual(['liu', 'yan']) // Extension A it reads
    // 王𠮷 typed as 王吉 on a tablet whose IME lacks 𠮷: one unit apart, as any one-character slip.
    expect(namesSimilar(personNameTokens('王𠮷'), personNameTokens('王吉'))).toBe(true)
    // Two different rare characters are two different names, not one `wang`.
    expect(tokenDistance(personNameTokens('王𠮷'), personNameTokens('王𪚥'))).toBe(1)
  })
})

describe('namesSimilar', () => {
  it('is true for the same sound and for one syllable apart', () => {
    expect(namesSimilar(['zhang', 'wei'], ['zhang', 'wei'])).toBe(true)
    expect(namesSimilar(['wang', 'xiao', 'ming'], ['wang', 'da', 'ming'])).toBe(true)
    expect(namesSimilar(['ou', 'yang', 'na', 'na'], ['ou', 'yang', 'na'])).toBe(true)
  })

  it('is false two syllables apart, or for an empty name', () => {
    expect(namesSimilar(['wang', 'xiao', 'ming'], ['li', 'da', 'ming'])).toBe(false)
    expect(namesSimilar([], ['li'])).toBe(false)
  })

  it('asks a one-syllable name to sound exactly the same', () => {
    expect(namesSimilar(['li'], ['wang'])).toBe(false)
    expect(namesSimilar(['li'], ['li'])).toBe(true)
  })

  it('measures distance in tokens and stops past the limit', () => {
    expect(tokenDistance(['a', 'b', 'c'], ['a', 'x', 'c'])).toBe(1)
    expect(tokenDistance(['a'], ['a', 'b', 'c', 'd'], 1)).toBe(2)
  })
})

describe('documentNumbersSimilar', () => {
  it('finds one wrong character and two swapped neighbours', () => {
    expect(documentNumbersSimilar('110105198803150371', '110105198803150381')).toBe(true)
    expect(documentNumbersSimilar('110105198803150371', '110105198830150371')).toBe(true)
  })

  it('is false for equal numbers, two distant slips, and different lengths', () => {
    expect(documentNumbersSimilar('110105198803150371', '110105198803150371')).toBe(false)
    expect(documentNumbersSimilar('110105198803150371', '210105198803150381')).toBe(false)
    expect(documentNumbersSimilar('E12345678', 'E123456789')).toBe(false)
  })

  it('normalises first: a lower-case x and full-width digits are no slip', () => {
    expect(documentNumbersSimilar('11010519491231002x', '１１０１０５１９４９１２３１００２X')).toBe(false)
  })
})

describe('organisationNameTokens', () => {
  it('leaves out the legal form, bracketed and leading place names, in both scripts', () => {
    const expected = ['xing', 'chen', 'ke', 'ji']
    expect(organisationNameTokens('北京市星辰科技有限公司')).toEqual(expected)
    expect(organisationNameTokens('星辰科技（北京）有限公司')).toEqual(expected)
    expect(organisationNameTokens('北京星辰科技有限責任公司')).toEqual(expected)
  })

  it('strips Latin legal forms', () => {
    expect(organisationNameTokens('ABC Trading Co., Ltd.')).toEqual(['abc', 'trading'])
  })

  it('keeps a name that is only a place name', () => {
    expect(stripLeadingPlaces('广东省深圳市腾飞')).toBe('腾飞')
    expect(stripLeadingPlaces('北京')).toBe('北京')
  })

  it('takes no grouping of the region list for a place (重庆市\'s 县, 省直辖县)', () => {
    expect(stripLeadingPlaces('县城供销社')).toBe('县城供销社')
    expect(stripLeadingPlaces('省直辖县粮油公司')).toBe('省直辖县粮油公司')
  })
})

describe('addressKey', () => {
  it('meets across unit words, traditional forms, spaces and full-width digits', () => {
    const a = addressKey({ regionCode: '110105', detail: '朝阳路8号院 3号楼 2单元 501' })
    const b = addressKey({ regionCode: '110105', detail: '朝陽路８號院３幢２单元５０１室' })
    expect(a).toBe(b)
    expect(a).toMatch(/^110105:/)
  })

  it('meets with and without the region\'s own names in front', () => {
    const bare = addressKey({ regionCode: '110105', detail: '建国路88号3号楼' })
    expect(addressKey({ regionCode: '110105', detail: '北京市朝阳区建国路88号3号楼' })).toBe(bare)
    expect(addressKey({ regionCode: '110105', detail: '朝阳区 建国路88号3栋' })).toBe(bare)
    // Another district's name is part of the address, not the region's.
    expect(addressKey({ regionCode: '110105', detail: '海淀区建国路88号3号楼' })).not.toBe(bare)
  })

  it('keeps the region apart and gives nothing for an empty detail', () => {
    expect(addressKey({ regionCode: '110105', detail: '建国路88号' })).not.toBe(addressKey({ regionCode: '310104', detail: '建国路88号' }))
    expect(addressKey({ regionCode: '110105', detail: ' ' })).toBeNull()
    expect(addressKey(undefined)).toBeNull()
  })
})
