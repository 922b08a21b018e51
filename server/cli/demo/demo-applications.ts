import type { ApplicationInput } from '#shared/application/application.schema'
import type { AttachmentKind } from '#shared/application/enums'
import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { Buffer } from 'node:buffer'
import { CURRENT_FORM_VERSION } from '#shared/application/application.schema'
import { mod11_2CheckChar } from '#shared/checksums/iso7064'
import { regionParts } from '#shared/contact/region-name'
import { usccCheckChar } from '#shared/identity/uscc'
import { findCategory } from '#shared/programme/programme.schema'
import { formatReceiptNumber } from '#shared/receipt/receipt-number'
import { uuidv7 } from 'uuidv7'
import { demoPng, sha256Hex } from './demo-images'

/**
 * Realistic demo applications (names, ID numbers with valid check characters, mobiles,
 * Beijing/Shanghai addresses), built only from the shared rules, with real image bytes for
 * every attachment so that they can be uploaded and previewed.
 */

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '欧阳', '司马']
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '子涵', '浩然', '一诺']
/** Streets of each demo site's city (by province code), so an address matches its region. */
const STREETS: Record<string, readonly string[]> = {
  11: ['建国路88号', '朝阳北路101号', '望京街10号', '东三环中路1号'],
  31: ['漕溪北路88号', '肇嘉浜路1065号', '虹桥路1号', '衡山路10号'],
  44: ['天河路385号', '体育西路191号', '珠江新城花城大道85号', '中山大道西89号'],
}
const OTHER_STREETS = ['人民路1号', '解放路100号', '中山路88号', '建设路66号']
const ORGS = ['星河科技有限公司', '明德教育咨询有限公司', '和顺餐饮管理有限公司', '东方红物流有限公司', '绿源环保科技有限公司']

export interface DemoAttachment {
  sha256: string
  bytes: Buffer
}

export interface DemoApplication {
  application: ApplicationInput
  files: DemoAttachment[]
}

export interface DemoAgent {
  staffId: string
  deviceId: string
  deviceCode: string
  siteId: string
  siteCode: string
  regionCode: string
}

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length]!
}

function residentId(region: string, birthDate: string, male: boolean, n: number): string {
  const sequence = String((n * 7) % 500 * 2 + (male ? 1 : 0)).padStart(3, '0')
  const body = `${region}${birthDate.replaceAll('-', '')}${sequence}`
  return body + mod11_2CheckChar(body)
}

