import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';
import type { SignatureEnvelope } from '../core/crypto/envelope';
import type { MaterialRef, SubmittedApplication } from './applications';

/**
 * Drafts of applications, so that nothing typed is ever lost (Art. 30 applications are
 * often long): kept in IndexedDB, one per signed-in subject and service, saved as the
 * applicant types. Where IndexedDB cannot be used (private modes, blocked storage) the
 * draft lives in memory for the life of the page and the element says so.
 */

/** A material the applicant has attached, with what the form shows about it. */
export interface DraftMaterial extends MaterialRef {
  /** For an upload: the file's name, size and type as the server reported them. */
  fileName?: string;
  size?: number;
  mediaType?: string;
  /** For a certificate: its number and type name. */
  certificateNumber?: string;
  certificateName?: string;
}

export interface Draft {
  version: 1;
  serviceCode: string;
  subjectId: string;
  /** The step the applicant is on: `identity`, `form:<section id>`, `materials`, `review`, `signature`, `receipt`. */
  step: string;
  /** Came to a form section from a review change link: go back to the review after it. */
  returnToReview: boolean;
  data: Record<string, unknown>;
  materials: DraftMaterial[];
  /** Fixed for the life of the draft: every submit attempt carries it. */
  idempotencyKey: string;
  /** The last signature and the exact JSON it covers; dropped when the answers change. */
  envelope: SignatureEnvelope | null;
  signedPayload: string | null;
  /** Once submitted only the receipt is kept, so a reload still shows it. */
  receipt: SubmittedApplication | null;
  updatedAt: string;
}

const PREFIX = 'draft:';
const memory = new Map<string, Draft>();
let idbStore: UseStore | undefined;
let backend: Promise<'indexeddb' | 'memory'> | undefined;
let forcedMemory = false;

function draftKey(subjectId: string, serviceCode: string): string {
  return `${PREFIX}${subjectId}\u0000${serviceCode}`;
}

/** Whether drafts survive a reload here: IndexedDB opens and takes a write. */
export function draftBackend(): Promise<'indexeddb' | 'memory'> {
  backend ??= (async () => {
    if (forcedMemory || typeof indexedDB === 'undefined') return 'memory';
    try {
      idbStore = createStore('egov-elements', 'drafts');
      await Promise.race([
        set('probe', Date.now(), idbStore),
        new Promise((_, reject) => setTimeout(() => reject(new Error('IndexedDB did not answer')), 2_000)),
      ]);
      return 'indexeddb';
    } catch {
      idbStore = undefined;
      return 'memory';
    }
  })();
  return backend;
}

/** For demos and tests of the fallback: behave as if IndexedDB were unavailable. */
export function useMemoryDrafts(on = true): void {
  forcedMemory = on;
  backend = undefined;
}

async function read(key: string): Promise<Draft | undefined> {
  if ((await draftBackend()) === 'memory' || !idbStore) return memory.get(key);
  try {
    return await get<Draft>(key, idbStore);
  } catch {
    return memory.get(key);
  }
}

async function write(key: string, draft: Draft): Promise<void> {
  memory.set(key, draft);
  if ((await draftBackend()) === 'indexeddb' && idbStore) await set(key, draft, idbStore);
}

async function remove(key: string): Promise<void> {
  memory.delete(key);
  if ((await draftBackend()) === 'indexeddb' && idbStore) await del(key, idbStore);
}

export function newDraft(subjectId: string, serviceCode: string): Draft {
  return {
    version: 1,
    serviceCode,
    subjectId,
    step: 'identity',
    returnToReview: false,
    data: {},
    materials: [],
    idempotencyKey: globalThis.crypto.randomUUID(),
    envelope: null,
    signedPayload: null,
    receipt: null,
    updatedAt: new Date().toISOString(),
  };
}

/**
 * The draft of one subject for one service. `save` is debounced (~300 ms, as the applicant
 * types); `flush` writes at once (on blur, on leaving the page, on a step change).
 */
export class DraftStore {
  readonly subjectId: string;
  readonly serviceCode: string;
  readonly #key: string;
  #pending: Draft | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();
  #onSaved: ((draft: Draft) => void) | undefined;

  constructor(subjectId: string, serviceCode: string, onSaved?: (draft: Draft) => void) {
    this.subjectId = subjectId;
    this.serviceCode = serviceCode;
    this.#key = draftKey(subjectId, serviceCode);
    this.#onSaved = onSaved;
  }

  async load(): Promise<Draft | undefined> {
    const draft = await read(this.#key);
    if (!draft || draft.version !== 1 || draft.subjectId !== this.subjectId || draft.serviceCode !== this.serviceCode) return undefined;
    return draft;
  }

  save(draft: Draft, delay = 300): void {
    this.#pending = draft;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), delay);
  }

  flush(): Promise<void> {
    clearTimeout(this.#timer);
    const draft = this.#pending;
    this.#pending = undefined;
    if (!draft) return this.#writing;
    const stamped = { ...draft, updatedAt: new Date().toISOString() };
    this.#writing = this.#writing
      .then(() => write(this.#key, stamped))
      .then(() => this.#onSaved?.(stamped))
      .catch(() => {
        // A failed write keeps the copy in memory; the next save tries again.
      });
    return this.#writing;
  }

  async clear(): Promise<void> {
    clearTimeout(this.#timer);
    this.#pending = undefined;
    await this.#writing;
    await remove(this.#key);
  }
}

/** On sign-out: every draft of that subject goes, on this device. */
export async function clearDraftsOf(subjectId: string): Promise<void> {
  const prefix = `${PREFIX}${subjectId}\u0000`;
  for (const key of [...memory.keys()]) if (key.startsWith(prefix)) memory.delete(key);
  if ((await draftBackend()) !== 'indexeddb' || !idbStore) return;
  const all = await keys<string>(idbStore);
  await Promise.all(all.filter((k) => typeof k === 'string' && k.startsWith(prefix)).map((k) => del(k, idbStore)));
}
