import { existsSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { createBackup } from '../backup/create-backup'
import { describeUnfinished } from '../backup/unfinished-backup'
import { loadEnv } from '../config/env'
import { missingDatabase } from '../runtime'
import { dataKeyPath, findDataKey } from '../security/personal-data'
import { megabytes, progressPrinter, runCommand } from './command'

/**
 * `npm run backup -- --to <folder>`: a consistent copy of the database (DATABASE_URL, or
 * DATA_DIR's SQLite file) and every attachment into a new dated folder under `<folder>`,
 * with a manifest; files the previous backup there already holds are linked, not copied.
 * Safe while the server runs; meant for a daily timer, to another disk. The data key is
 * not copied: keep it apart. It is written as `<dated>.partial` and renamed when whole; the
 * `.partial` folders killed runs left are removed first (said on the console). Exit status:
 * 0 done, 1 interrupted (the unfinished folder removed), 2 could not run, 3 done with
 * problems (damaged or missing attachment files, each listed).
 */

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'to': { type: 'string' }, 'pg-bin': { type: 'string' } } })
  if (!values.to) {
    console.error('Name where backups go, ideally another disk: npm run backup -- --to /mnt/backup/field-enrol (each run adds a dated folder)')
    return 2
  }
  const env = loadEnv()
  // Before the target is made: a mistyped DATA_DIR leaves no empty backup folder behind.
  const missing = missingDatabase(env)
  if (missing) {
    console.error(missing)
    return 2
  }
  const masterKey = findDataKey(env.FIELD_ENROL_DATA_KEY, env.DATA_DIR)
  if (!masterKey) {
    console.error(`No data key: FIELD_ENROL_DATA_KEY is not set and ${dataKeyPath(env.DATA_DIR)} does not exist (has the server ever started with DATA_DIR=${env.DATA_DIR}?)`)
    return 2
  }
  const started = Date.now()
  const progress = progressPrinter()
  const stopInterrupts = removeUnfinishedOnInterrupt()
  const report = await createBackup({
    source: { dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, masterKey, postgresBinDir: values['pg-bin'] },
    targetRoot: resolve(values.to),
    now: () => new Date(),
    onFolder: stopInterrupts.watch,
    onUnfinished: (found) => {
      for (const { folder, state } of found) {
        if (state.kind === 'abandoned')
          console.log(`Removed the unfinished backup ${folder}, left by a run that was killed: ${describeUnfinished(state)}.`)
        else
          console.log(`Left alone the unfinished backup ${folder}: ${describeUnfinished(state)}${state.kind === 'other_host' ? '; once it does not, delete it' : ''}.`)
      }
    },
    onProgress: (step) => {
      if (step.phase === 'database')
        console.log(env.DATABASE_URL ? '  database: pg_dump…' : '  database: taking a snapshot…')
      else
        progress('attachment files', step.done, step.total)
    },
  })
  stopInterrupts.done()
  const { manifest } = report
  const { counts, attachments } = manifest
  console.log(`Backed up in ${((Date.now() - started) / 1000).toFixed(1)} s to ${report.folder}:`)
  console.log(`  database ${megabytes(manifest.database.bytes)} (${manifest.database.kind}, schema ${manifest.database.schemaVersion}): ${counts.applications} applications, ${counts.members} members, ${counts.auditEntries} audit entries`)
  if (manifest.auditAnchor)
    console.log(`  audit chain end: ${manifest.auditAnchor} (later, \`npm run audit:verify -- --anchor ${manifest.auditAnchor}\` shows whether entries were removed since)`)
  console.log(`  ${attachments.files} attachment files, ${megabytes(attachments.bytes)} (${attachments.linked} linked from the previous backup)`)
  console.log(`The data key is not in the backup (its fingerprint is ${manifest.dataKeyFingerprint}): keep a copy of ${env.FIELD_ENROL_DATA_KEY ? 'FIELD_ENROL_DATA_KEY' : dataKeyPath(env.DATA_DIR)} apart from it — without the key, the ID numbers in the backup cannot be read.`)
  for (const sha256 of report.damaged)
    console.log(`PROBLEM: attachment ${sha256} on the server does not match its SHA-256; not backed up`)
  for (const sha256 of report.missing)
    console.log(`PROBLEM: attachment ${sha256} is named by the database but was not there to copy`)
  return report.damaged.length || report.missing.length ? 3 : 0
}

/**
 * Ctrl-C (or a SIGTERM from a timer's stop) during a backup: its `.partial` folder is removed
 * before the command exits 1. The next run would remove it too, but until then it holds the
 * database and the ID-card photos. A folder already renamed to its dated name is a finished
 * backup and stays.
 */
function removeUnfinishedOnInterrupt(): { watch: (folder: { unfinished: string, final: string }) => void, done: () => void } {
  let folder: { unfinished: string, final: string } | null = null
  const onSignal = (): void => {
    if (!folder) {
      console.error('\nInterrupted before the backup folder was made; nothing was written.')
    }
    else if (existsSync(folder.unfinished)) {
      rmSync(folder.unfinished, { recursive: true, force: true })
      console.error(`\nInterrupted: the unfinished backup ${folder.unfinished} was removed; nothing else changed. Run the backup again.`)
    }
    else if (existsSync(folder.final)) {
      console.error(`\nInterrupted as it finished: the backup in ${folder.final} is whole; check it with npm run backup:verify.`)
    }
    process.exit(1)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return {
    watch: (made) => {
      folder = made
    },
    done: () => {
      folder = null
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}

runCommand(main)
