import type { Rng } from './random'
import { pinyin } from 'pinyin-pro'

/**
 * Realistic Chinese personal names and the ways the field gets them wrong. Surnames are
 * drawn by their share of the population (the common hundred, roughly per the 2020
 * census, plus a few compound surnames); given names are one or two characters from
 * pools that differ by gender. Homophone groups are characters an IME offers for the same
 * toneless syllable; the traditional forms are those a Hong Kong, Macau or Taiwan keyboard
 * (or an old document) gives.
 */

export type Gender = 'male' | 'female'

export interface ChineseName {
  surname: string
  given: string
}

/** Surname and weight (per mille of the population, rounded). */
const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 71],
  ['李', 70],
  ['张', 67],
  ['刘', 54],
  ['陈', 45],
  ['杨', 31],
  ['黄', 22],
  ['赵', 20],
  ['吴', 19],
  ['周', 19],
  ['徐', 15],
  ['孙', 15],
  ['马', 14],
  ['朱', 13],
  ['胡', 13],
  ['郭', 12],
  ['何', 12],
  ['高', 11],
  ['林', 11],
  ['罗', 9],
  ['郑', 8],
  ['梁', 8],
  ['谢', 7],
  ['宋', 7],
  ['唐', 7],
  ['许', 6],
  ['韩', 6],
  ['冯', 6],
  ['邓', 6],
  ['曹', 6],
  ['彭', 5],
  ['曾', 5],
  ['肖', 5],
  ['田', 5],
  ['董', 5],
  ['袁', 5],
  ['潘', 4],
  ['于', 4],
  ['蒋', 4],
  ['蔡', 4],
  ['余', 4],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['苏', 4],
  ['魏', 4],
  ['吕', 4],
  ['丁', 3],
  ['任', 3],
  ['沈', 3],
  ['姚', 3],
  ['卢', 3],
  ['姜', 3],
  ['崔', 3],
  ['钟', 3],
  ['谭', 3],
  ['陆', 3],
  ['汪', 3],
  ['范', 3],
  ['金', 3],
  ['石', 3],
  ['廖', 3],
  ['贾', 3],
  ['夏', 2],
  ['韦', 2],
  ['付', 2],
  ['方', 2],
  ['白', 2],
  ['邹', 2],
  ['孟', 2],
  ['熊', 2],
  ['秦', 2],
  ['邱', 2],
  ['江', 2],
  ['尹', 2],
  ['薛', 2],
  ['闫', 2],
  ['段', 2],
  ['雷', 2],
  ['侯', 2],
  ['龙', 2],
  ['史', 2],
  ['黎', 1.5],
  ['贺', 1.5],
  ['顾', 1.5],
  ['毛', 1.5],
  ['郝', 1.5],
  ['龚', 1.5],
  ['邵', 1.5],
  ['万', 1.5],
  ['钱', 1.5],
  ['严', 1.5],
  ['武', 1],
  ['戴', 1],
  ['莫', 1],
  ['孔', 1],
  ['向', 1],
  ['汤', 1],
  ['常', 1],
  ['温', 1],
  ['康', 1],
  ['施', 1],
  ['文', 1],
  ['牛', 1],
  ['樊', 1],
  ['葛', 1],
  ['邢', 1],
  ['安', 1],
  ['齐', 1],
  ['易', 1],
  ['乔', 1],
  ['伍', 1],
  ['庞', 1],
  ['颜', 1],
  ['倪', 1],
  ['庄', 1],
  ['聂', 1],
  ['章', 0.5],
  ['鲁', 0.5],
  ['岳', 0.5],
  ['欧阳', 0.3],
  ['司马', 0.1],
  ['诸葛', 0.1],
  ['上官', 0.1],
  ['东方', 0.05],
  ['夏侯', 0.05],
  ['皇甫', 0.05],
  ['慕容', 0.05],
  ['司徒', 0.05],
  ['令狐', 0.05],
]