function birthDate(n: number): string {
  const year = 1958 + (n * 7) % 45
  const month = 1 + (n * 5) % 12
  const day = 1 + (n * 11) % 28
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function attachment(kind: AttachmentKind, n: number, files: DemoAttachment[]) {
  const bytes = demoPng(n * 7 + kind.length)
  const sha256 = sha256Hex(bytes)
  files.push({ sha256, bytes })
  return { id: uuidv7(), kind, sha256, mediaType: 'image/png' as const, size: bytes.length }
}

export function demoApplication(agent: DemoAgent, settings: ProgrammeSettings, n: number, sequence: number, capturedAt: string): DemoApplication {
  const files: DemoAttachment[] = []
  const kind = n % 6 === 5 ? 'organisation' : n % 6 === 4 ? 'family' : 'individual'
  const categoryCode = kind === 'organisation' ? 'corporate' : kind === 'family' ? 'family' : (n % 3 === 0 ? 'vip' : 'standard')
  const category = findCategory(settings, categoryCode)!
  const materials = category.requiredMaterials[kind].map(k => attachment(k, n, files))
  const signature = attachment('signature', n, files)
  const common = {
    id: uuidv7(),
    receiptNo: formatReceiptNumber({ siteCode: agent.siteCode, deviceCode: agent.deviceCode, sequence }),
    formVersion: CURRENT_FORM_VERSION,
    category: categoryCode,
    ...(category.levels.length ? { level: pick(category.levels, n).code } : {}),
    siteId: agent.siteId,
    agentId: agent.staffId,
    deviceId: agent.deviceId,
    capturedAt,
    attachments: [...materials, signature],
    consent: {
      noticeVersion: settings.privacyNoticeVersion,
      termsVersion: settings.memberTermsVersion,
      personalInfo: true,
      sensitiveInfo: true,
      memberTerms: true,
      marketing: n % 2 === 0,
      summaryConfirmed: true,
      signedAt: capturedAt,
      signatureAttachmentId: signature.id,
    },
    ...(category.feeFen > 0 ? { payment: { amountFen: category.feeFen, method: pick(['cash', 'wechat', 'alipay'] as const, n), receiptNo: `PAY${1000 + n}` } } : {}),
  }
  const streets = STREETS[agent.regionCode.slice(0, 2)] ?? OTHER_STREETS
  const address = { regionCode: agent.regionCode, detail: `${pick(streets, n) + (n % 20 + 1)}0${n % 9 + 1}室` }
  // A company registered in the site's city: 北京星河科技有限公司, 广州明德教育咨询有限公司.
  const { province, city } = regionParts(agent.regionCode)
  const cityName = (city || province).replace(/市$/, '') || '北京'

  if (kind === 'organisation') {
    const body = `91${agent.regionCode}MA0${String(1000 + n).padStart(5, '0')}X`
    const uscc = body + usccCheckChar(body)
    return {
      files,
      application: {
        ...common,
        applicantType: 'organisation',
        organisation: {
          name: `${cityName}${pick(ORGS, n)}`,
          uscc,
          orgType: 'enterprise',
          industry: '信息技术',
          legalRepresentative: pick(SURNAMES, n + 3) + pick(GIVEN, n + 5),
          registeredAddress: address,
          contact: { name: pick(SURNAMES, n + 1) + pick(GIVEN, n + 2), mobile: `137${String(10_000_000 + n * 7919).slice(-8)}`, position: '行政主管' },
          staffCount: 20 + n,
        },
      },
    }
  }

  const male = n % 2 === 0
  const born = birthDate(n)
  const person = {
    name: pick(SURNAMES, n) + pick(GIVEN, n * 3 + 1),
    gender: male ? 'male' as const : 'female' as const,
    birthDate: born,
    idType: 'resident_id' as const,
    idNumber: residentId(agent.regionCode, born, male, n),
    mobile: `13${(n % 7) + 2}${String(10_000_000 + n * 104_729).slice(-8)}`,
    address,
    ...(n % 4 === 0 ? { email: `member${n}@example.com` } : {}),
    occupation: pick(['教师', '工程师', '个体经营', '护士', '退休'], n),
    declined: n % 4 === 0 ? [] : ['email' as const],
  }
  if (kind === 'family') {
    const spouseBorn = birthDate(n + 1)
    const childBorn = `${2012 + n % 8}-0${1 + n % 9}-1${n % 9}`
    return {
      files,
      application: {
        ...common,
        applicantType: 'family',
        person,
        dependants: [
          { name: pick(SURNAMES, n + 2) + pick(GIVEN, n + 4), relation: 'spouse', gender: male ? 'female' : 'male', birthDate: spouseBorn, idType: 'resident_id', idNumber: residentId(agent.regionCode, spouseBorn, !male, n + 1) },
          { name: person.name.slice(0, 1) + pick(GIVEN, n + 7), relation: 'child', gender: 'female', birthDate: childBorn },
        ],
      },
    }
  }
  return { files, application: { ...common, applicantType: 'individual', person } }
}

/**
 * The same application from a Hong Kong resident: a Home Return Permit (H and 8 digits) and
 * a Hong Kong mobile in E.164, as the rules store one. Only `seed:demo` makes these; the
 * browser tests' demo people stay mainland residents.
 */
export function asHongKongResident(demo: DemoApplication, n: number): DemoApplication {
  if (demo.application.applicantType !== 'individual')
    return demo
  const person = { ...demo.application.person, idType: 'hk_mo_permit' as const, idNumber: `H${String(10_000_000 + n * 7919).slice(-8)}`, mobile: `+8529${String(1_000_000 + n * 7919).slice(-7)}` }
  return { ...demo, application: { ...demo.application, person } }
}
