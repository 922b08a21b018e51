import { Buffer } from 'node:buffer'

/** Tiny real files, for tests that upload documents. */

/** A 1×1 baseline JFIF (the well-known 125-byte smallest JPEG), with a comment to vary it. */
export function jpeg(comment = ''): Buffer {
  const base = Buffer.from(
    'FFD8FFE000104A46494600010101004800480000'
    + 'FFDB004300030202020202030202020303030304060404040404080606050609080A0A090809090A0C0F0C0A0B0E0B09090D110D0E0F101011100A0C12131210130F101010'
    + 'FFC9000B080001000101011100FFCC000600101005FFDA0008010100003F00D2CF20FFD9',
    'hex',
  )
  if (!comment)
    return base
  const text = Buffer.from(comment, 'latin1')
  const length = Buffer.alloc(2)
  length.writeUInt16BE(text.length + 2)
  return Buffer.concat([base.subarray(0, 2), Buffer.from([0xFF, 0xFE]), length, text, base.subarray(2)])
}
