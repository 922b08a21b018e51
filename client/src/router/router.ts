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
})
