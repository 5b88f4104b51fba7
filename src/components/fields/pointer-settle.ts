/**
 * Whether a pointer press is under way, and a way to wait for it to end. Leaving a field
 * with the pointer (pressing the next radio button, "continue") fires `change` and `blur`
 * between `pointerdown` and `click`: an error that appears or goes then moves the layout,
 * and the click lands on nothing. What would move the layout waits until the click is done.
 *
 * A finger's tap is two presses: the touch (`pointerdown` … `pointerup`), then the mouse
 * events the browser makes of it (`mousedown`, when focus moves and the field is left,
 * `mouseup`, `click`). Both hold the layout, so a tap on a phone is not lost either.
 */
let pressed = false;
let waiting: Array<() => void> = [];
let listening = false;

function release(): void {
  pressed = false;
  const run = waiting;
  waiting = [];
  // After the click that follows pointerup in the same task.
  if (run.length) setTimeout(() => { for (const fn of run) fn(); }, 0);
}

function listen(): void {
  if (listening || typeof document === 'undefined') return;
  listening = true;
  for (const type of ['pointerdown', 'mousedown'] as const) document.addEventListener(type, () => { pressed = true; }, { capture: true, passive: true });
  for (const type of ['pointerup', 'mouseup', 'pointercancel', 'dragstart'] as const) document.addEventListener(type, release, { capture: true, passive: true });
  // A press whose pointerup never reaches the document (released outside the window).
  window.addEventListener('blur', release);
}

/** Starts tracking presses (idempotent); fields call it when they connect. */
export function trackPointer(): void {
  listen();
}

/** Whether a pointer is pressed right now. */
export function pointerPressed(): boolean {
  return pressed;
}

/** Runs `fn` now, or, while a pointer is pressed, once its click has been dispatched. */
export function afterPointer(fn: () => void): void {
  listen();
  if (!pressed) fn();
  else waiting.push(fn);
}
