export function startFakeUkey(): Promise<{ port: number; url: string; publicKey: string; stop: () => Promise<void> }>;
