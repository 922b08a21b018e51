import { runCommand } from '../../../server/cli/command'

/**
 * An operator command whose work meets a full disk (ENOSPC, as a backup's copy or a
 * restore's write would): test/integration/cli/full-disk.test.ts runs it as a process to see
 * what the operator is told.
 */
runCommand('usage.backup', async () => {
  throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
})
