/**
 * What a list or report page says when a load failed while an earlier answer is still on
 * screen. The rows or figures stay (they were right when loaded), and the words say whether
 * they answer what is chosen now: without that, a page of the queue that could not be
 * fetched left the first page's rows under the pager's 2, and the daily report one day's
 * figures under another day's date, with only 无法连接服务器 above them.
 *
 * `shown` is the query the answer on screen was loaded for (null: nothing is shown),
 * `asked` the one that failed; both as the page writes them (e.g. JSON). Answers the
 * message's key (`desk.loadFailed.*`, with `{reason}`), or null for the reason alone.
 */
export function loadFailureKey(shown: string | null, asked: string): 'desk.loadFailed.same' | 'desk.loadFailed.other' | null {
  if (shown === null)
    return null
  return shown === asked ? 'desk.loadFailed.same' : 'desk.loadFailed.other'
}
