import type { DeskDirectory } from '../directory/directory.types'
import type { DeskHttp } from './desk-http'

/** The desk's directory (server/routes/directory): sites, field agents and member categories by name. */

export type { DeskDirectory, DirectoryAgent, DirectoryCategory, DirectorySite } from '../directory/directory.types'

export function directoryApi(http: DeskHttp) {
  return {
    get: () => http.json<DeskDirectory>('/api/directory'),
  }
}
