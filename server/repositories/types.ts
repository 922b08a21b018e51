import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'

/** Repositories take either the database or an open transaction, so services decide the unit of work. */
export type Executor = Kysely<Database> | Transaction<Database>
