import type { AttachmentKind } from '#shared/application/enums'
import type { ValidationIssue } from '#shared/errors/issue'
import type { ReturnItem } from '#shared/status/review-decisions'
import type { InjectionKey, Ref, UnwrapNestedRefs } from 'vue'
import type { LocalApplication } from '../storage/field-db'
import type { Draft, ResidentIdFacts, WizardStep } from './draft-model'
import { validateApplication } from '#shared/application/validate-application'
import { diffApplications } from '#shared/application/version-diff'
import { formatMessage, listEntryName } from '#shared/errors/format-issue'
import { labelled } from '#shared/i18n/punctuation'
import { DEVICE_EDITABLE_STATUSES } from '#shared/status/status-table'
import { untouchedReturnItems } from '#shared/status/untouched-return-items'
import { uuidv7 } from 'uuidv7'
import { computed, getCurrentScope, inject, onScopeDispose, reactive, ref, shallowRef, watch } from 'vue'
import { markSaved, markUnsaved } from '../../app/pwa/unsaved-input'
import { currentLocale } from '../../i18n/i18n'
import { wizardMayEdit } from '../applications/device-editable'
import { useSessionStore } from '../auth/session.store'
import { deleteDraft, discardAttachment, findDeviceDuplicates, heldEditOf, keepUnsavedEdit, inFlight as recordInFlight, resubmit, saveDraft, submit } from '../storage/applications.repository'
import { withdrawalWaits } from '../storage/outbox-reads'
import { describeStorageFailure } from '../storage/storage-failure'
import { useFieldDataStore } from '../stores/field-data.store'
import { autofillFromResidentId, dropUnaskedGuardian, fieldOfPath, getPath, issuesByStep, residentIdFacts, setField, stepsFor, summaryContent } from './draft-model'
import { sha256Hex } from './photo-processing'
import { dropRescuedChange, readRescuedChange, rescueChange, tabStorage } from './unload-rescue'

/**
 * The enrolment form of one application: the draft being edited, saved to the device on
 * every change (debounced, and at once for photos and signatures), validated as the agent
 * types with the shared `validateApplication` under the stored programme settings — the
 * same codes and words the server would answer with. Changing the content after the
 * applicant confirmed the summary clears the confirmation and the signatures: the applicant
 * signs what they saw.
 */

export type DuplicateHint = Awaited<ReturnType<typeof findDeviceDuplicates>>[number]
export type SignatureRole = 'applicant' | 'guardian'

/** A save's end: stored on the record, held beside it while the record syncs, or not stored. */
type SaveOutcome = 'saved' | 'held' | 'failed'

const SAVE_DELAY_MS = 250
/** How often a change held back by a sync looks whether the push of its record is over. */
const HELD_CHECK_MS = 500

/**
 * The draft as plain data for IndexedDB: Vue proxies nested anywhere in it cannot be
 * structured-cloned (toRaw unwraps only the top). A draft is JSON by construction.
 */
function plainCopy(draft: Draft): Draft {
  return JSON.parse(JSON.stringify(draft)) as Draft
}

