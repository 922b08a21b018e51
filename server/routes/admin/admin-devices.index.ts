import { clientIp } from '../../http/auth-middleware'
import { createRouter } from '../../http/openapi'
import { listDeviceItems, revokeDeviceById } from '../../services/admin-devices.service'
import { listDevicesRoute, revokeDeviceRoute } from './admin-devices.routes'

export const adminDevicesRouter = createRouter()

adminDevicesRouter.openapi(listDevicesRoute, async (c) => {
  const { staffId, revoked } = c.req.valid('query')
  return c.json({ items: await listDeviceItems(c.get('deps'), { staffId, revoked }) }, 200)
})

adminDevicesRouter.openapi(revokeDeviceRoute, async (c) => {
  const { id } = c.req.valid('param')
  return c.json({ id, ...await revokeDeviceById(c.get('deps'), c.get('actor'), id, clientIp(c)) }, 200)
})
