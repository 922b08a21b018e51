import type { Rng } from './random'
import { traditionalOf } from './chinese-names'
import { toFullWidth } from './contact'
import { countyName } from './identity'

/**
 * Street addresses as members give them: a county code from the region picker plus a
 * detail line (建国路88号3号楼2单元501室, 阳光花园5栋2单元1102室, 李家村3组45号). The
 * variants are the same home written another way: full-width digits, 号楼 / 栋 / 幢,
 * spaces between the parts, traditional characters, 室 left off.
 */

export interface AddressInput {
  regionCode: string
  detail: string
}

const ROAD_STEMS = ['建国', '人民', '解放', '中山', '和平', '长江', '黄河', '新华', '胜利', '文化', '光明', '朝阳', '友谊', '青年', '东风', '北京', '南京', '延安', '复兴', '民主', '学院', '科技', '滨江', '世纪', '金桥', '华山', '泰山', '迎宾', '体育', '公园', '车站', '花园', '建设', '团结', '幸福', '振兴', '富民', '丽水', '翠微', '云龙']
const ROAD_PARTS = ['', '', '', '东', '西', '南', '北', '中']
const ROAD_KINDS = ['路', '路', '路', '街', '大道', '大街']
const ESTATE_STEMS = ['阳光', '幸福', '金色', '翠湖', '锦绣', '碧水', '万科', '绿地', '保利', '华润', '龙湖', '恒大', '金地', '世纪', '东方', '海棠', '紫荆', '怡景', '丽都', '康乐']
const ESTATE_KINDS = ['花园', '家园', '小区', '苑', '公寓', '新村', '嘉园', '名苑', '雅居']
const VILLAGE_STEMS = ['李家', '王家', '张家', '陈家', '杨柳', '石桥', '河口', '新庄', '东岗', '白沙']

const BUILDING_WORDS = ['号楼', '栋', '幢'] as const

function flat(rng: Rng): string {
  const floor = rng.between(1, 28)
  return `${floor}${String(rng.between(1, 4)).padStart(2, '0')}`
}

export function randomAddress(rng: Rng, regionCode: string): AddressInput {
  const kind = rng.weighted([['road', 5], ['estate', 4], ['village', 1]] as const)
  let detail: string
  if (kind === 'road') {
    const road = rng.pick(ROAD_STEMS) + rng.pick(ROAD_PARTS) + rng.pick(ROAD_KINDS)
    detail = `${road}${rng.between(1, 999)}号${rng.between(1, 30)}号楼${rng.between(1, 6)}单元${flat(rng)}室`
  }
  else if (kind === 'estate') {
    const estate = rng.pick(ESTATE_STEMS) + rng.pick(ESTATE_KINDS)
    detail = `${estate}${rng.between(1, 40)}${rng.pick(BUILDING_WORDS)}${rng.between(1, 6)}单元${flat(rng)}室`
  }
  else {
    detail = `${rng.pick(VILLAGE_STEMS)}村${rng.between(1, 12)}组${rng.between(1, 120)}号`
  }
  // Some people start with their district (朝阳区建国路…); the region code says it anyway.
  if (rng.chance(0.2))
    detail = countyName(regionCode) + detail
  return { regionCode, detail }
}

const ADDRESS_TRADITIONAL: Readonly<Record<string, string>> = { 号: '號', 楼: '樓', 单: '單', 门: '門', 区: '區', 县: '縣', 组: '組', 园: '園', 苑: '苑', 湾: '灣', 桥: '橋', 庄: '莊', 东: '東', 长: '長', 阳: '陽', 华: '華', 乐: '樂', 绿: '綠', 锦: '錦', 绣: '繡', 丽: '麗', 龙: '龍', 润: '潤', 紫: '紫', 荆: '荊', 岗: '崗', 体: '體', 育: '育', 车: '車', 站: '站', 兴: '興', 团: '團', 结: '結', 设: '設', 云: '雲', 学: '學', 复: '復', 宾: '賓', 滨: '濱', 纪: '紀', 宁: '寧', 国: '國', 风: '風' }

export type AddressVariantKind = 'full_width' | 'building_word' | 'spaces' | 'traditional' | 'no_room_word'

/** The same address written another way; every variant keeps the same place. */
export function addressVariant(address: AddressInput, rng: Rng, kind: AddressVariantKind = rng.pick(['full_width', 'building_word', 'spaces', 'traditional', 'no_room_word'] as const)): AddressInput {
  let detail = address.detail
  switch (kind) {
    case 'full_width':
      detail = toFullWidth(detail)
      break
    case 'building_word': {
      const to = rng.pick(BUILDING_WORDS)
      detail = detail.replace(/号楼|栋|幢/u, to)
      break
    }
    case 'spaces':
      detail = detail.replace(/([号栋幢组]|号楼|单元)(?=\d)/gu, '$1 ')
      break
    case 'traditional':
      detail = [...traditionalOf(detail)].map(ch => ADDRESS_TRADITIONAL[ch] ?? ch).join('')
      break
    case 'no_room_word':
      detail = detail.replace(/室$/u, '')
      break
  }
  return { regionCode: address.regionCode, detail }
}
