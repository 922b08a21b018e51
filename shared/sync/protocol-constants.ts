/**
 * The sync contract's constants, apart from its Zod schemas (protocol.ts) so that code
 * needing only a number — the device's push loop — does not load Zod and the application
 * schema with the first screen.
 */

export const SYNC_PROTOCOL_VERSION = 1
export const MAX_PUSH_BATCH = 200
export const MAX_PULL_PAGE = 500
/** The longest search of the agent's own applications on the server (查询服务器记录). */
export const MAX_LOOKUP_QUERY = 64

/**
 * The highest version a mutation may name as its base. Versions are kept in 32-bit integer
 * columns: a larger one names no version, and PostgreSQL refuses to store it (SQLite took it).
 */
export const MAX_BASE_VERSION = 2_147_483_647

export const MUTATION_KINDS = ['submit', 'resubmit', 'withdraw'] as const
export type MutationKind = (typeof MUTATION_KINDS)[number]
