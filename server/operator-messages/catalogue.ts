import type { LocalisedText } from '#shared/i18n/locale'
import { BACKUP_MESSAGES } from './catalogue/backup.messages'
import { COMMAND_MESSAGES } from './catalogue/command.messages'
import { CONFIG_MESSAGES } from './catalogue/config.messages'
import { DATABASE_MESSAGES } from './catalogue/database.messages'
import { KEY_MESSAGES } from './catalogue/key.messages'
import { MAINTENANCE_MESSAGES } from './catalogue/maintenance.messages'
import { RESTORE_MESSAGES } from './catalogue/restore.messages'
import { SEED_MESSAGES } from './catalogue/seed.messages'
import { SERVER_MESSAGES } from './catalogue/server.messages'
import { USAGE_MESSAGES } from './catalogue/usage.messages'

/**
 * The one catalogue of what the operator commands and the server print: keys, each with
 * its zh-CN and en text (`satisfies` fails the type check when one language is missing),
 * `{name}` placeholders alike in both (a unit test checks it). One file per area, so each
 * stays short; the parts' keys are prefixed by area and never repeat (the test checks that
 * too: a repeated key would silently replace another's text).
 */
export const OPERATOR_MESSAGE_PARTS = [
  COMMAND_MESSAGES,
  CONFIG_MESSAGES,
  SERVER_MESSAGES,
  DATABASE_MESSAGES,
  BACKUP_MESSAGES,
  RESTORE_MESSAGES,
  KEY_MESSAGES,
  MAINTENANCE_MESSAGES,
  SEED_MESSAGES,
  USAGE_MESSAGES,
] as const

export const OPERATOR_MESSAGES = {
  ...COMMAND_MESSAGES,
  ...CONFIG_MESSAGES,
  ...SERVER_MESSAGES,
  ...DATABASE_MESSAGES,
  ...BACKUP_MESSAGES,
  ...RESTORE_MESSAGES,
  ...KEY_MESSAGES,
  ...MAINTENANCE_MESSAGES,
  ...SEED_MESSAGES,
  ...USAGE_MESSAGES,
} as const satisfies Record<string, LocalisedText>

export type OperatorMessages = typeof OPERATOR_MESSAGES
export type OperatorMessageKey = keyof OperatorMessages

export function isOperatorMessageKey(value: string): value is OperatorMessageKey {
  return Object.hasOwn(OPERATOR_MESSAGES, value)
}
