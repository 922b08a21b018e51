import type { Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { E2eStaff } from './support/api-client'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { decideThroughApi, pushDemoApplications, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * Retention as an operator and a reviewer meet it: an application rejected long ago (its
 * closing time moved back two years in the server's database) is purged by the real
 * `npm run retention:purge` command against the running server's data folder; the reviewer's
 * queue still lists it by receipt number, without a name, and opening it says its personal
 * data was destroyed. The one rejected today is untouched.
 */

const chromiumPath = inject('chromiumPath')

function purge(server: { dataDir: string, dataKey: string }, ...args: string[]): { status: number | null, output: string } {
  const { DATABASE_URL: _ignored, ...env } = process.env
  // The server's own key: every command is refused another one (server/security/data-key-check.ts).
  const result = spawnSync('npx', ['tsx', 'server/cli/purge-expired.ts', ...args], {
    // In the operator's default language, whatever this machine's locale.
    env: { ...env, DATA_DIR: server.dataDir, FIELD_ENROL_DATA_KEY: server.dataKey, FIELD_ENROL_LANG: 'zh-CN' },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

describe.skipIf(!chromiumPath)('retention at the desk', () => {
  const suite = useE2eSuite()
  let page: Page
  let reviewer: E2eStaff
  let old: DemoApplication
  let recent: DemoApplication

  beforeAll(async () => {
    const { server } = suite
    const site = await server.admin.createSite({ name: '朝阳网点' })
    const agent = await server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    reviewer = await server.admin.createStaff({ role: 'reviewer', siteIds: [site.id], displayName: '李审核' })
    ;[old, recent] = await pushDemoApplications(server, agent, site, [1, 2]) as [DemoApplication, DemoApplication]
    const api = await signIn(server.url, reviewer.username, reviewer.password)
    for (const demo of [old, recent]) {
      const started = await decideThroughApi(api, demo.application.id, 'start_review', 1)
      await decideThroughApi(api, demo.application.id, 'reject', started.version, { reason: 'ineligible' })
    }
    const db = new Database(join(server.dataDir, 'field-enrol.sqlite'))
    try {
      db.pragma('busy_timeout = 5000')
      db.prepare('update applications set updated_at = ? where id = ?').run('2024-01-01T00:00:00.000Z', old.application.id)
    }
    finally {
      db.close()
    }
    page = await (await suite.desk()).newPage()
  })

  it('1. the command counts on a dry run, then purges the one application past its period', () => {
    const dry = purge(suite.server, '--dry-run')
    expect(dry.status, dry.output).toBe(0)
    expect(dry.output).toContain('已过保存期限的：已注销会员 0 名、已办结申请 1 份、未被任何申请引用的材料 0 份')
    const run = purge(suite.server)
    expect(run.status, run.output).toBe(0)
    expect(run.output).toContain('已清除会员 0 名、申请 1 份、无引用材料 0 份')
  })

  it('2. the queue lists it by receipt number without a name; opening it says its data was destroyed', async () => {
    await signInOnDesk(page, reviewer.username, reviewer.password)
    await page.goto('/desk/queue?status=rejected')
    const oldRow = page.locator('.el-table__row', { has: page.locator(`[data-receipt="${old.application.receiptNo}"]`) })
    await expect.poll(() => oldRow.locator('[data-test=purged-name]').textContent()).toContain('个人信息已到期销毁')
    const recentRow = page.locator('.el-table__row', { has: page.locator(`[data-receipt="${recent.application.receiptNo}"]`) })
    expect(await recentRow.locator('[data-test=purged-name]').count()).toBe(0)

    await page.locator(`[data-test=open-application][data-receipt="${old.application.receiptNo}"]`).click()
    await expect.poll(() => page.locator('[data-test=load-error]').textContent()).toContain('已按保存期限销毁')
    // Asking again cannot bring the data back: no 重试 is offered.
    expect(await page.locator('[data-test=load-retry]').count()).toBe(0)
  })
})
