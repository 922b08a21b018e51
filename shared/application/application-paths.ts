/**
 * An application as a flat list of leaves (`person.address.detail` → value), the common
 * ground of the data sections, the version diff and the return checklist. Arrays of
 * objects are walked by index (`dependants.0.name`); arrays of plain values (interests,
 * declined fields) are one leaf, since they are read and changed as a whole. Pure.
 */

export interface Leaf {
  path: string
  value: unknown
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function isObjectList(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.some(item => isRecord(item) || Array.isArray(item))
}

export function flattenLeaves(value: unknown, prefix = ''): Leaf[] {
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([key, child]) => flattenLeaves(child, prefix ? `${prefix}.${key}` : key))
  }
  if (isObjectList(value))
    return value.flatMap((child, index) => flattenLeaves(child, `${prefix}.${index}`))
  return prefix ? [{ path: prefix, value }] : []
}

/** The leaves under one top-level part of the application (`person`, `organisation`, …). */
export function leavesOf(application: unknown, part: string): Leaf[] {
  const value = isRecord(application) ? application[part] : undefined
  return value === undefined || value === null ? [] : flattenLeaves(value, part)
}

/** Whether two leaf values are the same (plain-value arrays compared element by element). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]))
  return Object.is(a, b)
}
