import { Buffer } from 'node:buffer'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

/**
 * Draws the app's icons and writes them as PNG into client/public/icons/ (committed; run
 * again only to change the design): `npm run pwa:icons`. No image tool and no download:
 * the shapes are signed distances sampled 4×4 per pixel for smooth edges, and the PNG is
 * written by hand (RGBA, one zlib stream), which is all a manifest icon needs.
 *
 * The glyph is a person with a plus — "enrol a member" — in white on the brand blue
 * #1677ff. The plain icons are a rounded square on a transparent background; the maskable
 * one is full-bleed with the glyph inside the central safe circle (radius 40 %), because
 * launchers crop maskable icons to their own shape.
 */

const BLUE = [0x16, 0x77, 0xFF] as const
const WHITE = [0xFF, 0xFF, 0xFF] as const
const SAMPLES = 4

type Rgb = readonly [number, number, number]
/** Colour at a point of the unit square, or null where the icon is transparent. */
type Shader = (x: number, y: number) => Rgb | null

function insideRoundedSquare(x: number, y: number, radius: number): boolean {
  const dx = Math.max(radius - x, 0, x - (1 - radius))
  const dy = Math.max(radius - y, 0, y - (1 - radius))
  return dx * dx + dy * dy <= radius * radius
}

/** The glyph in unit coordinates, drawn scaled by `scale` about the centre. */
function insideGlyph(px: number, py: number, scale: number): boolean {
  const x = 0.5 + (px - 0.5) / scale
  const y = 0.5 + (py - 0.5) / scale
  const head = (x - 0.43) ** 2 + (y - 0.37) ** 2 <= 0.125 ** 2
  // Shoulders: the top of an ellipse, cut flat at the bottom.
  const body = y <= 0.76 && ((x - 0.43) / 0.25) ** 2 + ((y - 0.8) / 0.27) ** 2 <= 1
  const plusArm = 0.1
  const plusHalfWidth = 0.032
  const cx = 0.75
  const cy = 0.6
  const plus = (Math.abs(x - cx) <= plusArm && Math.abs(y - cy) <= plusHalfWidth)
    || (Math.abs(y - cy) <= plusArm && Math.abs(x - cx) <= plusHalfWidth)
  return head || body || plus
}

const plainIcon: Shader = (x, y) => insideRoundedSquare(x, y, 0.22) ? (insideGlyph(x, y, 1) ? WHITE : BLUE) : null
const maskableIcon: Shader = (x, y) => insideGlyph(x, y, 0.78) ? WHITE : BLUE

function render(size: number, shade: Shader): Buffer {
  // Each row starts with its PNG filter byte (0: none).
  const raw = Buffer.alloc(size * (size * 4 + 1))
  for (let row = 0; row < size; row++) {
    const rowStart = row * (size * 4 + 1)
    for (let col = 0; col < size; col++) {
      let r = 0
      let g = 0
      let b = 0
      let covered = 0
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = shade((col + (sx + 0.5) / SAMPLES) / size, (row + (sy + 0.5) / SAMPLES) / size)
          if (!colour)
            continue
          r += colour[0]
          g += colour[1]
          b += colour[2]
          covered++
        }
      }
      const at = rowStart + 1 + col * 4
      if (covered) {
        raw[at] = Math.round(r / covered)
        raw[at + 1] = Math.round(g / covered)
        raw[at + 2] = Math.round(b / covered)
        raw[at + 3] = Math.round(255 * covered / (SAMPLES * SAMPLES))
      }
    }
  }
  return encodePng(size, raw)
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++)
    c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let crc = 0xFFFFFFFF
  for (const byte of bytes)
    crc = CRC_TABLE[(crc ^ byte) & 0xFF]! ^ (crc >>> 8)
  return (crc ^ 0xFFFFFFFF) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function encodePng(size: number, filteredRows: Buffer): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bits per channel
  header[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filteredRows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** The icons the web app manifest names (vite.config.ts), by file name. */
export const ICONS = [
  { file: 'icon-192.png', size: 192, shade: plainIcon },
  { file: 'icon-512.png', size: 512, shade: plainIcon },
  { file: 'icon-maskable-512.png', size: 512, shade: maskableIcon },
  { file: 'apple-touch-icon-180.png', size: 180, shade: maskableIcon },
] as const

const outDir = fileURLToPath(new URL('../../../../public/icons/', import.meta.url))
mkdirSync(outDir, { recursive: true })
for (const icon of ICONS) {
  const png = render(icon.size, icon.shade)
  writeFileSync(join(outDir, icon.file), png)
  process.stdout.write(`${icon.file}: ${icon.size}×${icon.size}, ${png.length} bytes\n`)
}
