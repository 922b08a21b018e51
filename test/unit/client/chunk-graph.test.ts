import type { ViteManifest } from '../../../client/src/app/pwa/build/chunk-graph'
import { describe, expect, it } from 'vitest'
import { deskOnlyFiles, deskSourcesIn, fieldOpeningChunks, filesOf } from '../../../client/src/app/pwa/build/chunk-graph'

/**
 * A build manifest shaped like ours: the entry imports Vue statically and every page
 * lazily; a Vant chunk is shared by two field pages; Element Plus is reached only through
 * the desk, partly through a desk-only shared chunk, and one helper is shared by both areas;
 * the desk's texts are a lazy chunk of the entry's, loaded when the desk opens.
 */
const manifest: ViteManifest = {
  'index.html': { file: 'assets/index.js', src: 'index.html', isEntry: true, imports: ['_vue.js'], css: ['assets/index.css'], dynamicImports: ['src/field/layout/FieldLayout.vue', 'src/field/pages/FieldHomePage.vue', 'src/field/pages/DevicePage.vue', 'src/desk/pages/DeskHomePage.vue', 'src/desk/pages/DeskReviewPage.vue', 'src/i18n/messages/desk.ts'] },
  'src/i18n/messages/desk.ts': { file: 'assets/desk-messages.js', src: 'src/i18n/messages/desk.ts', isDynamicEntry: true },
  '_vue.js': { file: 'assets/vue.js' },
  '_vant-cell.js': { file: 'assets/vant-cell.js', css: ['assets/vant-cell.css'] },
  '_masking.js': { file: 'assets/masking.js' },
  '_element-plus.js': { file: 'assets/element-plus.js', css: ['assets/element-plus.css'], assets: ['assets/el-icon.woff2'] },
  '_desk-table.js': { file: 'assets/desk-table.js', imports: ['_element-plus.js', '_vue.js'] },
  'src/field/layout/FieldLayout.vue': { file: 'assets/FieldLayout.js', src: 'src/field/layout/FieldLayout.vue', isDynamicEntry: true, imports: ['_vue.js', '_vant-cell.js'] },
  'src/field/pages/FieldHomePage.vue': { file: 'assets/FieldHomePage.js', src: 'src/field/pages/FieldHomePage.vue', isDynamicEntry: true, imports: ['_vue.js', '_masking.js'], dynamicImports: ['src/field/pages/ReceiptPage.vue'] },
  'src/field/pages/ReceiptPage.vue': { file: 'assets/ReceiptPage.js', src: 'src/field/pages/ReceiptPage.vue', isDynamicEntry: true, imports: ['_vue.js'] },
  'src/field/pages/DevicePage.vue': { file: 'assets/DevicePage.js', src: 'src/field/pages/DevicePage.vue', isDynamicEntry: true, imports: ['_vue.js', '_vant-cell.js'] },
  'src/desk/pages/DeskHomePage.vue': { file: 'assets/DeskHomePage.js', src: 'src/desk/pages/DeskHomePage.vue', isDynamicEntry: true, imports: ['_vue.js', '_element-plus.js', '_masking.js'], css: ['assets/DeskHomePage.css'] },
  'src/desk/pages/DeskReviewPage.vue': { file: 'assets/DeskReviewPage.js', src: 'src/desk/pages/DeskReviewPage.vue', isDynamicEntry: true, imports: ['_desk-table.js'] },
}

describe('build chunk graph', () => {
  it('finds the desk-only files: desk pages, Element Plus, their CSS and assets — not what the field shares', () => {
    expect([...deskOnlyFiles(manifest)].sort()).toEqual([
      'assets/DeskHomePage.css',
      'assets/DeskHomePage.js',
      'assets/DeskReviewPage.js',
      'assets/desk-messages.js',
      'assets/desk-table.js',
      'assets/el-icon.woff2',
      'assets/element-plus.css',
      'assets/element-plus.js',
    ])
  })

  it('opens the field with the entry, the layout and the home page and what they import statically', () => {
    const opening = fieldOpeningChunks(manifest)
    expect(filesOf(manifest, opening).sort()).toEqual([
      'assets/FieldHomePage.js',
      'assets/FieldLayout.js',
      'assets/index.js',
      'assets/masking.js',
      'assets/vant-cell.js',
      'assets/vue.js',
    ])
    expect(deskSourcesIn(manifest, opening)).toEqual([])
  })

  it('lists CSS only when asked, once per file', () => {
    const opening = fieldOpeningChunks(manifest)
    expect(filesOf(manifest, opening, { css: true }).filter(file => file.endsWith('.css')).sort()).toEqual(['assets/index.css', 'assets/vant-cell.css'])
  })

  it('names the desk sources in a set of chunks, and fails loudly when the field pages are missing', () => {
    expect(deskSourcesIn(manifest, Object.keys(manifest))).toEqual(['src/i18n/messages/desk.ts', 'src/desk/pages/DeskHomePage.vue', 'src/desk/pages/DeskReviewPage.vue'])
    const { 'src/field/pages/FieldHomePage.vue': _, ...withoutHome } = manifest
    expect(() => fieldOpeningChunks(withoutHome)).toThrow(/FieldHomePage/)
  })
})
