/**
 * Build-time only (vite.config.ts and bench/bundle-size.bench.ts; never bundled into the
 * app): reads Vite's build manifest (`dist/.vite/manifest.json`) as a graph of chunks to
 * answer two questions with one definition of "the desk":
 *
 * - which files the service worker must NOT precache — chunks only the desk area (Element
 *   Plus, review screens) reaches, so a field tablet never downloads the desk;
 * - which JavaScript a tablet needs to open the field area — the entry plus the field
 *   layout and home page, each with the chunks it statically imports (they load together).
 *
 * Keys are paths relative to Vite's root (`client/`): `index.html`, `src/desk/…`, or
 * `_name-hash.js` for a shared chunk that has no single source.
 */

export interface ViteManifestChunk {
  file: string
  src?: string
  name?: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
  assets?: string[]
}

export type ViteManifest = Record<string, ViteManifestChunk>

/** Where the desk area's sources live, relative to Vite's root. */
export const DESK_SOURCE_PREFIX = 'src/desk/'
/** The desk's texts, loaded when the desk opens (i18n/messages/desk*.ts). */
export const DESK_MESSAGES_PREFIX = 'src/i18n/messages/desk'

/** The field area's first screen: its layout and home page (relative to Vite's root). */
export const FIELD_OPENING_SOURCES = ['src/field/layout/FieldLayout.vue', 'src/field/pages/FieldHomePage.vue'] as const

export function entryKeys(manifest: ViteManifest): string[] {
  return Object.keys(manifest).filter(key => manifest[key]!.isEntry)
}

function isDeskKey(manifest: ViteManifest, key: string): boolean {
  const source = manifest[key]?.src ?? key
  return source.startsWith(DESK_SOURCE_PREFIX) || source.startsWith(DESK_MESSAGES_PREFIX)
}

function walk(manifest: ViteManifest, roots: readonly string[], follow: (chunk: ViteManifestChunk) => string[]): Set<string> {
  const seen = new Set<string>()
  const stack = [...roots]
  while (stack.length) {
    const key = stack.pop()!
    if (seen.has(key))
      continue
    const chunk = manifest[key]
    if (!chunk)
      throw new Error(`Vite manifest has no chunk "${key}"`)
    seen.add(key)
    stack.push(...follow(chunk))
  }
  return seen
}

/** The chunks that load together with `roots`: the roots and everything they import statically. */
export function staticClosure(manifest: ViteManifest, roots: readonly string[]): Set<string> {
  return walk(manifest, roots, chunk => chunk.imports ?? [])
}

/** The output files (JavaScript, and optionally CSS and other assets) of a set of chunks. */
export function filesOf(manifest: ViteManifest, keys: Iterable<string>, kinds: { css?: boolean, assets?: boolean } = {}): string[] {
  const files = new Set<string>()
  for (const key of keys) {
    const chunk = manifest[key]!
    files.add(chunk.file)
    if (kinds.css)
      chunk.css?.forEach(file => files.add(file))
    if (kinds.assets)
      chunk.assets?.forEach(file => files.add(file))
  }
  return [...files]
}

/** The desk area's lazily loaded entries (its pages). */
export function deskEntryKeys(manifest: ViteManifest): string[] {
  return Object.keys(manifest).filter(key => manifest[key]!.isDynamicEntry && isDeskKey(manifest, key))
}

/**
 * Chunks only the desk reaches: everything reachable from the desk's entries minus
 * everything reachable from the app's entry without passing through a desk entry. A chunk
 * shared with the field (Vue itself, say) is therefore never "desk-only".
 */
export function deskOnlyChunks(manifest: ViteManifest): Set<string> {
  const everything = (chunk: ViteManifestChunk): string[] => [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]
  const outsideDesk = walk(manifest, entryKeys(manifest), chunk => everything(chunk).filter(key => !isDeskKey(manifest, key)))
  const desk = walk(manifest, deskEntryKeys(manifest), everything)
  return new Set([...desk].filter(key => !outsideDesk.has(key)))
}

/** Every file (JavaScript, CSS, assets) that only the desk uses: left out of the field's precache. */
export function deskOnlyFiles(manifest: ViteManifest): Set<string> {
  return new Set(filesOf(manifest, deskOnlyChunks(manifest), { css: true, assets: true }))
}

/** The chunks needed to open the field area: the entry, the field layout and home page, and their static imports. */
export function fieldOpeningChunks(manifest: ViteManifest): Set<string> {
  const missing = FIELD_OPENING_SOURCES.filter(key => !manifest[key])
  if (missing.length)
    throw new Error(`Vite manifest has no chunk for ${missing.join(', ')}: did the field routes move?`)
  return staticClosure(manifest, [...entryKeys(manifest), ...FIELD_OPENING_SOURCES])
}

/** The desk's own sources among a set of chunks (must be empty for the field's set). */
export function deskSourcesIn(manifest: ViteManifest, keys: Iterable<string>): string[] {
  return [...keys].filter(key => isDeskKey(manifest, key))
}
