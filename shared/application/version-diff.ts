import type { Leaf } from '#shared/application/application-paths'
import { flattenLeaves, sameValue } from '#shared/application/application-paths'
import { diffAttachments, SIGNATURE_REFERENCES } from '#shared/application/attachment-changes'
import { maskApplication } from '#shared/privacy/application-masking'

/**
 * The differences between two versions of an application: every leaf path whose value
 * changed, appeared or disappeared, with the value before and after, in the order the
 * fields appear in the newer version (then fields only the older one had). The exact diff
 * (`diffApplications`) is what the device asks "did anything change?"; the readable one
 * (`versionChanges`, `maskedVersionChanges`) is what the server sends the desk when two
 * versions are compared — never two versions in full. Pure.
 */

export type ChangeKind = 'changed' | 'added' | 'removed'

export interface FieldChange {
  path: string
  kind: ChangeKind
  /** Absent when added. */
  before?: unknown
  /** Absent when removed. */
  after?: unknown
}

function byPath(leaves: Leaf[]): Map<string, unknown> {
  return new Map(leaves.map(leaf => [leaf.path, leaf.value]))
}

export function diffApplications(before: unknown, after: unknown): FieldChange[] {
  const old = byPath(flattenLeaves(before))
  const now = byPath(flattenLeaves(after))
  const changes: FieldChange[] = []
  for (const [path, value] of now) {
    if (!old.has(path))
      changes.push({ path, kind: 'added', before: undefined, after: value })
    else if (!sameValue(old.get(path), value))
      changes.push({ path, kind: 'changed', before: old.get(path), after: value })
  }
  for (const [path, value] of old) {
    if (!now.has(path))
      changes.push({ path, kind: 'removed', before: value, after: undefined })
  }
  return changes
}

/**
 * The same differences with the values as a masked view shows them. Computed on the real
 * values, so a correction inside the masked part of a value (a mobile's middle digits) is
 * still listed as a change, though both sides read alike.
 */
export function maskedDiff(before: unknown, after: unknown): FieldChange[] {
  const shownBefore = byPath(flattenLeaves(maskApplication(before)))
  const shownAfter = byPath(flattenLeaves(maskApplication(after)))
  return diffApplications(before, after).map(change => ({
    ...change,
    before: change.kind === 'added' ? undefined : shownBefore.get(change.path),
    after: change.kind === 'removed' ? undefined : shownAfter.get(change.path),
  }))
}

/** Leaves that are a file's record, or name a file: told as one change per file instead. */
function isFileLeaf(path: string): boolean {
  return path.startsWith('attachments.') || (SIGNATURE_REFERENCES as readonly string[]).includes(path)
}

/**
 * The differences as a reviewer reads them: the fields, then one change per file added,
 * removed or replaced (`attachments.<kind>`, or the consent's signature field, with what the
 * file is and its size: `diffAttachments`) — no file's id, hash or media type.
 */
export function versionChanges(before: unknown, after: unknown): FieldChange[] {
  return [...diffApplications(before, after).filter(change => !isFileLeaf(change.path)), ...diffAttachments(before, after)]
}

/** `versionChanges` with the values as a masked view shows them; a file's summary is not personal. */
export function maskedVersionChanges(before: unknown, after: unknown): FieldChange[] {
  return [...maskedDiff(before, after).filter(change => !isFileLeaf(change.path)), ...diffAttachments(before, after)]
}
