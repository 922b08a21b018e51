/**
 * A response body from Node chunks (a generator, a file's read stream), read only as the
 * client takes it.
 *
 * Not `Readable.toWeb`: on Node 20 a body it made, cancelled while the Node stream was
 * resuming from backpressure (a browser dropping a download midway), still gets the late
 * chunk enqueued, an uncaught `ERR_INVALID_STATE` that stops the whole server
 * (nodejs/node#64529). Here each chunk is pulled when the client wants one, and a cancel
 * ends the source: a generator's `finally` runs, a file stream is destroyed and its file closed.
 */

export interface WebStreamOptions {
  /**
   * Runs once when the body is done with its source: read to the end, failed, cancelled
   * (even before the first chunk, when a generator that never started has no `finally` to
   * run) or idle too long.
   */
  onEnd?: () => void
  /**
   * A client that takes nothing for this long is taken to be gone: the body fails and the
   * source is ended, so that what it holds (a read snapshot) is let go. Counted from the
   * body's creation and from each chunk handed over; not while a chunk is being made.
   */
  idleMs?: number
}

export class IdleBodyError extends Error {
  constructor(idleMs: number) {
    super(`the client took nothing for ${idleMs} ms`)
    this.name = 'IdleBodyError'
  }
}

export function webStreamOf(chunks: AsyncIterable<Uint8Array>, options: WebStreamOptions = {}): ReadableStream<Uint8Array> {
  const { onEnd, idleMs } = options
  let iterator: AsyncIterator<Uint8Array> | undefined
  let ended = false
  let idle: NodeJS.Timeout | undefined
  const end = () => {
    clearTimeout(idle)
    if (!ended) {
      ended = true
      onEnd?.()
    }
  }
  const stopSource = async (reason?: unknown) => {
    try {
      await iterator?.return?.(reason)
    }
    finally {
      end()
    }
  }
  /** Waits for the client's next read; fails the body if none comes in time. */
  const watch = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    if (idleMs === undefined || ended)
      return
    idle = setTimeout(() => {
      controller.error(new IdleBodyError(idleMs))
      void stopSource()
    }, idleMs)
    idle.unref()
  }
  return new ReadableStream<Uint8Array>({
    start: watch,
    async pull(controller) {
      clearTimeout(idle)
      iterator ??= chunks[Symbol.asyncIterator]()
      try {
        const next = await iterator.next()
        if (ended)
          return
        if (next.done) {
          controller.close()
          end()
        }
        else {
          controller.enqueue(next.value)
          watch(controller)
        }
      }
      catch (error) {
        if (!ended)
          controller.error(error)
        end()
      }
    },
    cancel: stopSource,
  }, { highWaterMark: 0 })
}
