import type { SignatureAlgorithm } from './crypto/envelope';
import type { CaseStepName } from './case-types';

/**
 * SPEC §4 ServiceDefinition, and the shape of its `form`. The form's data is one flat
 * object: each top-level property of `schema` is one answer; `ui.sections` group them into
 * the steps of the form.
 */

export type XEgovFormat = 'cn-id' | 'cn-uscc' | 'cn-mobile' | 'cn-postcode';

/** SPEC §4 `x-egov-subject`: which of the signed-in subject's own values an answer carries. */
export type SubjectBinding = 'name' | 'idNumber' | 'mobile' | 'orgName' | 'uscc';

/** The JSON Schema 2020-12 subset the suite validates (no $ref, no remote schemas). */
export interface JsonSchema {
  type?: 'object' | 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'null' | Array<'object' | 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'null'>;
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  format?: 'date' | 'email';
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  default?: unknown;
  'x-egov-format'?: XEgovFormat;
  /** The applicant's own value (filled from the sign-in, read-only; the server refuses another). */
  'x-egov-subject'?: SubjectBinding;
  /** A date that cannot lie after the calendar day in China (Asia/Shanghai). */
  'x-egov-not-after'?: 'today';
  /** English title and description, and labels of `enum` values in both languages. */
  'x-egov-en'?: { title?: string; description?: string };
  'x-egov-enum-labels'?: Record<string, { 'zh-CN': string; en: string }>;
}

export type FieldWidget = 'text' | 'textarea' | 'number' | 'date' | 'email' | 'select' | 'radio' | 'checkbox' | 'id-number' | 'credit-code' | 'phone' | 'postcode';

export interface FormUi {
  sections: Array<{ id: string; title: string; titleEn?: string; description?: string; descriptionEn?: string; fields: string[] }>;
  fields?: Record<string, {
    widget?: FieldWidget;
    hint?: string;
    hintEn?: string;
    autocomplete?: string;
    /** Shown (and validated) only while another answer has this value. */
    visibleWhen?: { field: string; equals: unknown };
  }>;
}

export interface MaterialRequirement {
  code: string;
  name: string;
  nameEn?: string;
  required: boolean;
  /** When set, the platform may already hold it as an electronic certificate (Art. 32). */
  certificateType?: string;
  /** Media types an upload may have. */
  accept?: string[];
  maxBytes?: number;
}

export interface ServiceDefinition {
  code: string;
  name: string;
  nameEn?: string;
  agency: { code: string; name: string };
  legalBasis: string;
  description?: string;
  descriptionEn?: string;
  /** Who may apply: citizens, organisations or both. */
  applicantKinds?: Array<'citizen' | 'organisation'>;
  form: { schema: JsonSchema; ui?: FormUi };
  materials: MaterialRequirement[];
  /**
   * The applicant's signature: whether it is needed, with which algorithms, and how long
   * before submission it may have been made (`maxAgeHours`, default 24).
   */
  signature: { required: boolean; algorithms: SignatureAlgorithm[]; maxAgeHours?: number };
  /** The service guide (Art. 30: agencies publish procedure and requirements). */
  guide?: ServiceGuide;
  /** SPEC §6: the certificate an approval issues (Art. 31). */
  issues?: IssuedCertificateSpec;
  /**
   * SPEC §14 (Art. 30, 40(5)): a paper original or the applicant's presence the service asks
   * for, each only with its legal basis; none declared, nothing on paper is needed.
   */
  paperRequired?: PaperRequirement[];
  /** SPEC §14: the steps of its cases, each taken by an officer holding its role (one step, `handle`, by default). */
  steps?: CaseStepName[];
}

/** SPEC §14: a paper original (`paper`) or an appearance in person (`presence`) a law requires. */
export interface PaperRequirement {
  code: string;
  kind: 'paper' | 'presence';
  what: string;
  whatEn?: string;
  legalBasis: string;
}

export interface ServiceGuide {
  summary: string;
  summaryEn?: string;
  eligibility: string[];
  eligibilityEn?: string[];
  /** Working days (Monday to Friday) from acceptance to decision. */
  timeLimitDays: number;
  fee: string;
  feeEn?: string;
  contact?: string;
  contactEn?: string;
}

export interface IssuedCertificateSpec {
  type: { code: string; name: string };
  validYears?: number;
  /** Certificate field → JSON pointer into the application's data. */
  data: Record<string, string>;
  /** The type of the applicant's earlier certificate this one revokes. */
  replaces?: string;
}

/**
 * Certificate type codes shared by services, certificates and lookups:
 * hukou 居民户口簿, marriage 结婚证, id-card 居民身份证, business-licence 营业执照.
 */
export const CERTIFICATE_TYPES = {
  hukou: 'hukou',
  marriage: 'marriage',
  idCard: 'id-card',
  businessLicence: 'business-licence',
} as const;
