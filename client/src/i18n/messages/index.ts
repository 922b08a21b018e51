import type { Locale } from '#shared/i18n/locale'

/**
 * Every message module of the client, one file per concern beside this one (`auth.ts`,
 * `enrol.ts`, …), each exporting its zh-CN and en texts side by side so a missing
 * translation shows in review. Files are picked up by name; top-level keys must not
 * collide across modules.
 */
export type MessageModule = Record<Locale, Record<string, unknown>>

const modules = import.meta.glob<MessageModule>(['./*.ts', '!./index.ts'], { eager: true, import: 'default' })

export const MESSAGE_MODULES: MessageModule[] = Object.values(modules)
