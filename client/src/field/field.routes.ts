import type { RouteRecordRaw } from 'vue-router'
import { requireFieldSession } from './auth/field-auth.guard'

/**
 * The field area's routes. Everything but sign-in needs a session (online or offline);
 * every page is its own lazily loaded chunk under the field layout.
 */
export const fieldRoutes: RouteRecordRaw[] = [
  { path: '/field/sign-in', name: 'field-sign-in', component: () => import('./pages/FieldSignInPage.vue') },
  {
    path: '/field',
    component: () => import('./layout/FieldLayout.vue'),
    beforeEnter: requireFieldSession,
    children: [
      { path: '', name: 'field-home', component: () => import('./pages/FieldHomePage.vue') },
      { path: 'enrol/new/:type(individual|family|organisation)', name: 'field-enrol-new', component: () => import('./pages/EnrolNewPage.vue') },
      { path: 'enrol/:id', name: 'field-enrol', component: () => import('./pages/EnrolWizardPage.vue') },
      { path: 'applications/:id', name: 'field-application', component: () => import('./pages/ApplicationDetailPage.vue') },
      { path: 'receipt/:id', name: 'field-receipt', component: () => import('./pages/ReceiptPage.vue') },
      { path: 'device', name: 'field-device', component: () => import('./pages/DevicePage.vue') },
    ],
  },
]
