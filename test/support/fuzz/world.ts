import type { IndividualInput } from '../../fixtures/applications'
import type { SignedInAgent } from '../sync-fixtures'
import type { TestServer } from '../test-server'
import { createHash } from 'node:crypto'
import { expect } from 'vitest'
import { signInAdmin } from '../admin-fixtures'
import { approveThrough, deskApplication, markAttachmentsArrived, pushApplication, reviewAction } from '../review-fixtures'
import { SYNC_SITE_ID } from '../sync-fixtures'
import { createTestServer, TEST_PASSWORD } from '../test-server'
import { jpeg } from '../tiny-files'

/** The records the fuzzing needs: accounts of every role, and records in every state a route acts on, kept open between runs. */

export const VICTIM_SITE = 'site-vc01'
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

export interface World {
  server: TestServer
  admin: string
  agent: SignedInAgent
  reviewer: string
  supervisor: string
  /** The account whose password the password-change route changes, and its password now. */
  passwordOwner: { token: string, password: string }
  /** Signs out through logout: a new session for each request, minted without scrypt. */
  leaver: { staffId: string, deviceId: string }
  /** What the admin routes may disable, revoke and reset without touching the accounts above. */
  victim: { staffId: string, siteId: string, deviceId: string }
  sha256s: string[]
  memberId: string
  memberApplicationId: string
  submittedId: string
  inReviewId: string
  duplicate: { applicationId: string, candidateId: string }
  deskSeq: number
  pushSeq: number
  created: number
  requests: number
  /** Answers by status family, printed at the end: a run answered only 400 would prove little. */
  statuses: Record<string, number>
}

/** Each fresh applicant has its own mobile and ID number (review-fixtures: `applicantOf`), none the push example's. */
async function newDeskApplication(world: World): Promise<IndividualInput> {
  world.deskSeq += 1
  world.created += 1
  const app = deskApplication(world.agent, world.deskSeq, SYNC_SITE_ID)
  await pushApplication(world.server, world.agent, app)
  return app
}

async function startReview(world: World, id: string): Promise<void> {
  const response = await reviewAction(world.server, world.supervisor, id, 'start_review', 1)
  if (response.status !== 200)
    throw new Error(`start_review: ${response.status} ${await response.text()}`)
}

async function statusOf(world: World, id: string): Promise<string | undefined> {
  return (await world.server.database.db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirst())?.status
}

/** Successful fuzz cases use records up (an approval, a cancellation): each run starts on ones still open. */
const MAX_REFRESHES = 80

export async function ensureSubmitted(world: World): Promise<void> {
  if (world.created < MAX_REFRESHES && await statusOf(world, world.submittedId) !== 'submitted')
    world.submittedId = (await newDeskApplication(world)).id
}

export async function ensureInReview(world: World): Promise<void> {
  if (world.created < MAX_REFRESHES && await statusOf(world, world.inReviewId) !== 'in_review') {
    world.inReviewId = (await newDeskApplication(world)).id
    await startReview(world, world.inReviewId)
  }
}

export async function ensureOpenDuplicate(world: World): Promise<void> {
  const candidate = await world.server.database.db.selectFrom('duplicate_candidates').select('resolution').where('id', '=', world.duplicate.candidateId).executeTakeFirst()
  if (world.created >= MAX_REFRESHES || (candidate && candidate.resolution === null && await statusOf(world, world.duplicate.applicationId) === 'in_review'))
    return
  const first = await newDeskApplication(world)
  world.deskSeq += 1
  world.created += 1
  const second = deskApplication(world.agent, world.deskSeq, SYNC_SITE_ID, { person: { idNumber: first.person.idNumber } })
  await pushApplication(world.server, world.agent, second)
  await startReview(world, second.id)
  const row = await world.server.database.db.selectFrom('duplicate_candidates').select('id').where('application_id', '=', second.id).executeTakeFirstOrThrow()
  world.duplicate = { applicationId: second.id, candidateId: row.id }
}

export async function ensureMember(world: World): Promise<void> {
  const member = await world.server.database.db.selectFrom('members').select('status').where('id', '=', world.memberId).executeTakeFirst()
  if (world.created >= MAX_REFRESHES || (member && member.status !== 'cancelled'))
    return
  const app = await newDeskApplication(world)
  world.memberApplicationId = app.id
  world.memberId = (await approveThrough(world.server, world.supervisor, app.id)).memberId
}

export async function unlock(world: World): Promise<void> {
  await world.server.database.db.deleteFrom('login_attempts').execute()
}

export async function createWorld(dialect: 'sqlite' | 'postgres'): Promise<World> {
  const server = await createTestServer(dialect)
  await server.createStaff('fuzz.agent', 'field_agent', [SYNC_SITE_ID])
  await server.createStaff('fuzz.reviewer', 'reviewer', [SYNC_SITE_ID])
  await server.createStaff('fuzz.supervisor', 'supervisor', [])
  await server.createStaff('fuzz.password', 'reviewer', [SYNC_SITE_ID])
  await server.createStaff('fuzz.login', 'field_agent', [SYNC_SITE_ID])
  const leaverId = await server.createStaff('fuzz.leaver', 'reviewer', [SYNC_SITE_ID])
  await server.createStaff('fuzz.victim', 'reviewer', [VICTIM_SITE])
  const agent = await server.signIn('fuzz.agent')
  const victim = await server.signIn('fuzz.victim')
  const world: World = {
    server,
    admin: (await signInAdmin(server)).token,
    agent,
    reviewer: (await server.signIn('fuzz.reviewer')).token,
    supervisor: (await server.signIn('fuzz.supervisor')).token,
    passwordOwner: { token: (await server.signIn('fuzz.password')).token, password: TEST_PASSWORD },
    leaver: { staffId: leaverId, deviceId: (await server.signIn('fuzz.leaver')).deviceId },
    victim: { staffId: victim.staffId, siteId: VICTIM_SITE, deviceId: victim.deviceId },
    sha256s: [],
    memberId: '',
    memberApplicationId: '',
    submittedId: '',
    inReviewId: '',
    duplicate: { applicationId: '', candidateId: '' },
    deskSeq: 100,
    pushSeq: 1000,
    created: 0,
    requests: 0,
    statuses: {},
  }

  // One document really on disk, so GET reaches the file and not only the database row.
  const file = jpeg(`fuzz ${dialect}`)
  const hash = sha256(file)
  const upload = await server.request(`/api/attachments/${hash}`, { method: 'PUT', token: agent.token, headers: { 'Content-Type': 'image/jpeg' }, body: file })
  expect(upload.status).toBe(201)
  world.sha256s.push(hash)
  world.deskSeq += 1
  const withFile = deskApplication(agent, world.deskSeq, SYNC_SITE_ID)
  withFile.attachments[0] = { ...withFile.attachments[0]!, sha256: hash, size: file.length, mediaType: 'image/jpeg' }
  await markAttachmentsArrived(server, withFile)
  await pushApplication(server, agent, withFile)
  world.memberApplicationId = withFile.id
  world.memberId = (await approveThrough(server, world.supervisor, withFile.id)).memberId

  await ensureSubmitted(world)
  await ensureInReview(world)
  await ensureOpenDuplicate(world)
  world.created = 0
  return world
}
