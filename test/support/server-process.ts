import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import process from 'node:process'

/**
 * A real server process (`server/main.ts` under tsx) on a free loopback port, for tests
 * and benchmarks that need separate processes on one database.
 */

export interface ServerProcess {
  url: string
  pid: number
  output: () => string
  stop: () => Promise<void>
  /** SIGKILL, as a crash would stop it: no shutdown handler runs, open transactions are cut. */
  kill: () => Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, [...(process.env.FIELD_ENROL_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, NODE_ENV: 'test', FIELD_ENROL_LANG: 'en', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  const collect = (chunk: Buffer): void => {
    log += chunk.toString()
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const url = `http://127.0.0.1:${port}`
  /** Sends `signal` and resolves once the process has gone; a SIGTERM left unanswered for 5 s becomes a SIGKILL. */
  const end = (signal: 'SIGTERM' | 'SIGKILL') => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      return resolve()
    child.once('exit', () => resolve())
    child.kill(signal)
    if (signal === 'SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 5000).unref()
  })
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode}:\n${log}`)
    try {
      if ((await fetch(`${url}/readyz`)).ok)
        break
    }
    catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server did not become ready:\n${log}`)
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  return {
    url,
    pid: child.pid!,
    output: () => log,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  }
}

/** A session on a server process, as POST /api/auth/login answers it. */
export interface ProcessSession {
  token: string
  staff: { id: string }
  device: { id: string, code: string }
}

/** Signs in over HTTP on the server at `url` as a device of `deviceId`; throws with the answer unless it is 200. */
export async function signInTo(url: string, username: string, password: string, deviceId: string): Promise<ProcessSession> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password, deviceId }),
  })
  if (response.status !== 200)
    throw new Error(`sign-in of ${username}: HTTP ${response.status} ${await response.text()}`)
  return await response.json() as ProcessSession
}
