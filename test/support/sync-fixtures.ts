import type { ApplicationInput } from '#shared/application/application.schema'
import type { Mutation } from '#shared/sync/protocol'
import type { DeepPartial, IndividualInput } from '../fixtures/applications'
import { uuidv7 } from 'uuidv7'
import { makeIndividual, makeReceiptNo } from '../fixtures/applications'

/** An agent signed in on a device, as the sync tests need it. */
export interface SignedInAgent {
  token: string
  staffId: string
  deviceId: string
  deviceCode: string
}

export const SYNC_SITE_ID = 'site-bj01'
export const SYNC_SITE_CODE = 'BJ01'
export const DEVICE_TIME = '2026-11-23T10:20:00+08:00'

/** A valid individual application entered by this agent on this device (receipt number from its device code). */
export function agentApplication(agent: SignedInAgent, seq: number, overrides: DeepPartial<IndividualInput> = {}): IndividualInput {
  return makeIndividual({
    agentId: agent.staffId,
    deviceId: agent.deviceId,
    siteId: SYNC_SITE_ID,
    receiptNo: makeReceiptNo(seq, { siteCode: SYNC_SITE_CODE, deviceCode: agent.deviceCode }),
    ...overrides,
  }, { seq })
}

/** A fresh mutation id, as a device draws one: a UUIDv7 (time-ordered, random below the millisecond). */
export function newMutationId(): string {
  return uuidv7()
}

export function submit(application: ApplicationInput, mutationId = newMutationId()): Mutation {
  return { kind: 'submit', mutationId, applicationId: application.id, baseVersion: 0, deviceTime: DEVICE_TIME, application: application as unknown as Record<string, unknown> }
}

export function resubmit(application: ApplicationInput, baseVersion: number, mutationId = newMutationId()): Mutation {
  return { kind: 'resubmit', mutationId, applicationId: application.id, baseVersion, deviceTime: DEVICE_TIME, application: application as unknown as Record<string, unknown> }
}

export function withdraw(applicationId: string, baseVersion: number, mutationId = newMutationId()): Mutation {
  return { kind: 'withdraw', mutationId, applicationId, baseVersion, deviceTime: DEVICE_TIME }
}

export function pushBody(mutations: Mutation[]) {
  return { protocolVersion: 1, mutations }
}
