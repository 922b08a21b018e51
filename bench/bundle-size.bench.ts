import type { ViteManifest } from '../client/src/app/pwa/build/chunk-graph'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { deskEntryKeys, deskOnlyChunks, deskSourcesIn, FIELD_OPENING_SOURCES, fieldOpeningChunks, filesOf, staticClosure } from '../client/src/app/pwa/build/chunk-graph'
import { DIST_DIR, ensureClientBuild } from '../test/e2e/support/client-build'
import { recordAtMost } from './harness'

/**
 * What a field tablet downloads to open the app (issue 4): the gzip size of the JavaScript
 * that loads before the field's first screen shows — the entry chunk, the field layout and
 * the field home page, each with every chunk it imports statically (the browser fetches
 * them together). Budget: 200 KB. Read from the production build's manifest
 * (dist/.vite/manifest.json), building first when dist/ is missing or stale.
 *
 * Each file is gzipped on its own at level 9, as it travels and as Vite reports it. Also
 * printed, for information: the CSS, the sign-in page (what a first visit shows), the
 * whole precache, and the desk's own chunks — which must not be part of the field's set,
 * and neither may Element Plus.
 */

const BUDGET_KB = 200
const SIGN_IN_PAGE = 'src/field/pages/FieldSignInPage.vue'
/** Strings Element Plus keeps in its build (component names, CSS variables); none may reach the field. */
const ELEMENT_PLUS_MARKERS = /element-plus|"ElConfigProvider"|"ElButton"|"ElTable"|--el-color-primary/
/** Zod's core names its classes in strings (`$ZodError`, `$ZodType`, …), which survive minification. */
const ZOD_MARKER = /`\$Zod[A-Z]\w*`|"\$Zod[A-Z]\w*"/

function gzipKb(files: Iterable<string>): number {
  let bytes = 0
  for (const file of files)
    bytes += gzipSync(readFileSync(join(DIST_DIR, file)), { level: 9 }).length
  return bytes / 1024
}

function isJs(file: string): boolean {
  return file.endsWith('.js')
}

export function runBundleSizeBench(): void {
  ensureClientBuild(line => console.log(`  ${line}`))
  const manifest = JSON.parse(readFileSync(join(DIST_DIR, '.vite/manifest.json'), 'utf8')) as ViteManifest

  const opening = fieldOpeningChunks(manifest)
  const openingJs = filesOf(manifest, opening).filter(isJs)
  const openingCss = filesOf(manifest, opening, { css: true }).filter(file => file.endsWith('.css'))
  const openingKb = gzipKb(openingJs)
  console.log(`  field opening set: entry + ${FIELD_OPENING_SOURCES.join(' + ')} and their static imports`)
  console.log(`  = ${openingJs.length} JavaScript files; also ${openingCss.length} CSS files, ${gzipKb(openingCss).toFixed(1)} KB gzip`)
  recordAtMost('field area: JavaScript to open it (gzip)', openingKb, BUDGET_KB, 'KB')
  if (manifest[SIGN_IN_PAGE]) {
    const signInExtra = filesOf(manifest, staticClosure(manifest, [SIGN_IN_PAGE])).filter(file => isJs(file) && !openingJs.includes(file))
    console.log(`  (info) a first visit shows the sign-in page first: + ${gzipKb(signInExtra).toFixed(1)} KB gzip`)
  }

  // The desk must not ride along: neither its pages nor Element Plus.
  const deskInField = deskSourcesIn(manifest, opening)
  const elementPlusInField = openingJs.filter(file => ELEMENT_PLUS_MARKERS.test(readFileSync(join(DIST_DIR, file), 'utf8')))
  if (deskInField.length || elementPlusInField.length)
    console.log(`  the field set includes desk code: ${[...deskInField, ...elementPlusInField].join(', ')}`)
  recordAtMost('field area: desk pages or Element Plus chunks in it', deskInField.length + elementPlusInField.length, 0, 'chunks')

  // Zod and the validation rules load with the enrolment screens (and a password change),
  // not with the first one: a shared module that imports zod into the status table or the
  // sync store once put ~24 KB back on every opening.
  const zodInField = openingJs.filter(file => ZOD_MARKER.test(readFileSync(join(DIST_DIR, file), 'utf8')))
  if (zodInField.length)
    console.log(`  the field opening set includes Zod: ${zodInField.join(', ')}`)
  recordAtMost('field area: chunks with Zod in it', zodInField.length, 0, 'chunks')

  const deskOnlyKeys = deskOnlyChunks(manifest)
  const deskOnly = filesOf(manifest, deskOnlyKeys).filter(isJs)
  const fieldAll = filesOf(manifest, Object.keys(manifest).filter(key => !deskOnlyKeys.has(key))).filter(isJs)
  console.log(`  (info) all field JavaScript, precached by the service worker: ${fieldAll.length} files, ${gzipKb(fieldAll).toFixed(1)} KB gzip`)
  console.log(`  (info) desk: ${deskEntryKeys(manifest).length} pages, ${deskOnly.length} desk-only JavaScript files, ${gzipKb(deskOnly).toFixed(1)} KB gzip — not precached for the field`)
}
