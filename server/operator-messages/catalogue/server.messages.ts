/** The server's start-up and running notices (server/main.ts), and what it shares with seed:demo (the first administrator, a generated key). */
export const SERVER_MESSAGES = {
  'server.listening': { 'zh-CN': '外勤入会服务器已启动：http://{address}:{port}，数据库：{database}', 'en': 'Field Enrol server on http://{address}:{port} — database: {database}' },
  'server.database_postgres': { 'zh-CN': 'PostgreSQL', 'en': 'PostgreSQL' },
  'server.database_sqlite': { 'zh-CN': 'SQLite（{path}）', 'en': 'SQLite ({path})' },
  'server.no_pwa': { 'zh-CN': '警告：{dir}（CLIENT_DIST_DIR）中没有构建好的 PWA：运行 `npm run build` 之前，/field 和 /desk 返回 404。API 可正常使用。', 'en': 'WARNING: no built PWA in {dir} (CLIENT_DIST_DIR): /field and /desk answer 404 until `npm run build` has run. The API works.' },
  'server.not_started': { 'zh-CN': '未启动：{reason}', 'en': 'Not started: {reason}' },
  'server.port_in_use': { 'zh-CN': '{host} 上的端口 {port} 已被占用（另一个服务器？）：请先停止它，或设置 PORT', 'en': 'port {port} on {host} is already in use (another server?): stop it, or set PORT' },
  'server.port_denied': { 'zh-CN': '无权监听端口 {port}（1024 以下的端口需要特权）：请设置 PORT', 'en': 'not allowed to listen on port {port} (ports below 1024 need privileges): set PORT' },
  'server.host_unknown': { 'zh-CN': 'HOST={host} 不是本机的地址（{code}）：请把 HOST 设为本机的某个地址，或设为 0.0.0.0 监听所有网卡', 'en': 'HOST={host} is not an address of this machine ({code}): set HOST to one of its addresses, or 0.0.0.0 for every interface' },
  'server.uploads_swept': { 'zh-CN': '已删除上次停止时遗留的 {count} 个未完成的上传（{bytes} 字节）。', 'en': 'Removed {count} unfinished upload(s) ({bytes} bytes) left by an earlier stop.' },
  'server.uploads_not_swept': { 'zh-CN': '未能清理未完成的上传：{reason}', 'en': 'Unfinished uploads not swept: {reason}' },
  'server.heartbeat_failed': { 'zh-CN': '未能写入心跳记录：{reason}', 'en': 'Heartbeat not written: {reason}' },
  'server.first_admin': {
    'zh-CN': '\n  首次启动：已创建管理员账号\n    用户名：admin\n    密码：  {password}\n  密码仅显示这一次：请登录后修改，或在首次启动前设置 ADMIN_PASSWORD。\n',
    'en': '\n  First start: created the administrator account\n    user name: admin\n    password:  {password}\n  It is shown only this once: sign in and change it, or set ADMIN_PASSWORD before the first start.\n',
  },
  'server.key_generated': { 'zh-CN': '警告：未设置 FIELD_ENROL_DATA_KEY：已在 {path} 生成数据密钥。请备份它，并与数据库分开保管；正式使用请设置 FIELD_ENROL_DATA_KEY。', 'en': 'WARNING: FIELD_ENROL_DATA_KEY is not set: generated a data key in {path}. Back it up and keep it apart from the database; set FIELD_ENROL_DATA_KEY in production.' },
} as const
