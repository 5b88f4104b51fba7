import type Database from 'better-sqlite3';
import type { Hono } from 'hono';
import type { TokenService } from './auth';

export type SubjectKind = 'citizen' | 'organisation' | 'staff' | 'reviewer';

/** The signed-in party, as routes see it. */
export interface Subject {
  id: string;
  name: string;
  kind: SubjectKind;
  /** For staff and reviewers: the agency they work for. */
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
}

/** What every route module receives. */
export interface Deps {
  db: Database.Database;
  tokens: TokenService;
  settings: ServerSettings;
}

export type AppEnv = {
  Variables: {
    subject: Subject | undefined;
    /** Why a presented token was not accepted; raised by routes that need a subject. */
    authProblem: import('./errors').ApiProblem | undefined;
  };
};

export type RouteModule = (deps: Deps) => Hono<AppEnv>;
