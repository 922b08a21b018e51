import type { AuditAnchor } from '#shared/audit/audit-anchor'
import type { Env } from '../config/env'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { anchorOf, AUDIT_ANCHOR_MIN_HASH, parseAuditAnchor } from '#shared/audit/audit-anchor'
import { loadEnv } from '../config/env'
import { createDatabase } from '../db/database'
import { migrateToLatest } from '../db/migrate'
import { countAuditEntries, findAuditRow, verifyAuditChain } from '../repositories/audit.repository'
import { emptyDatabase } from '../runtime'

/**
 * `npm run audit:verify [-- --anchor <seq>:<hash>]`: checks every link and hash of the audit
 * log in the configured database (DATABASE_URL, or DATA_DIR/field-enrol.sqlite), printing
 * progress as it goes, then the chain's end to write down; given an end written down
 * earlier, also that the chain still reaches it (entries cut from the end show only so).
 * Exit status: 0 when the chain holds, 1 when it is broken (the first broken entry is
 * named) or no longer reaches the anchor, 2 when the check could not run (bad
 * configuration, no database, an anchor that is not one).
 */

async function main(env: Env): Promise<number> {
  // An unknown option (`--help`) is refused rather than run as a verification.
  const { values } = parseArgs({ options: { anchor: { type: 'string' } } })
  let anchor: AuditAnchor | undefined
  if (values.anchor !== undefined) {
    const parsed = parseAuditAnchor(values.anchor)
    if (!parsed) {
      console.error(`Not an anchor: '${values.anchor}'. Give the entry's number and hash (at least its first ${AUDIT_ANCHOR_MIN_HASH} characters) as this command printed them, e.g. --anchor 1234:9f86d081884c7d65.`)
      return 2
    }
    anchor = parsed
  }
  const sqlitePath = join(env.DATA_DIR, 'field-enrol.sqlite')
  if (!env.DATABASE_URL && !existsSync(sqlitePath)) {
    console.error(`No database at ${sqlitePath}: set DATA_DIR (or DATABASE_URL) to the server's.`)
    return 2
  }
  const database = createDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath, poolSize: 1 })
  try {
    // An empty database (a mistyped DATABASE_URL) would otherwise be given tables and called sound: an empty chain holds.
    const empty = await emptyDatabase(env, database.db)
    if (empty) {
      console.error(empty)
      return 2
    }
    await migrateToLatest(database.db)
    const total = await countAuditEntries(database.db)
    console.log(`Verifying the audit log in ${env.DATABASE_URL ? 'PostgreSQL' : `SQLite (${sqlitePath})`}: ${total} entries.`)
    const report = await verifyAuditChain(database.db, {
      anchor,
      onProgress: (checked) => {
        if (checked > 0)
          console.log(`  checked ${checked} of ${total}…`)
      },
    })
    const end = report.head ? `#${report.head.seq} (${report.head.at})` : 'none (the log is empty)'
    if (report.ok) {
      console.log(`OK: the audit chain holds (${report.checked} entries checked)${anchor ? `, and reaches the anchor #${anchor.seq} with its hash` : ''}.`)
      if (report.head) {
        console.log(`Its end: entry ${end}, anchor ${anchorOf(report.head)}`)
        console.log('Write the anchor down outside this database and give it as --anchor next time: entries cut from the end of the chain show only against an anchor.')
      }
      return 0
    }
    if (report.anchor === 'missing') {
      console.error(`BROKEN: the audit chain holds but ends at entry ${end}, before the anchor #${anchor!.seq}: entries were removed from its end.`)
      return 1
    }
    if (report.anchor === 'different') {
      console.error(`BROKEN: entry #${anchor!.seq} does not have the anchor's hash: the chain was rewritten at or before it (every later entry is unproven).`)
      return 1
    }
    const seq = report.brokenAt!
    const entry = await findAuditRow(database.db, seq)
    const what = entry
      ? ` (${entry.at}, ${entry.action}${entry.targetType ? ` on ${entry.targetType} ${entry.targetId ?? ''}` : ''}): its content does not match its hash, or its link to the entry before it`
      : ': the entry is missing'
    console.error(`BROKEN: the audit chain is broken at entry #${seq}${what}. The ${report.checked} entries before it hold; it and every later entry are unproven.`)
    return 1
  }
  finally {
    await database.destroy()
  }
}

let env: Env
try {
  env = loadEnv()
}
catch (error) {
  console.error((error as Error).message)
  process.exit(2)
}

main(env).then(
  code => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(2)
  },
)
