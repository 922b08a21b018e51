import type zhCN from './messages.zh-CN'

const en: typeof zhCN = {
  app: { name: 'Field Enrol', tagline: 'Offline-first membership enrolment' },
  nav: { field: 'Field enrolment', desk: 'Review desk' },
  server: { checking: 'Contacting the server…', online: 'Server online', offline: 'Server unreachable (offline)' },
  language: { label: 'Language' },
}
export default en
