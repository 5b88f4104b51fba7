import type { Migration } from '../migration';
import { sqlFileMigration } from './sql-file';
import { migration as subjectKinds } from './0006-subject-kinds';
import { migration as cases } from './0007-cases';
import { migration as data } from './0008-data';
import { migration as rateLimits } from './0009-rate-limits';
import { migration as caseQueue } from './0010-case-queue';
import { migration as caseEventChain } from './0011-case-event-chain';
import { migration as cataloguing } from './0012-cataloguing';
import { migration as requestKeys } from './0013-request-keys';
import { migration as catalogueImports } from './0014-catalogue-imports';
import { migration as privacy } from './0015-privacy';
import { migration as caseSteps } from './0016-case-steps';
import { migration as caseHolders } from './0017-case-holders';
import { migration as caseClock } from './0018-case-clock';
import { migration as decisionLetters } from './0019-decision-letters';

/** Every migration, in order. A new one is a file `NNNN-name.ts` (or SQL per engine) listed here. */
export const MIGRATIONS: Migration[] = [
  sqlFileMigration('0001-core'),
  sqlFileMigration('0002-catalog'),
  sqlFileMigration('0003-certificates'),
  sqlFileMigration('0004-signatures'),
  sqlFileMigration('0005-applications'),
  subjectKinds,
  cases,
  data,
  rateLimits,
  caseQueue,
  caseEventChain,
  cataloguing,
  requestKeys,
  catalogueImports,
  privacy,
  caseSteps,
  caseHolders,
  caseClock,
  decisionLetters,
];
