/**
 * Someone else published the programme while this administrator was editing it (409): the
 * edits, made on the version they loaded (`base`), are carried onto the version now
 * current, keeping the other person's changes wherever the two did not touch the same
 * setting. Where both changed one setting differently, the administrator's value is put in
 * and the setting is named (`overlaps`), so it is checked before the next publish; an item
 * one removed and the other changed stays, named, to be removed again if still meant —
 * nothing the other person did is undone unsaid. Categories and their levels (lists of
 * items with a `code`) are matched by code; other lists (dates, materials) and values as
 * wholes. Pure: no Vue, plain data in and out.
 */

export interface CarriedEdits<T> {
  merged: T
  /** Where both changed a setting, as paths into `merged` (`['categories', '1', 'feeFen']`). */
  overlaps: string[][]
}

type Coded = { code: string } & Record<string, unknown>

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isCodedList(value: unknown): value is Coded[] {
  return Array.isArray(value) && value.every(item => isRecord(item) && typeof item.code === 'string')
}

/** Equal as data: key order does not count, list order does. */
export function sameData(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]))
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    return [...keys].every(key => sameData(a[key], b[key]))
  }
  return Object.is(a, b)
}

function copy<T>(value: T): T {
  return value === undefined ? value : structuredClone(value)
}

function mergeValue(base: unknown, edited: unknown, current: unknown, path: string[], overlaps: string[][]): unknown {
  if (sameData(edited, base))
    return copy(current)
  if (sameData(current, base) || sameData(current, edited))
    return copy(edited)
  if (isRecord(base) && isRecord(edited) && isRecord(current)) {
    const merged: Record<string, unknown> = {}
    for (const key of new Set([...Object.keys(current), ...Object.keys(edited)])) {
      const value = mergeValue(base[key], edited[key], current[key], [...path, key], overlaps)
      if (value !== undefined)
        merged[key] = value
    }
    return merged
  }
  if (isCodedList(base) && isCodedList(edited) && isCodedList(current))
    return mergeCodedList(base, edited, current, path, overlaps)
  overlaps.push(path)
  return copy(edited)
}

/** The current list's order, then what the administrator added. */
function mergeCodedList(base: Coded[], edited: Coded[], current: Coded[], path: string[], overlaps: string[][]): Coded[] {
  const find = (list: Coded[], code: string) => list.find(item => item.code === code)
  const codes = [...new Set([...current.map(item => item.code), ...edited.map(item => item.code)])]
  const merged: Coded[] = []
  for (const code of codes) {
    const [was, mine, theirs] = [find(base, code), find(edited, code), find(current, code)]
    const at = [...path, String(merged.length)]
    if (was && !mine && theirs) {
      // Removed here, changed there: kept as they left it, and said.
      if (!sameData(theirs, was)) {
        overlaps.push(at)
        merged.push(copy(theirs))
      }
    }
    else if (was && mine && !theirs) {
      // Removed there, changed here: kept as edited here, and said.
      if (!sameData(mine, was)) {
        overlaps.push(at)
        merged.push(copy(mine))
      }
    }
    else if (!mine || !theirs) {
      // Added on one side only (or removed on both): as that side has it.
      const added = was ? undefined : mine ?? theirs
      if (added)
        merged.push(copy(added))
    }
    else {
      merged.push(mergeValue(was, mine, theirs, at, overlaps) as Coded)
    }
  }
  return merged
}

export function carryEdits<T>(base: T, edited: T, current: T): CarriedEdits<T> {
  const overlaps: string[][] = []
  const merged = mergeValue(base, edited, current, [], overlaps) as T
  return { merged, overlaps }
}
