// The jsbn-based `sm-crypto`, used only as an independent SM2 implementation in tests.
declare module 'sm-crypto' {
  export const sm2: {
    generateKeyPairHex(): { privateKey: string; publicKey: string };
    doSignature(msg: string, privateKey: string, options: { der: boolean; hash: boolean; publicKey: string; userId: string }): string;
    doVerifySignature(msg: string, signature: string, publicKey: string, options: { der: boolean; hash: boolean; userId: string }): boolean;
  };
  export function sm3(message: string): string;
}
