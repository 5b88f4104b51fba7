// The API client's retries, against the test backend's fault proxy: what may repeat safely
// is tried again after a 5xx (every GET; a POST only with an idempotency key), what may not
// is sent once; an abort by the caller is an AbortError, never an ApiError. Tries are
// counted from the page's resource timing (one entry per request that reached the network).
import { expect } from '@open-wc/testing';
import { ApiClient, ApiError, isAbortError } from '../../src/services/api-client';
import { faults } from './support/helpers';

/** How many requests went to `path` (of the fault proxy) since the test began. */
const tries = (url: string) => performance.getEntriesByType('resource').filter((e) => e.name === url).length;

describe('ApiClient retries', () => {
  beforeEach(() => performance.clearResourceTimings());

  it('tries a failing GET three times, then reports SERVER_ERROR, retryable', async () => {
    const client = new ApiClient({ apiBase: faults.error500 });
    const started = performance.now();
    const error = (await client.get('/auth/demo-subjects', { searchParams: { n: 1 } }).catch((e: unknown) => e)) as ApiError;
    expect(error).to.be.instanceOf(ApiError);
    expect(error.status).to.equal(500);
    expect(error.code).to.equal('SERVER_ERROR');
    expect(error.retryable).to.equal(true);
    expect(tries(client.url('/auth/demo-subjects', { n: 1 }))).to.equal(3);
    // Backing off between tries: 0.3 s, then 0.6 s.
    expect(performance.now() - started).to.be.greaterThan(800);
  });

  it('waits as long as a 429\'s Retry-After says before trying again, and not at all when that is beyond the timeout', async () => {
    const client = new ApiClient({ apiBase: faults.busy(1) });
    const started = performance.now();
    const error = (await client.get('/auth/demo-subjects', { searchParams: { n: 2 } }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).to.equal(429);
    expect(error.code).to.equal('RATE_LIMITED');
    expect(error.retryable).to.equal(true);
    expect(tries(client.url('/auth/demo-subjects', { n: 2 }))).to.equal(3);
    // Two waits of one second each, not the 0.3 s and 0.6 s of the backoff.
    expect(performance.now() - started).to.be.greaterThan(1_900);

    performance.clearResourceTimings();
    const patient = new ApiClient({ apiBase: faults.busy(60), timeout: 5_000 });
    const begun = performance.now();
    const refused = (await patient.get('/auth/demo-subjects', { searchParams: { n: 3 } }).catch((e: unknown) => e)) as ApiError;
    expect(refused.code).to.equal('RATE_LIMITED');
    expect(tries(patient.url('/auth/demo-subjects', { n: 3 }))).to.equal(1);
    expect(performance.now() - begun).to.be.lessThan(1_000);
  });

  it('sends a POST without an idempotency key once; with one, tries it again', async () => {
    const client = new ApiClient({ apiBase: faults.error500 });
    await client.post('/auth/demo-login', { subjectId: 'citizen-001' }).catch(() => undefined);
    expect(tries(client.url('/auth/demo-login'))).to.equal(1);
    performance.clearResourceTimings();
    const error = (await client.post('/auth/demo-login', { subjectId: 'citizen-001' }, { idempotencyKey: crypto.randomUUID() }).catch((e: unknown) => e)) as ApiError;
    expect(error.code).to.equal('SERVER_ERROR');
    expect(tries(client.url('/auth/demo-login'))).to.equal(3);
  });

  it('does not retry a 400, even with an idempotency key (the answer will not change), and keeps its field errors', async () => {
    const client = new ApiClient({ apiBase: '/api' });
    const error = (await client.post('/auth/demo-login', { subjectId: 'nobody' }, { idempotencyKey: crypto.randomUUID() }).catch((e: unknown) => e)) as ApiError;
    expect(error).to.be.instanceOf(ApiError);
    expect(error.status).to.equal(400);
    expect(error.fields[0]!.path).to.equal('subjectId');
    expect(error.retryable).to.equal(false);
    expect(tries(client.url('/auth/demo-login'))).to.equal(1);
  });

  it('passes an abort by the caller through as an AbortError, during a try and while waiting to retry', async () => {
    const slow = new ApiClient({ apiBase: faults.delay(2_000) });
    const during = new AbortController();
    const pending = slow.get('/auth/demo-subjects', { signal: during.signal }).catch((e: unknown) => e);
    setTimeout(() => during.abort(), 100);
    const first = await pending;
    expect(isAbortError(first), String(first)).to.equal(true);

    const failing = new ApiClient({ apiBase: faults.error500 });
    const waiting = new AbortController();
    const started = performance.now();
    const retrying = failing.get('/auth/demo-subjects', { signal: waiting.signal }).catch((e: unknown) => e);
    setTimeout(() => waiting.abort(), 150);
    const second = await retrying;
    expect(isAbortError(second), String(second)).to.equal(true);
    expect(performance.now() - started).to.be.lessThan(600);
  });
});
