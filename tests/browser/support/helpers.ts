import 'axe-core/axe.min.js';
import type { AxeResults, RunOptions } from 'axe-core';
import { aTimeout, waitUntil as owcWaitUntil } from '@open-wc/testing';

declare global {
  interface Window {
    axe: { run(context: Element | Document, options: RunOptions): Promise<AxeResults> };
  }
}

/** The rule sets GOV.UK Frontend checks every component with. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Runs axe-core over an element, its shadow roots included, and fails listing every
 * violation. Rules that only make sense for a whole page (a page has one main landmark,
 * one h1…) are off: an element is a part of a portal's page, not the page.
 */
export async function expectAccessible(element: Element): Promise<void> {
  const results = await window.axe.run(element, {
    runOnly: { type: 'tag', values: AXE_TAGS },
    rules: { region: { enabled: false }, 'page-has-heading-one': { enabled: false }, 'landmark-one-main': { enabled: false } },
  });
  if (results.violations.length) {
    const lines = results.violations.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
    throw new Error('axe found accessibility violations:\n' + lines.join('\n'));
  }
}

/** Signs a demo subject in against the reference backend and returns the token. */
export async function demoLogin(subjectId: string): Promise<string> {
  const response = await fetch('/api/auth/demo-login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ subjectId }),
  });
  if (!response.ok) throw new Error('demo login failed: ' + response.status);
  return ((await response.json()) as { token: string }).token;
}

/** A token the test backend issued for this subject and that has already expired. */
export async function expiredToken(subjectId: string): Promise<string> {
  return ((await (await fetch(`/__token/expired/${subjectId}`)).json()) as { token: string }).token;
}

/** `/__fault/...` prefixes understood by the test server (see web-test-runner.config.mjs). */
export const faults = {
  down: '/__fault/down/api',
  error500: '/__fault/error500/api',
  delay: (ms: number) => `/__fault/delay-${ms}/api`,
  /** 429 with `Retry-After: seconds`. */
  busy: (seconds: number) => `/__fault/busy-${seconds}/api`,
  /** Sets JSON-pointer paths of the response body to new values, in transit. */
  rewrite: (patch: Record<string, unknown>) => `/__fault/rewrite-${btoa(JSON.stringify(patch)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}/api`,
};

/** Queries through the shadow root. */
export function shadow<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = host.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`${selector} not found in the shadow root of <${host.localName}>`);
  return found;
}

export function shadowAll<T extends Element = HTMLElement>(host: Element, selector: string): T[] {
  return [...(host.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

/**
 * `waitUntil` with a patient default: a lazily loaded chunk or a request to the real
 * backend may take longer than one second on a busy machine. It still fails, with the
 * message, when the condition never holds.
 */
export function waitUntil(predicate: () => unknown | Promise<unknown>, message?: string, options: { interval?: number; timeout?: number } = {}): Promise<void> {
  return owcWaitUntil(predicate, message, { timeout: 10_000, ...options });
}

/** Waits until the text of an element's shadow root contains a string. */
export async function waitForText(host: Element, text: string, timeout = 10_000): Promise<void> {
  await waitUntil(() => (host.shadowRoot?.textContent ?? '').includes(text), `"${text}" never appeared in <${host.localName}>`, { timeout });
}

export { aTimeout };
