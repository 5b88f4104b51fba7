import type { BlockList } from 'node:net';
import type { Hono } from 'hono';
import type { TokenService } from './tokens';
import type { Store } from './store/database';

import type { SubjectKind } from '../src/core/subject';

export type { SubjectKind };

/** The signed-in party, as routes see it. */
export interface Subject {
  id: string;
  name: string;
  kind: SubjectKind;
  /** For staff, reviewers, officers, stewards and the data office: the agency they work for. */
  agencyCode: string | null;
  /** Citizen ID number (GB 11643) or unified social credit code (GB 32100). */
  idNumber: string | null;
}

export interface ServerSettings {
  demo: boolean;
  corsOrigins: string[];
  /** Seconds a token stays valid. */
  tokenTtl: number;
  /** Folder with the built bundle, served at `/`. */
  distDir: string;
  /** Folder with the demo portal page. */
  demoDir: string;
  /** Write request logs to stdout. */
  log: boolean;
  /** Largest JSON body, bytes. */
  maxJsonBytes: number;
  /** Largest upload, bytes. */
  maxUploadBytes: number;
  /** The reverse proxies whose `X-Forwarded-*` headers are believed (`EGOV_TRUST_PROXY`: their addresses or ranges). */
  trustedProxies?: BlockList | undefined;
  /** The public verify page QR codes open (`EGOV_VERIFY_URL`, default `http://localhost:<PORT>/verify`). */
  verifyUrl?: string;
  /** `NODE_ENV=production` (SPEC §5): no demo login, keys only in `EGOV_KEYS_DIR`, the strict CSP without test aids. */
  production?: boolean;
}

/** A party one may sign in as in demo mode (SPEC §5). */
export type DemoSubject = Pick<Subject, 'id' | 'name' | 'kind' | 'agencyCode'>;

/** What every route module receives. */
export interface Deps {
  /** The store layer (server/store): one Kysely handle over SQLite or PostgreSQL. */
  store: Store;
  tokens: TokenService;
  settings: ServerSettings;
  /** The directory of private keys and secrets (server/signatures/vault.ts); none for a demo keeping them in the database. */
  keys?: import('./signatures/vault').KeyVault;
  /** Who demo sign-in offers (the demo's seeded parties), given at start; none without demo mode. */
  demoSubjects?: readonly DemoSubject[];
  /** The instance's signed checkpoints of the access log and the case histories (server/checkpoints). */
  checkpoints?: import('./checkpoints/service').Checkpoints;
}

export type AppEnv = {
  Variables: {
    subject: Subject | undefined;
    /** Why a presented token was not accepted; raised by routes that need a subject. */
    authProblem: import('./errors').ApiProblem | undefined;
    /** The store and settings, for middleware shared by the route modules (rate limits). */
    store: Store;
    settings: ServerSettings;
  };
};

export type RouteModule = (deps: Deps) => Hono<AppEnv>;
