import { CERTIFICATE_TYPES } from '../../../src/core/service-definition';

/**
 * Seeded electronic certificates and the issuer keys that seal them (SPEC §5). Pure data:
 * the keys themselves are generated when the database is seeded (private keys never leave
 * the server); stories generate their own in the browser. Fixed so tests can rely on
 * numbers and verification codes.
 */

export const CERTIFICATE_TYPE_NAMES: Record<string, { name: string; nameEn: string }> = {
  [CERTIFICATE_TYPES.hukou]: { name: '居民户口簿', nameEn: 'Household register' },
  [CERTIFICATE_TYPES.marriage]: { name: '结婚证', nameEn: 'Marriage certificate' },
  [CERTIFICATE_TYPES.idCard]: { name: '居民身份证', nameEn: 'Resident identity card' },
  [CERTIFICATE_TYPES.businessLicence]: { name: '营业执照', nameEn: 'Business licence' },
};

export interface IssuerKeySeed {
  keyId: string;
  agencyCode: string;
  validFrom: string;
  validTo: string;
  /** Listed in `GET /trust/issuers`. An unpublished key makes its seals indeterminate. */
  published: boolean;
}

export const ISSUER_KEY_SEEDS: readonly IssuerKeySeed[] = [
  // 公安厅: a retired key (its validity has ended) and the current one.
  { keyId: 'GA-SEAL-2015', agencyCode: '330000-GA', validFrom: '2015-01-01T00:00:00+08:00', validTo: '2020-12-31T23:59:59+08:00', published: true },
  { keyId: 'GA-SEAL-2021', agencyCode: '330000-GA', validFrom: '2021-01-01T00:00:00+08:00', validTo: '2035-12-31T23:59:59+08:00', published: true },
  // A key of a county issuing system that was never added to the trust list.
  { keyId: 'GA-SEAL-LOCAL-7', agencyCode: '330000-GA', validFrom: '2021-01-01T00:00:00+08:00', validTo: '2035-12-31T23:59:59+08:00', published: false },
  { keyId: 'MZ-SEAL-2015', agencyCode: '330000-MZ', validFrom: '2015-01-01T00:00:00+08:00', validTo: '2035-12-31T23:59:59+08:00', published: true },
  { keyId: 'SC-SEAL-2018', agencyCode: '330000-SC', validFrom: '2018-01-01T00:00:00+08:00', validTo: '2035-12-31T23:59:59+08:00', published: true },
];

export interface CertificateSeed {
  id: string;
  number: string;
  typeCode: string;
  holderSubjectId: string;
  issuerCode: string;
  issuedAt: string;
  validUntil: string;
  /** `revoked` is recorded; `expired` follows from `validUntil`. */
  revoked: boolean;
  data: Record<string, unknown>;
  /** Handed by the holder to whoever checks the certificate (SPEC §4). */
  verificationCode: string;
  sealKeyId: string;
}

