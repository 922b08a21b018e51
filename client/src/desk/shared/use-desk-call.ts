import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { deskErrorMessage } from './desk-errors'
import { useLocalised } from './use-localised'

/**
 * One call at a time from a desk screen or dialog: a busy flag, and the last failure in the
 * current language. `run` answers the call's result, or null when it failed (the message is
 * in `error`), so a screen never forgets to clear or set either.
 */
export function useDeskCall() {
  const { t } = useI18n()
  const { locale } = useLocalised()
  const busy = ref(false)
  const error = ref<string | null>(null)
  /** The last call's failure itself (what `error` words), for a screen that acts on its kind. */
  const failure = shallowRef<unknown>(null)

  async function run<T>(call: () => Promise<T>): Promise<T | null> {
    busy.value = true
    error.value = null
    failure.value = null
    try {
      return await call()
    }
    catch (caught) {
      failure.value = caught
      error.value = deskErrorMessage(caught, locale.value, t)
      return null
    }
    finally {
      busy.value = false
    }
  }

  return { busy, error, failure, run }
}
