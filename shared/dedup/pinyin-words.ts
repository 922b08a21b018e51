/**
 * A romanised Chinese name written the way passports and many forms write it — the given
 * name's syllables run together (ZHANG XIAOMING, Zhangwei) — read back as the syllables a
 * Chinese name becomes (match-text.ts), so that it meets 张小明 / 张伟 as `Zhang Xiao Ming`
 * already did. Pure and small: it runs on every name a push profiles.
 *
 * Reading is sound only where it is unambiguous. Hanyu Pinyin's orthography puts an
 * apostrophe before a syllable starting with a, o or e inside a word (Xi'an, not Xian), and
 * with that rule every run of two or three syllables has one reading (checked over all of
 * them). A word is read only when it has exactly one; a name only when every word is pinyin,
 * so Anna-like names among Western ones (Mary Jane, Mike Lee) stay words. What is not read
 * stays as written: never worse than before, e.g. WANG JIANAN without its apostrophe reads
 * jia-nan, which does not meet 王建安 (jian-an) — nor did `jianan`.
 */

/**
 * Every toneless syllable pinyin-pro gives a CJK Unified Ideograph (ü as v), less m, n and
 * ng: interjections no name has, and read inside words they would make `nan` both n-an and nan.
 */
const SYLLABLES = new Set(('a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng '
  + 'cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo '
  + 'da dai dan dang dao de den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng '
  + 'fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong '
  + 'hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken '
  + 'keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu long lou lu '
  + 'luan lun luo lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng '
  + 'ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po '
  + 'pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru ruan rui run ruo sa sai '
  + 'san sang sao se sen seng sha shai shan shang shao she shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su '
  + 'suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu '
  + 'xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan '
  + 'zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong '
  + 'zou zu zuan zui zun zuo').split(' '))

const LONGEST_SYLLABLE = 6
/** A syllable that would need an apostrophe in front of it inside a word. */
const VOWEL_INITIAL = /^[aeo]/

/** The one reading of `word` (lower-case) as pinyin syllables, or null: none, or more than one. */
export function pinyinSyllablesOf(word: string): string[] | null {
  // readings[i]: how many readings word.slice(i) has (capped at 2) and the first syllable of one.
  const readings: Array<{ count: number, next: number }> = Array.from({ length: word.length + 1 }, () => ({ count: 0, next: -1 }))
  readings[word.length] = { count: 1, next: -1 }
  for (let i = word.length - 1; i >= 0; i--) {
    const here = readings[i]!
    for (let end = i + 1; end <= Math.min(word.length, i + LONGEST_SYLLABLE); end++) {
      const syllable = word.slice(i, end)
      if (!SYLLABLES.has(syllable) || !readings[end]!.count)
        continue
      // Only the word's first syllable may start with a vowel.
      if (i > 0 && VOWEL_INITIAL.test(syllable))
        continue
      here.count = Math.min(2, here.count + readings[end]!.count)
      here.next = end
    }
  }
  if (readings[0]!.count !== 1)
    return null
  const syllables: string[] = []
  for (let i = 0; i < word.length; i = readings[i]!.next)
    syllables.push(word.slice(i, readings[i]!.next))
  return syllables
}

/** A Latin name's words as pinyin syllables when every word reads as pinyin; the words as they are otherwise. */
export function romanisedNameTokens(words: readonly string[]): string[] {
  const read: string[] = []
  for (const word of words) {
    const syllables = pinyinSyllablesOf(word)
    if (!syllables)
      return [...words]
    read.push(...syllables)
  }
  return read
}
