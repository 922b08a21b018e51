import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { afterAll, describe, expect, it } from 'vitest'
import { postgresIsEmpty } from '../../../server/backup/postgres-dump'
import { createDatabase } from '../../../server/db/database'
import { HEARTBEAT_STALE_MS } from '../../../server/services/heartbeat.service'
import { createEmptyPostgresDatabase, postgresUrl } from '../../support/databases'
import { freePort, startServerProcess } from '../../support/server-process'

/** What an operator sees when the setup is wrong: one line saying what to do, never a stack or a silently made database. */
describe('operator messages', () => {
  const root = mkdtempSync(join(tmpdir(), 'field-enrol-operator-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  const key = Buffer.alloc(32, 9).toString('base64')

  const run = (args: string[], env: Record<string, string>) => spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, FIELD_ENROL_LANG: 'en', FIELD_ENROL_DATA_KEY: key, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })

  it('warns at start when there is no built PWA, and refuses a port in use in one line', async () => {
    const server = await startServerProcess({ DATA_DIR: join(root, 'server'), CLIENT_DIST_DIR: join(root, 'no-dist'), FIELD_ENROL_DATA_KEY: key, ADMIN_PASSWORD: 'operator-password' })
    try {
      expect(server.output()).toContain(`WARNING: no built PWA in ${join(root, 'no-dist')}`)
      const port = new URL(server.url).port
      const second = run(['server/main.ts'], { DATA_DIR: join(root, 'second'), HOST: '127.0.0.1', PORT: port, ADMIN_PASSWORD: 'operator-password' })
      expect(second.status).toBe(1)
      expect(second.stderr).toContain(`Not started: port ${port} on 127.0.0.1 is already in use`)
      expect(second.stderr).not.toMatch(/\n\s+at /)
      // Refused before anything was set up: a first start made no database, no data key, no
      // administrator — and printed no password beside its failure.
      const first = run(['server/main.ts'], { DATA_DIR: join(root, 'first-on-taken-port'), HOST: '127.0.0.1', PORT: port })
      expect(first.status).toBe(1)
      expect(first.stderr).toContain(`Not started: port ${port} on 127.0.0.1 is already in use`)
      expect(first.stdout).not.toMatch(/password/i)
      expect(existsSync(join(root, 'first-on-taken-port'))).toBe(false)
    }
    finally {
      await server.stop()
    }
  }, 90_000)

  it('refuses to start on a DATA_DIR, DATABASE_URL or HOST it cannot use, naming the setting in one line', async () => {
    const port = String(await freePort())
    const aFile = join(root, 'a-file')
    writeFileSync(aFile, 'not a folder')
    const cases: Array<[Record<string, string>, string]> = [
      [{ DATA_DIR: aFile }, `Not started: DATA_DIR=${aFile}: cannot open or create the database`],
      // Nothing listens on port 1; the password must not be printed.
      [{ DATA_DIR: join(root, 'unused'), DATABASE_URL: 'postgres://enrol:pw-never-shown@127.0.0.1:1/field_enrol' }, 'Not started: DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:1/field_enrol'],
      [{ DATA_DIR: join(root, 'host'), HOST: 'no-such-host.invalid' }, 'Not started: HOST=no-such-host.invalid is not an address of this machine'],
    ]
    for (const [env, message] of cases) {
      const result = run(['server/main.ts'], { ADMIN_PASSWORD: 'operator-password', PORT: port, ...env })
      expect(result.status, JSON.stringify(env)).toBe(1)
      expect(result.stderr, JSON.stringify(env)).toContain(message)
      expect(result.stderr).not.toMatch(/\n\s+at /)
      expect(result.stderr).not.toContain('pw-never-shown')
    }
  }, 90_000)

  it('audit:verify, backup and restore name a DATABASE_URL they cannot reach as the server does', () => {
    // Nothing listens on port 1; the password must not be printed.
    const env = { DATA_DIR: join(root, 'unreached'), DATABASE_URL: 'postgres://enrol:pw-never-shown@127.0.0.1:1/field_enrol' }
    const backup = join(root, 'unreached-backup')
    mkdirSync(backup)
    const commands = [['server/cli/verify-audit.ts'], ['server/cli/backup.ts', '--to', join(root, 'unreached-backups')], ['server/cli/restore.ts', '--from', backup]]
    for (const args of commands) {
      const result = run(args, env)
      expect(result.status, args[0]).toBe(2)
      expect(result.stderr, args[0]).toContain('DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:1/field_enrol (connect ECONNREFUSED')
      expect(result.stderr, args[0]).toContain('Is the server up, and are the host, port, database, user and password right?')
      expect(result.stderr).not.toContain('pw-never-shown')
    }
    expect(existsSync(join(root, 'unreached-backups'))).toBe(false)
    expect(existsSync(env.DATA_DIR)).toBe(false)
  }, 90_000)

  it('audit:verify and backup name a database file SQLite cannot open as the server does', () => {
    const dataDir = join(root, 'not-sqlite')
    mkdirSync(dataDir)
    const sqlitePath = join(dataDir, 'field-enrol.sqlite')
    writeFileSync(sqlitePath, 'a text file where the database should be, long enough for SQLite to read its header')
    const backups = join(root, 'not-sqlite-backups')
    for (const args of [['server/cli/verify-audit.ts'], ['server/cli/backup.ts', '--to', backups]]) {
      const result = run(args, { DATA_DIR: dataDir })
      expect(result.status, args[0]).toBe(2)
      expect(result.stderr.trim(), args[0]).toBe(`DATA_DIR=${dataDir}: cannot open or create the database ${sqlitePath} there (SQLITE_NOTADB: file is not a database). Is DATA_DIR a folder this user may write to?`)
    }
    expect(existsSync(backups)).toBe(false)
  }, 60_000)

  // A data.key the server's user cannot read (made by root, the server run as a service user;
  // here a folder by that name, since the tests may run as root): named, never a stack trace.
  it('names a data key file it cannot read, in one line', async () => {
    const dataDir = join(root, 'unreadable-key')
    const keyPath = join(dataDir, 'data.key')
    mkdirSync(keyPath, { recursive: true })
    const { FIELD_ENROL_DATA_KEY: _key, ...withoutKey } = process.env
    const port = String(await freePort())
    const started = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...withoutKey, FIELD_ENROL_LANG: 'en', DATA_DIR: dataDir, PORT: port, ADMIN_PASSWORD: 'operator-password' },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(started.status).toBe(1)
    expect(started.stderr).toContain(`Not started: Cannot read the data key file ${keyPath} (EISDIR)`)
    expect(started.stderr).not.toMatch(/\n\s+at /)
    // The same from a command given the file by name.
    const backup = join(root, 'unreadable-key-backup')
    mkdirSync(backup)
    const verified = run(['server/cli/backup-verify.ts', backup, '--key-file', keyPath], {})
    expect(verified.status).toBe(2)
    expect(verified.stderr.trim()).toBe(`Cannot read the data key file ${keyPath} (EISDIR): it must be a file the user running the server may read`)
  }, 90_000)

  it('key:rotate refuses while a server runs on the database, and goes ahead once its last beat is stale', async () => {
    const dataDir = join(root, 'rotating')
    const server = await startServerProcess({ DATA_DIR: dataDir, FIELD_ENROL_DATA_KEY: key, ADMIN_PASSWORD: 'operator-password' })
    try {
      const refused = run(['server/cli/rotate-key.ts'], { DATA_DIR: dataDir })
      expect(refused.status).toBe(2)
      expect(refused.stderr).toMatch(/Not rotated: a server is running on this database \(it was alive \d+ s ago\)/)
    }
    finally {
      await server.stop()
    }
    // Stopped: its last beat is not cleared (another server may share a PostgreSQL), it goes stale.
    const database = createDatabase({ sqlitePath: join(dataDir, 'field-enrol.sqlite') })
    try {
      const stale = new Date(Date.now() - HEARTBEAT_STALE_MS - 1000).toISOString()
      await database.db.updateTable('server_state').set({ value: stale }).where('name', '=', 'server_heartbeat').execute()
    }
    finally {
      await database.destroy()
    }
    const rotated = run(['server/cli/rotate-key.ts'], { DATA_DIR: dataDir })
    expect(rotated.status, rotated.stderr).toBe(0)
    expect(rotated.stdout).toContain('Rotated:')
  }, 90_000)

  it('the data commands refuse a DATA_DIR with no database, and create nothing there', () => {
    const empty = join(root, 'mistyped')
    for (const args of [['server/cli/dedup-scan.ts'], ['server/cli/purge-expired.ts', '--dry-run'], ['server/cli/rotate-key.ts'], ['server/cli/backup.ts', '--to', join(root, 'backups')]]) {
      const result = run(args, { DATA_DIR: empty })
      expect(result.status, args.join(' ')).toBe(2)
      expect(result.stderr).toContain(`No database at ${join(empty, 'field-enrol.sqlite')}`)
    }
    expect(readdirSync(root)).not.toContain('mistyped')
    expect(readdirSync(root)).not.toContain('backups')
    // A file with no tables in it (made by hand, or by a tool) is no database either.
    const hollow = join(root, 'hollow')
    mkdirSync(hollow)
    writeFileSync(join(hollow, 'field-enrol.sqlite'), '')
    const refused = run(['server/cli/purge-expired.ts'], { DATA_DIR: hollow })
    expect(refused.status).toBe(2)
    expect(refused.stderr).toContain(`No Field Enrol database in ${join(hollow, 'field-enrol.sqlite')} (the file holds no tables; nothing changed): is DATA_DIR right?`)
    // An option a command does not take (`--verbose`) is refused before any work starts.
    for (const script of ['server/cli/dedup-scan.ts', 'server/cli/verify-audit.ts', 'server/cli/seed-demo.ts']) {
      const result = run([script, '--verbose'], { DATA_DIR: empty })
      expect(result.status, script).toBe(2)
      expect(result.stderr.trim(), script).toBe('Unknown option \'--verbose\'')
    }
  }, 90_000)

  it('prints each command\'s usage for --help or -h, and does nothing else, whatever the setup', () => {
    const untouched = join(root, 'help-only')
    const commands: Array<[string, string]> = [
      ['server/cli/verify-audit.ts', 'npm run audit:verify'],
      ['server/cli/backup.ts', 'npm run backup -- --to <folder>'],
      ['server/cli/backup-verify.ts', 'npm run backup:verify -- <backup folder>'],
      ['server/cli/restore.ts', 'npm run restore -- --from <backup folder>'],
      ['server/cli/rotate-key.ts', 'npm run key:rotate'],
      ['server/cli/dedup-scan.ts', 'npm run dedup:scan'],
      ['server/cli/purge-expired.ts', 'npm run retention:purge [-- --dry-run]'],
      ['server/cli/seed-demo.ts', 'npm run seed:demo'],
    ]
    for (const [script, call] of commands) {
      // Even with a setting the command would refuse: help needs none.
      const result = run([script, '--help'], { DATA_DIR: untouched, PORT: 'not-a-port' })
      expect(result.status, script).toBe(0)
      expect(result.stdout, script).toContain(`Usage: ${call}`)
      expect(result.stdout, script).toMatch(/^Exit: 0 /m)
      expect(result.stderr, script).toBe('')
    }
    expect(run(['server/cli/purge-expired.ts', '-h'], { DATA_DIR: untouched }).stdout).toContain('--dry-run  count only, destroy nothing')
    expect(existsSync(untouched)).toBe(false)
  }, 120_000)

  it('says a switch given a value takes none, and an option given no value needs one', () => {
    const dataDir = join(root, 'option-values')
    const switched = run(['server/cli/purge-expired.ts', '--dry-run=yes'], { DATA_DIR: dataDir })
    expect(switched.status).toBe(2)
    expect(switched.stderr.trim()).toBe('Option --dry-run takes no value: write --dry-run alone')
    const bare = run(['server/cli/backup.ts', '--to'], { DATA_DIR: dataDir })
    expect(bare.status).toBe(2)
    expect(bare.stderr.trim()).toBe('Option --to needs a value')
    expect(existsSync(dataDir)).toBe(false)
  }, 60_000)

  // A DATABASE_URL that names another database on the right server (\`postgres\`, a typo of an
  // existing name) reaches an empty one: a command on existing data must not give it tables,
  // generate a data key for it, and then report a purge, scan or rotation done on nothing.
  it.runIf(postgresUrl)('the data commands refuse a DATABASE_URL naming an empty database, and write nothing there or in DATA_DIR', async () => {
    const empty = await createEmptyPostgresDatabase()
    try {
      const dataDir = join(root, 'pg-mistyped')
      const { FIELD_ENROL_DATA_KEY: _key, ...withoutKey } = process.env
      const place = `${new URL(empty.databaseUrl).host}${new URL(empty.databaseUrl).pathname}`
      const backups = join(root, 'pg-mistyped-backups')
      const commands = [['server/cli/purge-expired.ts'], ['server/cli/dedup-scan.ts'], ['server/cli/rotate-key.ts'], ['server/cli/verify-audit.ts'], ['server/cli/backup.ts', '--to', backups]]
      for (const args of commands) {
        // Without a key as well as with one: no data.key may be generated for the wrong database.
        for (const keyed of [false, true]) {
          const result = spawnSync(process.execPath, ['--import', 'tsx', ...args], {
            env: { ...withoutKey, FIELD_ENROL_LANG: 'en', DATA_DIR: dataDir, DATABASE_URL: empty.databaseUrl, ...(keyed ? { FIELD_ENROL_DATA_KEY: key } : {}) },
            encoding: 'utf8',
            timeout: 60_000,
          })
          const what = `${args.join(' ')}${keyed ? ' with a key' : ''}`
          // rotate-key and backup without any key stop earlier, at the missing key: refused all the same.
          expect(result.status, `${what}: ${result.stdout}`).toBe(2)
          if (keyed || !/rotate-key|backup/.test(args[0]!))
            expect(result.stderr, what).toContain(`DATABASE_URL: PostgreSQL at ${place} holds no Field Enrol database (no tables; nothing changed): is DATABASE_URL right?`)
          expect(await postgresIsEmpty(empty.databaseUrl), what).toBe(true)
          expect(existsSync(dataDir) ? readdirSync(dataDir) : [], what).toEqual([])
          expect(existsSync(backups), what).toBe(false)
        }
      }
    }
    finally {
      await empty.drop()
    }
  }, 180_000)
})
