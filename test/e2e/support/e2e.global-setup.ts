import type { TestProject } from 'vitest/node'
import { existsSync, rmSync } from 'node:fs'
import process from 'node:process'
import { CHROMIUM_PATH } from './browser'
import { ensureClientBuild, snapshotClientBuild } from './client-build'

/**
 * Before the end-to-end tests: Debian's Chromium must be there (`apt-get install
 * chromium`; never a browser downloaded by Playwright), and dist/ must hold a current
 * build, since the real server serves it (from a private copy made here, so that a
 * rebuild in the same working tree during the run changes nothing). Without Chromium the tests are skipped loudly,
 * and under CI that is a failure.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** Chromium to drive, or null when it is missing (tests skip). */
    chromiumPath: string | null
    /** This run's copy of dist/, which the e2e servers serve (null when the tests skip). */
    clientDistDir: string | null
  }
}

export default function setup(project: TestProject): (() => void) | void {
  if (!existsSync(CHROMIUM_PATH)) {
    const message = `${CHROMIUM_PATH} not found (apt-get install -y chromium): the end-to-end tests are SKIPPED.`
    if (process.env.CI)
      throw new Error(`${message} CI must run them.`)
    console.warn(`\n\u001B[41m WARNING \u001B[0m ${message}\n`)
    project.provide('chromiumPath', null)
    project.provide('clientDistDir', null)
    return
  }
  ensureClientBuild()
  const clientDistDir = snapshotClientBuild()
  project.provide('chromiumPath', CHROMIUM_PATH)
  project.provide('clientDistDir', clientDistDir)
  return () => rmSync(clientDistDir, { recursive: true, force: true })
}
