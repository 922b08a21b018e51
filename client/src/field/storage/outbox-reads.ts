import type { FieldDb } from './field-db'

/**
 * Reads of the outbox the screens need as they open (the home store, the wizard): apart
 * from applications.repository, which brings the shared rules (and Zod) with it, so that
 * the field's opening set stays without them (field-opening-set e2e).
 */

/**
 * Whether a withdrawal of the record waits to leave (not set aside): the agent asked for the
 * application to be given up, so it is no longer theirs to edit. An edit made now could not
 * be resubmitted (`sync.unsent_action`) and, once the withdrawal applies, would sit unsent on
 * a withdrawn record.
 */
export async function withdrawalWaits(db: FieldDb, applicationId: string): Promise<boolean> {
  return (await db.outbox.where('applicationId').equals(applicationId).filter(e => e.kind === 'withdraw' && e.setAsideAt === null).count()) > 0
}

/** The records whose withdrawal waits to leave (`withdrawalWaits`), for the screens. */
export async function waitingWithdrawals(db: FieldDb): Promise<string[]> {
  const entries = await db.outbox.filter(e => e.kind === 'withdraw' && e.setAsideAt === null).toArray()
  return [...new Set(entries.map(e => e.applicationId))]
}
