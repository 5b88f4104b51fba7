import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import manifest from 'virtual:egov-manifest';
import { html } from 'lit';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { handlers } from '../stories/mocks/handlers';
import { storyToken } from '../stories/mocks/session';
import '../src/index';

// Docs pages and argTypes from the manifest (each story's meta names its `component`).
setCustomElementsManifest(manifest);

/** Themes a portal might apply: custom properties only, no fork. */
const THEMES: Record<string, string> = {
  default: '',
  'portal-red': '--egov-color-primary:#a4161a;--egov-color-primary-hover:#7f1115;--egov-color-info:#a4161a;--egov-radius:2px;',
  'high-contrast': '--egov-color-primary:#000;--egov-color-primary-hover:#000;--egov-color-text:#000;--egov-color-muted:#222;--egov-color-border:#000;--egov-color-focus:#ffdd00;--egov-font-size:1.125rem;',
};

const preview: Preview = {
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker(...handlers);
      await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: './mockServiceWorker.js' } });
      return worker;
    }),
  ],
  globalTypes: {
    locale: {
      description: 'Language',
      toolbar: { title: 'Language', icon: 'globe', items: [{ value: 'zh-CN', title: '中文' }, { value: 'en', title: 'English' }], dynamicTitle: true },
    },
    theme: {
      description: 'Theme',
      toolbar: { title: 'Theme', icon: 'paintbrush', items: Object.keys(THEMES), dynamicTitle: true },
    },
  },
  initialGlobals: { locale: 'zh-CN', theme: 'default' },
  decorators: [
    (story, context) => {
      const subject = (context.parameters.egov as { subject?: string } | undefined)?.subject;
      return html`<div style=${THEMES[context.globals.theme as string] ?? ''} lang=${context.globals.locale as string}>
        <egov-provider api-base="/api" locale=${context.globals.locale as string} token=${subject ? storyToken(subject) : ''}>
          ${story()}
        </egov-provider>
      </div>`;
    },
  ],
  parameters: {
    layout: 'padded',
    // Every story is checked with axe when the stories run as tests; a violation fails.
    a11y: { test: 'error', options: { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, rules: { region: { enabled: false } } } },
    controls: { expanded: true },
  },
};
export default preview;
