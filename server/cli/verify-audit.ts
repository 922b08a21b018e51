import type { Env } from '../config/env'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { loadEnv } from '../config/env'
import { createDatabase } from '../db/database'
import { migrateToLatest } from '../db/migrate'
import { countAuditEntries, findAuditRow, verifyAuditChain } from '../repositories/audit.repository'

/**
 * `npm run audit:verify`: checks every link and hash of the audit log in the configured
 * database (DATABASE_URL, or DATA_DIR/field-enrol.sqlite), printing progress as it goes.
 * Exit status: 0 when the chain holds, 1 when it is broken (the first broken entry is
 * named), 2 when the check could not run (bad configuration, no database).
 */

async function main(env: Env): Promise<number> {
  // It takes no options: an unknown one (`--help`) is refused rather than run as a verification.
  parseArgs({ options: {} })
  const sqlitePath = join(env.DATA_DIR, 'field-enrol.sqlite')
  if (!env.DATABASE_URL && !existsSync(sqlitePath)) {
    console.error(`No database at ${sqlitePath}: set DATA_DIR (or DATABASE_URL) to the server's.`)
    return 2
  }
  const database = createDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath, poolSize: 1 })
  try {
    await migrateToLatest(database.db)
    const total = await countAuditEntries(database.db)
    console.log(`Verifying the audit log in ${env.DATABASE_URL ? 'PostgreSQL' : `SQLite (${sqlitePath})`}: ${total} entries.`)
    const report = await verifyAuditChain(database.db, 1000, (checked) => {
      if (checked > 0)
        console.log(`  checked ${checked} of ${total}…`)
    })
    if (report.ok) {
      console.log(`OK: the audit chain holds (${report.checked} entries checked).`)
      return 0
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
