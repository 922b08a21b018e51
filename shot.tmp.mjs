import { chromium } from 'playwright-core'
const base = 'http://localhost:3200'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
async function desk(user, pages, locale = 'zh-CN', tag = '') {
  const ctx = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, locale })
  const page = await ctx.newPage()
  page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') console.log(user, 'console', m.type(), m.text().slice(0, 200)) })
  page.on('pageerror', e => console.log(user, 'pageerror', e.message))
  await page.goto('/desk'); await page.waitForURL(/sign-in/)
  await page.fill('input[name=username]', user); await page.fill('input[name=password]', 'demo-password-2026')
  await page.click('[data-test=sign-in]'); await page.locator('[data-test=desk-user]').waitFor()
  for (const p of pages) {
    await page.goto(p); await page.waitForLoadState('networkidle'); await page.waitForTimeout(800)
    await page.screenshot({ path: `/tmp/shots/${user}${tag}-${p.replaceAll('/', '_').replaceAll('?', '_')}.png`, fullPage: true })
  }
  await ctx.close()
}
await desk('demo.supervisor', ['/desk', '/desk/queue', '/desk/members', '/desk/stats', '/desk/stats?from=2025-12-04&to=2026-12-04', '/desk/stats/daily'])
await desk('demo.admin', ['/desk', '/desk/admin/audit', '/desk/admin/programme'])
await desk('demo.supervisor', ['/desk/stats', '/desk/members'], 'en', '-en')
await browser.close()
