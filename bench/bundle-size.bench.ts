import { deskEntryKeys, deskOnlyChunks, FIELD_OPENING_SOURCES, filesOf, staticClosure } from '../client/src/app/pwa/build/chunk-graph'
import { ensureClientBuild } from '../test/e2e/support/client-build'
import { gzipKb, isJs, readFieldOpeningSet } from '../test/e2e/support/field-opening'
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

export function runBundleSizeBench(): void {
  ensureClientBuild(line => console.log(`  ${line}`))
  const { manifest, js: openingJs, css: openingCss, deskSources, elementPlusFiles, zodFiles } = readFieldOpeningSet()
  const openingKb = gzipKb(openingJs)
  console.log(`  field opening set: entry + ${FIELD_OPENING_SOURCES.join(' + ')} and their static imports`)
  console.log(`  = ${openingJs.length} JavaScript files; also ${openingCss.length} CSS files, ${gzipKb(openingCss).toFixed(1)} KB gzip`)
  recordAtMost('field area: JavaScript to open it (gzip)', openingKb, BUDGET_KB, 'KB')
  if (manifest[SIGN_IN_PAGE]) {
    const signInExtra = filesOf(manifest, staticClosure(manifest, [SIGN_IN_PAGE])).filter(file => isJs(file) && !openingJs.includes(file))
    console.log(`  (info) a first visit shows the sign-in page first: + ${gzipKb(signInExtra).toFixed(1)} KB gzip`)
  }

  // The desk must not ride along: neither its pages nor Element Plus.
  if (deskSources.length || elementPlusFiles.length)
    console.log(`  the field set includes desk code: ${[...deskSources, ...elementPlusFiles].join(', ')}`)
  recordAtMost('field area: desk pages or Element Plus chunks in it', deskSources.length + elementPlusFiles.length, 0, 'chunks')

  // Zod and the validation rules load with the enrolment screens (and a password change),
  // not with the first one: a shared module that imports zod into the status table or the
  // sync store once put ~24 KB back on every opening (and forgetting finished records,
  // through the repository, ~39 KB).
  if (zodFiles.length)
    console.log(`  the field opening set includes Zod: ${zodFiles.join(', ')}`)
  recordAtMost('field area: chunks with Zod in it', zodFiles.length, 0, 'chunks')

  const deskOnlyKeys = deskOnlyChunks(manifest)
  const deskOnly = filesOf(manifest, deskOnlyKeys).filter(isJs)
  const fieldAll = filesOf(manifest, Object.keys(manifest).filter(key => !deskOnlyKeys.has(key))).filter(isJs)
  console.log(`  (info) all field JavaScript, precached by the service worker: ${fieldAll.length} files, ${gzipKb(fieldAll).toFixed(1)} KB gzip`)
  console.log(`  (info) desk: ${deskEntryKeys(manifest).length} pages, ${deskOnly.length} desk-only JavaScript files, ${gzipKb(deskOnly).toFixed(1)} KB gzip — not precached for the field`)
}
