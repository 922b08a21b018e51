import type { AppDeps } from '../../../server/context'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app'
import { loadEnv } from '../../../server/config/env'

// Static serving and /healthz need no database: a stand-in that fails loudly if touched.
function depsWithDist(dist: string): AppDeps {
  const untouchable = new Proxy({}, {
    get: () => {
      throw new Error('no database in this test')
    },
  })
  return { db: untouchable as AppDeps['db'], dialect: 'sqlite', readSnapshot: untouchable as AppDeps['readSnapshot'], env: loadEnv({ CLIENT_DIST_DIR: dist }), cipher: untouchable as AppDeps['cipher'], storage: untouchable as AppDeps['storage'], now: () => new Date() }
}

// The server serves the built PWA: hashed assets immutable, the shell always revalidated,
// client-side routes answered with the shell, unknown API paths never.
describe('server: health and the built PWA', () => {
  let dist: string
  let app: ReturnType<typeof createApp>

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'field-enrol-dist-'))
    mkdirSync(join(dist, 'assets'))
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>外勤入会</title>')
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)')
    app = createApp(depsWithDist(dist))
  })
  afterAll(() => rmSync(dist, { recursive: true, force: true }))

  it('answers the health check', async () => {
    const response = await app.request('/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('sends security headers', async () => {
    const response = await app.request('/healthz')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(response.headers.get('content-security-policy')).toContain('default-src \'self\'')
    expect(response.headers.get('content-security-policy')).toContain('frame-ancestors \'none\'')
    // Vant's icon font is a data: URL inside its CSS: icons must show offline, from no CDN.
    expect(response.headers.get('content-security-policy')).toContain('font-src \'self\' data:')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
  })

  it('caches hashed assets as immutable', async () => {
    const response = await app.request('/assets/index-abc123.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it.each(['/', '/field', '/desk/queue/123'])('answers the client route %s with the app shell, never cached', async (path) => {
    const response = await app.request(path)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('外勤入会')
    expect(response.headers.get('cache-control')).toBe('no-cache')
  })

  it.each(['/assets/index-old999.js', '/assets/style-old.css', '/icons/none.png', '/sw-old.js', '/field/missing.webmanifest'])('answers a file that is not there, %s, with 404, not the app shell, and caches nothing', async (path) => {
    const response = await app.request(path)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).not.toContain('text/html')
    expect(response.headers.get('cache-control') ?? '').not.toContain('immutable')
  })

  it.each(['/desk/members/FE00000001', '/field/applications/BJ01-7K2M-000123-F', '/desk/admin/staff/demo.agent1'])('answers a page whose address has a dot or dash, %s, with the app shell', async (path) => {
    const response = await app.request(path)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('外勤入会')
  })

  it('does not answer unknown API paths with the app shell', async () => {
    const response = await app.request('/api/nothing-here')
    expect(response.status).toBe(404)
  })
})

describe('server: without a built client', () => {
  it('still answers the health check and 404s other paths', async () => {
    const app = createApp(depsWithDist(join(tmpdir(), 'field-enrol-no-such-dist')))
    expect((await app.request('/healthz')).status).toBe(200)
    const response = await app.request('/field')
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'request.not_found', message: '未找到' } })
  })
})
