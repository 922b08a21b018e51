/** `npm run seed:demo` (server/cli/seed-demo.ts). Statuses and roles are named by the labels the desk shows them by. */
export const SEED_MESSAGES = {
  'seed.already_present': { 'zh-CN': '演示数据已存在：无需操作。', 'en': 'Demo data is already present: nothing to do.' },
  'seed.unfinished': { 'zh-CN': '演示账号已存在，但这里没有哪次 seed:demo 运行完成（另一个 seed:demo 正在运行，或之前的运行被中断，或由加入此标记之前的版本创建）：演示数据可能不完整，本次未作任何改动。若另一个正在运行，请等它结束；如需完整的演示，请在新的数据文件夹中生成（换一个 DATA_DIR，或在 {dir} 不含其他数据时将其删除）。', 'en': 'The demo accounts exist, but no seed:demo finished here (another is running now, or one was interrupted, or made by a version before this marker): the demo data may be incomplete, and nothing was changed. If another is running, let it finish; for a complete demo, seed a fresh data folder (another DATA_DIR, or delete {dir} if it holds nothing else).' },
  'seed.creating': { 'zh-CN': '正在创建网点和人员……', 'en': 'Creating sites and staff…' },
  'seed.uploading': { 'zh-CN': '外勤专员 {username}：正在上传 {photos} 张照片…… ', 'en': 'Agent {username}: uploading {photos} photos… ' },
  'seed.submitted': { 'zh-CN': '已提交 {count} 份申请。', 'en': '{count} applications submitted.' },
  'seed.not_accepted': { 'zh-CN': '有演示申请未被接受：{result}', 'en': 'not every demo application was accepted: {result}' },
  'seed.reviewing': { 'zh-CN': '正在审核……', 'en': 'Reviewing…' },
  'seed.duplicates': { 'zh-CN': '已在另一台平板上再次录入 {count} 人：在审核队列中用“有疑似重复”筛选即可看到。', 'en': 'Enrolled {count} people a second time on another tablet: the queue\'s 有疑似重复 filter shows them.' },
  'seed.ready': { 'zh-CN': '\n演示数据已就绪：', 'en': '\nDemo data ready:' },
  'seed.count': { 'zh-CN': '  {status}  {count}', 'en': '  {status}  {count}' },
  'seed.status_photo_missing': { 'zh-CN': '{status}（缺照片）', 'en': '{status} (photo missing)' },
  'seed.status_duplicate': { 'zh-CN': '{status}（疑似重复）', 'en': '{status} (duplicate)' },
  'seed.accounts': { 'zh-CN': '\n演示账号（密码均为 {password}）：', 'en': '\nDemo accounts (password for all: {password}):' },
  'seed.account': { 'zh-CN': '  {username}  {role}  {name}  {sites}', 'en': '  {username}  {role}  {name}  {sites}' },
  'seed.request_failed': { 'zh-CN': '{method} {path} → {status} {body}', 'en': '{method} {path} → {status} {body}' },
} as const
