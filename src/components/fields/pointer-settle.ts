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
/** Released, and its click (if one comes: in a later task in some browsers) not yet dispatched. */
let settling = false;
let waiting: Array<() => void> = [];
let listening = false;
let timer: ReturnType<typeof setTimeout> | undefined;
/** How long a release waits for its click before what waited runs anyway (a press released elsewhere). */
const CLICK_WAIT_MS = 100;

function flush(): void {
  clearTimeout(timer);
  settling = false;
  // Pressed again meanwhile (the mouse events of a touch): wait for that press's click.
  if (pressed) return;
  const run = waiting;
  waiting = [];
  for (const fn of run) fn();
}

function press(): void {
  pressed = true;
  settling = false;
  clearTimeout(timer);
}

function release(): void {
  if (!pressed) return;
  pressed = false;
  settling = true;
  clearTimeout(timer);
  timer = setTimeout(flush, CLICK_WAIT_MS);
}

function clicked(): void {
  if (pressed || !settling) return;
  clearTimeout(timer);
  // After the click's own listeners, which may submit a form.
  timer = setTimeout(flush, 0);
}

function listen(): void {
  if (listening || typeof document === 'undefined') return;
  listening = true;
  const options = { capture: true, passive: true };
  for (const type of ['pointerdown', 'mousedown'] as const) document.addEventListener(type, press, options);
  for (const type of ['pointerup', 'mouseup', 'pointercancel', 'dragstart'] as const) document.addEventListener(type, release, options);
  document.addEventListener('click', clicked, options);
  // A press whose pointerup never reaches the document (released outside the window).
  window.addEventListener('blur', release);
}

/** Starts tracking presses (idempotent); fields call it when they connect. */
export function trackPointer(): void {
  listen();
}

/** Whether a pointer is pressed right now (the layout must not move under it). */
export function pointerPressed(): boolean {
  return pressed;
}

/** Runs `fn` now, or, while a pointer is pressed, once its click has been dispatched. */
export function afterPointer(fn: () => void): void {
  listen();
  if (!pressed && !settling) fn();
  else waiting.push(fn);
}
