import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort } from '../../support/server-process'

/**
 * The language the commands and the server speak, as an operator gets it: zh-CN with no
 * locale, with C.UTF-8 (a container's, a systemd unit's) and with zh_CN.UTF-8; English with
 * FIELD_ENROL_LANG=en or an English locale; a FIELD_ENROL_LANG that is neither refused by name.
 */
describe('operator language', () => {
  const root = mkdtempSync(join(tmpdir(), 'field-enrol-language-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  const key = Buffer.alloc(32, 5).toString('base64')
  // The test runner's own locale and settings must not decide: each case sets its own.
  const { LANG: _lang, LC_ALL: _all, LC_MESSAGES: _messages, FIELD_ENROL_LANG: _chosen, DATABASE_URL: _url, ADMIN_PASSWORD: _password, ...bare } = process.env
  const run = (args: string[], env: Record<string, string>) => spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...bare, FIELD_ENROL_DATA_KEY: key, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })

  /** Starts server/main.ts and resolves with what it printed once it listens; stopped at once. */
  async function startOnce(env: Record<string, string>): Promise<string> {
    const port = await freePort()
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...bare, HOST: '127.0.0.1', PORT: String(port), CLIENT_DIST_DIR: join(root, 'no-dist'), FIELD_ENROL_DATA_KEY: key, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => output += chunk.toString())
    child.stderr.on('data', (chunk: Buffer) => output += chunk.toString())
    const deadline = Date.now() + 30_000
    while (!/http:\/\/127\.0\.0\.1:\d+/.test(output) && child.exitCode === null && Date.now() < deadline)
      await new Promise(resolve => setTimeout(resolve, 100))
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null)
        return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
    return output
  }

  const chinese = [['no locale', {}], ['LANG=C.UTF-8', { LANG: 'C.UTF-8' }], ['LANG=zh_CN.UTF-8', { LANG: 'zh_CN.UTF-8' }], ['LC_ALL=zh_CN.UTF-8 over LANG=en_US.UTF-8', { LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }]] as const

  it('the server starts in zh-CN by default: the first administrator\'s password, the warnings and the address', async () => {
    const output = await startOnce({ DATA_DIR: join(root, 'server-zh') })
    expect(output).toMatch(/首次启动：已创建管理员账号\n\s+用户名：admin\n\s+密码： {2}\S{12,}/)
    expect(output).toContain(`警告：${join(root, 'no-dist')}（CLIENT_DIST_DIR）中没有构建好的 PWA`)
    expect(output).toMatch(/外勤入会服务器已启动：http:\/\/127\.0\.0\.1:\d+，数据库：SQLite（/)
    expect(output).not.toMatch(/First start|WARNING|Field Enrol server on/)
  }, 60_000)

  it('the server speaks English with FIELD_ENROL_LANG=en, whatever the locale', async () => {
    const output = await startOnce({ DATA_DIR: join(root, 'server-en'), FIELD_ENROL_LANG: 'en', LANG: 'zh_CN.UTF-8' })
    expect(output).toMatch(/First start: created the administrator account\n\s+user name: admin\n\s+password: {2}\S{12,}/)
    expect(output).toMatch(/Field Enrol server on http:\/\/127\.0\.0\.1:\d+ — database: SQLite \(/)
  }, 60_000)

  it.each(chinese)('the commands speak zh-CN with %s: refusals, problems with their codes, results', (_name, locale) => {
    const missing = join(root, 'mistyped')
    const refused = run(['server/cli/dedup-scan.ts'], { DATA_DIR: missing, ...locale })
    expect(refused.status).toBe(2)
    expect(refused.stderr.trim()).toBe(`${join(missing, 'field-enrol.sqlite')} 处没有数据库：DATA_DIR 设置对吗？（服务器首次启动时创建数据库。）`)

    const notBackup = join(root, 'not-a-backup')
    mkdirSync(notBackup, { recursive: true })
    const verify = run(['server/cli/backup-verify.ts', notBackup], { DATA_DIR: missing, ...locale })
    expect(verify.status).toBe(3)
    expect(verify.stdout.trim()).toBe(`问题 [manifest_missing]：没有清单文件：不是备份，或是中断了的备份（${notBackup}）`)

    const audit = run(['server/cli/verify-audit.ts'], { DATA_DIR: join(root, 'server-zh'), ...locale })
    expect(audit.status, audit.stderr).toBe(0)
    expect(audit.stdout).toMatch(/^正在验证审计日志：SQLite（.+），共 \d+ 条。$/m)
    expect(audit.stdout).toMatch(/^通过：审计链完整（已验证 \d+ 条）。$/m)
    expect(audit.stdout).toMatch(/^当前链尾：第 \d+ 条（.+），记录值 \d+:[0-9a-f]{16}$/m)

    const option = run(['server/cli/seed-demo.ts', '--force'], { DATA_DIR: missing, ...locale })
    expect(option.status).toBe(2)
    expect(option.stderr.trim()).toBe('未知选项“--force”')
    const help = run(['server/cli/purge-expired.ts', '--help'], { DATA_DIR: missing, ...locale })
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/^用法：npm run retention:purge \[-- --dry-run\]$/m)
    expect(help.stdout).toMatch(/^退出码：0 完成/m)
    // No English sentence slipped past the catalogue.
    for (const result of [refused, verify, audit, option, help])
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/\b(?:No|Not|PROBLEM|OK|Unknown|Verifying)\b/)
  }, 90_000)

  it('the commands speak English with FIELD_ENROL_LANG=en over a Chinese locale, and with an English locale', () => {
    const english: Array<Record<string, string>> = [{ FIELD_ENROL_LANG: 'en', LANG: 'zh_CN.UTF-8' }, { LANG: 'en_US.UTF-8' }, { LC_MESSAGES: 'en_GB.UTF-8', LANG: 'C.UTF-8' }]
    for (const locale of english) {
      const notBackup = join(root, 'not-a-backup')
      mkdirSync(notBackup, { recursive: true })
      const verify = run(['server/cli/backup-verify.ts', notBackup], { DATA_DIR: join(root, 'mistyped'), ...locale })
      expect(verify.status).toBe(3)
      expect(verify.stdout.trim(), JSON.stringify(locale)).toBe(`PROBLEM [manifest_missing]: no manifest: not a backup, or one that was interrupted (${notBackup})`)
    }
  }, 60_000)

  it('refuses a FIELD_ENROL_LANG that is neither zh-CN nor en, naming it, before any work', async () => {
    const zh = run(['server/cli/purge-expired.ts'], { DATA_DIR: join(root, 'mistyped'), FIELD_ENROL_LANG: 'fr' })
    expect(zh.status).toBe(2)
    expect(zh.stderr.trim()).toBe('配置有误：\n  FIELD_ENROL_LANG：应为 zh-CN 或 en（不设置则按系统语言环境 LC_ALL、LC_MESSAGES、LANG 选择）')
    const en = run(['server/cli/dedup-scan.ts'], { DATA_DIR: join(root, 'mistyped'), FIELD_ENROL_LANG: 'english', LANG: 'en_US.UTF-8' })
    expect(en.status).toBe(2)
    expect(en.stderr.trim()).toBe('Invalid configuration:\n  FIELD_ENROL_LANG: must be zh-CN or en (unset, the POSIX locale decides: LC_ALL, LC_MESSAGES, LANG)')
    // The server refuses it too, and starts nothing.
    const server = run(['server/main.ts'], { DATA_DIR: join(root, 'never'), FIELD_ENROL_LANG: 'zh_CN', PORT: String(await freePort()) })
    expect(server.status).toBe(1)
    expect(server.stderr).toContain('FIELD_ENROL_LANG：应为 zh-CN 或 en')
  }, 60_000)
})
