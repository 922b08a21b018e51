import { clientIp, requireAuth } from '../../http/auth-middleware'
import { createRouter } from '../../http/openapi'
import { login, logout } from '../../services/auth.service'
import { changeOwnPassword } from '../../services/password-change.service'
import { changePasswordRoute, loginRoute, logoutRoute, meRoute } from './auth.routes'

export const authRouter = createRouter()

authRouter.openapi(loginRoute, async (c) => {
  const body = c.req.valid('json')
  const result = await login(c.get('deps'), { ...body, ip: clientIp(c) })
  return c.json(result, 200)
})

authRouter.use(logoutRoute.getRoutingPath(), requireAuth())
authRouter.openapi(logoutRoute, async (c) => {
  await logout(c.get('deps'), c.get('actor'), clientIp(c))
  return c.body(null, 204)
})

authRouter.use(meRoute.getRoutingPath(), requireAuth())
authRouter.openapi(meRoute, (c) => {
  const { id, username, displayName, role, siteIds, deviceId } = c.get('actor')
  return c.json({ staff: { id, username, displayName, role, siteIds }, deviceId }, 200)
})

authRouter.use(changePasswordRoute.getRoutingPath(), requireAuth())
authRouter.openapi(changePasswordRoute, async (c) => {
  const result = await changeOwnPassword(c.get('deps'), c.get('actor'), c.req.valid('json'), clientIp(c))
  return c.json(result, 200)
})
