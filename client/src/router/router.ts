import { createRouter, createWebHistory } from 'vue-router'

/**
 * Two lazily loaded areas: the field area (Vant, on tablets, offline) and the desk area
 * (Element Plus, desktop). Each is its own chunk, so a tablet never downloads the desk.
 */
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', redirect: '/field' },
    { path: '/field', name: 'field-home', component: () => import('../field/pages/FieldHomePage.vue') },
    { path: '/desk', name: 'desk-home', component: () => import('../desk/pages/DeskHomePage.vue') },
    { path: '/:pathMatch(.*)*', redirect: '/field' },
  ],
})
