import type { AccessRequest, CatalogItem, CatalogScope } from '../src/core/catalog-types';
import type { Subject } from './env';

/**
 * Who may see and do what (SPEC §5, §7, §8): pure predicates over the signed-in subject,
 * the one place each rule of access is written. Routes authorise with them; domain modules
 * that must decide access inside a rule ask them too. They read no request and no database.
 */

/** The parts of a subject (server/env.ts `Subject`, or any actor shaped like one) access is decided on. */
export interface Party {
  id: string;
  kind: string;
  agencyCode: string | null;
}

type WithAgency<T> = T & { agencyCode: string };

// Roles.

/** Agency staff: data users and reviewers working for an agency (they search the sharing scope and ask for shared data). */
export const isAgencyStaff = <T extends Party>(subject: T | undefined): subject is WithAgency<T> =>
  !!subject && (subject.kind === 'staff' || subject.kind === 'reviewer') && !!subject.agencyCode;

/** A reviewer of access requests, of whichever agency. */
export const isReviewer = (subject: Party | undefined): boolean => !!subject && subject.kind === 'reviewer';

/** A reviewer working for the agency `agencyCode` (who decides the requests made to it, Art. 22). */
export const isReviewerOf = (subject: Party | undefined, agencyCode: string): boolean =>
  !!subject && subject.kind === 'reviewer' && subject.agencyCode === agencyCode;

/** A data steward of an agency (who catalogues its data, Art. 16). */
export const isSteward = <T extends Party>(subject: T | undefined): subject is WithAgency<T> =>
  !!subject && subject.kind === 'steward' && !!subject.agencyCode;

/** A data steward of the agency `agencyCode`. */
export const isStewardOf = (subject: Party | undefined, agencyCode: string): boolean => isSteward(subject) && subject.agencyCode === agencyCode;

/** The agency that is the public data office (Zhejiang's big data development bureau). */
export const DATA_OFFICE_AGENCY = '330000-SJ';

/** The public data office (reviews catalogue entries, Art. 24–26): a subject of kind `data-office` of DATA_OFFICE_AGENCY. */
export const isDataOffice = <T extends Party>(subject: T | undefined): subject is WithAgency<T> =>
  !!subject && subject.kind === 'data-office' && subject.agencyCode === DATA_OFFICE_AGENCY;

// The catalog and its access requests.

/** The scope an entry is looked up in when none is asked for: the sharing view for agency staff, else the open one. */
export const defaultScope = (subject: Party | undefined): CatalogScope => (isAgencyStaff(subject) ? 'sharing' : 'open');

/** Whether an entry is visible in a scope: every entry in the sharing view, all but closed ones in the open catalog. */
export const isInScope = (item: Pick<CatalogItem, 'open'>, scope: CatalogScope): boolean => scope === 'sharing' || item.open !== 'closed';

/** Who may ask for access to an entry: agency staff, or a citizen or organisation for conditionally open data (SPEC §7). */
export const mayRequestAccess = (subject: Party, item: Pick<CatalogItem, 'open'>): boolean =>
  isAgencyStaff(subject) || ((subject.kind === 'citizen' || subject.kind === 'organisation') && item.open === 'conditional');

/** Who sees an access request: the one who made it, and the reviewers of the providing agency. */
export const maySeeAccessRequest = (subject: Party, request: Pick<AccessRequest, 'requesterId' | 'providerAgency'>): boolean =>
  request.requesterId === subject.id || isReviewerOf(subject, request.providerAgency.code);

/** Who decides on an access request: a reviewer of the providing agency, never on a request of their own. */
export function accessDecisionRefusal(subject: Party, request: Pick<AccessRequest, 'requesterId' | 'providerAgency'>): 'NOT_REVIEWER' | 'OWN_REQUEST' | undefined {
  if (!isReviewerOf(subject, request.providerAgency.code)) return 'NOT_REVIEWER';
  if (request.requesterId === subject.id) return 'OWN_REQUEST';
  return undefined;
}

// Data delivery.

/** Data open to all (Art. 27): anyone may read it without a grant. */
export const isOpenToAll = (item: Pick<CatalogItem, 'open'>): boolean => item.open === 'open';

