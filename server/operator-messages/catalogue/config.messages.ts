/** Refused settings (server/config/env.ts): each line names the setting, then one of these. */
export const CONFIG_MESSAGES = {
  'config.invalid': { 'zh-CN': '配置有误：', 'en': 'Invalid configuration:' },
  'config.whole_number': { 'zh-CN': '应为只含数字的整数', 'en': 'must be a whole number written in digits' },
  'config.postgres_url': { 'zh-CN': '应为 postgres:// 开头的地址', 'en': 'must be a postgres:// URL' },
  'config.url_malformed': { 'zh-CN': '地址格式不正确（密码中的 @、:、/ 或 # 须作百分号编码）', 'en': 'is not a well-formed URL (a password with @, :, / or # must be percent-encoded)' },
  'config.url_no_host': { 'zh-CN': '地址中没有主机（postgres://user:pass@host:5432/db）', 'en': 'names no host (postgres://user:pass@host:5432/db)' },
  'config.data_key': { 'zh-CN': '应为 32 字节的 base64 编码密钥', 'en': 'must be 32 bytes, base64-encoded' },
  'config.language': { 'zh-CN': '应为 zh-CN 或 en（不设置则按系统语言环境 LC_ALL、LC_MESSAGES、LANG 选择）', 'en': 'must be zh-CN or en (unset, the POSIX locale decides: LC_ALL, LC_MESSAGES, LANG)' },
} as const
