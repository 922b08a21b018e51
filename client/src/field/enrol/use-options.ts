import type { LocalisedText } from '#shared/i18n/locale'
import { ORGANISATION_TYPES } from '#shared/application/application.schema'
import { DEPENDANT_RELATIONS, GENDERS, GUARDIAN_RELATIONS, PAYMENT_METHOD_LABELS, PAYMENT_METHODS } from '#shared/application/enums'
import { DEPENDANT_RELATION_LABELS, GENDER_LABELS, GUARDIAN_RELATION_LABELS, ID_TYPE_LABELS, ORGANISATION_TYPE_LABELS } from '#shared/application/vocabulary-labels'
import { ID_TYPES } from '#shared/identity/id-document'
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

/** The form's choices in the current language, from the shared vocabularies. */
export function useOptions() {
  const { locale } = useI18n()
  const lang = computed(() => (locale.value === 'en' ? 'en' : 'zh-CN'))
  const options = <T extends string>(values: readonly T[], labels: Record<T, LocalisedText>) =>
    computed(() => values.map(value => ({ value: value as string, text: labels[value][lang.value] })))
  return {
    lang,
    genders: options(GENDERS, GENDER_LABELS),
    idTypes: options(ID_TYPES, ID_TYPE_LABELS),
    guardianRelations: options(GUARDIAN_RELATIONS, GUARDIAN_RELATION_LABELS),
    dependantRelations: options(DEPENDANT_RELATIONS, DEPENDANT_RELATION_LABELS),
    organisationTypes: options(ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS),
    paymentMethods: options(PAYMENT_METHODS, PAYMENT_METHOD_LABELS),
  }
}
