import { createServer } from 'node:net'

/**
 * Whether `host:port` can be listened on now: the error that refuses it (a port in use, a
 * port below 1024 without the right, a HOST that is not this machine's), or null. Asked
 * before anything is set up: a first start on a taken port used to create the database and
 * the data key and print the first administrator's password, then say it had not started.
 * The server's own listen still handles a port taken in between.
 */
export function listenProblem(host: string, port: number): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error))
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(null)))
  })
}
