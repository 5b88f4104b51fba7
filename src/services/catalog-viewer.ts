import type { ApiClient } from './api-client';

/**
 * Who is signed in, as far as the catalog cares: a reviewer gets the review queue (Art. 22),
 * a steward answers the public's comments on their agency's open entries (SPEC §8).
 */
export interface CatalogViewer {
  id: string;
  name: string;
  kind: 'citizen' | 'organisation' | 'staff' | 'reviewer' | 'officer' | 'steward' | 'data-office';
  agencyCode: string | null;
}

export async function currentViewer(client: ApiClient, signal?: AbortSignal): Promise<CatalogViewer> {
  const { subject } = await client.get<{ subject: CatalogViewer }>('/auth/me', signal ? { signal } : {});
  return subject;
}
