import type { ValidationIssue } from '../errors/issue'

/**
 * Which two versions of an application may be compared (the desk's 版本对比, the server's
 * `version-changes`): an earlier one against a later one. The same version twice is no
 * comparison, and the two reversed would list every change backwards (what was added shown
 * as removed). Pure; the server refuses such a pair, the desk does not send it.
 */
export function versionPairIssue(from: number, to: number): ValidationIssue | null {
  return from < to ? null : { path: 'to', code: 'version.order', params: { from, to } }
}
