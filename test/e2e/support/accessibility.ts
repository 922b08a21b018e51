import type { Page } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/**
 * Accessibility checks with axe-core, run inside the page as it is on screen: the WCAG 2.1
 * A and AA rules (contrast, names and labels, ARIA use, structure) and axe's best practices
 * (one main heading, content inside landmarks). Injected through the DevTools protocol, so the
 * app's Content-Security-Policy (no inline scripts) does not stop it.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface AxeResult {
  violations: Array<{ id: string, impact: string | null, help: string, nodes: Array<{ target: unknown[], failureSummary?: string }> }>
}

/**
 * What axe finds wrong on `page` now, one line per rule broken with up to three of the
 * elements at fault: an empty list is an accessible screen. `where` names the screen in
 * each line, so a failing assertion says where. `exclude` leaves out parts of the page (CSS
 * selectors): only for a library's own markup that the app cannot change, with the reason
 * beside the call.
 */
export async function accessibilityViolations(page: Page, where: string, options: { exclude?: string[] } = {}): Promise<string[]> {
  // Let transitions (dialogs fading in, toasts) settle: axe reads computed colours. A toast
  // can start fading out at any moment (once its two seconds are up), so wait too until no
  // Vue transition is running: mid-fade, its text measured below the contrast it has.
  await page.waitForTimeout(400)
  await page.waitForFunction(() => {
    const { document } = globalThis as unknown as { document: { querySelector: (s: string) => unknown } }
    return document.querySelector('[class*="-enter-active"], [class*="-leave-active"]') === null
  }, null, { timeout: 5_000, polling: 50 })
  // A string is evaluated by the protocol itself; an eval() inside the page would be refused by the CSP.
  if (!await page.evaluate(() => 'axe' in globalThis))
    await page.evaluate(AXE_SOURCE)
  const result = await page.evaluate((exclude) => {
    const { axe } = globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }
    return axe.run({ exclude: exclude.map(selector => [selector]) }, { resultTypes: ['violations'] })
  }, options.exclude ?? []) as AxeResult
  // Generated ids (el-id-1549-61) say nothing: name each element by the nearest data-test, or its opening tag.
  const near = await page.evaluate((selectors) => {
    interface Element { outerHTML: string, closest: (s: string) => { getAttribute: (a: string) => string | null } | null }
    const { document } = globalThis as unknown as { document: { querySelector: (s: string) => Element | null } }
    return selectors.map((selector) => {
      const element = document.querySelector(selector)
      return element?.closest('[data-test]')?.getAttribute('data-test') ?? element?.outerHTML.slice(0, 100) ?? ''
    })
  }, result.violations.flatMap(violation => violation.nodes.slice(0, 3).map(node => String(node.target[0]))))
  let index = 0
  return result.violations.map((violation) => {
    const nodes = violation.nodes.slice(0, 3).map((node) => {
      const testId = near[index++]
      return `${node.target.join(' ')}${testId ? ` (in ${testId})` : ''}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`
    })
    return `[${where}] ${violation.impact} ${violation.id} — ${violation.help} (${violation.nodes.length}): ${nodes.join(' | ')}`
  })
}
