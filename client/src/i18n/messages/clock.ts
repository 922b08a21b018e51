/** A clock's offset, or a wait, as a duration (2 小时 30 分钟), said on the tablet and at the desk alike. */
export default {
  'zh-CN': {
    clockOffset: {
      days: '{n} 天',
      hours: '{n} 小时',
      minutes: '{n} 分钟',
      seconds: '{n} 秒',
    },
  },
  'en': {
    clockOffset: {
      days: '{n} d',
      hours: '{n} h',
      minutes: '{n} min',
      seconds: '{n} s',
    },
  },
}
