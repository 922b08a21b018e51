import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import pg from 'pg'
import { freePort } from './server-process'

/**
 * A throw-away PostgreSQL cluster from the binaries in /usr/lib/postgresql/<version>/bin,
 * on a free loopback port and a temporary data folder, run as the `postgres` user when
 * this process is root (initdb refuses root). Used by the integration tests' global setup
 * and by the benchmarks that measure PostgreSQL.
 */

export interface PostgresCluster {
  /** A superuser URL to the cluster's `postgres` database. */
  url: string
  stop: () => void
}

/** The newest installed PostgreSQL's bin folder, or null when there is none. */
export function findPostgresBinDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root))
    return null
  const versions = readdirSync(root).filter(v => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], 'bin') : null
}

/**
 * A programme's database is created in its users' locale, not in C: the cluster collates
 * text as Chinese (ICU `zh-CN`), so the tests meet what production meets — ORDER BY in
 * pinyin-aware order, and LIKE unable to use a plain index. Builds without ICU keep the
 * default (and say so).
 */
function collationArgs(bin: string): string[] {
  const configure = execFileSync(join(bin, 'pg_config'), ['--configure'], { encoding: 'utf8' })
  if (configure.includes('--with-icu'))
    return ['--locale-provider=icu', '--icu-locale=zh-CN', '--locale=C.UTF-8']
  console.warn('PostgreSQL was built without ICU: the test cluster collates in its default locale, not zh-CN.')
  return []
}

/**
 * Starts a cluster. `durable: false` (the tests) turns fsync and full-page writes off: a
 * test database never outlives the run. `settings` are extra `-c` options.
 */
export async function startPostgresCluster(bin: string, options: { durable: boolean, settings?: Record<string, string> }): Promise<PostgresCluster> {
  const asRoot = process.getuid?.() === 0
  const run = (command: string, args: string[]): void => {
    if (asRoot)
      execFileSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { stdio: 'pipe' })
    else
      execFileSync(join(bin, command), args, { stdio: 'pipe' })
  }

  const dir = mkdtempSync(join(tmpdir(), 'field-enrol-pg-'))
  chmodSync(dir, 0o777)
  if (asRoot)
    execFileSync('chown', ['postgres:postgres', dir])
  const data = join(dir, 'data')
  const port = await freePort()
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    max_connections: '200',
    ...(options.durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    ...options.settings,
  }
  const flags = [`-p ${port}`, `-k ${dir}`, ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`)].join(' ')
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions', ...collationArgs(bin)])
  run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', flags, 'start'])
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      }
      finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

/** Creates database `name` on the cluster (a copy of `template`, when named) and answers its URL. */
export async function createClusterDatabase(clusterUrl: string, name: string, template?: string): Promise<string> {
  const admin = new pg.Client({ connectionString: clusterUrl })
  await admin.connect()
  try {
    // Names come from the benchmarks' own code, never from input.
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`)
  }
  finally {
    await admin.end()
  }
  const url = new URL(clusterUrl)
  url.pathname = `/${name}`
  return url.toString()
}
