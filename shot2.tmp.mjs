import { chromium } from 'playwright-core'
const base = 'http://localhost:3200'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
for (const user of ['demo.admin', 'demo.supervisor', 'demo.admin']) {
  const ctx = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } })
  const page = await ctx.newPage()
  const t0 = Date.now()
  const state = async (label) => {
    const s = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration()
      return { ctrl: navigator.serviceWorker.controller?.scriptURL ?? null, inst: r?.installing?.state ?? null, wait: r?.waiting?.state ?? null, act: r?.active?.state ?? null }
    }).catch(e => String(e))
    const banner = await page.locator('[data-test=pwa-update]').isVisible().catch(() => 'err')
    console.log(user, label, Date.now() - t0, JSON.stringify(s), 'banner', banner)
  }
  await page.goto('/desk'); await page.waitForURL(/sign-in/)
  await state('signin-page')
  await page.fill('input[name=username]', user); await page.fill('input[name=password]', 'demo-password-2026')
  await page.click('[data-test=sign-in]'); await page.locator('[data-test=desk-user]').waitFor()
  await state('signed-in')
  await page.goto('/desk'); await page.waitForLoadState('networkidle')
  await state('after-goto')
  for (let i = 0; i < 5; i++) { await page.waitForTimeout(1000); await state('t') }
  await ctx.close()
}
await browser.close()
