import type { LocalisedText } from '#shared/i18n/locale'
import type { Role } from '#shared/status/roles'
import type { ApplicationStatus } from '#shared/status/status-table'
import type { DemoAgent, DemoApplication } from './demo/demo-applications'
import { parseArgs } from 'node:util'
import { ROLE_LABELS } from '#shared/status/roles'
import { STATUS_LABELS } from '#shared/status/status-table'
import { createApp } from '../app'
import { isUniqueViolation } from '../db/errors'
import { padColumn } from '../operator-messages/columns'
import { OperatorError, operatorText, verbatim } from '../operator-messages/operator-text'
import { appendAudit } from '../repositories/audit.repository'
import { currentProgramme } from '../repositories/programme.repository'
import { readServerState, writeServerState } from '../repositories/server-state.repository'
import { findStaffByUsername, insertStaff } from '../repositories/staff.repository'
import { openRuntime } from '../runtime'
import { hashPassword } from '../security/passwords'
import { bootstrap, firstAdminNotice } from '../services/bootstrap.service'
import { runCommand } from './command'
import { asHongKongResident, demoApplication } from './demo/demo-applications'

/**
 * `npm run seed:demo`: demo sites, staff of every role, and a few dozen realistic
 * applications in every status, created through the real API in-process (so every rule,
 * history entry and audit record is the real one). Safe to run twice: it stops if the
 * demo accounts exist.
 */

export const DEMO_PASSWORD = 'demo-password-2026'

const SITES = [
  { code: 'BJ01', name: '北京朝阳网点', regionCode: '110105' },
  { code: 'XH01', name: '上海徐汇网点', regionCode: '310104' },
  { code: 'TH01', name: '广州天河网点', regionCode: '440106' },
]

const STAFF: Array<{ username: string, displayName: string, role: Role, sites: string[] }> = [
  { username: 'demo.agent1', displayName: '李外勤', role: 'field_agent', sites: ['BJ01'] },
  { username: 'demo.agent2', displayName: '王外勤', role: 'field_agent', sites: ['BJ01'] },
  { username: 'demo.agent3', displayName: '陈外勤', role: 'field_agent', sites: ['XH01'] },
  { username: 'demo.reviewer1', displayName: '赵审核', role: 'reviewer', sites: ['BJ01'] },
  { username: 'demo.reviewer2', displayName: '孙审核', role: 'reviewer', sites: ['XH01', 'TH01'] },
  { username: 'demo.supervisor', displayName: '周主管', role: 'supervisor', sites: [] },
]

