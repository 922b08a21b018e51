import type { PasswordChange } from '#shared/auth/password-policy'
import type { DeskHttp } from './desk-http'

/** The signed-in user's own account. */

export interface PasswordChanged {
  /** Other sessions of the account the change ended (other PCs, tablets). */
  sessionsEnded: number
}

export function accountApi(http: DeskHttp) {
  return {
    changePassword: (change: PasswordChange) => http.json<PasswordChanged>('/api/me/password', { method: 'POST', json: change }),
  }
}
