import type { z } from '@hono/zod-openapi'
import type { accountApi, PasswordChanged } from '../../client/src/desk/api/account.api'
import type { AdminOverview, AuditChainReport, AuditPage, DeviceItem, NewStaff, ProgrammeVersion, ProgrammeVersionInfo, SiteRecord, StaffAccount, StaffChanges } from '../../client/src/desk/api/admin.api'
import type { DeskDirectory } from '../../client/src/desk/api/directory.api'
import type { MemberDetail, MemberList, MemberOperationBody, MemberOperationResult } from '../../client/src/desk/api/members.api'
import type { ApplicationHistory, ApplicationVersionComparison, DecisionResult, ResolveDuplicateResult, ReviewDetail, ReviewList } from '../../client/src/desk/api/review.api'
import type { DailyReport, StatsOverview } from '../../client/src/desk/api/stats.api'
import type { DeskSession } from '../../client/src/desk/auth/desk-session.store'
import type { LoginAnswer } from '../../client/src/field/auth/auth-requests'
import type { OwnApplicationList } from '../../client/src/field/lookup/own-applications'
import type { searchAuditRoute, verifyAuditRoute } from '../../server/routes/admin/admin-audit.routes'
import type { listDevicesRoute, revokeDeviceRoute } from '../../server/routes/admin/admin-devices.routes'
import type { adminOverviewRoute } from '../../server/routes/admin/admin-overview.routes'
import type { currentProgrammeRoute, programmeVersionsRoute, publishProgrammeRoute } from '../../server/routes/admin/admin-programme.routes'
import type { createSiteRoute, listSitesRoute, updateSiteRoute } from '../../server/routes/admin/admin-sites.routes'
import type { createStaffRoute, listStaffRoute, updateStaffRoute } from '../../server/routes/admin/admin-staff.routes'
import type { changePasswordRoute, loginRoute } from '../../server/routes/auth/auth.routes'
import type { directoryRoute } from '../../server/routes/directory/directory.routes'
import type { listMembersRoute, memberDetailRoute, memberOperationRoute } from '../../server/routes/members/members.routes'
import type { approveRoute, compareVersionsRoute, detailRoute, historyRoute, listRoute, rejectRoute, resolveDuplicateRoute, returnRoute, startReviewRoute } from '../../server/routes/review/review.routes'
import type { dailyReportRoute, overviewRoute } from '../../server/routes/stats/stats.routes'
import type { lookUpOwnApplicationsRoute } from '../../server/routes/sync/sync.routes'

/**
 * The desk (client/src/desk/api) and the tablet's sign-in declare the answers they read
 * instead of importing the server's route schemas, so the client's build never type-checks
 * server code (sync itself shares its schemas through shared/sync/protocol.ts). This file
 * holds the two sides together: it compiles (`npm run typecheck`) only while everything a
 * route's schema sends fits the desk's type, and every body the desk sends fits the route's
 * request schema. A renamed, removed or retyped field on either side fails the type check
 * here, naming the route. Fields the server adds and the desk does not read are fine.
 */

type JsonOf<Content> = Content extends { 'application/json': { schema: infer S extends z.ZodType } } ? z.output<S> : never

/** The JSON a route answers with on success (200 or 201). */
type Answer<Route> = Route extends { responses: infer R }
  ? (R extends { 200: { content: infer C } } ? JsonOf<C> : never) | (R extends { 201: { content: infer C } } ? JsonOf<C> : never)
  : never

/** The JSON body a route accepts (before its schema's defaults and transforms). */
type Body<Route> = Route extends { request: { body: { content: infer C } } }
  ? C extends { 'application/json': { schema: infer S extends z.ZodType } } ? z.input<S> : never
  : never

/**
 * Compiles only when `Sent` is assignable to `Read`. `never` (a route without the JSON
 * answer looked for) would fit anything, so it asks for an argument nobody passes.
 */
function fits<Read>() {
  return <Sent extends Read>(..._guard: [Sent] extends [never] ? [nothingToCompare: never] : []): void => {}
}

/**
 * The application inside a review detail: the desk reads it with the
 * shared `Application` type; the route's schema also admits any object, because masked
 * values (an ID number with stars) do not pass the format rules. Same shape, looser values,
 * so it is left out of the comparison.
 */
type WithoutApplication<T> = Omit<T, 'application'>

// Sign-in, as the tablet and the desk read it.
fits<LoginAnswer>()<Answer<typeof loginRoute>>()
fits<DeskSession>()<Answer<typeof loginRoute>>()
fits<PasswordChanged>()<Answer<typeof changePasswordRoute>>()
fits<OwnApplicationList>()<Answer<typeof lookUpOwnApplicationsRoute>>()
fits<Body<typeof changePasswordRoute>>()<Parameters<ReturnType<typeof accountApi>['changePassword']>[0]>()

// The review queue and its decisions.
fits<ReviewList>()<Answer<typeof listRoute>>()
fits<WithoutApplication<ReviewDetail>>()<WithoutApplication<Answer<typeof detailRoute>>>()
fits<ApplicationHistory>()<Answer<typeof historyRoute>>()
fits<ApplicationVersionComparison>()<Answer<typeof compareVersionsRoute>>()
fits<DecisionResult>()<Answer<typeof startReviewRoute>>()
fits<DecisionResult>()<Answer<typeof approveRoute>>()
fits<DecisionResult>()<Answer<typeof rejectRoute>>()
fits<DecisionResult>()<Answer<typeof returnRoute>>()
fits<ResolveDuplicateResult>()<Answer<typeof resolveDuplicateRoute>>()

// Members.
fits<MemberList>()<Answer<typeof listMembersRoute>>()
fits<MemberDetail>()<Answer<typeof memberDetailRoute>>()
fits<MemberOperationResult>()<Answer<typeof memberOperationRoute>>()
fits<Body<typeof memberOperationRoute>>()<MemberOperationBody>()

// Administration.
fits<{ items: StaffAccount[] }>()<Answer<typeof listStaffRoute>>()
fits<StaffAccount>()<Answer<typeof createStaffRoute>>()
fits<StaffAccount>()<Answer<typeof updateStaffRoute>>()
fits<Body<typeof createStaffRoute>>()<NewStaff>()
fits<Body<typeof updateStaffRoute>>()<StaffChanges>()
fits<{ items: SiteRecord[] }>()<Answer<typeof listSitesRoute>>()
fits<SiteRecord>()<Answer<typeof createSiteRoute>>()
fits<SiteRecord>()<Answer<typeof updateSiteRoute>>()
fits<AdminOverview>()<Answer<typeof adminOverviewRoute>>()
fits<{ items: DeviceItem[] }>()<Answer<typeof listDevicesRoute>>()
fits<{ id: string, revokedAt: string, alreadyRevoked: boolean }>()<Answer<typeof revokeDeviceRoute>>()
fits<ProgrammeVersion>()<Answer<typeof currentProgrammeRoute>>()
fits<ProgrammeVersion>()<Answer<typeof publishProgrammeRoute>>()
fits<{ items: ProgrammeVersionInfo[] }>()<Answer<typeof programmeVersionsRoute>>()
fits<AuditPage>()<Answer<typeof searchAuditRoute>>()
fits<AuditChainReport>()<Answer<typeof verifyAuditRoute>>()

// Statistics.
fits<StatsOverview>()<Answer<typeof overviewRoute>>()
fits<DailyReport>()<Answer<typeof dailyReportRoute>>()

// The desk's directory of names.
fits<DeskDirectory>()<Answer<typeof directoryRoute>>()
