import type { ApiClient } from './api-client';

/** Who is signed in, as far as the catalog cares: a reviewer gets the review queue (Art. 22). */
export interface CatalogViewer {
  id: string;
  name: string;
  kind: 'citizen' | 'organisation' | 'staff' | 'reviewer';
  agencyCode: string | null;
}

export async function currentViewer(client: ApiClient, signal?: AbortSignal): Promise<CatalogViewer> {
  const { subject } = await client.get<{ subject: CatalogViewer }>('/auth/me', signal ? { signal } : {});
  return subject;
}
