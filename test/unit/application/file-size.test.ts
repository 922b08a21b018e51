import { describeAttachment, fileSizeInKb } from '#shared/application/attachment-changes'
import { describe, expect, it } from 'vitest'

describe('a file\'s size as the desk shows it', () => {
  it.each([
    [300, '1\u00A0KB'],
    [1024, '1\u00A0KB'],
    [1536, '2\u00A0KB'],
    [412_873, '403\u00A0KB'],
    [10 * 1024 * 1024, '10,240\u00A0KB'],
  ])('%d bytes → %s, never 0 KB', (bytes, shown) => {
    expect(fileSizeInKb(bytes, 'zh-CN')).toBe(shown)
  })

  it('is the same on the materials card and in the version comparison', () => {
    expect(describeAttachment({ mediaType: 'application/pdf', size: 300 }, 'en')).toBe(`PDF, ${fileSizeInKb(300, 'en')}`)
  })
})
