import type { Ref } from 'vue'
import { watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useDeskDirectoryStore } from '../directory/directory.store'

/**
 * A link naming a site the desk does not know (mistyped, closed for good, or not among a
 * reviewer's sites) says so and shows every site, instead of zeros under a bare id. Judged
 * only once the directory has arrived: before that, or when it could not be fetched, every
 * site is unknown.
 */
export function watchUnknownSite(siteId: Ref<string>, showAllSites: () => void, notice: Ref<string | null>): void {
  const { t } = useI18n()
  const directory = useDeskDirectoryStore()
  watch([siteId, () => directory.sites], ([id, sites]) => {
    if (!id || sites.length === 0 || sites.some(site => site.id === id))
      return
    showAllSites()
    notice.value = t('deskStats.siteRefused', { site: id })
  }, { immediate: true })
}
