/**
 * Real input that reads the same in Chromium (playwright), Firefox (puppeteer over WebDriver
 * BiDi) and WebKit (classic WebDriver): mouse presses at an element's centre, typing, and the
 * viewport. Browser side; the commands are web-test-runner's, plus `egov-set-viewport`
 * (tests/support/other-browsers.mjs), which WebKit needs.
 */
import { executeServerCommand, sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';

/** Sets the viewport (CSS pixels) in any of the three browsers. */
export async function setViewportAnywhere(width: number, height: number): Promise<void> {
  await executeServerCommand('egov-set-viewport', { width, height });
}

/** The centre of an element in viewport pixels, after scrolling it into the middle of the view. */
export function centreOf(element: Element): [number, number] {
  element.scrollIntoView({ block: 'center', inline: 'center' });
  const box = element.getBoundingClientRect();
  return [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
}

/** Moves the mouse to an element's centre and presses the left button (not released). */
export async function pressOn(element: Element): Promise<void> {
  const position = centreOf(element);
  await sendMouse({ type: 'move', position });
  await sendMouse({ type: 'down' });
}

/** Releases the left button where the mouse is. */
export async function release(): Promise<void> {
  await sendMouse({ type: 'up' });
}

/** A whole click with the mouse at an element's centre: move, press, release. */
export async function clickOn(element: Element): Promise<void> {
  await pressOn(element);
  await release();
}

/** Types text into whatever has focus, one key per character. */
export async function type(text: string): Promise<void> {
  await sendKeys({ type: text });
}

/** Presses one key or chord (`Tab`, `Shift+Tab`, `Enter`, `ArrowDown`, ` `). */
export async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
}

/** Lets go of every mouse button and moves it to the corner (between tests). */
export async function resetPointer(): Promise<void> {
  await resetMouse();
}

/** Which of the three browsers this is (for the few places their built-in UI differs). */
export const engine: 'webkit' | 'firefox' | 'chromium' = /Firefox\//.test(navigator.userAgent) ? 'firefox' : /Chrom(e|ium)\//.test(navigator.userAgent) ? 'chromium' : 'webkit';