runCommand('usage.seed_demo', async ({ env, out }) => {
  parseArgs({ options: {} })
  const { deps, database } = await openRuntime(env)
  try {
    const notice = firstAdminNotice(await bootstrap(deps))
    if (notice)
      out.sayText(notice)
    if (await readServerState(deps.db, 'demo_seeded')) {
      out.say('seed.already_present')
      return 0
    }
    if (await findStaffByUsername(deps.db, 'demo.admin')) {
      // Its first steps went through the API and cannot be repeated, nor undone one by one.
      out.warn('seed.unfinished', { dir: env.DATA_DIR })
      return 2
    }
    const app = createApp(deps)
    const call = async (path: string, init: { method?: string, token?: string, json?: unknown, body?: Uint8Array, headers?: Record<string, string> } = {}): Promise<any> => {
      const headers: Record<string, string> = { ...init.headers }
      if (init.token)
        headers.Authorization = `Bearer ${init.token}`
      if (init.json !== undefined)
        headers['Content-Type'] = 'application/json'
      const response = await app.request(path, { method: init.method ?? 'GET', headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body })
      const text = await response.text()
      if (!response.ok)
        throw new OperatorError(operatorText('seed.request_failed', { method: init.method ?? 'GET', path, status: response.status, body: text }))
      return text ? JSON.parse(text) : null
    }
    const signIn = async (username: string, deviceId: string) => call('/api/auth/login', { method: 'POST', json: { username, password: DEMO_PASSWORD, deviceId, deviceLabel: `演示设备 ${username}` } })

    // The demo administrator is created directly (there is no one yet to create it), audited like any account.
    // It is also the run's claim on the database: of two seed:demo started together, the
    // unique user name lets one through, and the other stops here having written nothing.
    // (Refused, not queued behind the first: a run on another host, or one that was killed,
    // could not be told from one still working, so waiting could be for ever.)
    const at = deps.now().toISOString()
    try {
      await database.db.transaction().execute(async (trx) => {
        await insertStaff(trx, { id: 'demo-admin', username: 'demo.admin', displayName: '演示管理员', role: 'admin', passwordHash: await hashPassword(DEMO_PASSWORD), siteIds: [] }, at)
        await appendAudit(trx, { actorId: null, action: 'staff.create', targetType: 'staff', targetId: 'demo-admin', detail: { username: 'demo.admin', role: 'admin', reason: 'seed:demo' } }, at)
      })
    }
    catch (error) {
      if (!isUniqueViolation(error))
        throw error
      out.warn('seed.unfinished', { dir: env.DATA_DIR })
      return 2
    }
    const admin = await signIn('demo.admin', 'demo-desk-admin')
    out.say('seed.creating')
    const siteIds = new Map<string, { id: string, regionCode: string }>()
    for (const site of SITES) {
      const created = await call('/api/admin/sites', { method: 'POST', token: admin.token, json: site })
      siteIds.set(site.code, { id: created.id, regionCode: site.regionCode })
    }
    for (const staff of STAFF)
      await call('/api/admin/staff', { method: 'POST', token: admin.token, json: { username: staff.username, displayName: staff.displayName, role: staff.role, siteIds: staff.sites.map(code => siteIds.get(code)!.id), password: DEMO_PASSWORD } })

    const settings = (await currentProgramme(deps.db))!.settings
    const agents = STAFF.filter(s => s.role === 'field_agent')
    const submitted: Array<{ id: string, agentToken: string, siteCode: string }> = []
    const enrolled: Array<{ agent: DemoAgent, token: string, demo: DemoApplication }> = []
    let n = 0
    for (const [i, staff] of agents.entries()) {
      const session = await signIn(staff.username, `demo-tablet-${i + 1}`)
      const siteCode = staff.sites[0]!
      const agent: DemoAgent = { staffId: session.staff.id, deviceId: session.device.id, deviceCode: session.device.code, siteId: siteIds.get(siteCode)!.id, siteCode, regionCode: siteIds.get(siteCode)!.regionCode }
      // The third tablet's clock runs 2 h 10 min fast (set by hand): its capture times read that
      // clock, and the desk says so beside them (shared/sync/clock-offset.ts).
      const clockMs = i === 2 ? 130 * 60_000 : 0
      const first = n
      const batch = Array.from({ length: 14 }, (_, k) => demoApplication(agent, settings, n++, k + 1, new Date(deps.now().getTime() + clockMs - (14 - k) * 3_600_000).toISOString()))
      // Every agent enrols one Hong Kong resident: the second individual of the batch.
      const hongKong = batch.findIndex((d, k) => k > 0 && d.application.applicantType === 'individual')
      batch[hongKong] = asHongKongResident(batch[hongKong]!, first + hongKong)
      out.begin('seed.uploading', { username: staff.username, photos: batch.reduce((sum, d) => sum + d.files.length, 0) })
      for (const [k, demo] of batch.entries()) {
        // One application in seven keeps a photo back, so the queue shows incomplete ones.
        for (const file of k % 7 === 6 ? demo.files.slice(1) : demo.files)
          await call(`/api/attachments/${file.sha256}`, { method: 'PUT', token: session.token, body: file.bytes, headers: { 'Content-Type': 'image/png' } })
      }
      const mutations = batch.map(d => ({ kind: 'submit', mutationId: crypto.randomUUID(), applicationId: d.application.id, baseVersion: 0, deviceTime: d.application.capturedAt, application: d.application }))
      const { results } = await call('/api/sync/push', { method: 'POST', token: session.token, json: { protocolVersion: 1, mutations, sentAt: new Date(deps.now().getTime() + clockMs).toISOString() } })
      const applied = results.filter((r: { outcome: string }) => r.outcome === 'applied')
      out.say('seed.submitted', { count: applied.length })
      if (applied.length !== batch.length)
        throw new OperatorError(operatorText('seed.not_accepted', { result: JSON.stringify(results.find((r: { outcome: string }) => r.outcome !== 'applied')) }))
      submitted.push(...batch.map(d => ({ id: d.application.id, agentToken: session.token, siteCode })))
      enrolled.push(...batch.map(demo => ({ agent, token: session.token, demo })))
    }

    out.say('seed.reviewing')
    const supervisor = await signIn('demo.supervisor', 'demo-desk-supervisor')
    const act = async (id: string, action: string, version: number, json: unknown = {}) =>
      call(`/api/review/applications/${id}/actions/${action}`, { method: 'POST', token: supervisor.token, json, headers: { 'If-Match': `"${version}"` } })
    const counts: Record<string, number> = {}
    const keptBack: string[] = []
    for (const [k, item] of submitted.entries()) {
      const plan = k % 7
      let outcome = 'submitted'
      if (plan === 6) {
        outcome = 'submitted (photo missing)'
        keptBack.push(item.id)
      }
      else if (plan >= 1) {
        const started = await act(item.id, 'start_review', 1)
        outcome = 'in_review'
        const detail = await call(`/api/review/applications/${item.id}`, { token: supervisor.token })
        if (plan === 2 && detail.availableActions.includes('approve')) {
          await act(item.id, 'approve', started.version)
          outcome = 'approved'
        }
        else if (plan === 3) {
          // Fields the application has (an organisation has no applicant person): the server refuses any other.
          const items = detail.application.applicantType === 'organisation'
            ? [{ kind: 'field', ref: 'organisation.contact.mobile', note: '请核实联系人手机号码' }, { kind: 'material', ref: 'business_licence', note: '营业执照照片模糊' }]
            : [{ kind: 'field', ref: 'person.mobile', note: '请核实手机号码' }, { kind: 'material', ref: 'id_back', note: '证件背面照片模糊' }]
          await act(item.id, 'return', started.version, { items, comment: '请补充后重新提交' })
          outcome = 'returned'
        }
        else if (plan === 4) {
          await act(item.id, 'reject', started.version, { reason: 'ineligible', note: '不符合入会条件' })
          outcome = 'rejected'
        }
      }
      else if (k % 14 === 0) {
        await call('/api/sync/push', { method: 'POST', token: item.agentToken, json: { protocolVersion: 1, mutations: [{ kind: 'withdraw', mutationId: crypto.randomUUID(), applicationId: item.id, baseVersion: 1, deviceTime: deps.now().toISOString() }] } })
        outcome = 'withdrawn'
      }
      counts[outcome] = (counts[outcome] ?? 0) + 1
    }

    // The field's classic duplicate: people already enrolled on one tablet are enrolled again
    // on another, offline, with a new mobile — the desk then shows them side by side.
    const [first, second] = enrolled.filter(e => e.agent.siteCode === 'BJ01')
      .reduce<Array<typeof enrolled>>((byAgent, e) => {
        const list = byAgent.find(l => l[0]!.agent.staffId === e.agent.staffId)
        if (list)
          list.push(e)
        else
          byAgent.push([e])
        return byAgent
      }, [])
    if (first && second) {
      // The first of them was withdrawn above: there is nothing left to duplicate.
      const originals = first.filter(e => e.demo.application.applicantType === 'individual').slice(1, 4)
      const duplicates = originals.map((original, k) => {
        const demo = demoApplication(second[0]!.agent, settings, n++, 15 + k, deps.now().toISOString())
        const person = (original.demo.application as { person: Record<string, unknown> }).person
        const copy = { ...person, mobile: `1590000${String(1000 + k).slice(-4)}` }
        // The third keeps only the name and birth date: a passport instead of the ID card.
        if (k === 2)
          Object.assign(copy, { idType: 'passport', idNumber: `E${String(70_000_000 + k)}`, address: (demo.application as { person: { address: unknown } }).person.address })
        return { ...demo, application: { ...demo.application, applicantType: 'individual', category: 'standard', level: undefined, payment: undefined, person: copy } }
      })
      for (const demo of duplicates) {
        for (const file of demo.files)
          await call(`/api/attachments/${file.sha256}`, { method: 'PUT', token: second[0]!.token, body: file.bytes, headers: { 'Content-Type': 'image/png' } })
      }
      const mutations = duplicates.map(d => ({ kind: 'submit', mutationId: crypto.randomUUID(), applicationId: d.application.id, baseVersion: 0, deviceTime: d.application.capturedAt, application: JSON.parse(JSON.stringify(d.application)) }))
      const { results } = await call('/api/sync/push', { method: 'POST', token: second[0]!.token, json: { protocolVersion: 1, mutations } })
      const flagged = results.filter((r: { outcome: string }) => r.outcome === 'applied').length
      counts['submitted (duplicate)'] = flagged
      out.say('seed.duplicates', { count: flagged })
    }

    // A photo kept back may be the same file as one another application sent (the demo images
    // repeat, and the people enrolled again bring theirs): it has then arrived after all.
    for (const id of keptBack) {
      const detail = await call(`/api/review/applications/${id}`, { token: supervisor.token })
      if (detail.attachmentsComplete) {
        counts['submitted (photo missing)']!--
        counts.submitted = (counts.submitted ?? 0) + 1
      }
    }
    await writeServerState(deps.db, 'demo_seeded', deps.now().toISOString(), deps.now().toISOString())
    out.say('seed.ready')
    const outcomes = Object.entries(counts)
    const statuses = padColumn(outcomes.map(([outcome]) => outcomeLabel(outcome)[out.locale]))
    outcomes.forEach(([, count], i) => out.say('seed.count', { status: statuses[i]!, count }))
    out.say('seed.accounts', { password: DEMO_PASSWORD })
    const accounts = [{ username: 'demo.admin', displayName: '演示管理员', role: 'admin' as Role, sites: [] as string[] }, ...STAFF]
    const usernames = padColumn(accounts.map(staff => staff.username))
    const roles = padColumn(accounts.map(staff => ROLE_LABELS[staff.role][out.locale]))
    accounts.forEach((staff, i) => out.say('seed.account', { username: usernames[i]!, role: roles[i]!, name: staff.displayName, sites: staff.sites.join(', ') }))
    return 0
  }
  finally {
    await database.destroy()
  }
})

/** An outcome of the demo's review as the desk names the status (已提交, 审核中…), the two kinds of held-back submission apart. */
function outcomeLabel(outcome: string): LocalisedText {
  if (outcome === 'submitted (photo missing)')
    return operatorText('seed.status_photo_missing', { status: STATUS_LABELS.submitted })
  if (outcome === 'submitted (duplicate)')
    return operatorText('seed.status_duplicate', { status: STATUS_LABELS.submitted })
  return Object.hasOwn(STATUS_LABELS, outcome) ? STATUS_LABELS[outcome as ApplicationStatus] : verbatim(outcome)
}
