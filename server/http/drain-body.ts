/**
 * Reads and drops what is left of a request body before an error answers it. A request
 * refused before its body was read (a 401 for an expired token on a sync push of a few
 * hundred KB, a 403, a 404) otherwise gets its answer while the client is still sending:
 * @hono/node-server then gives the rest of the body half a second to arrive and resets the
 * connection, so a tablet on a slow network saw "Failed to fetch" instead of "sign in again".
 * Bounded: past `maxBytes` (or when the body limit refuses it) the rest is left to the adapter.
 */
export async function drainUnreadBody(request: Request, maxBytes: number): Promise<void> {
  const body = request.body
  if (!body || request.bodyUsed || body.locked)
    return
  const reader = body.getReader()
  let read = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done)
        return
      read += value.byteLength
      if (read > maxBytes) {
        await reader.cancel()
        return
      }
    }
  }
  catch {
    // The client went away, or the body limit refused the rest: there is nothing more to read.
  }
  finally {
    reader.releaseLock()
  }
}
