import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { createStore, set } from 'idb-keyval';
import '../../src/signature';
import type { EgovSignature } from '../../src/signature';
import { UkeyWebSocketSigner, type SignerAdapter } from '../../src/signature';
import { ApiClient } from '../../src/services/api-client';
import { verifyEnvelope, type SignatureEnvelope } from '../../src/core/crypto/envelope';
import { generateSm2KeyPair } from '../../src/core/crypto/sm';
import { prepareSignature, signSm2Envelope } from '../../src/core/crypto/sign';
import { aTimeout, demoLogin, expectAccessible, shadow, shadowAll, waitForText, waitUntil } from './support/helpers';

const PAYLOAD = {
  serviceCode: 'birth-registration',
  data: { childName: '张小明', birthDate: '2026-11-01', weightKg: 3.2, twins: false, father: { name: '张三', idNumber: '33010619900101123X' } },
  materials: [{ code: 'household-register', certificateId: 'cert-1' }],
};

let zhang: string;
let li: string;
before(async () => {
  zhang = await demoLogin('citizen-001');
  li = await demoLogin('citizen-002');
});

async function render(options: { token?: string; signer?: 'local' | 'remote'; payload?: unknown; adapter?: SignerAdapter; algorithms?: string; timeout?: number } = {}) {
  const el = await fixture<EgovSignature>(html`<egov-signature locale="en" token=${options.token ?? zhang} signer=${options.signer ?? 'local'}
    algorithms=${options.algorithms ?? 'SM2-SM3'} sign-timeout=${options.timeout ?? 20_000}
    .payload=${options.payload === undefined ? structuredClone(PAYLOAD) : options.payload} .signerAdapter=${options.adapter}></egov-signature>`);
  await waitUntil(() => el.state !== 'loading', 'the signer never loaded', { timeout: 10_000 });
  return el;
}

function canvasOf(el: EgovSignature) {
  return shadow<HTMLCanvasElement>(el, 'canvas[part=pad]');
}

/** Draws a zig-zag with synthetic pen events (pressure varies), as a stylus would. */
function drawWithPen(el: EgovSignature, pointerId = 7) {
  const canvas = canvasOf(el);
  const rect = canvas.getBoundingClientRect();
  const at = (fx: number, fy: number, pressure: number) => ({ clientX: rect.left + rect.width * fx, clientY: rect.top + rect.height * fy, pointerId, pointerType: 'pen', pressure, bubbles: true, cancelable: true, button: 0, buttons: 1, isPrimary: true });
  canvas.dispatchEvent(new PointerEvent('pointerdown', at(0.1, 0.5, 0.2)));
  for (let i = 1; i <= 10; i++) canvas.dispatchEvent(new PointerEvent('pointermove', at(0.1 + i * 0.07, i % 2 ? 0.3 : 0.7, 0.2 + i * 0.07)));
  canvas.dispatchEvent(new PointerEvent('pointerup', at(0.8, 0.5, 0)));
}

/** Draws one stroke with the real mouse through Playwright. */
async function drawWithMouse(el: EgovSignature) {
  canvasOf(el).scrollIntoView({ block: 'center' });
  const rect = canvasOf(el).getBoundingClientRect();
  const x = Math.round(rect.left + 20);
  const y = Math.round(rect.top + rect.height / 2);
  await sendMouse({ type: 'move', position: [x, y] });
  await sendMouse({ type: 'down' });
  for (let i = 1; i <= 8; i++) await sendMouse({ type: 'move', position: [x + i * 20, y + (i % 2 ? -25 : 25)] });
  await sendMouse({ type: 'up' });
}

function confirm(el: EgovSignature) {
  shadow<HTMLInputElement>(el, 'input[type=checkbox]').click();
}

function clickSign(el: EgovSignature) {
  shadow<HTMLButtonElement>(el, '[part=sign-button]').click();
}

async function signed(el: EgovSignature): Promise<SignatureEnvelope> {
  const event = oneEvent(el, 'egov-signed');
  clickSign(el);
  const { detail } = await event;
  return detail.envelope;
}

async function myKeys(token: string) {
  const response = await fetch('/api/signing-keys', { headers: { Authorization: 'Bearer ' + token } });
  return ((await response.json()) as { items: Array<{ keyId: string; publicKey: string; kind: string; algorithm: string }> }).items;
}

function problemCode(el: EgovSignature) {
  return el.shadowRoot!.querySelector('[part=problem]')?.getAttribute('data-code');
}

