import { Buffer } from 'node:buffer'
import { PassThrough } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { IdleBodyError, webStreamOf } from '../../../server/http/web-stream'

/**
 * Response bodies made from Node chunks (exports, attachment downloads): pulled only as the
 * client reads, the source ended however the body ends, and a client that stops reading let
 * go of after a while. (The crash Readable.toWeb caused on a cancelled download is met in
 * export-snapshot.test.ts, where cancelled exports made it happen.)
 */

/** Chunks `chunk-0`, `chunk-1`, … with a record of how many were made and whether the generator finished. */
function counted(limit = Infinity) {
  const seen = { made: 0, finished: false }
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      for (; seen.made < limit;)
        yield Buffer.from(`chunk-${seen.made++}`)
    }
    finally {
      seen.finished = true
    }
  }
  return { seen, chunks: chunks() }
}

const text = (chunk: Uint8Array | undefined) => Buffer.from(chunk!).toString()

describe('webStreamOf', () => {
  it('hands over every chunk in order and ends once', async () => {
    const { chunks } = counted(3)
    let ends = 0
    const body = new Response(webStreamOf(chunks, { onEnd: () => ends++ }))
    expect(await body.text()).toBe('chunk-0chunk-1chunk-2')
    expect(ends).toBe(1)
  })

  it('makes a chunk only when the client asks for one', async () => {
    const { seen, chunks } = counted()
    const reader = webStreamOf(chunks).getReader()
    await sleep(20)
    expect(seen.made).toBe(0)
    expect(text((await reader.read()).value)).toBe('chunk-0')
    await sleep(20)
    expect(seen.made).toBe(1)
    await reader.cancel()
  })

  it('ends the source when the client cancels midway: its finally runs, onEnd once', async () => {
    const { seen, chunks } = counted()
    let ends = 0
    const reader = webStreamOf(chunks, { onEnd: () => ends++ }).getReader()
    await reader.read()
    await reader.read()
    await reader.cancel()
    expect(seen.finished).toBe(true)
    expect(ends).toBe(1)
  })

  it('calls onEnd for a body cancelled before its first chunk, whose generator never started', async () => {
    const { seen, chunks } = counted()
    let ends = 0
    await webStreamOf(chunks, { onEnd: () => ends++ }).cancel()
    expect(seen.made).toBe(0)
    expect(ends).toBe(1)
  })

  it('fails the body and ends the source when the source throws', async () => {
    let ends = 0
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('a')
      throw new Error('page read failed')
    }
    const reader = webStreamOf(failing(), { onEnd: () => ends++ }).getReader()
    await reader.read()
    await expect(reader.read()).rejects.toThrow('page read failed')
    expect(ends).toBe(1)
  })

  it('lets go of a client that takes nothing for idleMs, from the start or after a chunk', async () => {
    const never = counted()
    let ends = 0
    const untouched = webStreamOf(never.chunks, { onEnd: () => ends++, idleMs: 30 }).getReader()
    await expect.poll(() => ends).toBe(1)
    await expect(untouched.read()).rejects.toBeInstanceOf(IdleBodyError)

    const stalled = counted()
    const reader = webStreamOf(stalled.chunks, { onEnd: () => ends++, idleMs: 30 }).getReader()
    await reader.read()
    await expect.poll(() => stalled.seen.finished).toBe(true)
    expect(ends).toBe(2)
    await expect(reader.read()).rejects.toBeInstanceOf(IdleBodyError)
  })

  it('does not count the time a chunk takes to make as idle', async () => {
    async function* slow(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 3; i++) {
        await sleep(60)
        yield Buffer.from(String(i))
      }
    }
    expect(await new Response(webStreamOf(slow(), { idleMs: 30 })).text()).toBe('012')
  })

  it('destroys a Node stream source (a file being read) when the client cancels midway', async () => {
    const source = new PassThrough()
    source.write(Buffer.from('first'))
    const reader = webStreamOf(source).getReader()
    expect(text((await reader.read()).value)).toBe('first')
    source.write(Buffer.from('second'))
    await reader.cancel()
    expect(source.destroyed).toBe(true)
  })
})
