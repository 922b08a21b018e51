import { requireAuth } from '../../http/auth-middleware'
import { createRouter } from '../../http/openapi'
import { deskDirectory } from '../../services/directory.service'
import { directoryRoute } from './directory.routes'

export const directoryRouter = createRouter()

// Site and staff names, no applicant's data: administrators need them for statistics too.
directoryRouter.use('/api/directory', requireAuth(['reviewer', 'supervisor', 'admin']))

directoryRouter.openapi(directoryRoute, async (c) => {
  return c.json(await deskDirectory(c.get('deps'), c.get('actor')), 200)
})
