import type { Env } from '../config/env'
import type { OperatorMessageKey } from '../operator-messages/catalogue'
import type { OperatorOutput } from '../operator-messages/output'
import process from 'node:process'
import { configuredLocale, loadEnv } from '../config/env'
import { isStorageFull } from '../db/errors'
import { createOutput } from '../operator-messages/output'

/**
 * What every operator command shares: the configuration read once (a bad setting stops it
 * with exit 2, named), every line in the operator's language (FIELD_ENROL_LANG or the
 * POSIX locale: server/config/language.ts), an exit status from `main` (0 done, 1
 * interrupted, 2 could not run, with the reason on stderr, 3 done but found problems, each
 * printed), and a Ctrl-C that asks the work to stop after the batch in hand — a second
 * Ctrl-C quits at once.
 */

export interface CommandContext {
  env: Env
  out: OperatorOutput
}

/**
 * Node's own refusals of the command line (parseArgs), in the catalogue's words: they are
 * the operator's to fix, like any other.
 */
function parseArgsRefusal(error: unknown, out: OperatorOutput): string | null {
  const { code, message } = error as { code?: unknown, message?: unknown }
  const quoted = typeof message === 'string' ? /'([^']*)'/.exec(message)?.[1] ?? message : ''
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return out.text('command.unknown_option', { option: quoted })
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return out.text('command.unexpected_argument', { argument: quoted })
    // Said for both a string option given no value (`'--to <value>' argument missing`) and a
    // switch given one (`'--dry-run' does not take an argument`): told apart by the placeholder.
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return quoted.endsWith(' <value>')
        ? out.text('command.option_value', { option: quoted.slice(0, -' <value>'.length) })
        : out.text('command.option_takes_no_value', { option: quoted })
    default:
      return null
  }
}

/** The usage a command prints for `--help`. */
export type UsageKey = Extract<OperatorMessageKey, `usage.${string}`>

/** Whether the operator asked for the usage: `--help` or `-h` anywhere before a lone `--`. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--')
  return (end === -1 ? args : args.slice(0, end)).some(arg => arg === '--help' || arg === '-h')
}

/**
 * Runs a command. `--help` (or `-h`) prints its usage and does nothing else, whatever the
 * configuration: an operator looking for how to call it may not have set it up yet.
 */
export function runCommand(usage: UsageKey, main: (context: CommandContext) => Promise<number>): void {
  if (asksForHelp(process.argv.slice(2))) {
    createOutput(configuredLocale()).say(usage)
    process.exit(0)
  }
  let env: Env
  try {
    env = loadEnv()
  }
  catch (error) {
    console.error(createOutput(configuredLocale()).describe(error))
    process.exit(2)
  }
  const out = createOutput(env.locale)
  main({ env, out }).then(
    code => process.exit(code),
    (error: unknown) => {
      // A full disk is the operator's to fix, not a bug: said as such (the command has undone what it began).
      const full = isStorageFull(error) ? out.text('command.storage_full', { reason: out.describe(error) }) : null
      console.error(full ?? parseArgsRefusal(error, out) ?? out.describe(error))
      process.exit(2)
    },
  )
}

/** Listens for Ctrl-C; the answer says whether the command was asked to stop. */
export function stopOnInterrupt(out: OperatorOutput, notice: Extract<OperatorMessageKey, 'command.stopping_resume' | 'command.stopping_go_on'>): () => boolean {
  let stop = false
  process.on('SIGINT', () => {
    if (stop)
      process.exit(1)
    stop = true
    out.say(notice)
  })
  return () => stop
}

export function percentOf(done: number, total: number): number {
  return total ? Math.min(100, Math.floor((done / total) * 100)) : 100
}

/** Prints "label: done/total (n%)" at most once a second, and always the last one. */
export function progressPrinter(out: OperatorOutput): (label: string, done: number, total: number) => void {
  let lastPrinted = 0
  return (label, done, total) => {
    const now = Date.now()
    if (now - lastPrinted < 1000 && done < total)
      return
    lastPrinted = now
    out.say('command.progress', { label, done, total, percent: percentOf(done, total) })
  }
}

export function megabytes(out: OperatorOutput, bytes: number): string {
  return out.text('command.megabytes', { size: (bytes / 1024 / 1024).toFixed(1) })
}

export function secondsSince(out: OperatorOutput, started: number): string {
  return out.text('command.seconds', { seconds: ((Date.now() - started) / 1000).toFixed(1) })
}
