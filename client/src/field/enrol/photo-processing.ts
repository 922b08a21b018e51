/**
 * Photos are made small on the device before they are stored (issue: field PWA, item 4): a
 * tablet camera's 12-megapixel JPEG of 4–6 MB becomes ~1600 px on its long edge at JPEG
 * quality 0.8 (200–400 KB), still sharp enough to read an ID card, so hundreds of
 * applications fit on a device and sync over a weak network. PDFs are kept as they are.
 */

export const PHOTO_MAX_EDGE = 1600
export const PHOTO_QUALITY = 0.8

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())
  return [...new Uint8Array(digest)].map(byte => byte.toString(16).padStart(2, '0')).join('')
}

/** The target size for an image of this size: the long edge at most `maxEdge`, never enlarged. */
export function scaledSize(width: number, height: number, maxEdge = PHOTO_MAX_EDGE): { width: number, height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/**
 * The file is no photo the browser can read: damaged, or in a format it does not decode
 * (HEIC, in most browsers). The agent is told so in their language and may take it again;
 * the browser's own words ("The source image could not be decoded.") are English.
 */
export class UnreadablePhotoError extends Error {
  constructor(options?: ErrorOptions) {
    super('the photo could not be read', options)
    this.name = 'UnreadablePhotoError'
  }
}

/** Downscales and recompresses a photo to JPEG, respecting its EXIF orientation. */
export async function downscalePhoto(file: Blob, maxEdge = PHOTO_MAX_EDGE, quality = PHOTO_QUALITY): Promise<Blob> {
  if (file.type === 'application/pdf')
    return file
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  }
  catch (error) {
    throw new UnreadablePhotoError({ cause: error })
  }
  const { width, height } = scaledSize(bitmap.width, bitmap.height, maxEdge)
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')
  if (!context)
    throw new Error('canvas 2d context unavailable')
  context.drawImage(bitmap, 0, 0, width, height)
  bitmap.close()
  const blob = await new Promise<Blob | null>(resolve => canvas.toBlob(resolve, 'image/jpeg', quality))
  if (!blob)
    throw new Error('could not encode the photo')
  return blob
}

/** A signature drawn on a canvas, as a PNG Blob (never base64 in storage). */
export async function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  const blob = await new Promise<Blob | null>(resolve => canvas.toBlob(resolve, 'image/png'))
  if (!blob)
    throw new Error('could not encode the signature')
  return blob
}
