/** Messages of the agent's look-up of their own applications on the server (查询服务器记录). */
export default {
  'zh-CN': {
    lookup: {
      open: '查询服务器记录',
      nothingHere: '本设备上没有找到“{query}”：点此查询服务器记录',
      title: '查询服务器记录',
      hint: '查找本设备上已没有的申请（已自动清理，或在其他平板录入）：审核结果、会员编号、拒绝原因。需要联网。',
      placeholder: '回执编号或申请人手机号',
      none: '服务器上没有符合的申请',
      memberNo: '会员编号 {memberNo}',
      purged: '（个人信息已到期销毁）',
      submittedAt: '提交于 {time}',
      more: '加载更多（已显示 {shown}/{total}）',
      offline: '没有网络：查询服务器记录需要联网。',
      signed_out: '登录已过期：请联网重新登录后再查询。',
      failed: '查询失败，请稍后再试。',
    },
  },
  'en': {
    lookup: {
      open: 'Look up on the server',
      nothingHere: 'Nothing on this tablet matches "{query}": tap to look it up on the server',
      title: 'Look up on the server',
      hint: 'Find applications this tablet no longer holds (cleared, or enrolled on another tablet): the decision, the member number, the reason for a rejection. Needs the network.',
      placeholder: 'Receipt number or applicant\'s mobile',
      none: 'No application of yours on the server matches',
      memberNo: 'Member number {memberNo}',
      purged: '(personal data destroyed at the end of its retention period)',
      submittedAt: 'submitted {time}',
      more: 'Load more ({shown} of {total} shown)',
      offline: 'No network: looking up the server needs a connection.',
      signed_out: 'Your session has ended: sign in online, then look up again.',
      failed: 'The look-up did not work: try again later.',
    },
  },
}
