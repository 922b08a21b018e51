import { Buffer } from 'node:buffer'
import { createHash } from 'node:crypto'
import { crc32, deflateSync } from 'node:zlib'

/**
 * Small but real PNG images for demo attachments (a coloured card with a darker band),
 * so the desk's image preview shows something and every hash is a real SHA-256.
 */

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

export function demoPng(seed: number, width = 320, height = 200): Buffer {
  const base = [60 + (seed * 47) % 160, 90 + (seed * 31) % 140, 120 + (seed * 17) % 120]
  const rows: Buffer[] = []
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3)
    const band = y > height * 0.35 && y < height * 0.55
    for (let x = 0; x < width; x++) {
      const shade = band ? 0.6 : 1
      row[1 + x * 3] = Math.round(base[0]! * shade)
      row[2 + x * 3] = Math.round(base[1]! * shade)
      row[3 + x * 3] = Math.round(base[2]! * shade)
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  header[9] = 2
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}
