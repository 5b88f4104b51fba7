import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import rdf from '@zazuko/env';
import SHACLValidator from 'rdf-validate-shacl';

/**
 * The official DCAT-AP 3.0.1 SHACL shapes (tests/fixtures/dcat-ap/shacl, see its README)
 * run by a standard SHACL engine (rdf-validate-shacl) over JSON-LD turned into RDF by
 * jsonld.js. Nothing is fetched: the one remote context the DCAT-AP examples name is served
 * from tests/fixtures/dcat-ap; any other remote document fails the check.
 */

const FIXTURES = new URL('../fixtures/dcat-ap/', import.meta.url);
const LOCAL_CONTEXTS: Record<string, string> = {
  'https://semiceu.github.io/uri.semic.eu-generated/DCAT-AP/releases/3.0.0/html/examples/context.jsonld': '3.0.1-context.jsonld',
};

export const remoteDocumentsAsked: string[] = [];

/** A JSON-LD document loader that serves the DCAT-AP contexts from the fixtures and refuses the network. */
export async function documentLoader(url: string) {
  const file = LOCAL_CONTEXTS[url];
  if (!file) {
    remoteDocumentsAsked.push(url);
    throw new Error(`Not served locally (no network in tests): ${url}`);
  }
  return { contextUrl: undefined, documentUrl: url, document: JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) };
}

function parseTurtle(path: string): Quad[] {
  return new Parser({ format: 'text/turtle' }).parse(readFileSync(new URL(path, FIXTURES), 'utf8'));
}

let validator: SHACLValidator | undefined;
/** Both shapes files in one shapes graph, parsed once. */
function shapes(): SHACLValidator {
  validator ??= new SHACLValidator(rdf.dataset([...parseTurtle('shacl/dcat-ap-SHACL.ttl'), ...parseTurtle('shacl/ranges.ttl')]), { factory: rdf });
  return validator;
}

/** A JSON-LD document as RDF quads; terms jsonld.js would drop silently make it throw (safe mode). */
export async function jsonLdToQuads(doc: unknown): Promise<Quad[]> {
  const nquads = (await jsonld.toRDF(doc as jsonld.JsonLdDocument, { format: 'application/n-quads', documentLoader, safe: true } as jsonld.Options.ToRdf)) as unknown as string;
  return new Parser({ format: 'N-Quads' }).parse(nquads);
}

export interface Violation {
  focus: string;
  path: string;
  message: string;
  value?: string;
  shape: string;
}

/** The SHACL violations of a JSON-LD document against DCAT-AP 3.0.1 (empty when it conforms). */
export async function dcatViolations(doc: unknown): Promise<Violation[]> {
  const quads = await jsonLdToQuads(doc);
  return violationsOf(quads);
}

export async function violationsOf(quads: Quad[]): Promise<Violation[]> {
  const report = await shapes().validate(rdf.dataset(quads));
  return report.results.map((r) => ({
    focus: r.focusNode?.value ?? '',
    path: r.path?.value ?? '',
    message: r.message.map((m) => m.value).join('; '),
    ...(r.value ? { value: r.value.value } : {}),
    shape: r.sourceShape?.value.replace(/^.*#/, '') ?? '',
  }));
}
