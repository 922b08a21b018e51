import type { Rule } from './rule-context'
import { z } from 'zod'

/**
 * Form versions the server still accepts. A device migrates stored drafts to the current
 * version when the app updates, but records already queued under an older version are
 * accepted as they are while that version is listed here.
 */
export const SUPPORTED_FORM_VERSIONS: readonly number[] = [1]

const versionSchema = z.number().int()

export const formVersionRule: Rule = (ctx) => {
  const version = ctx.read('formVersion', versionSchema)
  if (version !== undefined && !SUPPORTED_FORM_VERSIONS.includes(version))
    ctx.error('formVersion', 'form.version_unsupported', { version })
}
