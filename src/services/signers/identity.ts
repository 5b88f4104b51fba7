import type { ApiClient } from '../api-client';

/** Who signs: the signed-in subject (`GET /api/auth/me`). */
export interface SignerIdentity {
  id: string;
  name: string;
  kind: string;
  idNumberMasked: string | null;
}

export async function fetchSignerIdentity(client: ApiClient, signal?: AbortSignal): Promise<SignerIdentity> {
  const { subject } = await client.get<{ subject: SignerIdentity }>('/auth/me', signal ? { signal } : {});
  return subject;
}
