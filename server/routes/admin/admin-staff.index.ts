import { clientIp } from '../../http/auth-middleware'
import { versionETag, versionFromIfMatch } from '../../http/if-match'
import { createRouter } from '../../http/openapi'
import { createStaffAccount, listStaffAccounts, resetStaffPassword, updateStaffAccount } from '../../services/admin-staff.service'
import { createStaffRoute, listStaffRoute, resetPasswordRoute, updateStaffRoute } from './admin-staff.routes'

export const adminStaffRouter = createRouter()

adminStaffRouter.openapi(listStaffRoute, async (c) => {
  const { role, siteId, disabled, q } = c.req.valid('query')
  const items = await listStaffAccounts(c.get('deps'), { role, siteId, disabled, search: q || undefined })
  return c.json({ items }, 200)
})

adminStaffRouter.openapi(createStaffRoute, async (c) => {
  const staff = await createStaffAccount(c.get('deps'), c.get('actor'), c.req.valid('json'), clientIp(c))
  return c.json(staff, 201)
})

adminStaffRouter.openapi(updateStaffRoute, async (c) => {
  const expected = versionFromIfMatch(c.req.valid('header')['if-match'])
  const staff = await updateStaffAccount(c.get('deps'), c.get('actor'), c.req.valid('param').id, expected, c.req.valid('json'), clientIp(c))
  return c.json(staff, 200, { ETag: versionETag(staff.version) })
})

adminStaffRouter.openapi(resetPasswordRoute, async (c) => {
  const result = await resetStaffPassword(c.get('deps'), c.get('actor'), c.req.valid('param').id, c.req.valid('json').password, clientIp(c))
  return c.json(result, 200)
})
