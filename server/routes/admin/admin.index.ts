import { requireAuth } from '../../http/auth-middleware'
import { createRouter } from '../../http/openapi'
import { adminAuditRouter } from './admin-audit.index'
import { adminDevicesRouter } from './admin-devices.index'
import { adminOverviewRouter } from './admin-overview.index'
import { adminProgrammeRouter } from './admin-programme.index'
import { adminSitesRouter } from './admin-sites.index'
import { adminStaffRouter } from './admin-staff.index'

/**
 * The administration API (`/api/admin/...`): the overview, staff accounts, sites, devices,
 * programme settings and the audit log. Administrators only: any other role gets 403
 * `auth.forbidden`, before any input is read. Every change is audited in its own
 * transaction by the service that makes it.
 */
export const adminRouter = createRouter()

adminRouter.use('/api/admin/*', requireAuth(['admin']))
adminRouter.route('/', adminStaffRouter)
adminRouter.route('/', adminSitesRouter)
adminRouter.route('/', adminDevicesRouter)
adminRouter.route('/', adminProgrammeRouter)
adminRouter.route('/', adminAuditRouter)
adminRouter.route('/', adminOverviewRouter)
