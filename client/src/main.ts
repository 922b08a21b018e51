import { createPinia } from 'pinia'
import { createApp } from 'vue'
import AppShell from './app/AppShell.vue'
import { installUnexpectedErrorHandling } from './app/errors/unexpected-errors'
import { registerServiceWorker } from './app/pwa/register-service-worker'
import { guardUnsavedInputOnUnload } from './app/pwa/unsaved-input'
import { i18n } from './i18n/i18n'
import { router } from './router/router'

const app = createApp(AppShell).use(createPinia()).use(router).use(i18n)
installUnexpectedErrorHandling(app)
guardUnsavedInputOnUnload(window)
app.mount('#app')

// The offline shell (production builds only): after this first online visit the app opens
// with no network; a new version waits for the agent (PwaUpdatePrompt).
void registerServiceWorker()
