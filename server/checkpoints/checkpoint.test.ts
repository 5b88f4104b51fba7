import { describe, expect, it } from 'vitest';
import { canonicalBytes } from '../../src/core/crypto/canonical-json';
import { generateSm2KeyPair, sm2Verify, sm3Hex } from '../../src/core/crypto/sm';
import { eventHash, statusAfter } from '../applications/history-chain';
import type { HistoryEvent } from '../../src/core/case-types';
import { caseHistoryBreak } from './case-history';
import { caseHistoryHead, checkpointKeyId, checkpointVerifies, extendsCheckpoint, signCheckpoint } from './checkpoint';

describe('checkpoints', () => {
  const key = generateSm2KeyPair();
  const keyId = checkpointKeyId(key.publicKey);
  const checkpoint = signCheckpoint({ chain: 'access-log', length: 12, head: 'a'.repeat(64), at: '2026-12-08T00:00:00.000Z', keyId }, key);

  it('are signed by SM2 over the RFC 8785 bytes of everything but the signature', () => {
    const { signature, ...signed } = checkpoint;
    expect(sm2Verify(canonicalBytes(signed), signature, key.publicKey)).toBe(true);
    expect(checkpointVerifies(checkpoint, key.publicKey)).toBe(true);
    for (const changed of [{ length: 11 }, { head: 'b'.repeat(64) }, { chain: 'case-history' as const }, { at: '2026-12-09T00:00:00.000Z' }]) {
      expect(checkpointVerifies({ ...checkpoint, ...changed }, key.publicKey)).toBe(false);
    }
    // Another key, even under this key's id, does not verify it.
    expect(checkpointVerifies(checkpoint, generateSm2KeyPair().publicKey)).toBe(false);
  });

  it('are extended by a chain at least as long with the same hash at their length', () => {
    expect(extendsCheckpoint(checkpoint, { length: 12, hashAtAnchor: checkpoint.head })).toBeUndefined();
    expect(extendsCheckpoint(checkpoint, { length: 20, hashAtAnchor: checkpoint.head })).toBeUndefined();
    expect(extendsCheckpoint(checkpoint, { length: 11, hashAtAnchor: undefined })).toBe('truncated');
    expect(extendsCheckpoint(checkpoint, { length: 20, hashAtAnchor: 'c'.repeat(64) })).toBe('rewritten');
  });

  it('of the case histories chain to the one before, whatever order the cases come in', () => {
    const cases: Array<[string, number, string]> = [['b', 2, 'x'], ['a', 1, 'y']];
    const head = caseHistoryHead('', cases);
    expect(head).toBe(caseHistoryHead('', [...cases].reverse()));
    expect(head).toBe(sm3Hex(canonicalBytes({ previous: '', cases: [['a', 1, 'y'], ['b', 2, 'x']] })));
    expect(caseHistoryHead(head, cases)).not.toBe(head);
  });
});

describe('a case history before sealing', () => {
  const id = 'app-1';
  const chain = (actions: HistoryEvent['action'][]) => {
    let prev = '';
    return actions.map((action, i) => {
      const event: HistoryEvent = { at: '2026-12-08T00:00:00.000Z', action, actor: { kind: 'officer', name: '孙七' } };
      prev = eventHash(prev, id, i + 1, event);
      return { seq: i + 1, hash: prev, event };
    });
  };

  it('ends with the event that put the case in its status', () => {
    expect(statusAfter('resubmitted')).toBe('submitted');
    expect(statusAfter('certificate_issued')).toBe('approved');
    expect(statusAfter('accepted')).toBe('accepted');
    expect(caseHistoryBreak(id, chain(['submitted', 'accepted']), 'accepted', undefined)).toBeUndefined();
    // The acceptance removed: what remains still follows its chain, but ends with the submission.
    expect(caseHistoryBreak(id, chain(['submitted']), 'accepted', undefined)).toEqual({ brokenAt: 2, reason: 'status' });
    expect(caseHistoryBreak(id, [], 'submitted', undefined)).toEqual({ brokenAt: 1, reason: 'status' });
  });

  it('extends its checkpoint', () => {
    const events = chain(['submitted', 'accepted']);
    expect(caseHistoryBreak(id, events, 'accepted', { length: 2, head: events[1]!.hash })).toBeUndefined();
    expect(caseHistoryBreak(id, events.slice(0, 1), undefined, { length: 2, head: events[1]!.hash })).toEqual({ brokenAt: 2, reason: 'truncated' });
    expect(caseHistoryBreak(id, events, undefined, { length: 2, head: 'f'.repeat(64) })).toEqual({ brokenAt: 2, reason: 'rewritten' });
    expect(caseHistoryBreak(id, [events[0]!, { ...events[1]!, hash: 'e'.repeat(64) }], 'accepted', undefined)).toEqual({ brokenAt: 2, reason: 'altered' });
  });
});
