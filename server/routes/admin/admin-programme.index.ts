import { clientIp } from '../../http/auth-middleware'
import { versionETag, versionFromIfMatch } from '../../http/if-match'
import { createRouter } from '../../http/openapi'
import { currentProgrammeVersion, programmeVersion, programmeVersions, publishProgramme } from '../../services/admin-programme.service'
import { currentProgrammeRoute, programmeVersionRoute, programmeVersionsRoute, publishProgrammeRoute } from './admin-programme.routes'

export const adminProgrammeRouter = createRouter()

adminProgrammeRouter.openapi(currentProgrammeRoute, async (c) => {
  const { version, settings } = await currentProgrammeVersion(c.get('deps'))
  return c.json({ version, settings }, 200, { ETag: versionETag(version) })
})

adminProgrammeRouter.openapi(programmeVersionsRoute, async (c) => {
  return c.json({ items: await programmeVersions(c.get('deps')) }, 200)
})

adminProgrammeRouter.openapi(programmeVersionRoute, async (c) => {
  return c.json(await programmeVersion(c.get('deps'), c.req.valid('param').version), 200)
})

adminProgrammeRouter.openapi(publishProgrammeRoute, async (c) => {
  const baseVersion = versionFromIfMatch(c.req.valid('header')['if-match'])
  const published = await publishProgramme(c.get('deps'), c.get('actor'), baseVersion, c.req.valid('json'), clientIp(c))
  return c.json(published, 200, { ETag: versionETag(published.version) })
})
