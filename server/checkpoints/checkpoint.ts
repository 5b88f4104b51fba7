import { canonicalBytes } from '../../src/core/crypto/canonical-json';
import { SEAL_ALGORITHM } from '../../src/core/crypto/seal';
import { sm2Sign, sm2Verify, sm3Hex } from '../../src/core/crypto/sm';

/**
 * Checkpoints: the head of each of the platform's hash chains, signed now and
 * then and kept outside the database, so that a chain cut short, or rewritten with every
 * hash after the change recomputed, no longer matches what was signed before. Pure: the
 * signing, the checking and the digest of the case histories; no file, no SQL.
 */

/** The chains checkpointed: the access log (SPEC §7) and the histories of the cases (SPEC §6). */
export type ChainName = 'access-log' | 'case-history';
export const CHAIN_NAMES: readonly ChainName[] = ['access-log', 'case-history'];

/** What is signed: the chain's name, its length and head, and when. */
export interface UnsignedCheckpoint {
  chain: ChainName;
  /** Records in the access log; events in the case histories. */
  length: number;
  /** The hash of the access log's record `length`; for the case histories, `caseHistoryHead`. */
  head: string;
  at: string;
  keyId: string;
}

/** SM2 (default user ID, DER, hex) over the RFC 8785 bytes of the checkpoint without `signature`. */
export interface Checkpoint extends UnsignedCheckpoint {
  signature: string;
}

/** The key that signs checkpoints, as published with them. */
export interface CheckpointKey {
  keyId: string;
  algorithm: typeof SEAL_ALGORITHM;
  /** Uncompressed SM2 public key, hex `04…`. */
  publicKey: string;
}

/** A key id derived from the public key, so a key of another name cannot pass for it. */
export function checkpointKeyId(publicKey: string): string {
  return 'CHECKPOINT-' + sm3Hex(publicKey).slice(0, 16).toUpperCase();
}

export function signCheckpoint(unsigned: UnsignedCheckpoint, key: { privateKey: string; publicKey: string }): Checkpoint {
  const { chain, length, head, at, keyId } = unsigned;
  const body = { chain, length, head, at, keyId };
  return { ...body, signature: sm2Sign(canonicalBytes(body), key.privateKey, key.publicKey) };
}

/** Whether the checkpoint's signature is its key's, over exactly its members. */
export function checkpointVerifies(checkpoint: Checkpoint, publicKey: string): boolean {
  const { signature, ...body } = checkpoint;
  return checkpoint.keyId === checkpointKeyId(publicKey) && sm2Verify(canonicalBytes(body), signature, publicKey);
}

/** One case's history as a checkpoint holds it: the application, its number of events, its last hash. */
export type CaseHead = [applicationId: string, length: number, head: string];

/**
 * The head of a case-history checkpoint: SM3 over the JCS bytes of the previous
 * checkpoint's head and the cases whose history grew since (ordered by id), so each
 * checkpoint of the case histories extends the one before it.
 */
export function caseHistoryHead(previousHead: string, cases: readonly CaseHead[]): string {
  return sm3Hex(canonicalBytes({ previous: previousHead, cases: [...cases].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) }));
}

/** Why a chain no longer extends its checkpoint. */
export type ChainBreak = 'truncated' | 'rewritten';

/**
 * Whether a chain still extends a checkpoint of it: `truncated` when it is shorter,
 * `rewritten` when its entry at the checkpoint's length has another hash, else undefined.
 */
export function extendsCheckpoint(anchor: { length: number; head: string }, current: { length: number; hashAtAnchor: string | undefined }): ChainBreak | undefined {
  if (current.length < anchor.length) return 'truncated';
  if (current.hashAtAnchor !== anchor.head) return 'rewritten';
  return undefined;
}
