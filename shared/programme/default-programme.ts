import type { ProgrammeSettings } from './programme.schema'
import { ProgrammeSettingsSchema } from './programme.schema'

/**
 * The programme that ships with the app, used until an administrator changes the
 * settings: 普通会员, VIP会员 (银卡/金卡/钻石卡), 家庭会员 and 单位会员, minimum age 18.
 * Parsed through the schema at load so a mistake here fails the first test that imports it.
 */
export const DEFAULT_PROGRAMME: ProgrammeSettings = ProgrammeSettingsSchema.parse({
  code: 'default',
  name: { 'zh-CN': '会员计划', 'en': 'Membership programme' },
  memberNumberPrefix: 'FE',
  categories: [
    {
      code: 'standard',
      name: { 'zh-CN': '普通会员', 'en': 'Standard member' },
      applicantTypes: ['individual'],
      minimumAge: 18,
      feeFen: 0,
      requiredMaterials: { individual: ['id_front', 'id_back'] },
    },
    {
      code: 'vip',
      name: { 'zh-CN': 'VIP会员', 'en': 'VIP member' },
      applicantTypes: ['individual'],
      levels: [
        { code: 'silver', name: { 'zh-CN': '银卡', 'en': 'Silver' } },
        { code: 'gold', name: { 'zh-CN': '金卡', 'en': 'Gold' } },
        { code: 'diamond', name: { 'zh-CN': '钻石卡', 'en': 'Diamond' } },
      ],
      minimumAge: 18,
      feeFen: 20000,
      requiredMaterials: { individual: ['id_front', 'id_back', 'portrait'] },
    },
    {
      code: 'family',
      name: { 'zh-CN': '家庭会员', 'en': 'Family member' },
      applicantTypes: ['family'],
      minimumAge: 18,
      feeFen: 10000,
      requiredMaterials: { family: ['id_front', 'id_back'] },
    },
    {
      code: 'corporate',
      name: { 'zh-CN': '单位会员', 'en': 'Corporate member' },
      applicantTypes: ['organisation'],
      minimumAge: 0,
      feeFen: 100000,
      requiredMaterials: { organisation: ['business_licence'] },
    },
  ],
  maxDependants: 6,
  reviewDeadlineWorkingDays: 3,
  privacyNoticeVersion: '2026.1',
  memberTermsVersion: '2026.1',
  maxAttachmentBytes: 10 * 1024 * 1024,
})
