import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

/**
 * The built PWA (dist/) that the end-to-end tests and the bundle-size benchmark run
 * against. CI builds before testing (`.ci/run`: "build", then "tests"); locally the build
 * is made here when dist/ is missing or older than any source it is built from, so
 * `npm test` works on a fresh clone. Kept simple on purpose: file times, not hashes.
 */

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const DIST_DIR = join(REPO_ROOT, 'dist')

/** Written last by `vite build` (the worker is built after the app), so it dates the whole build. */
const BUILD_MARKERS = ['index.html', '.vite/manifest.json', 'manifest.webmanifest', 'sw.js']
const SOURCES = ['client', 'shared', 'vite.config.ts', 'package.json']
/** Generated during the build itself: never makes a build stale. */
const IGNORED = new Set(['components.d.ts', 'node_modules'])

function newestModification(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory())
    return stat.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path)) {
    if (!IGNORED.has(entry))
      newest = Math.max(newest, newestModification(join(path, entry)))
  }
  return newest
}

/** Why dist/ must be (re)built, or null when it is current. */
export function clientBuildStaleness(): string | null {
  const missing = BUILD_MARKERS.filter(file => !existsSync(join(DIST_DIR, file)))
  if (missing.length)
    return `dist/ has no ${missing.join(', ')}`
  const built = Math.min(...BUILD_MARKERS.map(file => statSync(join(DIST_DIR, file)).mtimeMs))
  const sources = Math.max(...SOURCES.map(source => newestModification(join(REPO_ROOT, source))))
  return sources > built ? 'sources changed since dist/ was built' : null
}

/** Builds the PWA with `npm run build` when it is missing or stale; returns whether it built. */
export function ensureClientBuild(log: (line: string) => void = line => console.log(line)): boolean {
  const why = clientBuildStaleness()
  if (!why)
    return false
  log(`Building the PWA (${why}): npm run build`)
  // Vitest runs with NODE_ENV=test, and Vite derives import.meta.env.PROD from NODE_ENV: a
  // build inherited from here would leave the service worker unregistered.
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } })
  const still = clientBuildStaleness()
  if (still)
    throw new Error(`npm run build finished but ${still}`)
  return true
}

/** The build's mtimes, to tell whether dist/ changed while it was read. */
function buildStamp(): string {
  return BUILD_MARKERS.map(file => statSync(join(DIST_DIR, file)).mtimeMs).join(',')
}

/**
 * A private copy of dist/ for one test run, so that a rebuild during the run (another
 * `npm test` or `npm run build` in the same working tree) cannot swap files under a browser
 * that is installing the service worker. Retries when dist/ changed while being copied;
 * checks that every script index.html names is in the copy.
 */
export function snapshotClientBuild(): string {
  for (let attempt = 1; ; attempt++) {
    const stamp = buildStamp()
    const copy = mkdtempSync(join(tmpdir(), 'field-enrol-dist-'))
    cpSync(DIST_DIR, copy, { recursive: true })
    const html = readFileSync(join(copy, 'index.html'), 'utf8')
    const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map(match => match[1]!)
    if (stamp === buildStamp() && scripts.every(file => existsSync(join(copy, file))))
      return copy
    rmSync(copy, { recursive: true, force: true })
    if (attempt === 3)
      throw new Error('dist/ kept changing while it was copied: is a build running in this working tree?')
    ensureClientBuild()
  }
}
