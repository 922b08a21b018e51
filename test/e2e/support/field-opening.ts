import type { ViteManifest } from '../../../client/src/app/pwa/build/chunk-graph'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { deskSourcesIn, fieldOpeningChunks, filesOf } from '../../../client/src/app/pwa/build/chunk-graph'
import { DIST_DIR } from './client-build'

/**
 * What a tablet downloads before the field's first screen shows, read from the production
 * build (dist/): the entry, the field layout and home page, and every chunk they import
 * statically. The end-to-end suite checks what must never be in it; the bundle-size
 * benchmark weighs it.
 */

/** Strings Element Plus keeps in its build (component names, CSS variables); none may reach the field. */
const ELEMENT_PLUS_MARKERS = /element-plus|"ElConfigProvider"|"ElButton"|"ElTable"|--el-color-primary/
/** Zod's core names its classes in strings (`$ZodError`, `$ZodType`, …), which survive minification. */
const ZOD_MARKER = /`\$Zod[A-Z]\w*`|"\$Zod[A-Z]\w*"/

export interface FieldOpeningSet {
  manifest: ViteManifest
  opening: Set<string>
  js: string[]
  css: string[]
  /** Desk pages (by source) among the opening chunks. */
  deskSources: string[]
  elementPlusFiles: string[]
  /** Zod and the validation rules load with the enrolment screens, not with the first one. */
  zodFiles: string[]
}

export function readBuildManifest(): ViteManifest {
  return JSON.parse(readFileSync(join(DIST_DIR, '.vite/manifest.json'), 'utf8')) as ViteManifest
}

export function readFieldOpeningSet(manifest: ViteManifest = readBuildManifest()): FieldOpeningSet {
  const opening = fieldOpeningChunks(manifest)
  const js = filesOf(manifest, opening).filter(isJs)
  const text = (file: string): string => readFileSync(join(DIST_DIR, file), 'utf8')
  return {
    manifest,
    opening,
    js,
    css: filesOf(manifest, opening, { css: true }).filter(file => file.endsWith('.css')),
    deskSources: deskSourcesIn(manifest, opening),
    elementPlusFiles: js.filter(file => ELEMENT_PLUS_MARKERS.test(text(file))),
    zodFiles: withZod(js),
  }
}

/** The files among these that carry Zod. */
export function withZod(files: readonly string[]): string[] {
  return files.filter(file => ZOD_MARKER.test(readFileSync(join(DIST_DIR, file), 'utf8')))
}

/** Each file gzipped on its own at level 9, as it travels and as Vite reports it. */
export function gzipKb(files: Iterable<string>): number {
  let bytes = 0
  for (const file of files)
    bytes += gzipSync(readFileSync(join(DIST_DIR, file)), { level: 9 }).length
  return bytes / 1024
}

export function isJs(file: string): boolean {
  return file.endsWith('.js')
}
