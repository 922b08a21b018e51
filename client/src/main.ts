import { createPinia } from 'pinia'
import { createApp } from 'vue'
import AppShell from './app/AppShell.vue'
import { i18n } from './i18n/i18n'
import { router } from './router/router'

createApp(AppShell).use(createPinia()).use(router).use(i18n).mount('#app')
