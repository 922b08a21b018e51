import type { z } from 'zod'
import { firstIssueByField } from '#shared/errors/format-issue'
import { toValidationIssues } from '#shared/errors/zod-issues'
import { ref } from 'vue'
import { useLocalised } from './use-localised'

/**
 * A desk form checked with the shared schema the server checks with, before anything is
 * sent: each problem in the current language under its field (`issues[field]`, the first
 * segment of the issue's path), so the form and the server never disagree.
 */
export function useFormIssues() {
  const { locale } = useLocalised()
  const issues = ref<Record<string, string>>({})

  /** The parsed value, or null with `issues` filled. */
  function check<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | null {
    const parsed = schema.safeParse(value)
    issues.value = parsed.success ? {} : firstIssueByField(toValidationIssues(parsed.error, value), locale.value)
    return parsed.success ? parsed.data : null
  }

  function clear(): void {
    issues.value = {}
  }

  return { issues, check, clear }
}
