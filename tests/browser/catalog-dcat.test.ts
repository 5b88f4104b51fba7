import { expect, fixture, html } from '@open-wc/testing';
import '../../src/catalog-browser';
import type { EgovCatalogBrowser } from '../../src/components/catalog-browser/catalog-browser';
import { catalogSeed, SEED_IDS } from '../../server/seed/data/catalog';
import { shadow, waitUntil } from './support/helpers';

/**
 * The catalog browser's per-entry DCAT-AP download is the node the harvestable catalogue
 * (GET /api/catalog/dcat.jsonld) gives the same entry (SPEC §7), against the real backend.
 */

const T = { timeout: 10_000 };
const OPEN = catalogSeed().filter((i) => i.open !== 'closed');

type Node = Record<string, unknown>;

/** Every dataset node of the harvestable catalogue, as a harvester reads it (following hydra:next), with the API's links as this page reaches them. */
async function harvest(): Promise<Map<string, Node>> {
  const nodes = new Map<string, Node>();
  const here = new URL('/api/', location.href).href;
  let next: string | undefined = '/api/catalog/dcat.jsonld?pageSize=100';
  for (let pages = 0; next && pages < 10; pages++) {
    const response = await fetch(next);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/ld\+json/);
    const doc = (await response.json()) as { '@graph': Node[] };
    const catalog = doc['@graph'].find((n) => Array.isArray(n['@type']) && (n['@type'] as string[]).includes('dcat:Catalog'))!;
    // Behind this page's proxy the backend names itself by its own address: one base for both.
    const serverBase = (catalog['@id'] as string).replace(/catalog\/dcat\.jsonld$/, '');
    const text = JSON.stringify(doc['@graph']).split(serverBase).join(here);
    for (const node of JSON.parse(text) as Node[]) if (node['@type'] === 'dcat:Dataset') nodes.set(node['dct:identifier'] as string, node);
    next = (catalog['hydra:view'] as Record<string, { '@id': string } | undefined>)['hydra:next']?.['@id'].split(serverBase).join(here);
  }
  return nodes;
}

/** Opens the entry, clicks its DCAT-AP download and reads the file the browser would save. */
async function download(el: EgovCatalogBrowser, id: string): Promise<Node> {
  const blobs: Blob[] = [];
  const original = URL.createObjectURL;
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    blobs.push(blob as Blob);
    return original.call(URL, blob);
  };
  try {
    el.openItem(id);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=detail] table'), 'no detail', T);
    shadow<HTMLButtonElement>(el, '.detail .exports button').click();
    await waitUntil(() => blobs.length === 1, 'no DCAT-AP file', T);
    return JSON.parse(await blobs[0]!.text()) as Node;
  } finally {
    URL.createObjectURL = original;
    el.closeItem();
  }
}

describe('per-entry DCAT-AP download and the harvestable catalogue', () => {
  it('give an open and a conditionally open entry the same dataset node', async () => {
    const nodes = await harvest();
    expect([...nodes.keys()].sort()).to.deep.equal(OPEN.map((i) => i.id).sort());
    const el = await fixture<EgovCatalogBrowser>(html`<egov-catalog-browser></egov-catalog-browser>`);
    for (const id of [SEED_IDS.openUnconditional, SEED_IDS.conditionalOpen]) {
      const { '@context': context, ...node } = await download(el, id);
      expect(context, id).to.have.property('dcat', 'http://www.w3.org/ns/dcat#');
      expect(node, id).to.deep.equal(nodes.get(id));
      const distributions = node['dcat:distribution'] as Array<Record<string, { '@id': string }>>;
      const downloads = distributions.filter((d) => d['dcat:downloadURL']).map((d) => d['dcat:downloadURL']!['@id']);
      expect(downloads.length, id).to.equal(OPEN.find((i) => i.id === id)!.open === 'open' ? 2 : 0);
      // The rows call is this page's backend: it answers (an open entry) or asks for a grant.
      const rows = distributions.find((d) => d['dcat:accessService'])!['dcat:accessURL']!['@id'];
      expect((await fetch(rows)).status, id).to.equal(downloads.length ? 200 : 401);
    }
  });
});
