import type { Locale, LocalisedText } from '#shared/i18n/locale'
import type { OperatorMessageKey, OperatorMessages } from './catalogue'
import { interpolate, LOCALES } from '#shared/i18n/locale'
import { OPERATOR_MESSAGES } from './catalogue'

/**
 * What the operator commands and the server's start-up print, in both languages, from the
 * one catalogue (./catalogue): the same `{ 'zh-CN', 'en' }` entries and `{name}`
 * placeholders as the API's error messages (shared/errors/error-codes.ts). A text is made
 * in both languages where it arises and printed in the operator's (config: FIELD_ENROL_LANG
 * or the POSIX locale), so a module deep in the backup code needs no language of its own.
 */

/** A placeholder's value: a number, a name or path said alike in both languages, or a text worded in each. */
export type ParamValue = string | number | LocalisedText

/** The `{name}` placeholders of a template, as a union of names. */
type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never

/** The params a message needs: every placeholder of its English template (a unit test holds zh-CN to the same ones). */
export type OperatorParams<K extends OperatorMessageKey> = Record<Placeholders<OperatorMessages[K]['en']>, ParamValue>

/** A key with no placeholders takes no params; one with placeholders must be given each. */
export type MessageArgs<K extends OperatorMessageKey> = [Placeholders<OperatorMessages[K]['en']>] extends [never] ? [] : [params: OperatorParams<K>]

function valueIn(value: ParamValue, locale: Locale): string | number {
  return typeof value === 'object' ? value[locale] : value
}

/** A catalogue message, in every language. */
export function operatorText<K extends OperatorMessageKey>(key: K, ...args: MessageArgs<K>): LocalisedText {
  const params = (args[0] ?? {}) as Record<string, ParamValue>
  const text = {} as LocalisedText
  for (const locale of LOCALES) {
    const filled: Record<string, string | number> = {}
    for (const [name, value] of Object.entries(params))
      filled[name] = valueIn(value, locale)
    text[locale] = interpolate(OPERATOR_MESSAGES[key][locale], filled)
  }
  return text
}

/** The same words in both languages (a path, a code, a count): for a place a text is expected. */
export function verbatim(value: string): LocalisedText {
  return { 'zh-CN': value, 'en': value }
}

/** Texts joined into one, in each language (a list of reasons, a line and its aside). */
export function joinTexts(texts: readonly LocalisedText[], separator: LocalisedText): LocalisedText {
  const joined = {} as LocalisedText
  for (const locale of LOCALES)
    joined[locale] = texts.map(text => text[locale]).join(separator[locale])
  return joined
}

/**
 * A refusal the operator is to read and act on (a wrong setting, a backup that does not
 * pass, a key that does not fit), worded in both languages. `message` is the English one,
 * so logs, stack traces and in-process tests read as before; what a command or the server
 * prints is `text` in the operator's language (see output.ts).
 */
export class OperatorError extends Error {
  readonly text: LocalisedText

  constructor(text: LocalisedText) {
    super(text.en)
    this.text = text
  }
}
