import type { AccessLogVerification } from '../../src/core/catalog-types';
import type { Store } from '../store/database';
import type { KeyVault } from '../signatures/vault';
import { AccessLogVerifier, agencyLength } from './access-log';
import { caseHistoryHead, type ChainName, type Checkpoint, type CheckpointKey } from './checkpoint';
import { checkCaseHistory, grownCases, type CaseHistoryBreak } from './case-history';
import { CheckpointFiles } from './files';

export interface CheckpointOptions {
  /** `EGOV_CHECKPOINT_SECONDS`: how often a chain that grew is checkpointed (default 60; 0: only on verify and at stop). */
  intervalSeconds: number;
  /** `EGOV_VERIFY_SWEEP`: records of the verified part recomputed again per verification (default 5,000). */
  sweep: number;
  log: boolean;
}

export function checkpointOptionsFromEnv(env: NodeJS.ProcessEnv, log: boolean): CheckpointOptions {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return env[name] !== undefined && env[name] !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  return { intervalSeconds: number('EGOV_CHECKPOINT_SECONDS', 60), sweep: Math.floor(number('EGOV_VERIFY_SWEEP', 5_000)), log };
}

/** The checkpoints of one server instance, by its store (see `checkpointsOf`). */
const byStore = new WeakMap<Store, Checkpoints>();

/** The checkpoints kept for this store by the running instance, if any. */
export function checkpointsOf(store: Store): Checkpoints | undefined {
  return byStore.get(store);
}

/**
 * Before a case is sealed (in its transaction `db`): its history follows its chain, ends with
 * the event that put it in `status`, and extends this instance's checkpoint of it; else 409
 * HISTORY_BROKEN and nothing is sealed.
 */
export function checkCaseBeforeSealing(store: Store, db: Store['db'], applicationId: string, status: string): Promise<void> {
  return checkCaseHistory(db, applicationId, status, checkpointsOf(store)?.caseHead(applicationId));
}

/**
 * The instance's checkpoints of the access log and the case histories: made
 * every `intervalSeconds` for a chain that grew, on every verification of the access log
 * that found it whole and longer, and at a clean stop — each only over a chain verified to
 * extend the checkpoint before. Several instances on one PostgreSQL database either share one
 * keys directory, and then one numbering of checkpoints, or each keep their own: either way
 * every checkpoint kept must be extended by the chain.
 */
