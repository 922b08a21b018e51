import type { SessionChannel, SessionNotice } from '../../../client/src/field/auth/session-broadcast'
import type { TestServer } from '../../support/test-server'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useSessionStore } from '../../../client/src/field/auth/session.store'
import { saveDraft } from '../../../client/src/field/storage/applications.repository'
import { signInAdmin } from '../../support/admin-fixtures'
import { MemoryStorage } from '../../support/memory-storage'
import { agentApplication, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer, TEST_PASSWORD } from '../../support/test-server'

/**
 * What a tab's session store does with a sign-out or a wipe another tab of the browser tells
 * it (session-broadcast.ts), against the real server in-process: tabs are Pinia stores sharing
 * one fake IndexedDB, each with its own sessionStorage, joined by an in-memory channel that,
 * like BroadcastChannel, delivers a notice to every tab but the one that posted it.
 */

describe('a tab told of a sign-out or a wipe in another tab (sqlite)', () => {
  let server: TestServer
  let idb: InstanceType<typeof IDBFactory>
  let tabs: Array<Set<(notice: SessionNotice) => void>>
  let userSeq = 0

  function channelOfNewTab(): SessionChannel {
    const mine = new Set<(notice: SessionNotice) => void>()
    tabs.push(mine)
    return {
      post: notice => tabs.filter(tab => tab !== mine).forEach(tab => tab.forEach(listener => listener(notice))),
      listen: (listener) => {
        mine.add(listener)
        return () => mine.delete(listener)
      },
    }
  }

  function openTab() {
    setActivePinia(createPinia())
    const store = useSessionStore()
    store.configure({
      fetch: async (path, init) => server.app.request(path, init),
      isOnline: () => true,
      dexie: { indexedDB: idb, IDBKeyRange },
      accountsDbName: 'field-enrol-accounts-notices',
      sessionStorage: new MemoryStorage(),
      deviceLabel: () => 'test tablet',
      sessionChannel: channelOfNewTab(),
    })
    return store
  }

  async function newAgent(): Promise<string> {
    const username = `agent.notice${++userSeq}`
    await server.createStaff(username, 'field_agent', [SYNC_SITE_ID])
    return username
  }

  beforeAll(async () => {
    server = await createTestServer('sqlite')
  })
  beforeEach(() => {
    idb = new IDBFactory()
    tabs = []
  })
  afterAll(() => server.dispose())

  it('a sign-out asks the same user\'s other tab to leave, then ends its session; another user\'s tab is left alone', async () => {
    const agent = await newAgent()
    const colleague = await newAgent()
    const signingOut = openTab()
    const told = openTab()
    const otherUser = openTab()
    for (const [tab, name] of [[signingOut, agent], [told, agent], [otherUser, colleague]] as const)
      expect(await tab.signIn(name, TEST_PASSWORD)).toMatchObject({ ok: true })

    expect(await signingOut.signOut()).toEqual({ signedOut: true, unsynced: 0 })

    // Still signed in until its page is left (an entry waiting for its save is saved first).
    expect(told.signedOutElsewhere).toBe(true)
    expect(told.ended).toEqual({ code: 'auth.signed_out_elsewhere', username: agent })
    expect(told.session).not.toBeNull()
    told.settleSignOutElsewhere(true)
    expect(told.session).toBeNull()
    expect(told.signedOutElsewhere).toBe(false)
    expect(otherUser.session?.staff.username).toBe(colleague)
    expect(otherUser.signedOutElsewhere).toBe(false)
  })

  it('the agent staying on an entry that cannot be saved keeps the session; a later sign-in is not signed out by the old notice', async () => {
    const agent = await newAgent()
    const signingOut = openTab()
    const told = openTab()
    await signingOut.signIn(agent, TEST_PASSWORD)
    await told.signIn(agent, TEST_PASSWORD)
    await signingOut.signOut()

    told.settleSignOutElsewhere(false)
    expect(told.session?.staff.username).toBe(agent)
    expect(told.ended).toBeNull()

    // Told again while no field page acts on it, then signed in afresh: the notice was the old session's.
    await signingOut.signIn(agent, TEST_PASSWORD)
    await signingOut.signOut()
    expect(told.signedOutElsewhere).toBe(true)
    await told.signOut({ force: true })
    expect(await told.signIn(agent, TEST_PASSWORD)).toMatchObject({ ok: true })
    expect(told.signedOutElsewhere).toBe(false)
  })

  it('a wipe at another tab\'s sign-in ends this tab\'s session at once, saying what was erased; its database stays shut', async () => {
    const agent = await newAgent()
    const told = openTab()
    await told.signIn(agent, TEST_PASSWORD)
    const session = told.session!
    const agentRef = { token: session.token!, staffId: session.staff.id, deviceId: session.deviceId, deviceCode: session.deviceCode }
    expect((await saveDraft(session.db, agentApplication(agentRef, 1))).ok).toBe(true)
    const revoked = await server.request(`/api/admin/devices/${session.deviceId}/revoke`, { method: 'POST', token: (await signInAdmin(server)).token })
    expect(revoked.status).toBe(200)

    const wiping = openTab()
    expect(await wiping.signIn(agent, TEST_PASSWORD)).toMatchObject({ ok: false, code: 'auth.device_revoked', wiped: true, erasedUnsynced: 1 })

    expect(told.session).toBeNull()
    expect(told.ended).toEqual({ code: 'auth.device_revoked', username: agent, erasedUnsynced: 1 })
    expect(session.db.erased).toBe(true)
    await expect(session.db.applications.count()).rejects.toThrow(/closed/i)
    expect((await idb.databases()).map(db => db.name)).not.toContain(session.db.name)
  })
})
