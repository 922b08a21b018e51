import type { Executor } from '../repositories/types'
import { databaseNow } from '../db/database-clock'
import { readServerState, writeServerState } from '../repositories/server-state.repository'

/**
 * A running server says so in the database every few seconds, so that commands which must
 * not run beside a server (\`npm run key:rotate\`: a server would seal new records under the
 * previous key and fail to open the re-sealed ones) can refuse instead of trusting the
 * operator. The database is the one place every server shares, on SQLite and PostgreSQL
 * alike. A stopped server's last beat goes stale after HEARTBEAT_STALE_MS; it is not cleared
 * on the way out, since another server on the same PostgreSQL may still be running. Beats are
 * stamped and aged with the database's clock: servers on other hosts whose clocks run behind
 * the command's would otherwise look stopped while they run.
 */

export const HEARTBEAT_INTERVAL_MS = 10_000
/** Three missed beats: the server is gone. */
export const HEARTBEAT_STALE_MS = 3 * HEARTBEAT_INTERVAL_MS

export function startHeartbeat(db: Executor, onError: (error: unknown) => void): { stop: () => Promise<void> } {
  const beat = () => databaseNow(db).then(at => writeServerState(db, 'server_heartbeat', at, at)).catch(onError)
  let last = beat()
  const timer = setInterval(() => {
    last = beat()
  }, HEARTBEAT_INTERVAL_MS)
  timer.unref()
  return {
    stop: async () => {
      clearInterval(timer)
      await last
    },
  }
}

/** How long ago a server last beat, when it did so recently enough to be running still. */
export async function runningServerSeen(db: Executor): Promise<number | null> {
  const last = await readServerState(db, 'server_heartbeat')
  if (!last)
    return null
  const ago = Date.parse(await databaseNow(db)) - Date.parse(last)
  return ago < HEARTBEAT_STALE_MS ? Math.max(0, ago) : null
}
