import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { BACKUP_PROBLEM_TEXT, verifyBackup } from '../backup/verify-backup'
import { loadEnv } from '../config/env'
import { findDataKey, readDataKeyFile } from '../security/personal-data'
import { progressPrinter, runCommand } from './command'

/**
 * `npm run backup:verify -- <backup folder> [--key-file <data.key>]`: reads a backup whole
 * and lists what is wrong with it (see verify-backup.ts). With a data key (the key file
 * given, else FIELD_ENROL_DATA_KEY or DATA_DIR's key) it also proves the key opens it.
 * Exit status: 0 sound, 2 could not run (no such folder, no key file), 3 problems found (each printed).
 */

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'key-file': { type: 'string' }, 'pg-bin': { type: 'string' } } })
  if (positionals.length !== 1) {
    console.error('Name one backup folder: npm run backup:verify -- /mnt/backup/field-enrol/field-enrol-2026-12-03T02-00-00.000Z')
    return 2
  }
  const folder = resolve(positionals[0]!)
  if (!existsSync(folder)) {
    console.error(`No folder at ${folder}: name a backup folder (field-enrol-<date> under the backup target).`)
    return 2
  }
  const env = loadEnv()
  const masterKey = values['key-file'] ? readDataKeyFile(resolve(values['key-file'])) : findDataKey(env.FIELD_ENROL_DATA_KEY, env.DATA_DIR)
  if (values['key-file'] && !masterKey) {
    console.error(`No key file at ${values['key-file']}`)
    return 2
  }
  const progress = progressPrinter()
  const check = await verifyBackup({
    folder,
    masterKey,
    postgresBinDir: values['pg-bin'],
    onProgress: (done, total) => progress('attachment files read', done, total),
  })
  for (const problem of check.problems)
    console.log(`PROBLEM ${problem.code}: ${BACKUP_PROBLEM_TEXT[problem.code]} (${problem.detail})`)
  if (check.problems.length)
    return 3
  const manifest = check.manifest!
  console.log(`Sound: backup of ${manifest.createdAt}, ${manifest.counts.applications} applications, ${manifest.counts.members} members, ${manifest.attachments.files} attachment files${masterKey ? '; the data key opens it' : '; no data key given, so the key was not tried'}.`)
  return 0
}

runCommand(main)
