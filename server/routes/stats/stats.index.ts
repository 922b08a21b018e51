import { exportResponse } from '../../export/export-response'
import { clientIp, requireAuth } from '../../http/auth-middleware'
import { createRouter } from '../../http/openapi'
import { dailyReport, dailyReportFile, statsOverview } from '../../services/stats.service'
import { dailyReportExportRoute, dailyReportRoute, overviewRoute } from './stats.routes'

export const statsRouter = createRouter()

// Counts and staff names, no personal data: administrators may see them too.
statsRouter.use('/api/stats/*', requireAuth(['reviewer', 'supervisor', 'admin']))

statsRouter.openapi(overviewRoute, async (c) => {
  return c.json(await statsOverview(c.get('deps'), c.get('actor'), c.req.valid('query')), 200)
})

statsRouter.openapi(dailyReportRoute, async (c) => {
  return c.json(await dailyReport(c.get('deps'), c.get('actor'), c.req.valid('query'), c.get('locale')), 200)
})

statsRouter.openapi(dailyReportExportRoute, async (c) => {
  const { format, ...query } = c.req.valid('query')
  return exportResponse(await dailyReportFile(c.get('deps'), c.get('actor'), query, format, clientIp(c), c.get('locale'))) as never
})
