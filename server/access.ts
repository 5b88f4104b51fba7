import type { Subject } from './env';

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
