import type { HandwritingPoint } from '../../core/crypto/sign';

/**
 * The drawing surface behind part `pad`: pointer events (mouse, pen with pressure, touch),
 * a backing store sized by devicePixelRatio so strokes stay sharp, and strokes kept as
 * points relative to the pad (0…10000 of its width and height) so they are redrawn from
 * the record after a resize, a change of pixel density, or a first showing inside a tab or
 * dialog that was hidden (size 0) when the pad was created.
 */
export class HandwritingPad {
  readonly #canvas: HTMLCanvasElement;
  readonly #onChange: () => void;
  readonly #observer: ResizeObserver | undefined;
  #strokes: HandwritingPoint[][] = [];
  #current: HandwritingPoint[] | undefined;
  #pointerId: number | undefined;
  #origin: number | undefined;
  #size = { width: 0, height: 0, ratio: 1 };
  #ink = '#1b2430';

  constructor(canvas: HTMLCanvasElement, onChange: () => void) {
    this.#canvas = canvas;
    this.#onChange = onChange;
    canvas.addEventListener('pointerdown', this.#down);
    canvas.addEventListener('pointermove', this.#move);
    canvas.addEventListener('pointerup', this.#up);
    canvas.addEventListener('pointercancel', this.#up);
    canvas.addEventListener('lostpointercapture', this.#up);
    if (typeof ResizeObserver !== 'undefined') {
      this.#observer = new ResizeObserver(() => this.resize());
      this.#observer.observe(canvas);
    }
    this.resize();
  }

  /** The strokes drawn so far (copies), in the coordinates of `HandwritingPoint`. */
  get strokes(): HandwritingPoint[][] {
    return this.#strokes.map((stroke) => stroke.map((point) => ({ ...point })));
  }

  attachedTo(canvas: HTMLCanvasElement): boolean {
    return this.#canvas === canvas;
  }

  get isEmpty(): boolean {
    return this.#strokes.length === 0;
  }

  /** Puts strokes back (e.g. after the element re-rendered its canvas). */
  set strokes(value: HandwritingPoint[][]) {
    this.#strokes = value.filter((s) => s.length).map((s) => s.map((p) => ({ ...p })));
    this.redraw();
  }

  set ink(colour: string) {
    if (colour && colour !== this.#ink) {
      this.#ink = colour;
      this.redraw();
    }
  }

  undo(): void {
    this.#strokes.pop();
    this.redraw();
    this.#onChange();
  }

  clear(): void {
    this.#strokes = [];
    this.#current = undefined;
    this.#origin = undefined;
    this.redraw();
    this.#onChange();
  }

  destroy(): void {
    this.#observer?.disconnect();
    this.#canvas.removeEventListener('pointerdown', this.#down);
    this.#canvas.removeEventListener('pointermove', this.#move);
    this.#canvas.removeEventListener('pointerup', this.#up);
    this.#canvas.removeEventListener('pointercancel', this.#up);
    this.#canvas.removeEventListener('lostpointercapture', this.#up);
  }

  /** Matches the backing store to the displayed size and pixel density, then redraws. */
  resize(): void {
    const rect = this.#canvas.getBoundingClientRect();
    const ratio = Math.max(1, globalThis.devicePixelRatio || 1);
    if (rect.width === 0 || rect.height === 0) return; // hidden: wait for the next observation
    if (rect.width === this.#size.width && rect.height === this.#size.height && ratio === this.#size.ratio) return;
    this.#size = { width: rect.width, height: rect.height, ratio };
    this.#canvas.width = Math.round(rect.width * ratio);
    this.#canvas.height = Math.round(rect.height * ratio);
    this.redraw();
  }

  redraw(): void {
    const ctx = this.#context();
    if (!ctx) return;
    ctx.clearRect(0, 0, this.#size.width, this.#size.height);
    for (const stroke of this.#strokes) this.#drawStroke(ctx, stroke, 0);
    if (this.#current) this.#drawStroke(ctx, this.#current, 0);
  }

  #context(): CanvasRenderingContext2D | null {
    if (!this.#size.width) this.resize();
    if (!this.#size.width) return null;
    const ctx = this.#canvas.getContext('2d');
    if (!ctx) return null;
    ctx.setTransform(this.#size.ratio, 0, 0, this.#size.ratio, 0, 0);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = this.#ink;
    ctx.fillStyle = this.#ink;
    return ctx;
  }

  #drawStroke(ctx: CanvasRenderingContext2D, stroke: HandwritingPoint[], from: number): void {
    const { width, height } = this.#size;
    const at = (p: HandwritingPoint) => [(p.x / 10_000) * width, (p.y / 10_000) * height] as const;
    if (stroke.length === 1 && from === 0) {
      const [x, y] = at(stroke[0]!);
      ctx.beginPath();
      ctx.arc(x, y, this.#lineWidth(stroke[0]!) / 2, 0, Math.PI * 2);
      ctx.fill();
      return;
    }
    for (let i = Math.max(1, from); i < stroke.length; i++) {
      const [x0, y0] = at(stroke[i - 1]!);
      const [x1, y1] = at(stroke[i]!);
      ctx.lineWidth = this.#lineWidth(stroke[i]!);
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
    }
  }

  /** Pen pressure widens the line; a mouse (pressure 0.5 when pressed) draws the middle width. */
  #lineWidth(point: HandwritingPoint): number {
    const base = Math.max(1.5, Math.min(this.#size.width, 600) / 200);
    return base * (0.5 + point.p / 1000);
  }

  #point(event: PointerEvent): HandwritingPoint {
    const rect = this.#canvas.getBoundingClientRect();
    const now = event.timeStamp || performance.now();
    this.#origin ??= now;
    const pressure = event.pointerType === 'mouse' || !event.pressure ? 0.5 : event.pressure;
    return {
      x: clamp(Math.round(((event.clientX - rect.left) / (rect.width || 1)) * 10_000), 0, 10_000),
      y: clamp(Math.round(((event.clientY - rect.top) / (rect.height || 1)) * 10_000), 0, 10_000),
      p: clamp(Math.round(pressure * 1000), 0, 1000),
      t: Math.max(0, Math.round(now - this.#origin)),
    };
  }

  #down = (event: PointerEvent) => {
    if (this.#pointerId !== undefined || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    this.resize();
    this.#pointerId = event.pointerId;
    try {
      this.#canvas.setPointerCapture(event.pointerId);
    } catch {
      /* synthetic events may have no active pointer to capture */
    }
    this.#current = [this.#point(event)];
    const ctx = this.#context();
    if (ctx) this.#drawStroke(ctx, this.#current, 0);
  };

  #move = (event: PointerEvent) => {
    if (event.pointerId !== this.#pointerId || !this.#current) return;
    event.preventDefault();
    const events = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
    const from = this.#current.length;
    for (const e of events.length ? events : [event]) this.#current.push(this.#point(e));
    const ctx = this.#context();
    if (ctx) this.#drawStroke(ctx, this.#current, from);
  };

  #up = (event: PointerEvent) => {
    if (event.pointerId !== this.#pointerId) return;
    this.#pointerId = undefined;
    if (this.#current?.length) this.#strokes.push(this.#current);
    this.#current = undefined;
    this.#onChange();
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
