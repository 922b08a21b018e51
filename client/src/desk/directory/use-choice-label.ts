import type { Choice } from './directory-labels'
import { useI18n } from 'vue-i18n'

/** A filter option's text: a closed site or a disabled agent says so (`朝阳网点（BJ01）（已停用）`). */
export function useChoiceLabel(): (choice: Choice) => string {
  const { t } = useI18n()
  return choice => (choice.inactive ? t('desk.directory.inactive', { label: choice.label }) : choice.label)
}