function buttonNamed(el: EgovSignature, name: string) {
  const button = shadowAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent?.trim() === name);
  if (!button) throw new Error(`no button "${name}"`);
  return button;
}

async function ukeyPort(): Promise<number> {
  return ((await (await fetch('/__ukey-port')).json()) as { port: number }).port;
}

describe('<egov-signature>: what is signed and who signs', () => {
  it('shows the payload as a readable list, its SM3 fingerprint and the signed-in signer', async () => {
    const el = await render();
    expect(el.state).to.equal('unsigned');
    const summary = shadow(el, '[part=summary]');
    expect(summary.textContent).to.contain('childName: 张小明');
    expect(summary.textContent).to.contain('weightKg: 3.2');
    expect(summary.textContent).to.contain('twins: No');
    expect(summary.textContent).to.contain('birth-registration');
    await waitUntil(() => /^[0-9A-F]{4}( [0-9A-F]{4}){3}$/.test(shadow(el, '[part=fingerprint]').textContent!.trim()), 'no fingerprint');
    const { payloadDigest } = await import('../../src/core/crypto/sign');
    const fingerprint = shadow(el, '[part=fingerprint]').textContent!.replace(/\s/g, '').toLowerCase();
    expect(payloadDigest(PAYLOAD).startsWith(fingerprint)).to.equal(true);
    expect(shadow(el, '[part=signer]').textContent).to.contain('张三');
    expect(shadow(el, '[part=signer]').textContent).to.contain('3301**********123X');
    expect(el.envelope).to.equal(null);
    await expectAccessible(el);
  });

  it('asks a signed-out visitor to sign in, with a retry', async () => {
    const el = await fixture<EgovSignature>(html`<egov-signature locale="en" .payload=${PAYLOAD}></egov-signature>`);
    await waitForText(el, 'Sign in before you sign');
    expect(el.state).to.equal('error');
    await expectAccessible(el);
  });
});

