import { regionName, regionWithCode } from '#shared/contact/region-name'
import { describe, expect, it } from 'vitest'

describe('regionName', () => {
  it('names a county with its province and city, the city left out when it is the province', () => {
    expect(regionName('110105')).toBe('北京市朝阳区')
    expect(regionName('440305')).toBe('广东省深圳市南山区')
    expect(regionName('310104', ' ')).toBe('上海市 徐汇区')
    expect(regionName('440106', ' ')).toBe('广东省 广州市 天河区')
  })

  it('leaves out the list\'s groupings that are no place (省直辖县, 自治区直辖县级行政区划, 重庆市\'s 县)', () => {
    expect(regionName('500229')).toBe('重庆市城口县')
    expect(regionName('429004')).toBe('湖北省仙桃市')
    expect(regionName('419001', ' ')).toBe('河南省 济源市')
    expect(regionName('659001')).toBe('新疆维吾尔自治区石河子市')
    expect(regionName('469002')).toBe('海南省琼海市')
    expect(regionWithCode('659001', 'zh-CN')).toBe('新疆维吾尔自治区石河子市（659001）')
    // Real cities and prefectures stay: 香港岛, 伊犁哈萨克自治州, Taiwan's counties.
    expect(regionName('810101')).toBe('香港特别行政区香港岛中西区')
    expect(regionName('654002')).toBe('新疆维吾尔自治区伊犁哈萨克自治州伊宁市')
  })

  it('answers the code itself when the list does not know it, and nothing for no code', () => {
    expect(regionName('999999')).toBe('999999')
    expect(regionName('12345')).toBe('12345')
    expect(regionName('')).toBe('')
    expect(regionName(undefined)).toBe('')
  })
})

describe('regionWithCode', () => {
  it('names a region with its code beside it, in each language\'s punctuation', () => {
    expect(regionWithCode('110105', 'zh-CN')).toBe('北京市朝阳区（110105）')
    expect(regionWithCode('440305', 'en')).toBe('广东省深圳市南山区 (440305)')
  })

  it('gives the code alone when the list does not know it', () => {
    expect(regionWithCode('999999', 'zh-CN')).toBe('999999')
    expect(regionWithCode('', 'zh-CN')).toBe('')
  })
})
