export function freePort(): Promise<number>;
export function startReferenceServer(extraEnv?: Record<string, string>): Promise<{ origin: string; port: number; stop: () => Promise<void> }>;