export const CERTIFICATE_SEEDS: readonly CertificateSeed[] = [
  {
    id: 'cert-hukou-001',
    number: 'ZJHK-2019-330106-0128',
    typeCode: CERTIFICATE_TYPES.hukou,
    holderSubjectId: 'citizen-001',
    issuerCode: '330000-GA',
    issuedAt: '2021-03-12T09:00:00+08:00',
    validUntil: '2099-12-31T23:59:59+08:00',
    revoked: false,
    data: {
      name: '张三',
      idNumber: '33010619900101123X',
      relationToHouseholder: '户主',
      householdType: '非农业家庭户口',
      address: '浙江省杭州市西湖区文三路 100 号',
      registrationAuthority: '杭州市公安局西湖区分局',
    },
    verificationCode: 'HK7D2QXM9PRA',
    sealKeyId: 'GA-SEAL-2021',
  },
  {
    id: 'cert-marriage-001',
    number: 'ZJJH-2018-330106-4512',
    typeCode: CERTIFICATE_TYPES.marriage,
    holderSubjectId: 'citizen-001',
    issuerCode: '330000-MZ',
    issuedAt: '2018-05-20T10:30:00+08:00',
    validUntil: '2099-12-31T23:59:59+08:00',
    revoked: false,
    data: {
      name: '张三',
      idNumber: '33010619900101123X',
      spouseName: '王芳',
      spouseIdNumber: '330106199205204527',
      registeredOn: '2018-05-20',
      registrationAuthority: '杭州市西湖区民政局',
    },
    verificationCode: 'JH4T8WNC3KVB',
    sealKeyId: 'MZ-SEAL-2015',
  },
  {
    id: 'cert-idcard-001',
    number: 'ZJSF-2021-330106-0331',
    typeCode: CERTIFICATE_TYPES.idCard,
    holderSubjectId: 'citizen-001',
    issuerCode: '330000-GA',
    issuedAt: '2021-08-01T00:00:00+08:00',
    validUntil: '2041-08-01T00:00:00+08:00',
    revoked: false,
    data: {
      name: '张三',
      sex: '男',
      ethnicity: '汉',
      birthDate: '1990-01-01',
      address: '浙江省杭州市西湖区文三路 100 号',
      idNumber: '33010619900101123X',
      issuingAuthority: '杭州市公安局西湖区分局',
    },
    verificationCode: 'SF9M3RDH6QTX',
    sealKeyId: 'GA-SEAL-2021',
  },
  {
    id: 'cert-licence-001',
    number: 'ZJYZ-2021-330100-0731',
    typeCode: CERTIFICATE_TYPES.businessLicence,
    holderSubjectId: 'org-001',
    issuerCode: '330000-SC',
    issuedAt: '2021-06-18T09:00:00+08:00',
    validUntil: '2041-06-17T23:59:59+08:00',
    revoked: false,
    data: {
      companyName: '杭州示例科技有限公司',
      creditCode: '91330100MA27XL0A19',
      companyType: '有限责任公司（自然人投资或控股）',
      legalRepresentative: '陈明',
      registeredCapital: '人民币 500 万元',
      establishedOn: '2021-06-18',
      address: '浙江省杭州市滨江区网商路 599 号',
      businessScope: '软件开发；信息技术咨询服务；数据处理服务',
    },
    verificationCode: 'YZ2P7KGA5NWE',
    sealKeyId: 'SC-SEAL-2018',
  },
  {
    // Expired: the validity ended; sealed by the retired key while that key was valid.
    id: 'cert-idcard-002',
    number: 'ZJSF-2016-330102-0415',
    typeCode: CERTIFICATE_TYPES.idCard,
    holderSubjectId: 'citizen-002',
    issuerCode: '330000-GA',
    issuedAt: '2016-03-14T00:00:00+08:00',
    validUntil: '2026-03-14T00:00:00+08:00',
    revoked: false,
    data: {
      name: '李四',
      sex: '女',
      ethnicity: '汉',
      birthDate: '1992-03-15',
      address: '浙江省杭州市上城区解放路 50 号',
      idNumber: '330102199203150021',
      issuingAuthority: '杭州市公安局上城区分局',
    },
    verificationCode: 'EX5H8CVM2TQD',
    sealKeyId: 'GA-SEAL-2015',
  },
  {
    // Revoked by the issuer; its seal is good.
    id: 'cert-marriage-002',
    number: 'ZJJH-2019-330102-0877',
    typeCode: CERTIFICATE_TYPES.marriage,
    holderSubjectId: 'citizen-002',
    issuerCode: '330000-MZ',
    issuedAt: '2019-10-01T10:00:00+08:00',
    validUntil: '2099-12-31T23:59:59+08:00',
    revoked: true,
    data: {
      name: '李四',
      idNumber: '330102199203150021',
      spouseName: '周强',
      spouseIdNumber: '330102199001016617',
      registeredOn: '2019-10-01',
      registrationAuthority: '杭州市上城区民政局',
    },
    verificationCode: 'RV3N6XBK8PMA',
    sealKeyId: 'MZ-SEAL-2015',
  },
  {
    // Sealed by a key that is not in the trust list: indeterminate.
    id: 'cert-hukou-002',
    number: 'ZJHK-2022-330102-0342',
    typeCode: CERTIFICATE_TYPES.hukou,
    holderSubjectId: 'citizen-002',
    issuerCode: '330000-GA',
    issuedAt: '2022-07-05T09:00:00+08:00',
    validUntil: '2099-12-31T23:59:59+08:00',
    revoked: false,
    data: {
      name: '李四',
      idNumber: '330102199203150021',
      relationToHouseholder: '户主',
      householdType: '非农业家庭户口',
      address: '浙江省杭州市上城区解放路 50 号',
      registrationAuthority: '杭州市公安局上城区分局',
    },
    verificationCode: 'ND4W9QHT7RKC',
    sealKeyId: 'GA-SEAL-LOCAL-7',
  },
];
