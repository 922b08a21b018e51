/// <reference types="vite/client" />
// (import.meta.glob: this module is also compiled by the root tsconfig, for the unit tests.)
import type { Locale } from '#shared/i18n/locale'

/**
 * Every message module of the client, one file per concern beside this one (`auth.ts`,
 * `enrol.ts`, …), each exporting its zh-CN and en texts side by side so a missing
 * translation shows in review. Files are picked up by name; top-level keys must not
 * collide across modules.
 *
 * Modules whose name starts with `desk` (`desk.ts`, `desk-admin.ts`, …) hold the desk's
 * texts: they load lazily, each its own chunk, so the field's entry chunk never carries
 * them. `loadDeskMessages()` (../i18n.ts) merges them before any desk screen renders.
 */
export type MessageModule = Record<Locale, Record<string, unknown>>

const modules = import.meta.glob<MessageModule>(['./*.ts', '!./index.ts', '!./desk*.ts'], { eager: true, import: 'default' })
const deskModules = import.meta.glob<MessageModule>('./desk*.ts', { import: 'default' })

/** The texts every screen may need, present from the start. */
export const MESSAGE_MODULES: MessageModule[] = Object.values(modules)

/** The desk's texts, fetched on demand (their chunks load in parallel). */
export function importDeskMessageModules(): Promise<MessageModule[]> {
  return Promise.all(Object.values(deskModules).map(load => load()))
}
