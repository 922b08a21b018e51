import type { AuditAnchor } from '#shared/audit/audit-anchor'
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { anchorOf, AUDIT_ANCHOR_MIN_HASH, parseAuditAnchor } from '#shared/audit/audit-anchor'
import { migrateToLatest } from '../db/migrate'
import { sqlitePathOf } from '../db/sqlite-file'
import { operatorText, verbatim } from '../operator-messages/operator-text'
import { countAuditEntries, findAuditRow, verifyAuditChain } from '../repositories/audit.repository'
import { emptyDatabase, openConfiguredDatabase } from '../runtime'
import { runCommand } from './command'

/**
 * `npm run audit:verify [-- --anchor <seq>:<hash>]`: checks every link and hash of the audit
 * log in the configured database (DATABASE_URL, or DATA_DIR/field-enrol.sqlite), printing
 * progress as it goes, then the chain's end to write down; given an end written down
 * earlier, also that the chain still reaches it (entries cut from the end show only so).
 * Exit status: 0 when the chain holds, 1 when it is broken (the first broken entry is
 * named) or no longer reaches the anchor, 2 when the check could not run (bad
 * configuration, no database, an anchor that is not one).
 */

runCommand('usage.audit_verify', async ({ env, out }) => {
  // An unknown option (`--help`) is refused rather than run as a verification.
  const { values } = parseArgs({ options: { anchor: { type: 'string' } } })
  let anchor: AuditAnchor | undefined
  if (values.anchor !== undefined) {
    const parsed = parseAuditAnchor(values.anchor)
    if (!parsed) {
      out.warn('audit.not_anchor', { given: values.anchor, min: AUDIT_ANCHOR_MIN_HASH })
      return 2
    }
    anchor = parsed
  }
  const sqlitePath = sqlitePathOf(env.DATA_DIR)
  if (!env.DATABASE_URL && !existsSync(sqlitePath)) {
    out.warn('database.missing_for_audit', { path: sqlitePath })
    return 2
  }
  const database = await openConfiguredDatabase(env, { poolSize: 1 })
  try {
    // An empty database (a mistyped DATABASE_URL) would otherwise be given tables and called sound: an empty chain holds.
    const empty = await emptyDatabase(env, database.db)
    if (empty) {
      out.warnText(empty)
      return 2
    }
    await migrateToLatest(database.db)
    const total = await countAuditEntries(database.db)
    out.say('audit.verifying', { database: env.DATABASE_URL ? operatorText('server.database_postgres') : operatorText('server.database_sqlite', { path: sqlitePath }), total })
    const report = await verifyAuditChain(database.db, {
      anchor,
      onProgress: (checked) => {
        if (checked > 0)
          out.say('audit.progress', { checked, total })
      },
    })
    const end = report.head ? operatorText('audit.end_entry', { seq: report.head.seq, at: report.head.at }) : operatorText('audit.end_empty')
    if (report.ok) {
      if (anchor)
        out.say('audit.ok_anchor', { checked: report.checked, seq: anchor.seq })
      else
        out.say('audit.ok', { checked: report.checked })
      if (report.head) {
        out.say('audit.end', { seq: report.head.seq, at: report.head.at, anchor: anchorOf(report.head) })
        out.say('audit.write_down')
      }
      return 0
    }
    if (report.anchor === 'missing') {
      out.warn('audit.anchor_missing', { end, seq: anchor!.seq })
      return 1
    }
    if (report.anchor === 'different') {
      out.warn('audit.anchor_different', { seq: anchor!.seq })
      return 1
    }
    const seq = report.brokenAt!
    const entry = await findAuditRow(database.db, seq)
    if (!entry) {
      out.warn('audit.broken_missing', { seq, checked: report.checked })
      return 1
    }
    const target = entry.targetType ? operatorText('audit.broken_target', { type: entry.targetType, id: entry.targetId ?? '' }) : verbatim('')
    out.warn('audit.broken_entry', { seq, at: entry.at, action: entry.action, target, checked: report.checked })
    return 1
  }
  finally {
    await database.destroy()
  }
})
