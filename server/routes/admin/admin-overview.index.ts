import { createRouter } from '../../http/openapi'
import { adminOverview } from '../../services/admin-overview.service'
import { adminOverviewRoute } from './admin-overview.routes'

export const adminOverviewRouter = createRouter()

adminOverviewRouter.openapi(adminOverviewRoute, async c => c.json(await adminOverview(c.get('deps')), 200))
