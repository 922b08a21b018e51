import type { ReturnItem } from './return-item'
import { attachmentsOf } from '../application/attachment-changes'
import { diffApplications } from '../application/version-diff'

/**
 * The return items a fix leaves as the reviewer returned them: a field none of whose values
 * changed (`person.address` counts as changed when its street line did, `dependants.1` when
 * anything of that family member did), a material with the same files as before (none added,
 * removed or retaken). The tablet asks before resubmitting with any left: an untouched item is
 * usually one the agent overlooked, though the reviewer may only have asked for a value to be
 * checked, so it is a question, not a refusal. The server takes such a resubmission as it
 * is — what was checked is the agent's word. Pure.
 */
export function untouchedReturnItems(items: readonly ReturnItem[], returned: unknown, fixed: unknown): ReturnItem[] {
  const changedPaths = diffApplications(returned, fixed).map(change => change.path)
  return items.filter(item => item.kind === 'material'
    ? sameFiles(filesOf(returned, item.ref), filesOf(fixed, item.ref))
    : !changedPaths.some(path => path === item.ref || path.startsWith(`${item.ref}.`)))
}

/** A return's item with whether the fix changed it, as the desk shows a resubmission. */
export type AnsweredReturnItem = ReturnItem & { changed: boolean }

/** Each item of a return, marked changed or not by the fix (`untouchedReturnItems`). */
export function answeredReturnItems(items: readonly ReturnItem[], returned: unknown, fixed: unknown): AnsweredReturnItem[] {
  const untouched = new Set(untouchedReturnItems(items, returned, fixed))
  return items.map(item => ({ ...item, changed: !untouched.has(item) }))
}

/** The contents of an application's files of one kind, in a stable order. */
function filesOf(application: unknown, kind: string): string[] {
  return attachmentsOf(application).filter(file => file.kind === kind).map(file => file.sha256).sort()
}

function sameFiles(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((hash, i) => hash === b[i])
}
