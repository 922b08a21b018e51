import type { LocalisedText } from '../i18n/locale'

/**
 * The texts the applicant reads before consenting, shipped until an administrator sets the
 * programme's own. Each travels with its version in the programme settings: the version the
 * applicant accepted is stored with the application.
 */
export const DEFAULT_PRIVACY_NOTICE: LocalisedText = {
  'zh-CN': '我们仅为办理入会及会员服务之目的收集您的姓名、证件、联系方式、地址及照片等个人信息。其中证件号码、证件照片属于敏感个人信息，将加密保存，仅限审核人员在履职必要范围内查看，每次查看均留痕。您的信息不会提供给第三方，会员注销后将在保存期限届满后删除。您可以查阅、更正您的信息，或撤回同意（不影响撤回前的处理）。',
  'en': 'We collect your name, identity document, contact details, address and photos only to process your membership and serve you as a member. Your ID number and document photos are sensitive personal information: they are stored encrypted and seen only by reviewers where their duties require it, and every view is logged. Your information is not shared with third parties and is deleted at the end of the retention period after your membership ends. You may view and correct your information, or withdraw your consent (which does not affect processing before the withdrawal).',
}

export const DEFAULT_MEMBER_TERMS: LocalisedText = {
  'zh-CN': '会员须知：一、会员应遵守本会章程，按时缴纳会费；二、会员卡仅限本人（本单位）使用，遗失请及时挂失；三、会员资格有效期为一年，期满可续期；四、会员信息变更请及时告知；五、本会有权对违反章程的会员暂停或取消会员资格。',
  'en': 'Member notice: 1. Members abide by the constitution and pay fees when due. 2. The member card is for the member\'s own use; report a lost card promptly. 3. Membership is valid for one year and may be renewed. 4. Tell us when your details change. 5. Membership may be suspended or cancelled for breaches of the constitution.',
}
