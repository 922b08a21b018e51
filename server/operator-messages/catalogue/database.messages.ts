/**
 * Why the configured database or data key cannot be used (server/runtime.ts,
 * server/security/data-key-check.ts): said alike by the server and every command.
 */
export const DATABASE_MESSAGES = {
  'database.missing': { 'zh-CN': '{path} 处没有数据库：DATA_DIR 设置对吗？（服务器首次启动时创建数据库。）', 'en': 'No database at {path}: is DATA_DIR right? (The server creates it at its first start.)' },
  'database.missing_for_audit': { 'zh-CN': '{path} 处没有数据库：请把 DATA_DIR（或 DATABASE_URL）设为服务器所用的。', 'en': 'No database at {path}: set DATA_DIR (or DATABASE_URL) to the server\'s.' },
  'database.empty_postgres': { 'zh-CN': 'DATABASE_URL：{place} 上的 PostgreSQL 数据库不是外勤入会的数据库（没有数据表；未作任何改动）：DATABASE_URL 设置对吗？（服务器首次启动时创建数据表。）', 'en': 'DATABASE_URL: PostgreSQL at {place} holds no Field Enrol database (no tables; nothing changed): is DATABASE_URL right? (The server creates its tables at its first start.)' },
  'database.empty_sqlite': { 'zh-CN': '{path} 不是外勤入会的数据库（文件中没有数据表；未作任何改动）：DATA_DIR 设置对吗？（服务器首次启动时创建数据库。）', 'en': 'No Field Enrol database in {path} (the file holds no tables; nothing changed): is DATA_DIR right? (The server creates it at its first start.)' },
  'database.cannot_create': { 'zh-CN': 'DATA_DIR={dir}：无法在此打开或创建数据库 {path}（{reason}）。DATA_DIR 是当前用户可写的文件夹吗？', 'en': 'DATA_DIR={dir}: cannot open or create the database {path} there ({reason}). Is DATA_DIR a folder this user may write to?' },
  'database.unreachable': { 'zh-CN': 'DATABASE_URL：无法连接 {place} 上的 PostgreSQL（{reason}）。数据库服务器是否已启动？主机、端口、数据库名、用户名和密码是否正确？', 'en': 'DATABASE_URL: cannot reach PostgreSQL at {place} ({reason}). Is the server up, and are the host, port, database, user and password right?' },
  'database.unreadable': { 'zh-CN': 'DATA_DIR={dir}：无法读取数据库 {path}（{reason}）', 'en': 'DATA_DIR={dir}: cannot read the database {path} ({reason})' },
  'database.restore_unfinished': { 'zh-CN': 'DATABASE_URL：{place} 上的数据库中是一次未完成的恢复（{startedAt} 开始，数据文件夹 {dir}）：服务器和命令都不会使用它。请以同一个备份和 DATA_DIR={dir} 再次运行 npm run restore（它会从头恢复），或删除该数据库。', 'en': 'DATABASE_URL: the database on {place} holds a restore that did not finish (started {startedAt}, data folder {dir}): no server or command uses it. Run npm run restore again with the same backup and DATA_DIR={dir} (it starts over), or drop the database.' },
  'database.no_programme': { 'zh-CN': '数据库中没有会员计划设置：请先启动一次服务器。', 'en': 'No programme settings: start the server once first.' },
  'database.unreadable_url': { 'zh-CN': '（无法解析的地址）', 'en': '(unreadable URL)' },
  'key.rotation_under_way': { 'zh-CN': '正在轮换到数据密钥 {fingerprint}，或上次轮换被中断：完成之前，部分记录在新密钥下、部分在旧密钥下。请（再次）运行 `npm run key:rotate` 完成轮换，然后再启动服务器或备份。', 'en': 'A rotation to data key {fingerprint} is under way or was interrupted: its records are under two keys until it finishes. Run `npm run key:rotate` (again) to finish it, then start the server or take the backup.' },
  'key.not_this_database': { 'zh-CN': '数据密钥不是本数据库证件号码加密所用的密钥（数据库记录的密钥为 {stored}，所给密钥为 {given}）。请用正确的 FIELD_ENROL_DATA_KEY 或 DATA_DIR/data.key 启动；更换密钥请用 `npm run key:rotate`。', 'en': 'The data key is not the one this database\'s ID numbers are sealed with (the database names key {stored}, the key given is {given}). Start with the right FIELD_ENROL_DATA_KEY or DATA_DIR/data.key; `npm run key:rotate` is how to change it.' },
  'key.does_not_open': { 'zh-CN': '数据密钥（{given}）无法解开本数据库中的证件号码。请用加密时所用的密钥（FIELD_ENROL_DATA_KEY 或 DATA_DIR/data.key）启动。', 'en': 'The data key ({given}) does not open the ID numbers stored in this database. Start with the key they were sealed with (FIELD_ENROL_DATA_KEY or DATA_DIR/data.key).' },
  'key.missing_for_sealed': { 'zh-CN': '本数据库的证件号码以密钥 {stored} 加密，但找不到密钥：未设置 FIELD_ENROL_DATA_KEY，{path} 也不存在。请从另行保管处放回该密钥；新生成的密钥解不开任何数据。', 'en': 'The database\'s ID numbers are sealed with key {stored}, but there is no key: FIELD_ENROL_DATA_KEY is not set and {path} is missing. Put the key back (from where it is kept apart); a new one would open nothing.' },
  'key.file_unreadable': { 'zh-CN': '无法读取数据密钥文件 {path}（{reason}）：它应是运行服务器的用户可读的文件', 'en': 'Cannot read the data key file {path} ({reason}): it must be a file the user running the server may read' },
  'key.file_invalid': { 'zh-CN': '{path} 中不是 32 字节的 base64 密钥', 'en': '{path} does not hold a 32-byte base64 key' },
} as const
