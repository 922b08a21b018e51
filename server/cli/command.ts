/**
 * What every operator command shares: an exit status from `main` (0 done, 1 interrupted,
 * 2 could not run, with the reason on stderr, 3 done but found problems, each printed), and a Ctrl-C that asks the work to stop after
 * the batch in hand — a second Ctrl-C quits at once.
 */

export function runCommand(main: () => Promise<number>): void {
  main().then(
    code => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(2)
    },
  )
}

/** Listens for Ctrl-C; the answer says whether the command was asked to stop. */
export function stopOnInterrupt(message: string): () => boolean {
  let stop = false
  process.on('SIGINT', () => {
    if (stop)
      process.exit(1)
    stop = true
    console.log(`\n${message} (Ctrl-C again to quit at once)`)
  })
  return () => stop
}

/** Prints "label: done/total (n%)" at most once a second, and always the last one. */
export function progressPrinter(): (label: string, done: number, total: number) => void {
  let lastPrinted = 0
  return (label, done, total) => {
    const now = Date.now()
    if (now - lastPrinted < 1000 && done < total)
      return
    lastPrinted = now
    console.log(`  ${label}: ${done}/${total} (${total ? Math.floor((done / total) * 100) : 100}%)`)
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