const MALE_GIVEN = [...new Set('伟强军磊洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊峰帆旭宁龙林阳建国东文志海晨亮博成斌彬永庆荣贵义德宏轩昊睿哲然泽瑞嘉子家思天俊豪')]
const FEMALE_GIVEN = [...new Set('芳娜敏静丽艳娟霞秀英玲红燕萍梅琳雪婷慧晶颖倩莉洁琴云丹佳欣怡悦萱涵雨晓雯薇妍彤欢蕾菲凤兰桂珍淑慧宁馨诗梦思子可')]

/**
 * Characters that share a toneless pinyin syllable (IME homophones). Surnames are grouped
 * too (张/章, 徐/许), since an agent can pick the wrong surname as easily as the wrong
 * given-name character.
 */
export const HOMOPHONE_GROUPS: readonly string[] = [
  '伟玮炜维薇',
  '明鸣铭',
  '丽莉俐立',
  '静婧晶靖',
  '华化桦',
  '军君钧',
  '涛韬滔',
  '杰洁婕',
  '强蔷',
  '敏珉闵',
  '玲伶铃灵',
  '琳林霖',
  '婷庭亭',
  '芳方',
  '燕艳妍彦',
  '辉晖徽',
  '鹏朋',
  '宇雨羽语玉',
  '浩昊皓',
  '凯恺锴',
  '俊骏峻',
  '峰锋丰枫',
  '文雯闻',
  '欣鑫新昕',
  '涵晗寒含',
  '萱轩宣',
  '怡仪宜依艺',
  '晨辰琛',
  '洋阳扬',
  '帆凡',
  '红宏鸿洪虹',
  '国帼',
  '东冬',
  '平萍苹',
  '娟鹃',
  '梅玫媚',
  '慧惠蕙卉',
  '颖莹盈英',
  '琴勤芹',
  '云芸昀韵',
  '佳嘉家',
  '悦月越跃',
  '建健剑',
  '志智',
  '斌彬',
  '刚钢',
  '勇永咏',
  '磊蕾',
  '飞菲霏',
  '龙隆',
  '宁凝',
  '博波',
  '成诚城程',
  '瑞睿',
  '思丝',
  '彤童',
  '珍真',
  '兰蓝岚',
  '梦孟',
  '张章',
  '王汪',
  '刘柳',
  '李黎',
  '徐许',
  '吴武伍',
  '何贺',
  '于余俞',
  '付傅',
  '肖萧',
  '江姜',
  '魏韦',
  '钟仲',
  '邱秋',
  '石史施',
  '严颜阎',
  '龚宫',
  '姚尧',
]

const HOMOPHONE_OF = new Map<string, string>()
for (const group of HOMOPHONE_GROUPS) {
  for (const ch of group)
    HOMOPHONE_OF.set(ch, group)
}

/** Simplified → traditional for characters common in names. */
export const TRADITIONAL: Readonly<Record<string, string>> = {
  张: '張',
  陈: '陳',
  刘: '劉',
  华: '華',
  伟: '偉',
  丽: '麗',
  国: '國',
  东: '東',
  红: '紅',
  杨: '楊',
  黄: '黃',
  赵: '趙',
  吴: '吳',
  孙: '孫',
  马: '馬',
  郑: '鄭',
  冯: '馮',
  邓: '鄧',
  许: '許',
  罗: '羅',
  谢: '謝',
  韩: '韓',
  叶: '葉',
  龙: '龍',
  军: '軍',
  强: '強',
  涛: '濤',
  鹏: '鵬',
  辉: '輝',
  飞: '飛',
  凯: '凱',
  兰: '蘭',
  云: '雲',
  艳: '艷',
  凤: '鳳',
  静: '靜',
  杰: '傑',
  刚: '剛',
  宁: '寧',
  晓: '曉',
  颖: '穎',
  洁: '潔',
  贵: '貴',
  庆: '慶',
  义: '義',
  荣: '榮',
  轩: '軒',
  锋: '鋒',
  阳: '陽',
  诗: '詩',
  梦: '夢',
  欢: '歡',
  卢: '盧',
  钟: '鍾',
  谭: '譚',
  陆: '陸',
  苏: '蘇',
  钱: '錢',
  贾: '賈',
  顾: '顧',
  龚: '龔',
  邹: '鄒',
  汤: '湯',
  庞: '龐',
  庄: '莊',
  聂: '聶',
  乔: '喬',
  闫: '閆',
  欧: '歐',
  诸: '諸',
  纪: '紀',
  宝: '寶',
  丰: '豐',
  鸣: '鳴',
  铭: '銘',
  韬: '韜',
  维: '維',
}

