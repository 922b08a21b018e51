import type { Role } from '#shared/status/roles'

/** Who works at the desk (DESIGN.md §2). Field agents use the field app on their tablets. */
export const DESK_ROLES: readonly Role[] = ['reviewer', 'supervisor', 'admin']

/** Roles that work the review queue and see members; administrators do not see applicants' data. */
export const REVIEW_ROLES: readonly Role[] = ['reviewer', 'supervisor']

export function isDeskRole(role: Role): boolean {
  return DESK_ROLES.includes(role)
}

/** Whether `role` may open a route that names `allowed` (no list: every desk role). */
export function roleAllows(role: Role, allowed: readonly Role[] | undefined): boolean {
  return isDeskRole(role) && (!allowed || allowed.includes(role))
}
