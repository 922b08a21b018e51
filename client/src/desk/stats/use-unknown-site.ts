import type { Ref } from 'vue'
import { watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { linkedSiteVerdict } from '../directory/directory-freshness'
import { useDeskDirectoryStore } from '../directory/directory.store'

/**
 * A link naming a site the desk does not know (mistyped, closed for good, or not among a
 * reviewer's sites) says so and shows every site, instead of zeros under a bare id. Judged
 * only against a directory asked for since the page opened: a site created after an older
 * one was fetched is asked for again, not refused. Before a directory arrives, or when it
 * cannot be fetched, nothing is judged.
 */
export function watchUnknownSite(siteId: Ref<string>, showAllSites: () => void, notice: Ref<string | null>): void {
  const { t } = useI18n()
  const directory = useDeskDirectoryStore()
  const openedAt = Date.now()
  watch([siteId, () => directory.directory, () => directory.fetchedAt], ([id, current, fetchedAt]) => {
    const verdict = linkedSiteVerdict(id, current?.sites ?? null, fetchedAt, openedAt)
    if (verdict === 'ask-again') {
      void directory.refresh()
    }
    else if (verdict === 'unknown') {
      showAllSites()
      notice.value = t('deskStats.siteRefused', { site: id })
    }
  }, { immediate: true })
}
