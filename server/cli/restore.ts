import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { restoreBackup, RestoreRefusedError } from '../backup/restore-backup'
import { BACKUP_PROBLEM_TEXT } from '../backup/verify-backup'
import { loadEnv } from '../config/env'
import { dataKeyFingerprint, dataKeyPath, findDataKey, readDataKeyFile } from '../security/personal-data'
import { progressPrinter, runCommand } from './command'

/**
 * `npm run restore -- --from <backup folder> [--key-file <data.key>]`: restores a backup,
 * verified first, into DATA_DIR (which must hold no database and no attachments) or, with
 * DATABASE_URL, into an empty PostgreSQL database — never over live data. The data key is
 * FIELD_ENROL_DATA_KEY, or the key file given (copied to DATA_DIR/data.key just before the
 * restore is switched into place), or a data.key already in DATA_DIR; it must be the backup's. Then start
 * the server with the same DATA_DIR / DATABASE_URL. Exit status: 0 restored, 2 could not
 * run or refused (nothing restored; the reasons printed). Interrupted (Ctrl-C), it leaves no
 * database behind; run it again.
 */

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'from': { type: 'string' }, 'key-file': { type: 'string' }, 'pg-bin': { type: 'string' } } })
  if (!values.from) {
    console.error('Name the backup to restore: npm run restore -- --from /mnt/backup/field-enrol/field-enrol-2026-12-03T02-00-00.000Z')
    return 2
  }
  if (!existsSync(resolve(values.from))) {
    console.error(`Not restored: no folder at ${resolve(values.from)}: name a backup folder (field-enrol-<date> under the backup target).`)
    return 2
  }
  const env = loadEnv()
  const keyFile = values['key-file'] && resolve(values['key-file'])
  // The key named on the command line is the one meant; the server then starts with the
  // environment's key or DATA_DIR/data.key, so those must not name another one.
  const given = keyFile ? readDataKeyFile(keyFile) : undefined
  if (keyFile && !given) {
    console.error(`Not restored: no key file at ${keyFile}`)
    return 2
  }
  const configured = findDataKey(env.FIELD_ENROL_DATA_KEY, env.DATA_DIR)
  const masterKey = given ?? configured
  if (!masterKey) {
    console.error(`Name the data key the backup was made with: --key-file <its data.key>, or FIELD_ENROL_DATA_KEY${keyFile ? ` (no key file at ${keyFile})` : ''}`)
    return 2
  }
  if (given && configured && !given.equals(configured)) {
    const other = env.FIELD_ENROL_DATA_KEY ? 'FIELD_ENROL_DATA_KEY' : dataKeyPath(env.DATA_DIR)
    console.error(`Not restored: ${other} holds another key (${dataKeyFingerprint(configured)}) than ${keyFile} (${dataKeyFingerprint(given)}); the server would start with the first. ${env.FIELD_ENROL_DATA_KEY ? 'Unset FIELD_ENROL_DATA_KEY, or set it to the backup\'s key' : 'Move that file away'}, then restore again.`)
    return 2
  }
  const progress = progressPrinter()
  try {
    const manifest = await restoreBackup({
      folder: resolve(values.from),
      dataDir: env.DATA_DIR,
      databaseUrl: env.DATABASE_URL,
      masterKey,
      postgresBinDir: values['pg-bin'],
      // Installed only where no key waits already (one that does is the same key: checked above).
      keyFile: keyFile && !configured ? keyFile : undefined,
      onProgress: (step) => {
        if (step.phase === 'database')
          console.log('  database: restoring…')
        else
          progress(step.phase === 'verifying' ? 'verifying attachment files' : 'restoring attachment files', step.done, step.total)
      },
    })
    console.log(`Restored the backup of ${manifest.createdAt}: ${manifest.counts.applications} applications, ${manifest.counts.members} members, ${manifest.attachments.files} attachment files.`)
    console.log(`Start the server with DATA_DIR=${env.DATA_DIR}${env.DATABASE_URL ? ' and the same DATABASE_URL' : ''}. What was synced or decided after ${manifest.createdAt} is not in the restored data; tablets pick up every change from now on.`)
    return 0
  }
  catch (error) {
    if (!(error instanceof RestoreRefusedError))
      throw error
    console.error(`Not restored: ${error.message}`)
    for (const problem of error.problems)
      console.error(`  ${problem.code}: ${BACKUP_PROBLEM_TEXT[problem.code]} (${problem.detail})`)
    return 2
  }
}

runCommand(main)