export function useEnrolFormState(applicationId: string) {
  const session = useSessionStore()
  const data = useFieldDataStore()
  const db = session.session!.db
  const application = shallowRef<LocalApplication | null>(null)
  const draft = ref<Draft | null>(null) as Ref<Draft | null>
  const notFound = ref(false)
  const saving = ref(false)
  /** A change waits for its save (the quarter second): "saved" would not be true yet. */
  const pending = ref(false)
  const savedAt = ref<string | null>(null)
  const saveError = ref<string | null>(null)
  /**
   * The last change was refused because the record is being synced (it must not change under
   * the push): it is kept here and saved by itself once the push is over.
   */
  const heldBySync = ref(false)
  /** The push took the record as it stood and the server now holds it: the change cannot be saved. */
  const editNotSaved = ref(false)
  /**
   * The last save failed (the device's storage refused it) and nothing will retry it by itself:
   * the change is on screen only. Leaving is asked about, and a reload rescues it in the tab.
   */
  const saveFailed = ref(false)
  let heldCheck: ReturnType<typeof setTimeout> | null = null
  const touched = reactive(new Set<string>())
  const attempted = reactive(new Set<WizardStep>())
  const duplicates = shallowRef<DuplicateHint[]>([])
  const objectUrls = new Map<string, string>()
  let timer: ReturnType<typeof setTimeout> | null = null
  let confirmedContent: string | null = null
  /** The save under way, so a deletion waits for it (a save after it would bring the draft back). */
  let inFlight: Promise<SaveOutcome> | null = null
  /** Per person (`person`, `guardian`, `dependants.0`): birth date and gender by their last valid resident ID. */
  const lastIdSaid = new Map<string, ResidentIdFacts>()
  let deleted = false
  /**
   * Files the draft no longer names — signatures voided by a change after the applicant
   * confirmed, a photo retaken or removed while the change was held by a sync: they leave the
   * device once a save without them is stored (before that, the stored draft still names them).
   */
  const voidedFiles = new Set<string>()

  const programme = computed(() => data.programme)

  const validation = computed(() => {
    if (!draft.value || !programme.value)
      return { issues: [] as ValidationIssue[], warnings: [] as ValidationIssue[], normalised: null }
    const result = validateApplication(draft.value, programme.value)
    return { issues: result.ok ? [] : result.issues, warnings: result.warnings, normalised: result.ok ? result.value : null }
  })
  const issues = computed(() => validation.value.issues)
  const warnings = computed(() => validation.value.warnings)
  const steps = computed(() => (draft.value ? stepsFor(draft.value, issues.value) : []))
  const byStep = computed(() => issuesByStep(issues.value, steps.value))
  /**
   * The return the agent answers: after a conflict, the server copy's (the latest return,
   * which the redone edit goes onto), otherwise the record's own.
   */
  const answeredReturn = computed<{ items: ReturnItem[], note: string | null } | null>(() => {
    const app = application.value
    if (app?.serverCopy?.status === 'returned')
      return { items: app.serverCopy.returnItems ?? [], note: app.serverCopy.decisionNote }
    return app?.status === 'returned' ? { items: app.returnItems ?? [], note: app.decisionNote } : null
  })
  const returnedRefs = computed(() => new Set((answeredReturn.value?.items ?? []).map(item => item.ref)))
  /**
   * The return items the fix has not touched yet, against the data as it was returned (the
   * server copy's after a conflict): the wizard marks them and asks before resubmitting.
   * Null when that data is not known (a record returned before the device kept it).
   */
  const untouchedItems = computed<ReturnItem[] | null>(() => {
    const app = application.value
    const returned = app?.serverCopy?.status === 'returned' ? app.serverCopy.application : app?.returnedData
    // Compared as the rules store the draft once it is valid (as it must be to resubmit): the
    // returned data is the server's stored copy, and `+86 139 …` is the same number as `139…`.
    const fixed = validation.value.normalised ?? draft.value
    return answeredReturn.value && returned && fixed ? untouchedReturnItems(answeredReturn.value.items, returned, fixed) : null
  })

  /** Whether the record could be edited when the form opened it (not in the middle of a push). */
  const openedEditable = ref(false)
  /** Whether a withdrawal of the record waited to leave when the form opened it: why it is read-only. */
  const withdrawalWaiting = ref(false)
  /**
   * A status the device may change, in a form opened for editing. A push that starts while
   * the form is open does not make it read-only: what is typed meanwhile is held and saved
   * once the push is over (saveDraft); only the record leaving the device's hands does.
   */
  const editable = computed(() => !!application.value && openedEditable.value && DEVICE_EDITABLE_STATUSES.includes(application.value.status))

  async function load(): Promise<void> {
    const app = await db.applications.get(applicationId)
    if (!app) {
      notFound.value = true
      return
    }
    withdrawalWaiting.value = await withdrawalWaits(db, applicationId)
    openedEditable.value = wizardMayEdit(app, withdrawalWaiting.value)
    application.value = app
    // A change held back by a sync and not saved yet (the app was closed meanwhile) is newer.
    const stored = (await heldEditOf(db, applicationId))?.data ?? app.data
    draft.value = structuredClone(await withRescuedChange(app, stored, openedEditable.value))
    confirmedContent = app.data.consent.summaryConfirmed ? summaryContent(app.data) : null
    await refreshDuplicates()
  }

  /**
   * The change typed just before the page went, if its save was cut off (unload-rescue.ts).
   * Opened for editing, the form takes it up and saves it as it opens; a record no longer
   * the device's to change keeps it as its unsent edit, as a change refused after a sync is.
   * Files it names that never reached the device are left out: the agent retakes them.
   */
  async function withRescuedChange(app: LocalApplication, stored: Draft, mayEdit: boolean): Promise<Draft> {
    const rescued = readRescuedChange(tabStorage(), db.name, applicationId)
    if (!rescued)
      return stored
    if (diffApplications(stored, rescued).length === 0) {
      // Its save reached the device after all.
      dropRescuedChange(tabStorage(), db.name, applicationId)
      return stored
    }
    const ids = rescued.attachments.map(attachment => attachment.id)
    const onDevice = new Set((await db.attachments.bulkGet(ids)).flatMap(file => (file ? [file.id] : [])))
    const change = { ...rescued, attachments: rescued.attachments.filter(attachment => onDevice.has(attachment.id)) }
    // Taken up, it stays rescued until the save the form makes as it opens is stored.
    if (mayEdit)
      return change
    await keepUnsavedEdit(db, change)
    dropRescuedChange(tabStorage(), db.name, applicationId)
    return stored
  }

  async function refreshDuplicates(): Promise<void> {
    if (draft.value)
      duplicates.value = await findDeviceDuplicates(db, { id: applicationId, data: plainCopy(draft.value) })
  }

  /** True once the draft is stored on the record. */
  async function save(): Promise<boolean> {
    return (await saveWith([])) === 'saved'
  }

  /**
   * Saves the draft with any new files, after the save under way. `held`: the record is being
   * synced, so the change (files included) is stored beside it and saved once the push is over.
   */
  function saveWith(newAttachments: Parameters<typeof saveDraft>[2]): Promise<SaveOutcome> {
    const run = (inFlight ?? Promise.resolve<SaveOutcome>('saved')).then(() => saveNow(newAttachments))
    inFlight = run
    return run
  }

  async function saveNow(newAttachments: Parameters<typeof saveDraft>[2]): Promise<SaveOutcome> {
    if (!draft.value || deleted)
      return 'failed'
    if (db.erased) {
      // The user's data was wiped (a revoked device, maybe in another tab): the entry goes with
      // it. Nothing is left to save, to hold an app update back for, or to ask about leaving.
      if (timer)
        clearTimeout(timer)
      timer = null
      pending.value = false
      saveFailed.value = false
      heldBySync.value = false
      editNotSaved.value = false
      saveError.value = null
      markSaved('enrol')
      return 'failed'
    }
    if (timer) {
      clearTimeout(timer)
      timer = null
    }
    pending.value = false
    saving.value = true
    try {
      const result = await saveDraft(db, plainCopy(draft.value), newAttachments)
      if (!result.ok) {
        const issue = result.issues[0]!
        // Held on the device by saveDraft: the sync saves it once the push is over, even if the app is closed.
        if (issue.code === 'sync.in_flight') {
          holdUntilSynced()
        }
        else if (heldBySync.value || editNotSaved.value) {
          // What was typed since the hold is in this draft only: it is kept, never dropped.
          await keepUnsavedEdit(db, plainCopy(draft.value))
          await settleUnsaveable()
        }
        saveError.value = formatMessage(editNotSaved.value ? 'sync.edit_not_saved' : issue.code, issue.params, currentLocale(), issue.path)
        saveFailed.value = !heldBySync.value && !editNotSaved.value
        return issue.code === 'sync.in_flight' ? 'held' : 'failed'
      }
      application.value = result.application
      dropRescuedChange(tabStorage(), db.name, applicationId)
      savedAt.value = result.application.updatedAt
      saveError.value = null
      saveFailed.value = false
      heldBySync.value = false
      editNotSaved.value = false
      markSaved('enrol')
      await discardVoidedFiles()
      await refreshDuplicates()
      return 'saved'
    }
    catch (error) {
      // Storage full or the database closed: the input stays on screen, saved with the next change.
      saveError.value = describeStorageFailure(error)
      saveFailed.value = true
      return 'failed'
    }
    finally {
      saving.value = false
    }
  }

  /**
   * Watches the record until no push of it is under way or waits for its answer, then saves
   * the change again (it stays marked unsaved meanwhile, so an update or a reload waits).
   * It outlives the wizard: a change held when the agent left is still saved.
   */
  function holdUntilSynced(): void {
    heldBySync.value = true
    if (heldCheck)
      return
    // Polled, not watched: the push may run in another tab, and a poll needs nothing more.
    heldCheck = setTimeout(async () => {
      let busy = true
      try {
        busy = await recordInFlight(db, applicationId)
      }
      catch (error) {
        console.warn('could not look at the sync of the record', error)
      }
      heldCheck = null
      // Signed out meanwhile (the database closed): the change stays marked unsaved.
      if (busy && db.isOpen())
        holdUntilSynced()
      else if (busy)
        heldBySync.value = false
      else
        void save()
    }, HELD_CHECK_MS)
  }

  /**
   * The retried change was refused for good: the push was applied, and the server holds the
   * application as it was sent. The form shows the record as it now is (read only), and says
   * plainly that the change was not saved.
   */
  async function settleUnsaveable(): Promise<void> {
    heldBySync.value = false
    editNotSaved.value = true
    application.value = (await db.applications.get(applicationId)) ?? application.value
  }

  /**
   * After a save: the draft stored no longer names them. discardAttachment keeps a file any
   * application still names, or one already uploaded. A storage failure here is not the
   * save's: the save stands, and the file is tried again after the next one.
   */
  async function discardVoidedFiles(): Promise<void> {
    for (const id of [...voidedFiles]) {
      try {
        await discardAttachment(db, id)
        voidedFiles.delete(id)
      }
      catch (error) {
        console.warn('a voided file could not be discarded yet', error)
      }
    }
  }

  function resetConfirmationIfChanged(current: Draft): void {
    if (confirmedContent === null || !current.consent.summaryConfirmed)
      return
    if (summaryContent(current) === confirmedContent)
      return
    current.consent.summaryConfirmed = false
    current.consent.signedAt = ''
    const signatureIds = [current.consent.signatureAttachmentId, current.consent.guardianSignatureAttachmentId]
    signatureIds.forEach(id => id && voidedFiles.add(id))
    current.attachments = current.attachments.filter(a => !signatureIds.includes(a.id))
    current.consent.signatureAttachmentId = ''
    delete current.consent.guardianSignatureAttachmentId
    confirmedContent = null
  }

  /**
   * A change waiting for its save is written at once when the page is hidden or about to go
   * (the camera app opened, the screen locked, a reload, the wizard left): the quarter second
   * is for typing, not for leaving. A hidden page keeps running, so that save completes; a
   * page that goes can cut it off, so the change is also rescued in the tab (unload-rescue.ts)
   * until the save is done.
   */
  function flushPendingSave(): void {
    // A change whose save failed is on screen only: a reload must not take it with the page.
    if (!timer && !saveFailed.value)
      return
    // A wiped database's entries go with it: none is rescued into the tab.
    if (draft.value && !db.erased)
      rescueChange(tabStorage(), db.name, plainCopy(draft.value))
    void save()
  }
  const onHidden = (): void => {
    if (document.visibilityState === 'hidden')
      flushPendingSave()
  }
  if (getCurrentScope() && typeof window !== 'undefined') {
    window.addEventListener('beforeunload', flushPendingSave)
    window.addEventListener('pagehide', flushPendingSave)
    document.addEventListener('visibilitychange', onHidden)
    onScopeDispose(() => {
      window.removeEventListener('beforeunload', flushPendingSave)
      window.removeEventListener('pagehide', flushPendingSave)
      document.removeEventListener('visibilitychange', onHidden)
      flushPendingSave()
    })
  }

  // An empty guardian the age rule no longer asks for (the ID corrected to an adult's after
  // the guardian step opened) leaves the application: no step, not validated, not sent.
  watch(issues, (current) => {
    if (draft.value && editable.value)
      dropUnaskedGuardian(draft.value, current)
  })

  watch(draft, (current) => {
    if (!current || !editable.value)
      return
    resetConfirmationIfChanged(current)
    markUnsaved('enrol')
    pending.value = true
    if (timer)
      clearTimeout(timer)
    timer = setTimeout(() => void save(), SAVE_DELAY_MS)
  }, { deep: true })

  function get(path: string): unknown {
    return draft.value ? getPath(draft.value, path) : undefined
  }

  function set(path: string, value: unknown): void {
    if (!draft.value || !editable.value)
      return
    const ownerPath = /\.idNumber$|\.idType$/.test(path) ? path.replace(/\.id(?:Number|Type)$/, '') : null
    const owner = ownerPath ? getPath(draft.value, ownerPath) as Record<string, unknown> | undefined : undefined
    // The number is typed a character at a time: remember what the last valid one said.
    if (ownerPath && owner && !lastIdSaid.has(ownerPath)) {
      const facts = residentIdFacts(owner)
      if (facts)
        lastIdSaid.set(ownerPath, facts)
    }
    setField(draft.value, path, value)
    if (ownerPath && owner && 'birthDate' in owner && 'gender' in owner) {
      autofillFromResidentId(owner, undefined, lastIdSaid.get(ownerPath))
      const facts = residentIdFacts(owner)
      if (facts)
        lastIdSaid.set(ownerPath, facts)
    }
  }

  function issueAt(path: string): ValidationIssue | undefined {
    return issues.value.find(issue => issue.path === path) ?? warnings.value.find(issue => issue.path === path)
  }

  /** The message under a field: once the agent left it, or tried to move past its step. */
  function messageFor(path: string, step: WizardStep): string | undefined {
    if (!touched.has(path) && !attempted.has(step))
      return undefined
    const issue = issueAt(path)
    return issue ? formatMessage(issue.code, issue.params, currentLocale(), issue.path) : undefined
  }

  /** Every message at a path (e.g. each missing material under `attachments`). */
  function messagesFor(path: string, step: WizardStep): string[] {
    if (!touched.has(path) && !attempted.has(step))
      return []
    return issues.value.filter(issue => issue.path === path).map(issue => formatMessage(issue.code, issue.params, currentLocale(), issue.path))
  }

  /**
   * The message under a list field (兴趣爱好): its own and each entry's, with the entry's place
   * (`第2项：最多20个字符`) — the entries' paths (`person.interests.1`) are not the field's, and
   * one input holds them all.
   */
  function listMessageFor(path: string, step: WizardStep): string | undefined {
    if (!touched.has(path) && !attempted.has(step))
      return undefined
    const locale = currentLocale()
    const messages = issues.value.filter(issue => fieldOfPath(issue.path) === path).map((issue) => {
      const message = formatMessage(issue.code, issue.params, locale, issue.path)
      const entry = listEntryName(issue.path, locale)
      return entry && issue.path !== path ? labelled(entry, message, locale) : message
    })
    return messages.length > 0 ? messages.join(locale === 'zh-CN' ? '；' : '; ') : undefined
  }

  function wasReturned(ref: string): boolean {
    return returnedRefs.value.has(ref)
  }

  /**
   * Stores a photo, PDF or signature with the draft in one transaction, then names it in the
   * draft — or, while the record is being synced, with the held change.
   */
  async function addAttachment(kind: AttachmentKind, blob: Blob, replaceId?: string): Promise<string | null> {
    if (!draft.value || !editable.value)
      return null
    const id = uuidv7()
    const sha256 = await sha256Hex(blob)
    const mediaType = blob.type as Draft['attachments'][number]['mediaType']
    const replaced = draft.value.attachments.find(a => a.id === replaceId)
    const attachments = draft.value.attachments.filter(a => a !== replaced)
    attachments.push({ id, kind, sha256, mediaType, size: blob.size })
    draft.value.attachments = attachments
    const outcome = await saveWith([{ id, kind, sha256, mediaType, size: blob.size, blob }])
    if (outcome === 'failed') {
      // The file was not stored: the draft must not name it (the next save would keep a
      // photo the device does not have), and the one it was to replace stays.
      if (draft.value) {
        const current = draft.value.attachments.filter(a => a.id !== id)
        if (replaced && !current.some(a => a.id === replaced.id))
          current.push(replaced)
        draft.value.attachments = current
      }
      return null
    }
    if (replaceId)
      await discardOnceUnnamed(replaceId, outcome)
    return id
  }

  async function removeAttachment(id: string): Promise<void> {
    if (!draft.value || !editable.value)
      return
    draft.value.attachments = draft.value.attachments.filter(a => a.id !== id)
    const outcome = await saveWith([])
    if (outcome !== 'failed')
      await discardOnceUnnamed(id, outcome)
  }

  /** A file the draft stopped naming goes now, or, while the change is held, after the save that stores it. */
  async function discardOnceUnnamed(id: string, outcome: SaveOutcome): Promise<void> {
    if (outcome === 'held')
      voidedFiles.add(id)
    else
      await discardAttachment(db, id)
  }

  /** True once the signature is stored and named by the draft. */
  async function setSignature(role: SignatureRole, blob: Blob): Promise<boolean> {
    if (!draft.value)
      return false
    const field = role === 'applicant' ? 'signatureAttachmentId' : 'guardianSignatureAttachmentId'
    const previous = draft.value.consent[field] || undefined
    const id = await addAttachment('signature', blob, previous)
    if (!id || !draft.value)
      return false
    draft.value.consent[field] = id
    draft.value.consent.signedAt = new Date().toISOString()
    // Held by a sync, the signature is stored with the change and saved once the push is over.
    return (await saveWith([])) !== 'failed'
  }

  function confirmSummary(confirmed: boolean): void {
    if (!draft.value)
      return
    draft.value.consent.summaryConfirmed = confirmed
    confirmedContent = confirmed ? summaryContent(draft.value) : null
  }

  async function attachmentUrl(id: string): Promise<string | null> {
    if (objectUrls.has(id))
      return objectUrls.get(id)!
    const stored = await db.attachments.get(id)
    if (!stored)
      return null
    const url = URL.createObjectURL(stored.blob)
    objectUrls.set(id, url)
    return url
  }

  /**
   * 删除草稿: only a draft the server has never seen (deleteDraft checks, in its transaction).
   * Pending typing is saved first (after any save under way), so a refused deletion loses
   * nothing; then no save runs until the deletion is settled, so none writes the draft back.
   */
  async function discardDraft(): Promise<boolean> {
    await save()
    deleted = true
    let done = false
    try {
      done = await deleteDraft(db, applicationId)
    }
    finally {
      // A deletion that failed (storage error) leaves the draft, which must go on saving.
      deleted = done
    }
    if (done)
      markSaved('enrol')
    return done
  }

  function dispose(): void {
    if (timer) {
      clearTimeout(timer)
      void save()
    }
    // Left after being asked: a change held on the device is the sync's to save, and one
    // refused for good (by the sync, or by the device's storage) cannot be; none should hold
    // an app update back, nor have every reload asked about, any longer.
    else if (heldBySync.value || editNotSaved.value || saveFailed.value) {
      // Given up when leaving: not rescued for a wizard opened again later either.
      saveFailed.value = false
      markSaved('enrol')
    }
    objectUrls.forEach(url => URL.revokeObjectURL(url))
    objectUrls.clear()
  }

  /** Queues the application (first submission, a fix after a server rejection, or a resubmission after a return). */
  async function submitApplication(): Promise<{ ok: true } | { ok: false, issues: ValidationIssue[] }> {
    if (!(await save()))
      return { ok: false, issues: [] }
    const app = application.value!
    const serverStatus = app.serverCopy?.status ?? app.status
    const result = serverStatus === 'returned' ? await resubmit(db, app.id) : await submit(db, app.id)
    if (!result.ok)
      return result
    application.value = result.application
    return { ok: true }
  }

  return {
    application,
    answeredReturn,
    untouchedItems,
    draft,
    notFound,
    programme,
    issues,
    warnings,
    steps,
    byStep,
    editable,
    withdrawalWaiting,
    saving,
    pending,
    heldBySync,
    editNotSaved,
    saveFailed,
    savedAt,
    saveError,
    touched,
    attempted,
    duplicates,
    load,
    save,
    get,
    set,
    messageFor,
    messagesFor,
    listMessageFor,
    issueAt,
    wasReturned,
    addAttachment,
    removeAttachment,
    setSignature,
    confirmSummary,
    attachmentUrl,
    dispose,
    discardDraft,
    submitApplication,
  }
}

/** Provided as `reactive(useEnrolFormState(id))`, so components read refs unwrapped. */
export type EnrolForm = UnwrapNestedRefs<ReturnType<typeof useEnrolFormState>>
export const ENROL_FORM: InjectionKey<EnrolForm> = Symbol('enrol-form')

export function useEnrolForm(): EnrolForm {
  const form = inject(ENROL_FORM)
  if (!form)
    throw new Error('useEnrolForm() outside the enrolment wizard')
  return form
}
