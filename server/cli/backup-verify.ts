import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { backupProblemText, verifyBackup } from '../backup/verify-backup'
import { findDataKey, readDataKeyFile } from '../security/personal-data'
import { progressPrinter, runCommand } from './command'

/**
 * `npm run backup:verify -- <backup folder> [--key-file <data.key>]`: reads a backup whole
 * and lists what is wrong with it (see verify-backup.ts), each problem with its stable
 * code (`[manifest_missing]`). With a data key (the key file given, else
 * FIELD_ENROL_DATA_KEY or DATA_DIR's key) it also proves the key opens it.
 * Exit status: 0 sound, 2 could not run (no such folder, no key file), 3 problems found (each printed).
 */

runCommand('usage.backup_verify', async ({ env, out }) => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'key-file': { type: 'string' }, 'pg-bin': { type: 'string' } } })
  if (positionals.length !== 1) {
    out.warn('verify.name_folder')
    return 2
  }
  const folder = resolve(positionals[0]!)
  if (!existsSync(folder)) {
    out.warn('verify.no_folder', { folder })
    return 2
  }
  const masterKey = values['key-file'] ? readDataKeyFile(resolve(values['key-file'])) : findDataKey(env.FIELD_ENROL_DATA_KEY, env.DATA_DIR)
  if (values['key-file'] && !masterKey) {
    out.warn('verify.no_key_file', { path: values['key-file'] })
    return 2
  }
  const progress = progressPrinter(out)
  const check = await verifyBackup({
    folder,
    masterKey,
    postgresBinDir: values['pg-bin'],
    onProgress: (done, total) => progress(out.text('verify.progress_files'), done, total),
  })
  for (const problem of check.problems)
    out.say('verify.problem', { code: problem.code, text: backupProblemText(problem.code), detail: problem.detailText })
  if (check.problems.length)
    return 3
  const manifest = check.manifest!
  out.say('verify.sound', {
    createdAt: manifest.createdAt,
    applications: manifest.counts.applications,
    members: manifest.counts.members,
    files: manifest.attachments.files,
    key: out.text(masterKey ? 'verify.key_opens' : 'verify.key_not_tried'),
  })
  return 0
})
