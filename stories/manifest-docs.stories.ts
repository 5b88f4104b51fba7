import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';

/**
 * The docs pages' tables come from custom-elements.json (see .storybook/preview.ts): each
 * element's attributes, properties, events with their detail types, parts, CSS custom
 * properties and slots. This story checks what the docs table of one element holds.
 */
const meta: Meta = {
  title: 'Foundation/Docs from the manifest',
  component: 'egov-async-state',
  tags: ['autodocs'],
};
export default meta;

export const ArgTypesFromTheManifest: StoryObj = {
  render: () => html`<egov-async-state state="empty"></egov-async-state>`,
  play: async ({ argTypes }) => {
    const byCategory = (category: string) => Object.values(argTypes).filter((a) => a.table?.category === category).map((a) => a.name);
    await expect(byCategory('attributes')).toEqual(expect.arrayContaining(['message', 'retryable', 'api-base']));
    await expect(byCategory('events')).toContain('egov-retry');
    const retry = Object.values(argTypes).find((a) => a.name === 'egov-retry');
    await expect(retry?.table?.type?.summary ?? '').toContain('CustomEvent');
    await expect(byCategory('css shadow parts')).toEqual(expect.arrayContaining(['retry']));
  },
};