export class Checkpoints {
  readonly files: CheckpointFiles;
  readonly accessLog: AccessLogVerifier;
  /** Each case's head as last checkpointed. */
  private readonly caseHeads = new Map<string, { length: number; head: string }>();
  /** The cases the last checkpoint of the case histories found broken (and left at their old head). */
  brokenCases: Array<{ applicationId: string } & CaseHistoryBreak> = [];
  private caseCheckpointsRead = 0;
  private timer: NodeJS.Timeout | undefined;
  private making: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: Store, vault: KeyVault | undefined, private readonly options: CheckpointOptions) {
    this.files = new CheckpointFiles(vault);
    this.accessLog = new AccessLogVerifier(store.db, options.sweep);
    this.learnCaseHeads();
    byStore.set(store, this);
  }

  get key(): CheckpointKey {
    return this.files.key;
  }

  start(): void {
    if (this.options.intervalSeconds <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.checkpoint().catch((error: unknown) => this.warn('checkpoint-failed', { error: (error as Error).name })), this.options.intervalSeconds * 1000);
    this.timer.unref();
  }

  /**
   * Stops the timer and makes a last checkpoint of each chain that grew: of the access log
   * only when this instance has verified it already (the rest is then a short incremental step;
   * a whole first verification is not made to wait at stop).
   */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    try {
      await this.serial(async () => {
        if (this.accessLog.verifiedHead) await this.checkpointAccessLog();
        await this.checkpointCaseHistories();
      });
    } catch (error) {
      this.warn('checkpoint-failed', { error: (error as Error).name });
    }
    byStore.delete(this.store);
  }

  /** `GET /access-log/verify`: the verification, checkpointed when whole and longer; with a reviewer's agency, their share. */
  async verifyAccessLog(agencyCode?: string): Promise<AccessLogVerification> {
    const result = await this.serial(() => this.checkpointAccessLog());
    return agencyCode ? { ...result, agencyLength: await agencyLength(this.store.db, agencyCode) } : result;
  }

  /** Checkpoints every chain that grew since its last checkpoint (and holds). */
  async checkpoint(): Promise<void> {
    await this.serial(async () => {
      await this.checkpointAccessLog();
      await this.checkpointCaseHistories();
    });
  }

  /** A case's head as last checkpointed (by this instance or another sharing its keys directory). */
  caseHead(applicationId: string): { length: number; head: string } | undefined {
    if (this.files.refresh('case-history')) this.learnCaseHeads();
    return this.caseHeads.get(applicationId);
  }

  /** The checkpoints of a chain, newest first, by page. */
  page(chain: ChainName, page: number, pageSize: number): { items: Checkpoint[]; total: number } {
    const all = this.files.all(chain);
    const end = Math.max(0, all.length - (page - 1) * pageSize);
    return { items: all.slice(Math.max(0, end - pageSize), end).map((k) => k.checkpoint).reverse(), total: all.length };
  }

  private async checkpointAccessLog(): Promise<AccessLogVerification> {
    this.files.refresh('access-log');
    const result = await this.accessLog.verify(this.files.all('access-log').map((k) => k.checkpoint));
    if (!result.ok) {
      this.warn('chain-broken', { chain: 'access-log', brokenAt: result.brokenAt, reason: result.reason });
      return result;
    }
    // Another instance sharing the keys directory may have checkpointed as far meanwhile.
    for (let tries = 0; tries < 5 && result.length > (this.files.latest('access-log')?.length ?? 0); tries++) {
      if (this.files.append({ chain: 'access-log', length: result.length, head: result.head, at: new Date().toISOString() })) break;
    }
    return result;
  }

  private async checkpointCaseHistories(): Promise<void> {
    for (let tries = 0; tries < 5; tries++) {
      this.files.refresh('case-history');
      this.learnCaseHeads();
      const { grown, broken } = await grownCases(this.store.db, this.caseHeads);
      this.brokenCases = broken;
      for (const problem of broken) this.warn('chain-broken', { chain: 'case-history', applicationId: problem.applicationId, brokenAt: problem.brokenAt, reason: problem.reason });
      if (!grown.length) return;
      const heads = new Map(this.caseHeads);
      for (const [applicationId, length, head] of grown) heads.set(applicationId, { length, head });
      let length = 0;
      for (const head of heads.values()) length += head.length;
      const previous = this.files.latest('case-history');
      if (this.files.append({ chain: 'case-history', length, head: caseHistoryHead(previous?.head ?? '', grown), at: new Date().toISOString() }, grown)) {
        this.learnCaseHeads();
        return;
      }
    }
  }

  /** Takes in the case heads of the checkpoints not read yet (this instance's, or another's sharing the keys directory). */
  private learnCaseHeads(): void {
    const all = this.files.all('case-history');
    for (; this.caseCheckpointsRead < all.length; this.caseCheckpointsRead++) {
      for (const [applicationId, length, head] of all[this.caseCheckpointsRead]!.cases ?? []) this.caseHeads.set(applicationId, { length, head });
    }
  }

  /** One checkpointing step at a time (a verification and the timer may meet). */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.making.then(work);
    this.making = run.catch(() => undefined);
    return run;
  }

  /** One JSON line: chain names, numbers and application ids only, nothing personal. */
  private warn(event: string, fields: Record<string, unknown>): void {
    if (this.options.log) console.error(JSON.stringify({ time: new Date().toISOString(), level: 'warn', event, ...fields }));
  }
}
