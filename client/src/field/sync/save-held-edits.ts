import type { FieldDb } from '../storage/field-db'
import { readMeta } from '../storage/field-db'

/**
 * Once the push answers are stored: the edits refused while their record was in flight
 * (`holdEdit`) are saved, whether or not the wizard is still open — or the app was closed
 * and opened again since. The repository brings the validation rules (Zod) with it, so it is
 * loaded only when an edit is waiting: the first screen stays without them.
 */
export async function saveHeldEditsAfterPush(db: FieldDb, now: () => Date): Promise<void> {
  const held = await readMeta<Record<string, unknown>>(db, 'heldEdits')
  if (!held || Object.keys(held).length === 0)
    return
  const { saveHeldEdits } = await import('../storage/applications.repository')
  await saveHeldEdits(db, { now })
}
