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
  const keys = key.length > 1 ? key.split('+') : [key];
  // Puppeteer presses no chords: hold the modifiers down around the key. WebKit's launcher takes chords whole.
  if (keys.length === 1 || engine === 'webkit') return sendKeys({ press: key });
  const last = keys.pop()!;
  for (const modifier of keys) await sendKeys({ down: modifier });
  await sendKeys({ press: last });
  for (const modifier of keys.reverse()) await sendKeys({ up: modifier });
}

/** Lets go of every mouse button and moves it to the corner (between tests). */
export async function resetPointer(): Promise<void> {
  await resetMouse();
}

/** Which of the three browsers this is (for the few places their built-in UI differs). */
export const engine: 'webkit' | 'firefox' | 'chromium' = /Firefox\//.test(navigator.userAgent) ? 'firefox' : /Chrom(e|ium)\//.test(navigator.userAgent) ? 'chromium' : 'webkit';

export interface AxNode {
  role: string;
  name: string;
  description: string;
  ignored: boolean;
  /** e.g. `invalid` ('true' | 'false'), `live` ('polite'), `atomic`, `required`. */
  properties: Record<string, unknown>;
  /** The text of its children in the tree (a live region's words). */
  text: string;
}

/** What Chromium's accessibility tree says of an element (null in the other browsers). */
export async function axNode(element: Element): Promise<AxNode | null> {
  (window as unknown as { __egovAxProbe?: Element }).__egovAxProbe = element;
  try {
    return (await executeServerCommand<AxNode | false, undefined>('egov-ax-node')) || null;
  } finally {
    delete (window as unknown as { __egovAxProbe?: Element }).__egovAxProbe;
  }
}

/**
 * Records every non-empty text a live region takes, as a screen reader would hear it
 * (each change of its words once), until `stop()`.
 */
export function listenTo(region: Element): { said: string[]; stop: () => void } {
  const said: string[] = [];
  let last = region.textContent?.trim() ?? '';
  const observer = new MutationObserver(() => {
    const now = region.textContent?.trim() ?? '';
    if (now && now !== last) said.push(now);
    last = now;
  });
  observer.observe(region, { childList: true, characterData: true, subtree: true });
  return { said, stop: () => observer.disconnect() };
}

/**
 * A finger's tap at an element's centre: touch events, then the mouse events and the click
 * the browser makes of them, as on a phone. (WebKitGTK's WebDriver has no touch screen and
 * taps with the mouse.)
 */
export async function tap(element: Element): Promise<void> {
  const [x, y] = centreOf(element);
  await executeServerCommand('egov-touch-tap', { x, y });
}
