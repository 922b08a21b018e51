import { createRoute, z } from '@hono/zod-openapi'
import { errorResponse, jsonContent } from '../../http/openapi'

/**
 * Attachments by SHA-256. The body of a PUT is the file itself (not JSON), streamed; the
 * JSON body limit does not apply to these paths, the programme's `maxAttachmentBytes` does.
 */

export const AttachmentParamsSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/).openapi({
    param: { name: 'sha256', in: 'path' },
    description: 'The file\'s SHA-256, 64 lowercase hexadecimal characters',
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  }),
})

const binary = z.string().openapi({ type: 'string', format: 'binary' })
const fileContent = {
  'image/jpeg': { schema: binary },
  'image/png': { schema: binary },
  'image/webp': { schema: binary },
  'application/pdf': { schema: binary },
}

export const UploadResultSchema = z.object({
  sha256: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  alreadyStored: z.boolean(),
}).openapi('AttachmentUploadResult')

export const uploadRoute = createRoute({
  method: 'put',
  path: '/api/attachments/{sha256}',
  tags: ['attachments'],
  summary: 'Upload a file under its SHA-256 (idempotent)',
  description: 'The body is the file, with its Content-Type (JPEG, PNG, WebP or PDF), which its first bytes must confirm. It is streamed to storage and refused when its hash differs from the URL or it passes the programme\'s size limit. Uploading a stored file again answers 200 and changes nothing. Every application that names the file and now has all its attachments becomes complete.',
  security: [{ bearer: [] }],
  request: { params: AttachmentParamsSchema, body: { content: fileContent, required: true } },
  responses: {
    201: jsonContent(UploadResultSchema, 'Stored'),
    200: jsonContent(UploadResultSchema, 'Already stored; the body was ignored'),
    400: errorResponse('Not a SHA-256 (`attachment.sha256_format`), or the body\'s hash differs (`attachment.hash_mismatch`)'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Device revoked or account disabled'),
    413: errorResponse('Larger than the programme allows (`attachment.too_large`)'),
    415: errorResponse('Type not accepted (`attachment.media_type_unsupported`) or content not of the declared type (`attachment.media_type_mismatch`)'),
  },
})

const fileHeaders = z.object({
  'Content-Type': z.string(),
  'Content-Length': z.string(),
  'Cache-Control': z.string(),
})

/** Documentation only: Hono answers HEAD with the GET handler (which checks the method) and drops the body. */
export const headRoute = createRoute({
  method: 'head',
  path: '/api/attachments/{sha256}',
  tags: ['attachments'],
  summary: 'Whether a file has arrived (field agents: the device\'s check before and after uploading)',
  description: 'Desk staff download files (GET, audited) and have no use for this check: it is refused to them, so nobody learns unaudited whether a document exists.',
  security: [{ bearer: [] }],
  request: { params: AttachmentParamsSchema },
  responses: {
    200: { description: 'Stored; Content-Length and Content-Type describe it', headers: fileHeaders },
    400: { description: 'Not a SHA-256' },
    401: { description: 'Not signed in' },
    403: { description: 'Not a field agent' },
    404: { description: 'Not uploaded (yet)' },
  },
})

export const viewRoute = createRoute({
  method: 'get',
  path: '/api/attachments/{sha256}',
  tags: ['attachments'],
  summary: 'Download a file (audited)',
  description: 'Only for staff who may see an application naming the file: a field agent their own applications, a reviewer those of their sites, a supervisor all; administrators never. Every view is written to the audit log. Never cached.',
  security: [{ bearer: [] }],
  request: { params: AttachmentParamsSchema },
  responses: {
    200: { content: fileContent, description: 'The file', headers: fileHeaders },
    400: errorResponse('Not a SHA-256'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Administrators do not see applicants\' documents'),
    404: errorResponse('No application you may see names this file'),
  },
})
