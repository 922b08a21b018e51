import type { LocalisedText } from '#shared/i18n/locale'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { restoreBackup, RestoreRefusedError } from '../backup/restore-backup'
import { backupProblemText } from '../backup/verify-backup'
import { operatorText } from '../operator-messages/operator-text'
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

runCommand('usage.restore', async ({ env, out }) => {
  const { values } = parseArgs({ options: { 'from': { type: 'string' }, 'key-file': { type: 'string' }, 'pg-bin': { type: 'string' } } })
  if (!values.from) {
    out.warn('restore.name_backup')
    return 2
  }
  const refuse = (reason: LocalisedText): number => {
    out.warn('restore.refused', { reason })
    return 2
  }
  if (!existsSync(resolve(values.from)))
    return refuse(operatorText('restore.no_folder', { folder: resolve(values.from) }))
  const keyFile = values['key-file'] && resolve(values['key-file'])
  // The key named on the command line is the one meant; the server then starts with the
  // environment's key or DATA_DIR/data.key, so those must not name another one.
  const given = keyFile ? readDataKeyFile(keyFile) : undefined
  if (keyFile && !given)
    return refuse(operatorText('restore.no_key_file', { path: keyFile }))
  const configured = findDataKey(env.FIELD_ENROL_DATA_KEY, env.DATA_DIR)
  const masterKey = given ?? configured
  if (!masterKey) {
    if (keyFile)
      out.warn('restore.name_key_missing', { path: keyFile })
    else
      out.warn('restore.name_key')
    return 2
  }
  if (given && configured && !given.equals(configured)) {
    const keys = { configured: dataKeyFingerprint(configured), file: keyFile ?? '', given: dataKeyFingerprint(given) }
    return refuse(env.FIELD_ENROL_DATA_KEY
      ? operatorText('restore.other_key_env', keys)
      : operatorText('restore.other_key_file', { ...keys, other: dataKeyPath(env.DATA_DIR) }))
  }
  const progress = progressPrinter(out)
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
          out.say('restore.progress_database')
        else
          progress(out.text(step.phase === 'verifying' ? 'restore.progress_verifying' : 'restore.progress_files'), step.done, step.total)
      },
    })
    out.say('restore.done', { createdAt: manifest.createdAt, applications: manifest.counts.applications, members: manifest.counts.members, files: manifest.attachments.files })
    out.say(env.DATABASE_URL ? 'restore.next_postgres' : 'restore.next_sqlite', { dir: env.DATA_DIR, createdAt: manifest.createdAt })
    return 0
  }
  catch (error) {
    if (!(error instanceof RestoreRefusedError))
      throw error
    refuse(error.text)
    for (const problem of error.problems)
      out.warn('restore.problem', { code: problem.code, text: backupProblemText(problem.code), detail: problem.detailText })
    return 2
  }
})
