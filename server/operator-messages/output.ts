import type { Locale, LocalisedText } from '#shared/i18n/locale'
import type { OperatorMessageKey } from './catalogue'
import type { MessageArgs } from './operator-text'
import { OperatorError, operatorText } from './operator-text'

/**
 * Every line a command or the server prints goes through one of these, in the operator's
 * language: `say` to stdout (progress, summaries), `warn` to stderr (refusals, problems).
 * The few direct console calls left (command.ts, main.ts) print a text `describe` made, or
 * an unexpected error as it is (a bug's stack is for developers): no English-only line
 * written for the operator slips past the catalogue.
 */
export interface OperatorOutput {
  readonly locale: Locale
  /** The message in the operator's language, to print as part of another. */
  text: <K extends OperatorMessageKey>(key: K, ...args: MessageArgs<K>) => string
  say: <K extends OperatorMessageKey>(key: K, ...args: MessageArgs<K>) => void
  warn: <K extends OperatorMessageKey>(key: K, ...args: MessageArgs<K>) => void
  /** A text made elsewhere (an OperatorError's, a problem's), to stdout or stderr. */
  sayText: (text: LocalisedText) => void
  warnText: (text: LocalisedText) => void
  /** Part of a line (no newline): a step whose outcome the next `say` ends. */
  begin: <K extends OperatorMessageKey>(key: K, ...args: MessageArgs<K>) => void
  /** What went wrong, worded for the operator: an OperatorError's text, another error's message (a bug's, the driver's). */
  describe: (error: unknown) => string
}

export function createOutput(locale: Locale): OperatorOutput {
  const text = <K extends OperatorMessageKey>(key: K, ...args: MessageArgs<K>): string => operatorText(key, ...args)[locale]
  return {
    locale,
    text,
    say: (key, ...args) => console.log(text(key, ...args)),
    warn: (key, ...args) => console.error(text(key, ...args)),
    sayText: said => console.log(said[locale]),
    warnText: said => console.error(said[locale]),
    begin: (key, ...args) => process.stdout.write(text(key, ...args)),
    describe: error => error instanceof OperatorError ? error.text[locale] : error instanceof Error ? error.message : String(error),
  }
}
