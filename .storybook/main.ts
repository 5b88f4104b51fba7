import type { StorybookConfig } from '@storybook/web-components-vite';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * `virtual:egov-manifest`: custom-elements.json made fresh from the sources with the
 * package's analyzer configuration, so the docs pages and argTypes (attributes, properties,
 * events with their detail types, parts, CSS properties, slots) are those of the code shown.
 */
function manifestPlugin() {
  const id = 'virtual:egov-manifest';
  let cached: string | undefined;
  return {
    name: 'egov-manifest',
    resolveId: (source: string) => (source === id ? '\0' + id : undefined),
    load(source: string) {
      if (source !== '\0' + id) return undefined;
      if (!cached) {
        const outdir = join(root, 'node_modules', '.cache', 'storybook-manifest');
        mkdirSync(outdir, { recursive: true });
        execFileSync(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], {
          cwd: root, env: { ...process.env, EGOV_MANIFEST_OUTDIR: relative(root, outdir) }, stdio: 'ignore',
        });
        cached = readFileSync(join(outdir, 'custom-elements.json'), 'utf8');
      }
      return `export default ${cached};`;
    },
  };
}

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest', 'msw-storybook-addon'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (config) => ({ ...config, plugins: [...(config.plugins ?? []), manifestPlugin()] }),
};
export default config;
