import type { LocalApplication } from './field-db'

/**
 * The files a record names: its data's, its unsent edit's (`supersededEdit`), which the agent
 * may still redo, and on a conflict the server copy's, which the agent may take. They stay on
 * the device as long as the record does. Apart from the repository so that the sync engine
 * (forgetting finished records) does not load the validation rules on the first screen.
 */
export function filesNamedBy(app: LocalApplication): string[] {
  const serverCopy = (app.serverCopy?.application as { attachments?: Array<{ id: string }> } | undefined)?.attachments ?? []
  return [...(app.data.attachments ?? []), ...(app.supersededEdit?.data.attachments ?? []), ...serverCopy].map(a => a.id)
}
