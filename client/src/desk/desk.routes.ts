import type { Role } from '#shared/status/roles'
import type { NavigationGuard, RouteRecordRaw } from 'vue-router'
import { loadDeskMessages } from '../i18n/i18n'

/**
 * The desk area's routes (desktop, online only, Element Plus). This file is imported by
 * the app's router, so it stays tiny: every page, the layout and even the guard load
 * lazily, keeping the desk out of the field's entry chunk and out of the tablet's precache.
 * The desk's texts too: both entry points into the desk (sign-in, and the layout with every
 * page under it) wait for them in `beforeEnter`, which runs before a page's component is
 * resolved and rendered — also on a reload of a deep desk URL.
 */

declare module 'vue-router' {
  interface RouteMeta {
    /** Desk roles that may open the route; the guard sends anyone else to the desk home. */
    deskRoles?: readonly Role[]
  }
}

const REVIEWERS: readonly Role[] = ['reviewer', 'supervisor']
const ADMINS: readonly Role[] = ['admin']
const STATS_ROLES: readonly Role[] = ['reviewer', 'supervisor', 'admin']

const requireDeskSession: NavigationGuard = async (to) => {
  const { deskGuard } = await import('./auth/desk-auth.guard')
  return deskGuard(to)
}

/** A parent's guard runs once on entering the area, which is when the texts are needed. */
const requireDeskMessages: NavigationGuard = async () => {
  await loadDeskMessages()
}

export const deskRoutes: RouteRecordRaw[] = [
  { path: '/desk/sign-in', name: 'desk-sign-in', component: () => import('./pages/DeskSignInPage.vue'), beforeEnter: requireDeskMessages },
  {
    path: '/desk',
    component: () => import('./layout/DeskLayout.vue'),
    beforeEnter: requireDeskMessages,
    // The session guard is on every child, not the parent: a parent's beforeEnter does not
    // run again when moving between its children, and the role check depends on the child.
    children: [
      { path: '', name: 'desk-home', component: () => import('./pages/DeskHomePage.vue') },
      { path: 'queue', name: 'desk-queue', component: () => import('./pages/DeskQueuePage.vue'), meta: { deskRoles: REVIEWERS } },
      { path: 'applications/:id', name: 'desk-application', component: () => import('./pages/DeskApplicationPage.vue'), meta: { deskRoles: REVIEWERS } },
      { path: 'members', name: 'desk-members', component: () => import('./pages/DeskMembersPage.vue'), meta: { deskRoles: REVIEWERS } },
      { path: 'members/:id', name: 'desk-member', component: () => import('./pages/DeskMemberPage.vue'), meta: { deskRoles: REVIEWERS } },
      { path: 'stats', name: 'desk-stats', component: () => import('./pages/DeskStatsPage.vue'), meta: { deskRoles: STATS_ROLES } },
      { path: 'stats/daily', name: 'desk-stats-daily', component: () => import('./pages/DeskDailyReportPage.vue'), meta: { deskRoles: STATS_ROLES } },
      { path: 'admin/staff', name: 'desk-admin-staff', component: () => import('./pages/DeskAdminStaffPage.vue'), meta: { deskRoles: ADMINS } },
      { path: 'admin/sites', name: 'desk-admin-sites', component: () => import('./pages/DeskAdminSitesPage.vue'), meta: { deskRoles: ADMINS } },
      { path: 'admin/devices', name: 'desk-admin-devices', component: () => import('./pages/DeskAdminDevicesPage.vue'), meta: { deskRoles: ADMINS } },
      { path: 'admin/programme', name: 'desk-admin-programme', component: () => import('./pages/DeskAdminProgrammePage.vue'), meta: { deskRoles: ADMINS } },
      { path: 'admin/audit', name: 'desk-admin-audit', component: () => import('./pages/DeskAdminAuditPage.vue'), meta: { deskRoles: ADMINS } },
    ].map<RouteRecordRaw>(child => ({ ...child, beforeEnter: requireDeskSession })).concat(
      // A mistyped or outdated desk address stays in the desk: its home (the queue, for reviewers).
      { path: ':pathMatch(.*)*', redirect: { name: 'desk-home' } },
    ),
  },
]
