// The applications API over HTTP on the real server (temp SQLite): submission with full
// validation, material and signature checks; uploads with type detection and SM3; lists.
import { generateSm2KeyPair, signedBytes, sm2Sign, sm3Hex } from '../src/core/crypto';
import { validate } from '../src/core/validation';
import { EXAMPLE_ANSWERS, SERVICES } from '../server/seed/data/services';
import { startTestServer } from '../server/testing';
import { printStats } from './support';

const server = await startTestServer({ EGOV_LOG: '0' });
try {
  const token = await server.login('citizen-001');
  const keys = generateSm2KeyPair();
  const { keyId } = (await server.call('POST', '/api/signing-keys', { token, body: { publicKey: keys.publicKey, algorithm: 'SM2-SM3' } })).body as { keyId: string };
  const pdf = (size: number) => {
    const bytes = new Uint8Array(size);
    bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
    return bytes;
  };
  const upload = async (bytes: Uint8Array) => {
    const form = new FormData();
    form.append('file', new Blob([bytes as BlobPart], { type: 'application/pdf' }), 'scan.pdf');
    const started = performance.now();
    const res = await server.call('POST', '/api/uploads', { token, raw: form });
    if (res.status !== 201) throw new Error('upload ' + res.status);
    return { ms: performance.now() - started, uploadId: (res.body as { uploadId: string }).uploadId };
  };

  for (const [label, size, n] of [['POST /uploads 100 KB PDF', 100 * 1024, 40], ['POST /uploads 1 MB PDF', 1024 * 1024, 20], ['POST /uploads 10 MB PDF', 10 * 1024 * 1024, 5]] as const) {
    const samples: number[] = [];
    for (let i = 0; i < n; i++) samples.push((await upload(pdf(size))).ms);
    printStats(label, samples);
  }
  const ten = pdf(10 * 1024 * 1024);
  const sm3Samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    sm3Hex(ten);
    sm3Samples.push(performance.now() - t);
  }
  printStats('sm3Hex of 10 MB (in process)', sm3Samples);

  const birth = SERVICES.find((s) => s.code === 'birth-registration')!;
  const validateSamples: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    validate(birth.form.schema, EXAMPLE_ANSWERS['birth-registration'], { ui: birth.form.ui });
    validateSamples.push(performance.now() - t);
  }
  printStats('validate birth-registration answers (13 fields)', validateSamples);

  const submitSamples: number[] = [];
  const medical = (await upload(pdf(50 * 1024))).uploadId;
  for (let i = 0; i < 60; i++) {
    const content = {
      serviceCode: 'birth-registration',
      data: EXAMPLE_ANSWERS['birth-registration'],
      materials: [
        { code: 'birth-medical-certificate', uploadId: medical },
        { code: 'parents-hukou', certificateId: 'cert-hukou-001' },
        { code: 'marriage-certificate', certificateId: 'cert-marriage-001' },
      ],
    };
    const head = { signerId: 'citizen-001', signedAt: new Date().toISOString(), handwritingDigest: null };
    const bytes = signedBytes(content, head);
    const signature = { algorithm: 'SM2-SM3', keyId, publicKey: keys.publicKey, digest: sm3Hex(bytes), signature: sm2Sign(bytes, keys.privateKey, keys.publicKey), ...head };
    const t = performance.now();
    const res = await server.call('POST', '/api/applications', { token, body: { ...content, signature }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    submitSamples.push(performance.now() - t);
    if (res.status !== 201) throw new Error('submit ' + res.status + ' ' + JSON.stringify(res.body));
  }
  printStats('POST /applications (validate + materials + SM2 verify)', submitSamples);

  const listSamples: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await server.call('GET', '/api/applications?pageSize=20', { token });
    listSamples.push(performance.now() - t);
  }
  printStats('GET /applications (60 stored, page of 20)', listSamples);
} finally {
  await server.stop();
}
