import { closeSync, fsyncSync, linkSync, openSync, readdirSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { generateSm2KeyPair, sm2PublicKeyFromPrivate } from '../../src/core/crypto/sm';
import { SEAL_ALGORITHM } from '../../src/core/crypto/seal';
import type { KeyVault } from '../signatures/vault';
import { CHAIN_NAMES, checkpointKeyId, signCheckpoint, type CaseHead, type ChainName, type Checkpoint, type CheckpointKey, type UnsignedCheckpoint } from './checkpoint';

/** The vault entry of the checkpoint signing key (SM2 private key, hex). */
export const CHECKPOINT_KEY_FILE = 'checkpoint-signing.key';

/** A checkpoint as kept: the signed part, and for the case histories the cases it covers. */
export interface KeptCheckpoint {
  checkpoint: Checkpoint;
  cases?: CaseHead[];
}

/**
 * The checkpoints, kept outside the database: in the keys directory (`EGOV_KEYS_DIR`, or the
 * demo's directory beside the SQLite file), one file each, `checkpoint.<chain>.<number>.json`,
 * 0600 like the keys. Append-only: a file is written under a temporary name, synced, then
 * linked to its number (which fails rather than replace one) — so a checkpoint is whole or
 * absent, never changed. Instances sharing one keys directory share one numbering: a number
 * another took first makes the writer read what it wrote (`refresh`) and try again.
 * Signed by the checkpoint key of the same directory, which never enters the database.
 * Instances with keys directories of their own each keep their own checkpoints.
 * Without a keys directory (a demo on PostgreSQL without `EGOV_KEYS_DIR`) they and a key made
 * at start live in memory only, for the life of the process. Every checkpoint is read at
 * start (a few hundred bytes each; at most one a chain per `EGOV_CHECKPOINT_SECONDS` while
 * the chain grows, and one per verification that found it longer).
 */
export class CheckpointFiles {
  readonly key: CheckpointKey;
  private readonly privateKey: string;
  private readonly kept = new Map<ChainName, KeptCheckpoint[]>(CHAIN_NAMES.map((chain) => [chain, []]));

  constructor(private readonly vault: KeyVault | undefined) {
    this.privateKey = vault ? vault.readOrCreate(CHECKPOINT_KEY_FILE, () => generateSm2KeyPair().privateKey) : generateSm2KeyPair().privateKey;
    const publicKey = sm2PublicKeyFromPrivate(this.privateKey);
    this.key = { keyId: checkpointKeyId(publicKey), algorithm: SEAL_ALGORITHM, publicKey };
    if (vault) for (const chain of CHAIN_NAMES) this.kept.set(chain, this.load(chain));
  }

  /** Every checkpoint of a chain, oldest first. */
  all(chain: ChainName): readonly KeptCheckpoint[] {
    return this.kept.get(chain)!;
  }

  latest(chain: ChainName): Checkpoint | undefined {
    return this.all(chain).at(-1)?.checkpoint;
  }

  /**
   * Signs and keeps the next checkpoint of a chain; undefined when another instance sharing
   * the keys directory took that number meanwhile (its checkpoints are then read: look again).
   */
  append(unsigned: Omit<UnsignedCheckpoint, 'keyId'>, cases?: CaseHead[]): Checkpoint | undefined {
    const checkpoint = signCheckpoint({ ...unsigned, keyId: this.key.keyId }, { privateKey: this.privateKey, publicKey: this.key.publicKey });
    const entry: KeptCheckpoint = cases ? { checkpoint, cases } : { checkpoint };
    const list = this.kept.get(unsigned.chain)!;
    if (this.vault && !this.write(unsigned.chain, list.length + 1, entry)) {
      this.refresh(unsigned.chain);
      return undefined;
    }
    list.push(entry);
    return checkpoint;
  }

  /** Reads the checkpoints another instance sharing the keys directory has written since; answers how many. */
  refresh(chain: ChainName): number {
    if (!this.vault) return 0;
    const list = this.kept.get(chain)!;
    const before = list.length;
    for (let text = this.vault.read(fileName(chain, list.length + 1)); text !== undefined; text = this.vault.read(fileName(chain, list.length + 1))) {
      list.push(JSON.parse(text) as KeptCheckpoint);
    }
    return list.length - before;
  }

  private load(chain: ChainName): KeptCheckpoint[] {
    const pattern = new RegExp(`^checkpoint\\.${chain}\\.\\d{12}\\.json$`);
    const names = readdirSync(this.vault!.dir).filter((name) => pattern.test(name)).sort();
    return names.map((name, index) => {
      if (name !== fileName(chain, index + 1)) throw new Error(`The checkpoints of ${chain} are not numbered without a gap: ${name} follows ${index}`);
      return JSON.parse(this.vault!.read(name)!) as KeptCheckpoint;
    });
  }

  /** Writes checkpoint `number`; false when that number is taken. */
  private write(chain: ChainName, number: number, entry: KeptCheckpoint): boolean {
    const path = this.vault!.pathOf(fileName(chain, number));
    const temporary = this.vault!.pathOf(`tmp-${randomBytes(6).toString('hex')}-${fileName(chain, number)}`);
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, JSON.stringify(entry) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temporary, path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    } finally {
      unlinkSync(temporary);
    }
  }
}

/** `checkpoint.<chain>.<number>.json`, the number of 12 digits so the names sort in order. */
function fileName(chain: ChainName, number: number): string {
  return `checkpoint.${chain}.${String(number).padStart(12, '0')}.json`;
}
