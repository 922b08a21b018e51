/**
 * An anchor is an audit chain's end written down somewhere the database cannot reach: the
 * entry's number and hash, `1234:9f86d081884c7d65…`. A chain proves only what lies between
 * its ends, so entries cut from its end leave a shorter chain that still holds; checked
 * against an anchor noted earlier, it no longer does. The hash may be shortened to its first
 * 16 hexadecimal characters (64 bits), which is what fits in a notebook.
 */

export interface AuditAnchor {
  seq: number
  /** The entry's hash or its first characters (16 to 64), lower case. */
  hash: string
}

/** What a check of the chain answers, on the server, the command line and the desk. */
export interface AuditChainReport {
  ok: boolean
  checked: number
  /** The first entry whose link or hash does not hold. */
  brokenAt?: number
  /** The last entry that holds (null for an empty log): its number and hash are the anchor to write down. */
  head: { seq: number, hash: string, at: string } | null
  /**
   * Against the anchor given: `holds` when its entry is in the chain with that hash; `missing`
   * when the chain ends before it (entries were cut from the end); `different` when that entry
   * has another hash (the chain was rewritten at or before it). Absent without an anchor, and
   * when the chain breaks first (\`brokenAt\`: nothing after the break is proven, the anchor included).
   */
  anchor?: 'holds' | 'missing' | 'different'
}

export const AUDIT_ANCHOR_MIN_HASH = 16

const ANCHOR = /^#?(\d{1,15})\s*:\s*([0-9a-f]{16,64})$/i

/** `1234:9f86…` (also with `#` or spaces around the colon); null when it is not an anchor. */
export function parseAuditAnchor(text: string): AuditAnchor | null {
  const match = ANCHOR.exec(text.trim())
  if (!match)
    return null
  const seq = Number(match[1])
  return seq >= 1 ? { seq, hash: match[2]!.toLowerCase() } : null
}

export function formatAuditAnchor(anchor: AuditAnchor): string {
  return `${anchor.seq}:${anchor.hash}`
}

/** The anchor to write down for an entry: its number and the first characters of its hash. */
export function anchorOf(entry: { seq: number, hash: string }): string {
  return formatAuditAnchor({ seq: entry.seq, hash: entry.hash.slice(0, AUDIT_ANCHOR_MIN_HASH) })
}

/** Whether the entry's full hash is the one the anchor wrote down. */
export function anchorMatches(anchor: AuditAnchor, hash: string): boolean {
  return hash.toLowerCase().startsWith(anchor.hash)
}
