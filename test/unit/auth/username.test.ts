import { UsernameSchema } from '#shared/admin/staff.schema'
import { normaliseUsername } from '#shared/auth/username'
import { describe, expect, it } from 'vitest'

describe('a user name as typed at sign-in', () => {
  it('is the account\'s own spelling whatever the case, width or surrounding spaces', () => {
    for (const typed of ['agent.li', 'Agent.Li', 'AGENT.LI', '  agent.li\t', 'ａｇｅｎｔ．ｌｉ', 'Ａｇｅｎｔ．ｌｉ\u3000'])
      expect(normaliseUsername(typed), typed).toBe('agent.li')
  })

  it('gives a name an account could have been created with, for any name typed in another case or width', () => {
    for (const created of ['admin', 'demo.reviewer1', 'agent_zhao-2']) {
      expect(UsernameSchema.safeParse(created).success).toBe(true)
      // Every character of a user name is printable ASCII: each has a full-width form.
      const typed = [...created.toUpperCase()].map(ch => String.fromCodePoint(ch.codePointAt(0)! + 0xFEE0)).join('')
      expect(normaliseUsername(typed)).toBe(created)
    }
  })
})
