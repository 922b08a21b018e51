import { calendarDate } from '#shared/application/field-schemas'
import { STATS_MAX_RANGE_DAYS } from '#shared/stats/stats-range'
import { APPLICATION_STATUSES } from '#shared/status/status-table'
import { createRoute, z } from '@hono/zod-openapi'
import { EXPORT_FORMATS } from '../../export/export-response'
import { errorResponse, jsonContent } from '../../http/openapi'

/**
 * Desk statistics and the daily report (顾客信息日报表). China dates; supervisors and
 * administrators see every site, reviewers their own.
 */

const siteId = z.string().min(1).max(64).optional().openapi({ description: 'One site (within your sites).' })

const OverviewQuerySchema = z.object({
  from: z.string().pipe(calendarDate).openapi({ description: 'First day (YYYY-MM-DD, China), inclusive.' }),
  to: z.string().pipe(calendarDate).openapi({ description: `Last day (YYYY-MM-DD, China), inclusive; the range covers at most ${STATS_MAX_RANGE_DAYS} days.` }),
  siteId,
})

const count = z.number().int()
const rate = z.number().nullable()

const OverviewSchema = z.object({
  from: z.string(),
  to: z.string(),
  siteId: z.string().nullable(),
  applications: count.openapi({ description: 'Applications that first reached the server in the range.' }),
  perDay: z.array(z.object({ date: z.string(), count })).openapi({ description: 'Every day of the range, zeros included.' }),
  perSite: z.array(z.object({ siteId: z.string(), siteCode: z.string().nullable(), siteName: z.string().nullable(), count })),
  perAgent: z.array(z.object({ agentId: z.string(), agentName: z.string().nullable(), siteId: z.string(), count })),
  decisions: z.object({ total: count, approved: count, rejected: count, returned: count }).openapi({ description: 'Decisions taken in the range.' }),
  rates: z.object({ approval: rate, rejection: rate, return: rate }).openapi({ description: 'Shares of those decisions (0–1); null when there were none.' }),
  medianReviewHours: z.number().nullable().openapi({ description: 'From arrival to the first decision, over the range\'s applications that have one.' }),
  overdue: count.openapi({ description: 'The range\'s applications past their deadline (working days) today and still awaiting a decision.' }),
  duplicatesFound: count.openapi({ description: 'Duplicate candidates found in the range.' }),
  revisits: z.object({ due: count, recorded: count, reached: count }).openapi({ description: 'Re-visits (回访): `due`, members whose re-visit is due today (whatever the range, as the members list\'s revisitDue filter); `recorded`, re-visits recorded in the range; `reached`, those that reached the member.' }),
}).openapi('StatsOverview')

const DailyQuerySchema = z.object({
  date: z.string().pipe(calendarDate).openapi({ description: 'The day (YYYY-MM-DD, China).' }),
  siteId,
})

const countsBy = z.record(z.string(), count)

const DailyRowSchema = z.object({
  siteId: z.string(),
  siteCode: z.string().nullable(),
  siteName: z.string().nullable(),
  agentId: z.string(),
  agentName: z.string().nullable(),
  newApplications: count,
  byStatus: countsBy.openapi({ description: 'By status today, every server status present.' }),
  byCategory: countsBy.openapi({ description: 'By category code, every programme category present.' }),
})

const DailyReportSchema = z.object({
  date: z.string(),
  siteId: z.string().nullable(),
  categories: z.array(z.object({ code: z.string(), name: z.string() })),
  statuses: z.array(z.enum(APPLICATION_STATUSES)),
  rows: z.array(DailyRowSchema),
  totals: DailyRowSchema.pick({ newApplications: true, byStatus: true, byCategory: true }),
}).openapi('DailyReport')

const security = [{ bearer: [] }]
const tags = ['stats']
const errors = {
  400: errorResponse('Invalid dates (`date.range_reversed`, `date.range_too_long`) or format'),
  401: errorResponse('Not signed in'),
  403: errorResponse('Not a reviewer, supervisor or administrator'),
}

export const overviewRoute = createRoute({
  method: 'get',
  path: '/api/stats/overview',
  tags,
  summary: 'Applications per day, site and agent; decision rates; median time to review; overdue; duplicates found; re-visits',
  security,
  request: { query: OverviewQuerySchema },
  responses: { 200: jsonContent(OverviewSchema, 'The figures'), ...errors },
})

export const dailyReportRoute = createRoute({
  method: 'get',
  path: '/api/stats/daily-report',
  tags,
  summary: '顾客信息日报表: per site and agent, the day\'s new applications by status and by category',
  security,
  request: { query: DailyQuerySchema },
  responses: { 200: jsonContent(DailyReportSchema, 'The report'), ...errors },
})

export const dailyReportExportRoute = createRoute({
  method: 'get',
  path: '/api/stats/daily-report/export',
  tags,
  summary: 'The daily report as CSV or XLSX (a row per site and agent, then 合计); audited',
  security,
  request: { query: DailyQuerySchema.extend({ format: z.enum(EXPORT_FORMATS).default('xlsx') }) },
  responses: {
    200: {
      content: {
        'text/csv': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) },
      },
      description: 'The file (Content-Disposition 顾客信息日报表_<date>.<format>, X-Total-Rows)',
    },
    ...errors,
  },
})