describe('<egov-signature>: local SM2 signing', () => {
  it('draws with a pen, signs, and emits an envelope that verifies and whose key the server holds for the signer', async () => {
    const el = await render();
    confirm(el);
    drawWithPen(el);
    await el.updateComplete;
    expect(el.state).to.equal('drawing');
    await expectAccessible(el);
    const envelope = await signed(el);
    expect(envelope.algorithm).to.equal('SM2-SM3');
    expect(envelope.signerId).to.equal('citizen-001');
    expect(envelope.handwritingDigest).to.match(/^[0-9a-f]{64}$/);
    expect(await verifyEnvelope(PAYLOAD, envelope)).to.deep.equal({ valid: true });
    const keys = await myKeys(zhang);
    expect(keys.find((k) => k.keyId === envelope.keyId)).to.include({ publicKey: envelope.publicKey, kind: 'local' });
    expect((await myKeys(li)).some((k) => k.keyId === envelope.keyId)).to.equal(false);
    expect(el.state).to.equal('signed');
    expect(el.envelope).to.deep.equal(envelope);
    expect(shadow(el, '[part=result]').textContent).to.contain('Signed');
    await expectAccessible(el);
  });

  it('binds the handwriting: the digest is that of the strokes drawn', async () => {
    const el = await render();
    confirm(el);
    drawWithPen(el);
    await el.updateComplete;
    const envelope = await signed(el);
    // A different drawing gives a different digest.
    const other = await render();
    confirm(other);
    drawWithPen(other);
    drawWithPen(other, 8);
    await other.updateComplete;
    const otherEnvelope = await signed(other);
    expect(otherEnvelope.handwritingDigest).not.to.equal(envelope.handwritingDigest);
  });

  it('draws with the real mouse (Playwright), and undo and clear work', async () => {
    const el = await render();
    await drawWithMouse(el);
    await el.updateComplete;
    expect(el.state).to.equal('drawing');
    const pixels = () => {
      const canvas = canvasOf(el);
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
      return inked;
    };
    expect(pixels()).to.be.greaterThan(50);
    await drawWithMouse(el);
    buttonNamed(el, 'Undo last stroke').click();
    await el.updateComplete;
    expect(el.state).to.equal('drawing');
    buttonNamed(el, 'Clear').click();
    await el.updateComplete;
    expect(el.state).to.equal('unsigned');
    expect(pixels()).to.equal(0);
  });

  it('is sharp on high-DPI screens, and redraws the strokes after a resize', async () => {
    const el = await render();
    drawWithPen(el);
    el.style.display = 'block';
    el.style.width = '600px';
    await aTimeout(100);
    const canvas = canvasOf(el);
    const rect = canvas.getBoundingClientRect();
    expect(canvas.width).to.equal(Math.round(rect.width * Math.max(1, devicePixelRatio)));
    expect(canvas.height).to.equal(Math.round(rect.height * Math.max(1, devicePixelRatio)));
    el.style.width = '320px';
    await waitUntil(() => canvas.width === Math.round(canvas.getBoundingClientRect().width * Math.max(1, devicePixelRatio)), 'no resize');
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    expect([...data].some((v, i) => i % 4 === 3 && v > 0), 'strokes redrawn').to.equal(true);
  });

  it('works when first shown inside a hidden tab', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div hidden><egov-signature locale="en" token=${zhang} .payload=${PAYLOAD}></egov-signature></div>`);
    const el = wrapper.querySelector('egov-signature')!;
    await waitUntil(() => el.state !== 'loading');
    wrapper.hidden = false;
    await waitUntil(() => canvasOf(el).width > 0, 'the pad never sized itself');
    confirm(el);
    drawWithPen(el);
    await el.updateComplete;
    const envelope = await signed(el);
    expect(await verifyEnvelope(PAYLOAD, envelope)).to.deep.equal({ valid: true });
  });

  it('works when first shown inside a dialog opened later', async () => {
    const dialog = await fixture<HTMLDialogElement>(html`<dialog aria-label="Sign"><egov-signature locale="en" token=${zhang} .payload=${PAYLOAD}></egov-signature></dialog>`);
    const el = dialog.querySelector('egov-signature')!;
    await waitUntil(() => el.state !== 'loading');
    expect(canvasOf(el).getBoundingClientRect().width).to.equal(0);
    dialog.showModal();
    await waitUntil(() => canvasOf(el).width > 0, 'the pad never sized itself in the dialog');
    drawWithPen(el);
    await el.updateComplete;
    expect(el.state).to.equal('drawing');
    await expectAccessible(dialog);
    dialog.close();
  });

  it('is double-click safe: two quick clicks sign once', async () => {
    const el = await render();
    confirm(el);
    drawWithPen(el);
    await el.updateComplete;
    let count = 0;
    el.addEventListener('egov-signed', () => count++);
    clickSign(el);
    clickSign(el);
    await waitUntil(() => el.state === 'signed');
    await aTimeout(200);
    expect(count).to.equal(1);
  });
});

describe('<egov-signature>: the typed alternative, by keyboard only', () => {
  it('refuses a name that does not match, then signs with the right one (spaces and full width ignored)', async () => {
    const el = await render();
    shadow<HTMLInputElement>(el, 'input[type=checkbox]').focus();
    await sendKeys({ press: 'Space' });
    buttonNamed(el, 'Type your name').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.state).to.equal('typed');
    const input = shadow<HTMLInputElement>(el, '[part=typed-name]');
    await waitUntil(() => el.shadowRoot!.activeElement === input, 'the name field did not take focus');
    await sendKeys({ type: '李四' });
    await sendKeys({ press: 'Enter' });
    await waitForText(el, 'does not match the name you are signed in as');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(el.envelope).to.equal(null);
    await expectAccessible(el);
    input.select();
    await sendKeys({ type: ' 张　三 ' });
    const event = oneEvent(el, 'egov-signed');
    await sendKeys({ press: 'Enter' });
    const { detail } = await event;
    expect(await verifyEnvelope(PAYLOAD, detail.envelope)).to.deep.equal({ valid: true });
    const { handwritingDigestOfTypedName } = await import('../../src/core/crypto/sign');
    expect(detail.envelope.handwritingDigest).to.equal(handwritingDigestOfTypedName(' 张　三 '));
  });
});

describe('<egov-signature>: bad input', () => {
  it('an empty canvas: a clear message, nothing signed', async () => {
    const el = await render();
    confirm(el);
    let fired = false;
    el.addEventListener('egov-signed', () => (fired = true));
    clickSign(el);
    await waitForText(el, 'The signature pad is empty');
    expect(el.shadowRoot!.querySelector('.pad-wrap')!.hasAttribute('data-invalid')).to.equal(true);
    expect(fired).to.equal(false);
    await expectAccessible(el);
    drawWithPen(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.pad-wrap')!.hasAttribute('data-invalid')).to.equal(false);
    expect(shadowAll(el, '.error-text').map((e) => e.textContent).join('')).not.to.contain('The signature pad is empty');
  });

  it('an unconfirmed statement: asked to confirm first', async () => {
    const el = await render();
    drawWithPen(el);
    clickSign(el);
    await waitForText(el, 'Tick the box to confirm');
    expect(el.state).not.to.equal('signed');
  });

  it('a payload changed after signing: back to unsigned, the old envelope no longer verifies, and it signs again', async () => {
    const el = await render();
    confirm(el);
    drawWithPen(el);
    await el.updateComplete;
    const first = await signed(el);
    const changed = structuredClone(PAYLOAD);
    changed.data.weightKg = 3.4;
    el.payload = changed;
    await el.updateComplete;
    expect(el.envelope).to.equal(null);
    expect(el.state).to.equal('drawing');
    await waitForText(el, 'The content changed after you signed');
    expect(await verifyEnvelope(changed, first)).to.deep.equal({ valid: false, problem: 'digest' });
    await expectAccessible(el);
    confirm(el);
    const second = await signed(el);
    expect(await verifyEnvelope(changed, second)).to.deep.equal({ valid: true });
  });

  it('a payload mutated in place after signing is not reported as signed', async () => {
    const el = await render();
    confirm(el);
    drawWithPen(el);
    await el.updateComplete;
    await signed(el);
    (el.payload as typeof PAYLOAD).data.childName = '张大明';
    expect(el.envelope).to.equal(null);
  });

  it('a key registered to another subject: a clear message, then a new key signs', async () => {
    // The key this browser keeps for the company (a subject no other test file signs as)
    // is one that 李四 registered first.
    const company = await demoLogin('org-001');
    const pair = generateSm2KeyPair();
    const reg = await fetch('/api/signing-keys', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + li }, body: JSON.stringify({ publicKey: pair.publicKey, algorithm: 'SM2-SM3' }) });
    expect(reg.status).to.equal(201);
    await set('sm2:org-001', { algorithm: 'SM2-SM3', subjectId: 'org-001', ...pair, createdAt: new Date().toISOString() }, createStore('egov-signing', 'keys'));
    const el = await render({ token: company });
    await waitUntil(() => el.state === 'key-not-registered', 'the conflict was not shown');
    expect(problemCode(el)).to.equal('KEY_REGISTERED_TO_ANOTHER');
    await waitForText(el, 'registered to someone else');
    await expectAccessible(el);
    buttonNamed(el, 'Make a new signing key').click();
    await waitUntil(() => el.state === 'unsigned');
    confirm(el);
    drawWithPen(el);
    await el.updateComplete;
    const envelope = await signed(el);
    expect(envelope.signerId).to.equal('org-001');
    expect(envelope.publicKey).not.to.equal(pair.publicKey);
    expect((await myKeys(company)).some((k) => k.keyId === envelope.keyId)).to.equal(true);
  });

  it('IndexedDB unavailable (private browsing): signer unavailable, and remote signing is offered and works', async () => {
    const original = Object.getOwnPropertyDescriptor(indexedDB, 'open');
    Object.defineProperty(indexedDB, 'open', { configurable: true, value: () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } });
    try {
      const el = await render({ token: li });
      await waitUntil(() => el.state === 'unavailable', 'unavailable not shown');
      expect(problemCode(el)).to.equal('STORAGE_UNAVAILABLE');
      await waitForText(el, 'private browsing');
      await expectAccessible(el);
      buttonNamed(el, 'Use remote signing instead').click();
      await el.updateComplete;
      confirm(el);
      drawWithPen(el);
      await el.updateComplete;
      const envelope = await signed(el);
      expect(await verifyEnvelope(PAYLOAD, envelope)).to.deep.equal({ valid: true });
      expect((await myKeys(li)).find((k) => k.keyId === envelope.keyId)?.kind).to.equal('remote');
    } finally {
      if (original) Object.defineProperty(indexedDB, 'open', original);
      else delete (indexedDB as unknown as Record<string, unknown>).open;
    }
  });

  it('an adapter that never answers: times out with a way forward', async () => {
    let aborted = false;
    const adapter: SignerAdapter = { sign: ({ signal }) => new Promise((_, reject) => signal?.addEventListener('abort', () => { aborted = true; reject(signal.reason); })) };
    const el = await render({ adapter, timeout: 400 });
    confirm(el);
    drawWithPen(el);
    await el.updateComplete;
    clickSign(el);
    await el.updateComplete;
    expect(el.state).to.equal('signing');
    expect(shadow(el, '[part=sign-button]').getAttribute('aria-disabled')).to.equal('true');
    await expectAccessible(el);
    await waitUntil(() => el.state === 'error', 'no timeout');
    expect(problemCode(el)).to.equal('SIGNER_TIMEOUT');
    expect(aborted).to.equal(true);
    await expectAccessible(el);
    expect(buttonNamed(el, 'Use remote signing instead')).to.exist;
  });

  it('an adapter that returns garbage, or an envelope over something else: refused, nothing emitted', async () => {
    const pair = generateSm2KeyPair();
    const adapters: SignerAdapter[] = [
      { sign: async () => ({ hello: 'world' }) as unknown as SignatureEnvelope },
      {
        sign: async ({ content }) => {
          const other = prepareSignature({ something: 'else' }, content.signerId, content.handwritingDigest, content.signedAt);
          return signSm2Envelope(other.content, other.bytes, { keyId: 'x', ...pair });
        },
      },
      {
        // Signs the right bytes, but claims another signer.
        sign: async ({ content }) => {
          const forged = prepareSignature(content.payload, 'citizen-002', content.handwritingDigest, content.signedAt);
          return signSm2Envelope(forged.content, forged.bytes, { keyId: 'x', ...pair });
        },
      },
    ];
    for (const adapter of adapters) {
      const el = await render({ adapter });
      let fired = false;
      el.addEventListener('egov-signed', () => (fired = true));
      confirm(el);
      drawWithPen(el);
      await el.updateComplete;
      clickSign(el);
      await waitUntil(() => el.state === 'error', 'not refused');
      expect(problemCode(el)).to.equal('SIGNER_INVALID_RESPONSE');
      expect(fired).to.equal(false);
      expect(el.envelope).to.equal(null);
    }
  });

  it('an adapter whose envelope verifies is accepted, with its own signedAt', async () => {
    const pair = generateSm2KeyPair();
    const adapter: SignerAdapter = {
      label: 'Test signer',
      sign: async ({ content }) => {
        const restamped = prepareSignature(content.payload, content.signerId, content.handwritingDigest, '2026-01-01T00:00:00.000Z');
        return signSm2Envelope(restamped.content, restamped.bytes, { keyId: 'adapter-key', ...pair });
      },
    };
    const el = await render({ adapter });
    expect(el.shadowRoot!.textContent).to.contain('Test signer');
    confirm(el);
    drawWithPen(el);
    await el.updateComplete;
    const envelope = await signed(el);
    expect(envelope.signedAt).to.equal('2026-01-01T00:00:00.000Z');
    expect(await verifyEnvelope(PAYLOAD, envelope)).to.deep.equal({ valid: true });
  });
});

describe('<egov-signature>: changes while signing', () => {
  it('a payload changed while the signer works: nothing is emitted, back to unsigned with a notice', async () => {
    let release: (() => void) | undefined;
    const pair = generateSm2KeyPair();
    const adapter: SignerAdapter = {
      sign: ({ content, bytes }) => new Promise((resolve) => {
        release = () => resolve(signSm2Envelope(content, bytes, { keyId: 'slow', ...pair }));
      }),
    };
    const el = await render({ adapter });
    let fired = false;
    el.addEventListener('egov-signed', () => (fired = true));
    confirm(el);
    drawWithPen(el);
    await el.updateComplete;
    clickSign(el);
    await waitUntil(() => el.state === 'signing' && !!release);
    el.payload = { ...PAYLOAD, serviceCode: 'changed' };
    await el.updateComplete;
    release!();
    await aTimeout(100);
    expect(fired).to.equal(false);
    expect(el.envelope).to.equal(null);
    expect(el.state).to.equal('drawing');
    await waitForText(el, 'The content changed after you signed');
  });

  it('another sign-in drops the signature and shows the new signer', async () => {
    const el = await render({ signer: 'remote' });
    confirm(el);
    drawWithPen(el);
    await el.updateComplete;
    await signed(el);
    el.token = li;
    await waitUntil(() => shadow(el, '[part=signer]').textContent!.includes('李四'), 'the new signer never showed');
    expect(el.envelope).to.equal(null);
    expect(el.state).to.equal('unsigned');
  });

  it('fits the portal outline with heading-level', async () => {
    const el = await fixture<EgovSignature>(html`<egov-signature locale="en" heading-level="3" token=${zhang} .payload=${PAYLOAD}></egov-signature>`);
    await waitUntil(() => el.state === 'unsigned');
    const levels = shadowAll(el, '[role=heading]').map((h) => h.getAttribute('aria-level'));
    expect(levels).to.deep.equal(['3', '4']);
  });
});

describe('pure pieces behind the element', () => {
  it('matches names as a clerk would', async () => {
    const { namesMatch } = await import('../../src/components/signature/name-match');
    expect(namesMatch('张三', '张三')).to.equal(true);
    expect(namesMatch(' 张　三 ', '张三')).to.equal(true);
    expect(namesMatch('阿卜杜・热合曼', '阿卜杜·热合曼')).to.equal(true);
    expect(namesMatch('ＺＨＡＮＧ san', 'Zhang San')).to.equal(true);
    expect(namesMatch('张', '张三')).to.equal(false);
    expect(namesMatch('', '')).to.equal(false);
    expect(namesMatch('李四', '张三')).to.equal(false);
  });

  it('summarises nested payloads as text and shortens digests to a fingerprint', async () => {
    const { summarisePayload, shortFingerprint } = await import('../../src/components/signature/payload-summary');
    const words = { yes: 'Y', no: 'N', empty: '-' };
    const summary = summarisePayload({ a: 1, b: { c: true, d: [1, { e: null }] }, f: undefined }, words);
    expect(summary).to.deep.equal({ kind: 'rows', rows: [{ label: 'a', text: '1' }, { label: 'b', text: 'c: Y\nd:\n  1. 1\n  2. e: -' }] });
    expect(summarisePayload('text', words)).to.deep.equal({ kind: 'scalar', text: 'text' });
    expect(shortFingerprint('a1b2c3d4e5f60718ffff')).to.equal('A1B2 C3D4 E5F6 0718');
  });

  it('digests handwriting independently of screen size, and tells strokes from a typed name', async () => {
    const { handwritingDigestOfStrokes, handwritingDigestOfTypedName } = await import('../../src/core/crypto/sign');
    const stroke = [{ x: 100, y: 5000, p: 500, t: 0 }, { x: 900.4, y: 4999.6, p: 500, t: 16 }];
    expect(handwritingDigestOfStrokes([stroke])).to.equal(handwritingDigestOfStrokes([[{ x: 100, y: 5000, p: 500, t: 0 }, { x: 900, y: 5000, p: 500, t: 16 }]]));
    expect(handwritingDigestOfStrokes([stroke])).not.to.equal(handwritingDigestOfStrokes([[...stroke, { x: 901, y: 5000, p: 500, t: 20 }]]));
    expect(handwritingDigestOfTypedName('张三')).to.equal(handwritingDigestOfTypedName(' 张三 '));
    expect(() => handwritingDigestOfStrokes([])).to.throw();
    expect(() => handwritingDigestOfTypedName('  ')).to.throw();
  });
});

describe('<egov-signature>: remote signing and ECDSA', () => {
  it('signs remotely with the server-held key', async () => {
    const el = await render({ signer: 'remote' });
    expect(el.shadowRoot!.textContent).to.contain('Remote signing');
    confirm(el);
    drawWithPen(el);
    await el.updateComplete;
    const envelope = await signed(el);
    expect(envelope.signerId).to.equal('citizen-001');
    expect(await verifyEnvelope(PAYLOAD, envelope)).to.deep.equal({ valid: true });
    expect((await myKeys(zhang)).find((k) => k.keyId === envelope.keyId)?.kind).to.equal('remote');
  });

  it('signs with ECDSA P-256 through WebCrypto when the policy allows only that', async () => {
    const el = await render({ algorithms: 'ECDSA-P256-SHA256' });
    confirm(el);
    drawWithPen(el);
    await el.updateComplete;
    const envelope = await signed(el);
    expect(envelope.algorithm).to.equal('ECDSA-P256-SHA256');
    expect(await verifyEnvelope(PAYLOAD, envelope)).to.deep.equal({ valid: true });
    expect((await myKeys(zhang)).find((k) => k.keyId === envelope.keyId)?.algorithm).to.equal('ECDSA-P256-SHA256');
  });

  it('does not offer remote signing when the policy allows only ECDSA', async () => {
    const el = await render({ signer: 'remote', algorithms: 'ECDSA-P256-SHA256' });
    await waitUntil(() => el.state === 'unavailable');
    expect(problemCode(el)).to.equal('ALGORITHM_NOT_ALLOWED');
    await expectAccessible(el);
  });
});

describe('<egov-signature>: a UKey through its local middleware', () => {
  it('signs with the device key, registered to the signer', async () => {
    const port = await ukeyPort();
    const adapter = new UkeyWebSocketSigner({ port, client: new ApiClient({ apiBase: '/api', token: li }) });
    const el = await render({ token: li, adapter });
    confirm(el);
    drawWithPen(el);
    await el.updateComplete;
    const envelope = await signed(el);
    expect(await verifyEnvelope(PAYLOAD, envelope)).to.deep.equal({ valid: true });
    expect(envelope.signerId).to.equal('citizen-002');
    const { publicKey } = (await (await fetch('/__ukey-port')).json()) as { publicKey: string };
    expect(envelope.publicKey).to.equal(publicKey);
    expect((await myKeys(li)).find((k) => k.keyId === envelope.keyId)?.publicKey).to.equal(publicKey);
  });

  for (const [mode, code] of [['timeout', 'SIGNER_TIMEOUT'], ['garbage', 'SIGNER_INVALID_RESPONSE'], ['bad-signature', 'SIGNER_INVALID_RESPONSE'], ['cancel', 'SIGNER_CANCELLED']] as const) {
    it(`a middleware that answers "${mode}": ${code}, nothing emitted`, async () => {
      const port = await ukeyPort();
      const adapter = new UkeyWebSocketSigner({ url: `ws://127.0.0.1:${port}/${mode}`, signTimeout: 500 });
      const el = await render({ token: li, adapter });
      let fired = false;
      el.addEventListener('egov-signed', () => (fired = true));
      confirm(el);
      drawWithPen(el);
      await el.updateComplete;
      clickSign(el);
      await waitUntil(() => el.state === 'error', `${mode} not reported`, { timeout: 5_000 });
      expect(problemCode(el)).to.equal(code);
      expect(fired).to.equal(false);
    });
  }

  it('no middleware running: signer unavailable before anything is drawn, remote offered', async () => {
    const adapter = new UkeyWebSocketSigner({ port: 1, connectTimeout: 1_000 });
    const el = await render({ token: li, adapter });
    await waitUntil(() => el.state === 'unavailable', 'unavailable not shown', { timeout: 5_000 });
    expect(problemCode(el)).to.equal('SIGNER_UNAVAILABLE');
    expect(buttonNamed(el, 'Use remote signing instead')).to.exist;
    await expectAccessible(el);
  });
});

