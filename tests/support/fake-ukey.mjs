// A stand-in for a UKey's local middleware (the protocol of src/services/signers/ukey-websocket.ts):
// a WebSocket server on 127.0.0.1 holding one SM2 key. The request path picks how it behaves:
//   /            answers properly
//   /timeout     says hello, then never answers a sign request
//   /garbage     says hello, then answers a sign request with bytes that are not JSON
//   /bad-signature  answers with a well-formed DER signature over other bytes
//   /cancel      answers a sign request with { type: "error", code: "CANCELLED" }
import { WebSocketServer } from 'ws';
import { sm2 } from 'sm-crypto-v2';

export async function startFakeUkey() {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  const keyId = 'ukey-fake-01';
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', (socket, request) => {
    const mode = (request.url ?? '/').replace(/^\/+/, '').split('?')[0] || 'ok';
    socket.on('message', (data) => {
      let message;
      try {
        message = JSON.parse(String(data));
      } catch {
        return;
      }
      const reply = (body) => socket.send(JSON.stringify({ v: 1, id: message.id, ...body }));
      if (message.type === 'hello') {
        reply({ type: 'hello', device: { model: 'Fake UKey', serial: 'FAKE-0001' }, keys: [{ keyId, algorithm: 'SM2-SM3', publicKey }] });
        return;
      }
      if (message.type !== 'sign') return reply({ type: 'error', code: 'BAD_REQUEST', message: 'Unknown request' });
      if (mode === 'timeout') return;
      if (mode === 'garbage') return socket.send('\u0000not json at all {');
      if (mode === 'cancel') return reply({ type: 'error', code: 'CANCELLED', message: 'The holder declined on the device' });
      if (message.keyId !== keyId || message.algorithm !== 'SM2-SM3' || typeof message.message !== 'string') {
        return reply({ type: 'error', code: 'BAD_REQUEST', message: 'Bad sign request' });
      }
      const bytes = new Uint8Array(Buffer.from(message.message, 'base64'));
      const signed = mode === 'bad-signature' ? new Uint8Array([...bytes, 0x20]) : bytes;
      const signature = sm2.doSignature(signed, privateKey, { hash: true, der: true, userId: message.userId ?? '1234567812345678', publicKey });
      reply({ type: 'signature', signature });
    });
  });
  const { port } = server.address();
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    publicKey,
    stop: () => new Promise((resolve) => {
      for (const client of server.clients) client.terminate();
      server.close(() => resolve());
    }),
  };
}
