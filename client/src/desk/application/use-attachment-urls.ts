import type { Ref } from 'vue'
import { onBeforeUnmount, ref, watch } from 'vue'

/**
 * Object URLs for an application's files. The attachments API wants the bearer token, so
 * an <img src> cannot fetch them: each file is fetched as a Blob and shown through an
 * object URL, revoked when the list changes and when the page is left, so no decoded
 * document photo outlives the screen that showed it. A file that could not be fetched (the
 * network gone, the server out of reach) is fetched again on `retry`: the list itself has
 * not changed, so nothing else would ask for it before the page was left.
 */

export interface FileRef {
  id: string
  sha256: string
}

/** `missing`: the server has not received the file yet (404: the tablet has not uploaded it). */
export type FileState = { state: 'loading' } | { state: 'ready', url: string } | { state: 'missing' } | { state: 'failed' }

function notArrived(failure: unknown): boolean {
  return typeof failure === 'object' && failure !== null && (failure as { status?: unknown }).status === 404
}

export function useAttachmentUrls(files: () => readonly FileRef[], fetchBlob: (sha256: string) => Promise<Blob>): { states: Ref<Record<string, FileState>>, retry: (id: string) => void } {
  const states = ref<Record<string, FileState>>({})
  let urls: string[] = []
  let generation = 0

  function revokeAll(): void {
    urls.forEach(url => URL.revokeObjectURL(url))
    urls = []
  }

  function fetchOne(file: FileRef, mine: number): void {
    states.value = { ...states.value, [file.id]: { state: 'loading' } }
    fetchBlob(file.sha256).then((blob) => {
      const url = URL.createObjectURL(blob)
      if (mine !== generation)
        return URL.revokeObjectURL(url)
      urls.push(url)
      states.value = { ...states.value, [file.id]: { state: 'ready', url } }
    }, (failure: unknown) => {
      if (mine === generation)
        states.value = { ...states.value, [file.id]: { state: notArrived(failure) ? 'missing' : 'failed' } }
    })
  }

  watch(() => files().map(f => `${f.id}:${f.sha256}`).join(','), () => {
    const mine = ++generation
    revokeAll()
    states.value = {}
    for (const file of files())
      fetchOne(file, mine)
  }, { immediate: true })

  function retry(id: string): void {
    const file = files().find(f => f.id === id)
    if (file && states.value[id]?.state !== 'loading' && states.value[id]?.state !== 'ready')
      fetchOne(file, generation)
  }

  onBeforeUnmount(() => {
    generation++
    revokeAll()
  })

  return { states, retry }
}