describe('<egov-signature>: narrow screens and language', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('works at 360 px wide, with touch drawing, and passes axe', async () => {
    await setViewport({ width: 360, height: 740 });
    const el = await render();
    expect(getComputedStyle(canvasOf(el)).touchAction).to.equal('none');
    expect(el.scrollWidth).to.be.at.most(360);
    const canvas = canvasOf(el);
    const rect = canvas.getBoundingClientRect();
    const touch = (type: string, fx: number) => new PointerEvent(type, { clientX: rect.left + rect.width * fx, clientY: rect.top + rect.height / 2, pointerId: 11, pointerType: 'touch', pressure: 0.5, bubbles: true, cancelable: true, isPrimary: true });
    canvas.dispatchEvent(touch('pointerdown', 0.2));
    canvas.dispatchEvent(touch('pointermove', 0.5));
    canvas.dispatchEvent(touch('pointerup', 0.6));
    await el.updateComplete;
    expect(el.state).to.equal('drawing');
    await expectAccessible(el);
    confirm(el);
    const envelope = await signed(el);
    expect(await verifyEnvelope(PAYLOAD, envelope)).to.deep.equal({ valid: true });
    await expectAccessible(el);
  });

  it('speaks Chinese by default', async () => {
    const el = await fixture<EgovSignature>(html`<egov-signature token=${zhang} .payload=${PAYLOAD}></egov-signature>`);
    await waitUntil(() => el.state === 'unsigned');
    await waitForText(el, '签署内容');
    expect(shadow(el, '[part=signer]').textContent).to.contain('张三');
    expect(shadow(el, '[part=sign-button]').textContent).to.contain('签名');
  });
});
