/**
 * The routine commands: `npm run audit:verify` (审计日志, 审计链, 链尾 as the desk's 审计日志
 * page says them), `npm run dedup:scan` (疑似重复, as the review queue says it) and
 * `npm run retention:purge` (保存期限, as the programme settings say it).
 */
export const MAINTENANCE_MESSAGES = {
  'audit.not_anchor': { 'zh-CN': '“{given}”不是链尾记录：请按本命令打印的格式给出条目序号和哈希值（至少前 {min} 位），例如 --anchor 1234:9f86d081884c7d65。', 'en': 'Not an anchor: \'{given}\'. Give the entry\'s number and hash (at least its first {min} characters) as this command printed them, e.g. --anchor 1234:9f86d081884c7d65.' },
  'audit.verifying': { 'zh-CN': '正在验证审计日志：{database}，共 {total} 条。', 'en': 'Verifying the audit log in {database}: {total} entries.' },
  'audit.progress': { 'zh-CN': '  已验证 {checked}/{total} 条……', 'en': '  checked {checked} of {total}…' },
  'audit.ok': { 'zh-CN': '通过：审计链完整（已验证 {checked} 条）。', 'en': 'OK: the audit chain holds ({checked} entries checked).' },
  'audit.ok_anchor': { 'zh-CN': '通过：审计链完整（已验证 {checked} 条），并且仍包含所记链尾第 {seq} 条及其哈希值。', 'en': 'OK: the audit chain holds ({checked} entries checked), and reaches the anchor #{seq} with its hash.' },
  'audit.end': { 'zh-CN': '当前链尾：第 {seq} 条（{at}），记录值 {anchor}', 'en': 'Its end: entry #{seq} ({at}), anchor {anchor}' },
  'audit.write_down': { 'zh-CN': '请把记录值记在本数据库以外（如运维记录），下次验证时用 --anchor 给出：只有这样才能发现从链尾删除的条目。', 'en': 'Write the anchor down outside this database and give it as --anchor next time: entries cut from the end of the chain show only against an anchor.' },
  'audit.end_empty': { 'zh-CN': '无（审计日志为空）', 'en': 'none (the log is empty)' },
  'audit.end_entry': { 'zh-CN': '第 {seq} 条（{at}）', 'en': '#{seq} ({at})' },
  'audit.anchor_missing': { 'zh-CN': '审计链已断：审计链本身完整，但止于{end}，早于所记链尾第 {seq} 条：末尾的条目已被删除。', 'en': 'BROKEN: the audit chain holds but ends at entry {end}, before the anchor #{seq}: entries were removed from its end.' },
  'audit.anchor_different': { 'zh-CN': '审计链已断：第 {seq} 条的哈希值与所记链尾不符：审计链在此处或之前被改写（其后所有条目均无法证明）。', 'en': 'BROKEN: entry #{seq} does not have the anchor\'s hash: the chain was rewritten at or before it (every later entry is unproven).' },
  'audit.broken_entry': { 'zh-CN': '审计链已断：在第 {seq} 条（{at}，{action}{target}）处断开：该条内容与其哈希值不符，或与前一条的链接不符。此前的 {checked} 条完整；该条及其后所有条目均无法证明。', 'en': 'BROKEN: the audit chain is broken at entry #{seq} ({at}, {action}{target}): its content does not match its hash, or its link to the entry before it. The {checked} entries before it hold; it and every later entry are unproven.' },
  'audit.broken_target': { 'zh-CN': '，对象 {type} {id}', 'en': ' on {type} {id}' },
  'audit.broken_missing': { 'zh-CN': '审计链已断：第 {seq} 条缺失。此前的 {checked} 条完整；该条及其后所有条目均无法证明。', 'en': 'BROKEN: the audit chain is broken at entry #{seq}: the entry is missing. The {checked} entries before it hold; it and every later entry are unproven.' },

  'dedup.progress_keys': { 'zh-CN': '  建立查重索引：{done}/{total}（{percent}）', 'en': '  indexing records: {done}/{total} ({percent})' },
  'dedup.progress_candidates': { 'zh-CN': '  检查申请：{done}/{total}（{percent}），疑似重复 {found} 条', 'en': '  checking applications: {done}/{total} ({percent}), {found} candidates' },
  'dedup.interrupted': { 'zh-CN': '已在 {seconds} 后中断：再次运行 `npm run dedup:scan` 可从中断处继续。', 'en': 'Interrupted after {seconds}: run `npm run dedup:scan` again to resume.' },
  'dedup.done': { 'zh-CN': '完成，用时 {seconds}：索引 {keyed} 条记录，检查 {checked} 份申请，疑似重复 {found} 条。', 'en': 'Done in {seconds}: {keyed} records indexed, {checked} applications checked, {found} candidates.' },
  'dedup.done_resumed': { 'zh-CN': '完成，用时 {seconds}（从中断处继续）：索引 {keyed} 条记录，检查 {checked} 份申请，疑似重复 {found} 条。', 'en': 'Done in {seconds} (resumed): {keyed} records indexed, {checked} applications checked, {found} candidates.' },

  'purge.progress': { 'zh-CN': '清除中', 'en': 'purging' },
  'purge.due': { 'zh-CN': '已过保存期限的：已注销会员 {members} 名、已办结申请 {applications} 份、未被任何申请引用的材料 {documents} 份', 'en': '{members} cancelled members, {applications} closed applications and {documents} documents no application named past their retention period' },
  'purge.strays': { 'zh-CN': '无主材料文件 {count} 个（已存储但无任何记录：中断的清除或上传所遗留）', 'en': '{count} stray document file(s) (stored, recorded nowhere: left by an interrupted purge or upload)' },
  'purge.dry_run': { 'zh-CN': '试运行：{due}；{strays}；未作任何改动。', 'en': 'Dry run: {due}; {strays}; nothing changed.' },
  'purge.purged': { 'zh-CN': '已清除会员 {members} 名、申请 {applications} 份、无引用材料 {documents} 份，删除材料文件 {files} 个', 'en': '{members} members, {applications} applications and {documents} unnamed documents purged, {files} document files deleted' },
  'purge.interrupted': { 'zh-CN': '已中断：{purged}；再次运行 `npm run retention:purge` 可接着处理。', 'en': 'Interrupted: {purged}; run `npm run retention:purge` again to go on.' },
  'purge.done': { 'zh-CN': '完成：{due}，均已到期；{purged}；已删除{strays}。', 'en': 'Done: {due} were due; {purged}; {strays} deleted.' },
  'purge.wal_in_use': { 'zh-CN': '数据库的预写日志（field-enrol.sqlite-wal）正被使用，其中仍有已清除内容的副本：请在没有导出任务运行时再次运行 `npm run retention:purge`。', 'en': 'The database\'s write-ahead log (field-enrol.sqlite-wal) was in use and still holds copies of what was purged: run `npm run retention:purge` again when no export is running.' },
} as const