export function traditionalOf(text: string): string {
  return [...text].map(ch => TRADITIONAL[ch] ?? ch).join('')
}

export function hasTraditionalForm(text: string): boolean {
  return [...text].some(ch => TRADITIONAL[ch] !== undefined && TRADITIONAL[ch] !== ch)
}

export function fullName(name: ChineseName): string {
  return name.surname + name.given
}

/**
 * The name as a Chinese passport prints it — surname, then the given name's syllables run
 * together, ü as YU, no apostrophe (ZHANG XIAOMING, LYU JIANAN) — or typed from it in title
 * case, or all in one word.
 */
export function romanisedName(name: ChineseName, rng: Rng): string {
  const spell = (text: string, surname: boolean) => pinyin(text, { toneType: 'none', type: 'array', v: true, surname: surname ? 'all' : 'off' }).join('').replaceAll('v', 'yu')
  const surname = spell(name.surname, true)
  const given = spell(name.given, false)
  const title = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)
  return rng.pick([
    `${surname} ${given}`.toUpperCase(),
    `${title(surname)} ${title(given)}`,
    title(surname + given),
  ])
}

export function randomSurname(rng: Rng): string {
  return rng.weighted(SURNAMES)
}

export function randomGivenName(rng: Rng, gender: Gender): string {
  const pool = gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN
  const first = rng.pick(pool)
  if (rng.chance(0.3))
    return first
  let second = rng.pick(pool)
  while (second === first && rng.chance(0.9))
    second = rng.pick(pool)
  return first + second
}

export function randomName(rng: Rng, gender: Gender, surname = randomSurname(rng)): ChineseName {
  return { surname, given: randomGivenName(rng, gender) }
}

/** Positions of `text` whose character has a homophone. */
function homophonePositions(text: string): number[] {
  return [...text].flatMap((ch, i) => (HOMOPHONE_OF.has(ch) ? [i] : []))
}

export function hasHomophone(name: string): boolean {
  return homophonePositions(name).length > 0
}

/** One character replaced by another of its homophone group (张伟 → 张玮, 徐静 → 许静); null if none has one. */
export function homophoneVariant(name: string, rng: Rng): string | null {
  const positions = homophonePositions(name)
  if (!positions.length)
    return null
  const chars = [...name]
  const i = rng.pick(positions)
  const group = [...HOMOPHONE_OF.get(chars[i]!)!].filter(ch => ch !== chars[i])
  chars[i] = rng.pick(group)
  return chars.join('')
}

/**
 * One given-name character replaced by an unrelated one of the same gender pool (a slip
 * of the finger or a misread form, not a homophone): 王小明 → 王小朋.
 */
export function typoVariant(name: ChineseName, rng: Rng, gender: Gender): string {
  const pool = gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN
  const chars = [...name.given]
  const i = rng.int(chars.length)
  const old = chars[i]!
  const oldGroup = HOMOPHONE_OF.get(old) ?? old
  let replacement = rng.pick(pool)
  while (replacement === old || oldGroup.includes(replacement) || chars.includes(replacement))
    replacement = rng.pick(pool)
  chars[i] = replacement
  return name.surname + chars.join('')
}

/** A different given name one character apart (a sibling: 刘子涵 / 刘子轩), or a fresh one for single-character names. */
export function siblingGivenName(given: string, rng: Rng, gender: Gender): string {
  const pool = gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN
  const chars = [...given]
  if (chars.length < 2)
    return randomGivenName(rng, gender) + (rng.chance(0.5) ? '' : rng.pick(pool))
  const i = rng.int(chars.length)
  const group = HOMOPHONE_OF.get(chars[i]!) ?? chars[i]!
  let replacement = rng.pick(pool)
  while (group.includes(replacement))
    replacement = rng.pick(pool)
  chars[i] = replacement
  return chars.join('')
}
