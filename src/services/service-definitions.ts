import { listOf, type ApiClient } from './api-client';
import type { ServiceDefinition } from '../core/service-definition';

/**
 * Service definitions (SPEC §4): the services an applicant may apply for, one service's
 * definition, and the signed-in applicant's own values of the answers bound to them. The
 * only place the browser builds a `/services` URL.
 */

const servicePath = (code: string) => `/services/${encodeURIComponent(code)}`;

export async function listServices(client: ApiClient, signal?: AbortSignal): Promise<ServiceDefinition[]> {
  return listOf<ServiceDefinition>(await client.get<unknown>('/services', signal ? { signal } : {}));
}

export function loadService(client: ApiClient, code: string, signal?: AbortSignal): Promise<ServiceDefinition> {
  return client.get<ServiceDefinition>(servicePath(code), signal ? { signal } : {});
}

const services = new WeakMap<ApiClient, Map<string, Promise<ServiceDefinition>>>();
/** A service definition, asked for once per client (a queue shows the same few services). */
export function serviceDefinition(client: ApiClient, code: string): Promise<ServiceDefinition> {
  let byCode = services.get(client);
  if (!byCode) services.set(client, (byCode = new Map()));
  let found = byCode.get(code);
  if (!found) {
    found = loadService(client, code);
    byCode.set(code, found);
    found.catch(() => byCode.delete(code));
  }
  return found;
}

/** The signed-in applicant's own values of the answers bound to them (`x-egov-subject`, SPEC §4). */
export async function loadSubjectAnswers(client: ApiClient, code: string, signal?: AbortSignal): Promise<Record<string, string>> {
  const body = await client.get<{ data?: Record<string, string> }>(`${servicePath(code)}/subject-answers`, signal ? { signal } : {});
  return body.data ?? {};
}
