/**
 * What `--help` (or `-h`) prints for each operator command (server/cli/command.ts): how to
 * call it, what it does, its options and exit statuses — README's "Scripts and testing" in
 * short. Each reads the same DATA_DIR / DATABASE_URL as the server.
 */
export const USAGE_MESSAGES = {
  'usage.audit_verify': {
    'zh-CN': '用法：npm run audit:verify [-- --anchor <序号>:<哈希>]\n验证审计日志的每一环及其哈希，并打印链尾记录值（请另行记下）。\n  --anchor  上次记下的链尾：同时检查审计链仍包含这一条\n退出码：0 完整，1 链已断开（指出第一处），2 无法运行',
    'en': 'Usage: npm run audit:verify [-- --anchor <seq>:<hash>]\nChecks every link and hash of the audit log and prints its end as an anchor to write down.\n  --anchor  the anchor noted last time: also checks the chain still reaches that entry\nExit: 0 it holds, 1 broken (the first break named), 2 could not run',
  },
  'usage.backup': {
    'zh-CN': '用法：npm run backup -- --to <文件夹> [--pg-bin <文件夹>]\n把数据库和材料文件备份到 <文件夹> 下一个带日期的子文件夹（含清单），并删除中断的运行留下的未完成备份。\n  --to      备份存放处：DATA_DIR 以外，最好在另一块磁盘上\n  --pg-bin  PostgreSQL 客户端程序（pg_dump）所在文件夹\n退出码：0 完成，1 已中断，2 无法运行，3 完成但有文件损坏或缺失',
    'en': 'Usage: npm run backup -- --to <folder> [--pg-bin <folder>]\nCopies the database and the attachment files into a dated folder under <folder>, with a manifest; removes unfinished backups that killed runs left.\n  --to      where backups are kept: outside DATA_DIR, ideally on another disk\n  --pg-bin  the folder of PostgreSQL\'s client programs (pg_dump)\nExit: 0 done, 1 interrupted, 2 could not run, 3 done but a file was damaged or missing',
  },
  'usage.backup_verify': {
    'zh-CN': '用法：npm run backup:verify -- <备份文件夹> [--key-file <data.key>] [--pg-bin <文件夹>]\n完整读取一个备份，列出其中的问题。\n  --key-file  备份所用的数据密钥文件（默认为 FIELD_ENROL_DATA_KEY 或 DATA_DIR/data.key）\n  --pg-bin    PostgreSQL 客户端程序所在文件夹\n退出码：0 完好，2 无法运行，3 有问题',
    'en': 'Usage: npm run backup:verify -- <backup folder> [--key-file <data.key>] [--pg-bin <folder>]\nReads a backup whole and lists what is wrong with it.\n  --key-file  the data key the backup was made with (else FIELD_ENROL_DATA_KEY or DATA_DIR/data.key)\n  --pg-bin    the folder of PostgreSQL\'s client programs\nExit: 0 sound, 2 could not run, 3 problems',
  },
  'usage.restore': {
    'zh-CN': '用法：npm run restore -- --from <备份文件夹> [--key-file <data.key>] [--pg-bin <文件夹>]\n把一个已验证的备份恢复到空的 DATA_DIR 或空的 PostgreSQL 数据库；中断后再次运行即可。\n  --from      要恢复的备份\n  --key-file  备份所用的数据密钥文件（复制为 DATA_DIR/data.key），除非已设置 FIELD_ENROL_DATA_KEY\n  --pg-bin    PostgreSQL 客户端程序所在文件夹\n退出码：0 已恢复，2 已拒绝（未写入任何内容）',
    'en': 'Usage: npm run restore -- --from <backup folder> [--key-file <data.key>] [--pg-bin <folder>]\nRestores a verified backup into an empty DATA_DIR or an empty PostgreSQL database; interrupted, run it again.\n  --from      the backup to restore\n  --key-file  the data key it was made with (copied to DATA_DIR/data.key), unless FIELD_ENROL_DATA_KEY is set\n  --pg-bin    the folder of PostgreSQL\'s client programs\nExit: 0 restored, 2 refused (nothing written)',
  },
  'usage.key_rotate': {
    'zh-CN': '用法：npm run key:rotate [-- --new-key-file <文件>]\n用新的数据密钥重新加密每个证件号码（须先停止服务器）；中断后再次运行即可完成。\n  --new-key-file  新密钥（32 字节 base64）；不给则生成一个\n退出码：0 已更换，2 已拒绝（未切换）',
    'en': 'Usage: npm run key:rotate [-- --new-key-file <file>]\nSeals every ID number again under a new data key (servers stopped first); an interrupted run is finished by running it again.\n  --new-key-file  the new key (32 bytes, base64); without it one is generated\nExit: 0 rotated, 2 refused (nothing switched)',
  },
  'usage.dedup_scan': {
    'zh-CN': '用法：npm run dedup:scan\n按现行规则重新检查每份未结申请的疑似重复；可中断，再次运行从中断处继续。\n退出码：0 完成，1 已中断，2 无法运行',
    'en': 'Usage: npm run dedup:scan\nChecks every open application for duplicates again under the rules in force; interrupted, the next run resumes.\nExit: 0 done, 1 interrupted, 2 could not run',
  },
  'usage.retention_purge': {
    'zh-CN': '用法：npm run retention:purge [-- --dry-run]\n销毁保存期限已满的个人信息，只保留编号、状态与处理记录。\n  --dry-run  只统计，不销毁\n退出码：0 完成，1 已中断，2 无法运行',
    'en': 'Usage: npm run retention:purge [-- --dry-run]\nDestroys the personal data whose retention period has passed, keeping numbers, statuses and history.\n  --dry-run  count only, destroy nothing\nExit: 0 done, 1 interrupted, 2 could not run',
  },
  'usage.seed_demo': {
    'zh-CN': '用法：npm run seed:demo\n通过 API 添加演示网点、各角色的演示账号和各种状态的演示申请（仅用于演示或试用的数据文件夹）。\n退出码：0 完成（或演示数据已存在），2 无法运行',
    'en': 'Usage: npm run seed:demo\nAdds demo sites, demo staff of every role and demo applications in every status through the API (for a demo or trial data folder only).\nExit: 0 done (or demo data already present), 2 could not run',
  },
} as const
