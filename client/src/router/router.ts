import { createRouter, createWebHistory } from 'vue-router'
import { deskRoutes } from '../desk/desk.routes'
import { fieldRoutes } from '../field/field.routes'

/**
 * Two lazily loaded areas: the field area (Vant, on tablets, offline) and the desk area
 * (Element Plus, desktop). Each is its own chunk, so a tablet never downloads the desk.
 */
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', redirect: '/field' },
    ...fieldRoutes,
    ...deskRoutes,
    { path: '/:pathMatch(.*)*', redirect: '/field' },
  ],
  /*
   * A field page opens at its top. Without this the window stayed where the last page left
   * it: the receipt opened from the foot of an application's page came up with its title
   * scrolled away, a detail opened from far down a list in the middle of the record. Back
   * and forward return to where the page was; a change of the query alone (the wizard's step)
   * is the page's own affair. A scrollBehavior turns the browser's own restoring off
   * (`history.scrollRestoration = 'manual'`), so the desk is given back what that did:
   * back, forward and a reload return where the page was, and a new page is left alone.
   */
  scrollBehavior(to, from, savedPosition) {
    if (savedPosition)
      return savedPosition
    if (!to.path.startsWith('/field'))
      return false
    return to.path === from.path ? false : { top: 0 }
  },
})