/** A closed entry exists for agency staff and for holders of a grant of it; for anyone else it is not found. */
export const maySeeClosedEntry = (subject: Party, holdsGrant: boolean): boolean => holdsGrant || isAgencyStaff(subject);

/** Whose calls a subject sees in the access log: a reviewer those on their agency's entries, anyone else their own. */
export const accessLogScope = (subject: Party): { providerAgency: string } | { subjectId: string } =>
  isReviewer(subject) && subject.agencyCode ? { providerAgency: subject.agencyCode } : { subjectId: subject.id };

/** Who checks the access log's chain: reviewers. */
export const mayVerifyAccessLog = (subject: Party): boolean => isReviewer(subject);

// Applications and cases

/** An officer of an agency: the one kind of subject that handles cases (SPEC §6). */
export type Officer = Subject & { kind: 'officer'; agencyCode: string };

/** Whether the subject is an officer of an agency, and so may handle that agency's cases. */
export function isCaseOfficer(subject: Subject): subject is Officer {
  return subject.kind === 'officer' && Boolean(subject.agencyCode);
}

/** Whether the subject handles the cases of this agency: an officer of it. */
export function handlesCasesOf(subject: Subject, agencyCode: string): boolean {
  return isCaseOfficer(subject) && subject.agencyCode === agencyCode;
}

/** Whether the subject is the applicant of this application. */
export function isApplicantOf(subject: Pick<Subject, 'id'>, application: { applicantId: string }): boolean {
  return subject.id === application.applicantId;
}

/** Who may read an application's archival record: its applicant, or an officer of the agency that handles it. */
export function mayReadApplication(subject: Subject, application: { applicantId: string; agencyCode: string }): boolean {
  return isApplicantOf(subject, application) || handlesCasesOf(subject, application.agencyCode);
}

/**
 * Who may download an upload: its uploader, or an officer of an agency handling an application
 * that names it (`namedInTheirCase`, asked of the store only for an officer).
 */
export function mayReadUpload(subject: Subject, upload: { ownerSubjectId: string }, namedInTheirCase: boolean): boolean {
  return upload.ownerSubjectId === subject.id || (isCaseOfficer(subject) && namedInTheirCase);
}

/** Who may revoke a certificate: an officer of the agency that issued it. */
export function mayRevoke(subject: Subject, certificate: { issuerCode: string }): boolean {
  return handlesCasesOf(subject, certificate.issuerCode);
}

/**
 * SPEC §14, four eyes: why an officer may not decide at the step a case is at — not holding
 * the step's role (`role`; a one-step service asks for none), or having taken another step of
 * the same case. `taken` is who took which step so far.
 */
export function stepRefusal(officer: Pick<Party, 'id'>, step: { number: number; role?: string }, holds: readonly string[], taken: ReadonlyArray<{ step: number; officerId: string }>): 'NOT_STEP_ROLE' | 'SAME_OFFICER' | undefined {
  if (step.role && !holds.includes(step.role)) return 'NOT_STEP_ROLE';
  if (taken.some((t) => t.officerId === officer.id && t.step !== step.number)) return 'SAME_OFFICER';
  return undefined;
}

/** SPEC §14: who may give a case to an officer: a reviewer or an approver of its agency (`holds` their roles there). */
export function mayAssignCases(holds: readonly string[]): boolean {
  return holds.includes('reviewer') || holds.includes('approver');
}

/** SPEC §14: a case someone holds is decided by its holder alone; one nobody holds, by any officer of its agency. */
export function mayDecideHeld(officer: Pick<Party, 'id'>, holderId: string | null): boolean {
  return !holderId || holderId === officer.id;
}

/** SPEC §14 (行政许可法 Art. 42): who extends a case's time limit: an approver of its agency (`holds` their roles there). */
export function mayExtendTimeLimit(holds: readonly string[]): boolean {
  return holds.includes('approver');
}

/** Who may read a certificate with its verification code: its holder (another's answers as one that does not exist). */
export function isHolderOf(subject: Pick<Subject, 'id'>, certificate: { holderSubjectId: string }): boolean {
  return subject.id === certificate.holderSubjectId;
}
