/** What every command shares (server/cli/command.ts): options, Ctrl-C, progress. */
export const COMMAND_MESSAGES = {
  'command.unknown_option': { 'zh-CN': '未知选项“{option}”', 'en': 'Unknown option \'{option}\'' },
  'command.unexpected_argument': { 'zh-CN': '此命令不接受参数“{argument}”', 'en': 'Unexpected argument \'{argument}\': this command takes none' },
  'command.option_value': { 'zh-CN': '选项 {option} 需要一个值', 'en': 'Option {option} needs a value' },
  'command.storage_full': { 'zh-CN': '存储空间已满（{reason}）：请腾出空间后重新运行', 'en': 'The storage is full ({reason}): make room, then run it again' },
  'command.option_takes_no_value': { 'zh-CN': '选项 {option} 不带值：只写 {option}', 'en': 'Option {option} takes no value: write {option} alone' },
  'command.stopping_resume': { 'zh-CN': '\n本批处理完后停止……下次运行从中断处继续。（再按一次 Ctrl-C 立即退出）', 'en': '\nStopping after this batch… the next run resumes. (Ctrl-C again to quit at once)' },
  'command.stopping_go_on': { 'zh-CN': '\n本批处理完后停止……下次运行会接着处理。（再按一次 Ctrl-C 立即退出）', 'en': '\nStopping after this batch… the next run goes on. (Ctrl-C again to quit at once)' },
  'command.progress': { 'zh-CN': '  {label}：{done}/{total}（{percent}%）', 'en': '  {label}: {done}/{total} ({percent}%)' },
  'command.megabytes': { 'zh-CN': '{size} MB', 'en': '{size} MB' },
  'command.seconds': { 'zh-CN': '{seconds} 秒', 'en': '{seconds} s' },
} as const
