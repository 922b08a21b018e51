/** Messages of the shell: product name, navigation, server status, language. */
export default {
  'zh-CN': {
    app: { name: '外勤入会', tagline: '离线优先的会员入会系统' },
    nav: { field: '外勤录入', desk: '审核台' },
    server: { checking: '正在连接服务器…', online: '服务器在线', offline: '无法连接服务器（离线）' },
    language: { 'label': '语言', 'zh-CN': '简体中文', 'en': 'English' },
    popup: { close: '关闭' },
  },
  'en': {
    app: { name: 'Field Enrol', tagline: 'Offline-first membership enrolment' },
    nav: { field: 'Field enrolment', desk: 'Review desk' },
    server: { checking: 'Contacting the server…', online: 'Server online', offline: 'Server unreachable (offline)' },
    language: { 'label': 'Language', 'zh-CN': '简体中文', 'en': 'English' },
    popup: { close: 'Close' },
  },
}
