/** Messages of the offline shell: the update prompt, pages not on the device, readiness for offline work, and the device's storage. */
export default {
  'zh-CN': {
    pwa: {
      update: {
        title: '新版本可用',
        ready: '更新后页面会重新加载，已保存的数据不会丢失。',
        unsaved: '当前表单还有未保存的内容，保存后才会更新。',
        waitingForSave: '正在等待表单保存，保存后将自动更新。',
        applying: '正在更新…',
        now: '立即更新',
        later: '稍后',
      },
      page: {
        notOnDevice: '此页面尚未下载到本设备，请联网后重试',
        notLoaded: '此页面未能加载，请稍后重试',
      },
    },
    deviceStorage: {
      title: '存储空间',
      used: '已用',
      free: '剩余可用',
      persistence: '持久存储',
      persisted: '已开启',
      notPersisted: '未开启',
      refused: '浏览器未授予持久存储：空间紧张时，浏览器可能清除本机数据，包括尚未同步的申请。请及时联网同步；将本应用添加到主屏幕后可再次申请。',
      requestAgain: '再次申请',
      refusedAgain: '浏览器仍未授予持久存储。',
      grantedNow: '已开启持久存储。',
      unsupported: '此浏览器无法报告存储空间。',
      checking: '正在读取…',
      low: '存储空间即将用完（剩余 {free}）。请尽快联网同步，并清理平板上的其他文件。',
      critical: '存储空间几乎已满（剩余 {free}），不能开始新的录入。请先联网同步，并清理平板上的其他文件。',
    },
  },
  'en': {
    pwa: {
      update: {
        title: 'A new version is available',
        ready: 'The page reloads to update; saved data is kept.',
        unsaved: 'A form has unsaved input; the update waits until it is saved.',
        waitingForSave: 'Waiting for the form to be saved; the update follows by itself.',
        applying: 'Updating…',
        now: 'Update now',
        later: 'Later',
      },
      page: {
        notOnDevice: 'This page is not on the device yet: connect and try again',
        notLoaded: 'This page could not be loaded: try again shortly',
      },
    },
    deviceStorage: {
      title: 'Storage',
      used: 'Used',
      free: 'Free',
      persistence: 'Persistent storage',
      persisted: 'On',
      notPersisted: 'Off',
      refused: 'The browser did not grant persistent storage: when space runs short it may clear this device\'s data, including applications not yet synced. Sync often; after adding the app to the home screen you can ask again.',
      requestAgain: 'Ask again',
      refusedAgain: 'The browser still did not grant persistent storage.',
      grantedNow: 'Persistent storage is on.',
      unsupported: 'This browser cannot report its storage.',
      checking: 'Reading…',
      low: 'Storage is running out ({free} left). Sync soon and free up space on the tablet.',
      critical: 'Storage is nearly full ({free} left): no new enrolment can start. Sync first and free up space on the tablet.',
    },
  },
}
