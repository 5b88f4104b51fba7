import type { OfficerRole } from '../../../src/core/case-types';
import type { SubjectKind } from '../../env';

export interface SubjectSeed {
  id: string;
  name: string;
  kind: SubjectKind;
  agencyCode: string | null;
  /** GB 11643 ID numbers and a GB 32100 credit code with valid check characters. */
  idNumber: string | null;
  mobile: string | null;
}

/** The demo parties of SPEC §5. Fixed: tests rely on them. */
export const SUBJECTS: readonly SubjectSeed[] = [
  { id: 'citizen-001', name: '张三', kind: 'citizen', agencyCode: null, idNumber: '33010619900101123X', mobile: '13800138000' },
  { id: 'citizen-002', name: '李四', kind: 'citizen', agencyCode: null, idNumber: '330102199203150021', mobile: '13900139000' },
  { id: 'org-001', name: '杭州示例科技有限公司', kind: 'organisation', agencyCode: null, idNumber: '91330100MA27XL0A19', mobile: null },
  { id: 'staff-001', name: '王五', kind: 'staff', agencyCode: '330000-SJ', idNumber: null, mobile: null },
  { id: 'reviewer-001', name: '赵六', kind: 'reviewer', agencyCode: '330000-GA', idNumber: null, mobile: null },
  { id: 'officer-001', name: '孙七', kind: 'officer', agencyCode: '330000-GA', idNumber: null, mobile: null },
  { id: 'officer-002', name: '周八', kind: 'officer', agencyCode: '330000-SC', idNumber: null, mobile: null },
  // SPEC §14: the reviewer and the approver of 市场监管局's three-step cases.
  { id: 'officer-005', name: '冯十一', kind: 'officer', agencyCode: '330000-SC', idNumber: null, mobile: null },
  { id: 'officer-006', name: '陈十二', kind: 'officer', agencyCode: '330000-SC', idNumber: null, mobile: null },
  { id: 'steward-001', name: '吴九', kind: 'steward', agencyCode: '330000-WJ', idNumber: null, mobile: null },
  { id: 'office-001', name: '郑十', kind: 'data-office', agencyCode: '330000-SJ', idNumber: null, mobile: null },
];

/** SPEC §14: the roles officers hold in their agency (the steps of `business-licence-change`). */
export const OFFICER_ROLES: ReadonlyArray<{ subjectId: string; agencyCode: string; role: OfficerRole }> = [
  { subjectId: 'officer-002', agencyCode: '330000-SC', role: 'handler' },
  { subjectId: 'officer-005', agencyCode: '330000-SC', role: 'reviewer' },
  { subjectId: 'officer-006', agencyCode: '330000-SC', role: 'approver' },
];
