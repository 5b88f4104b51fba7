import type { JsonSchema, ServiceDefinition } from '../../../src/core/service-definition';

/**
 * The seeded service definitions (SPEC §5). Pure data with no node imports: the seeder,
 * Storybook mocks and browser tests all read it. Codes, field names and material codes
 * are fixed: tests and the demo portal rely on them.
 */

const UPLOAD_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];
const PHOTO_TYPES = ['image/png', 'image/jpeg'];
const TEN_MB = 10 * 1024 * 1024;
const TWO_MB = 2 * 1024 * 1024;

function text(title: string, en: string, maxLength: number, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: 'string', title, 'x-egov-en': { title: en }, minLength: 1, maxLength, ...extra };
}

function personName(title: string, en: string): JsonSchema {
  return text(title, en, 50);
}

function idNumber(title: string, en: string): JsonSchema {
  return { type: 'string', title, 'x-egov-en': { title: en, description: '18-character resident ID number (GB 11643)' }, description: '18 位公民身份号码', maxLength: 18, 'x-egov-format': 'cn-id' };
}

function mobile(title = '联系电话', en = 'Mobile number'): JsonSchema {
  return { type: 'string', title, 'x-egov-en': { title: en }, maxLength: 11, 'x-egov-format': 'cn-mobile' };
}

function postcode(): JsonSchema {
  return { type: 'string', title: '邮政编码', 'x-egov-en': { title: 'Postcode' }, maxLength: 6, 'x-egov-format': 'cn-postcode' };
}

function date(title: string, en: string, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: 'string', title, 'x-egov-en': { title: en }, format: 'date', maxLength: 10, ...extra };
}

/** A date that cannot lie in the future (a birth, a resolution already passed, the day one moved in). */
const PAST: Partial<JsonSchema> = { 'x-egov-not-after': 'today' };

function choice(title: string, en: string, labels: Record<string, { 'zh-CN': string; en: string }>): JsonSchema {
  return { type: 'string', title, 'x-egov-en': { title: en }, enum: Object.keys(labels), 'x-egov-enum-labels': labels };
}

export const BIRTH_REGISTRATION: ServiceDefinition = {
  code: 'birth-registration',
  name: '出生登记',
  nameEn: 'Birth registration',
  agency: { code: '330000-GA', name: '浙江省公安厅' },
  legalBasis: '《中华人民共和国户口登记条例》第七条；《浙江省公共数据和电子政务管理办法》第三十条',
  description: '为新生儿申报户口。办理须在婴儿出生后一个月内由父母或监护人申请。',
  descriptionEn: 'Registers a newborn child in the household register. Parents or guardians apply within one month of the birth.',
  applicantKinds: ['citizen'],
  form: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        childName: personName('新生儿姓名', "Child's name"),
        childSex: choice('性别', 'Sex', { male: { 'zh-CN': '男', en: 'Male' }, female: { 'zh-CN': '女', en: 'Female' } }),
        childBirthDate: date('出生日期', 'Date of birth', PAST),
        birthPlace: text('出生地点', 'Place of birth', 100, { description: '医院名称或详细地点', 'x-egov-en': { title: 'Place of birth', description: 'Hospital name or full place' } }),
        fatherName: personName('父亲姓名', "Father's name"),
        fatherIdNumber: idNumber('父亲公民身份号码', "Father's ID number"),
        motherName: personName('母亲姓名', "Mother's name"),
        motherIdNumber: idNumber('母亲公民身份号码', "Mother's ID number"),
        parentsMarried: { type: 'boolean', title: '父母是否已登记结婚', 'x-egov-en': { title: 'Are the parents married?' } },
        unmarriedExplanation: text('未婚情况说明', 'Explanation (parents not married)', 500, {
          description: '请说明父母未登记结婚的情况，以及由谁申报户口',
          'x-egov-en': { title: 'Explanation (parents not married)', description: 'Explain the situation and who registers the child' },
        }),
        contactMobile: mobile(),
        address: text('户籍登记地址', 'Household registration address', 200),
        postcode: postcode(),
      },
      required: ['childName', 'childSex', 'childBirthDate', 'birthPlace', 'fatherName', 'fatherIdNumber', 'motherName', 'motherIdNumber', 'parentsMarried', 'contactMobile', 'address', 'postcode'],
      allOf: [
        { if: { properties: { parentsMarried: { const: false } }, required: ['parentsMarried'] }, then: { required: ['unmarriedExplanation'] } },
      ],
    },
    ui: {
      sections: [
        { id: 'child', title: '新生儿信息', titleEn: 'The child', fields: ['childName', 'childSex', 'childBirthDate', 'birthPlace'] },
        { id: 'parents', title: '父母信息', titleEn: 'The parents', fields: ['fatherName', 'fatherIdNumber', 'motherName', 'motherIdNumber', 'parentsMarried', 'unmarriedExplanation'] },
        { id: 'contact', title: '联系方式与地址', titleEn: 'Contact and address', fields: ['contactMobile', 'address', 'postcode'] },
      ],
      fields: {
        childName: { widget: 'text', autocomplete: 'off', hint: '与出生医学证明一致', hintEn: 'As on the birth medical certificate' },
        childSex: { widget: 'radio' },
        childBirthDate: { widget: 'date', hint: '不能晚于今天', hintEn: 'Not later than today' },
        birthPlace: { widget: 'text', autocomplete: 'off' },
        fatherName: { widget: 'text', autocomplete: 'off' },
        fatherIdNumber: { widget: 'id-number', autocomplete: 'off' },
        motherName: { widget: 'text', autocomplete: 'off' },
        motherIdNumber: { widget: 'id-number', autocomplete: 'off' },
        parentsMarried: { widget: 'radio' },
        unmarriedExplanation: { widget: 'textarea', visibleWhen: { field: 'parentsMarried', equals: false } },
        contactMobile: { widget: 'phone', autocomplete: 'tel' },
        address: { widget: 'textarea', autocomplete: 'street-address' },
        postcode: { widget: 'postcode', autocomplete: 'postal-code' },
      },
    },
  },
  materials: [
    { code: 'birth-medical-certificate', name: '出生医学证明', nameEn: 'Birth medical certificate', required: true, accept: UPLOAD_TYPES, maxBytes: TEN_MB },
    { code: 'parents-hukou', name: '父母居民户口簿', nameEn: "Parents' household register", required: true, certificateType: 'hukou', accept: UPLOAD_TYPES, maxBytes: TEN_MB },
    { code: 'marriage-certificate', name: '结婚证', nameEn: 'Marriage certificate', required: true, certificateType: 'marriage', accept: UPLOAD_TYPES, maxBytes: TEN_MB },
  ],
  signature: { required: true, algorithms: ['SM2-SM3'] },
  guide: {
    summary: '为在浙江省出生的新生儿申报户口登记。父母或监护人在婴儿出生后一个月内网上申请，可直接引用平台已有的户口簿和结婚证。',
    summaryEn: 'Registers a child born in Zhejiang in the household register. Parents or guardians apply online within one month of the birth; the household register and marriage certificate the platform holds can be attached by reference.',
    eligibility: ['新生儿的父亲或母亲（或其监护人）', '父母一方户籍在浙江省', '婴儿出生后一个月内申报'],
    eligibilityEn: ["The child's father or mother (or guardian)", 'One parent is registered in Zhejiang', 'Within one month of the birth'],
    timeLimitDays: 5,
    fee: '免费',
    feeEn: 'Free of charge',
    contact: '浙江省公安厅户政服务热线 0571-110',
    contactEn: 'Zhejiang Public Security Department, household registration line 0571-110',
  },
  issues: {
    type: { code: 'birth-registration-record', name: '出生登记证明' },
    data: { childName: '/childName', childSex: '/childSex', childBirthDate: '/childBirthDate', birthPlace: '/birthPlace' },
  },
};

export const BUSINESS_LICENCE_CHANGE: ServiceDefinition = {
  code: 'business-licence-change',
  name: '营业执照变更登记',
  nameEn: 'Business licence change registration',
  agency: { code: '330000-SC', name: '浙江省市场监督管理局' },
  legalBasis: '《中华人民共和国市场主体登记管理条例》第二十四条；《浙江省公共数据和电子政务管理办法》第三十条',
  // SPEC §14: 承办 → 审核 → 批准, each by a different officer of 市场监管局.
  steps: ['handle', 'review', 'approve'],
  // SPEC §14 (Art. 30, 40(5)): the one paper original a change needs, with its legal basis.
  paperRequired: [{
    code: 'original-licence',
    kind: 'paper',
    what: '原营业执照正本、副本（换发新照时交回）',
    whatEn: 'The original business licence, both copies (returned when the new one is issued)',
    legalBasis: '《中华人民共和国市场主体登记管理条例实施细则》',
  }],
  description: '企业名称、住所、法定代表人、注册资本或经营范围发生变更时申请变更登记。',
  descriptionEn: "Registers a change of a company's name, address, legal representative, registered capital or business scope.",
  applicantKinds: ['organisation'],
  form: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        creditCode: { 'x-egov-subject': 'uscc', type: 'string', title: '统一社会信用代码', 'x-egov-en': { title: 'Unified social credit code', description: '18 characters (GB 32100)' }, maxLength: 18, 'x-egov-format': 'cn-uscc' },
        companyName: text('企业名称', 'Company name', 100, { 'x-egov-subject': 'orgName' }),
        changeItems: {
          type: 'array',
          title: '变更事项',
          'x-egov-en': { title: 'What changes' },
          minItems: 1,
          maxItems: 5,
          items: {
            type: 'string',
            enum: ['name', 'address', 'legal-representative', 'registered-capital', 'business-scope'],
            'x-egov-enum-labels': {
              name: { 'zh-CN': '企业名称', en: 'Company name' },
              address: { 'zh-CN': '住所', en: 'Registered address' },
              'legal-representative': { 'zh-CN': '法定代表人', en: 'Legal representative' },
              'registered-capital': { 'zh-CN': '注册资本', en: 'Registered capital' },
              'business-scope': { 'zh-CN': '经营范围', en: 'Business scope' },
            },
          },
        },
        newValues: text('变更后内容', 'New particulars', 2000, { description: '逐项写明变更后的内容', 'x-egov-en': { title: 'New particulars', description: 'Write the new value of each item that changes' } }),
        resolutionDate: date('变更决议日期', 'Date of the resolution', PAST),
        legalRepName: personName('法定代表人姓名', "Legal representative's name"),
        legalRepIdNumber: idNumber('法定代表人公民身份号码', "Legal representative's ID number"),
        contactMobile: mobile('联系人手机', "Contact person's mobile"),
      },
      required: ['creditCode', 'companyName', 'changeItems', 'newValues', 'resolutionDate', 'legalRepName', 'legalRepIdNumber', 'contactMobile'],
    },
    ui: {
      sections: [
        { id: 'company', title: '企业信息', titleEn: 'The company', fields: ['creditCode', 'companyName'] },
        { id: 'change', title: '变更事项', titleEn: 'The change', fields: ['changeItems', 'newValues', 'resolutionDate'] },
        { id: 'representative', title: '法定代表人与联系人', titleEn: 'Legal representative and contact', fields: ['legalRepName', 'legalRepIdNumber', 'contactMobile'] },
      ],
      fields: {
        creditCode: { widget: 'credit-code', autocomplete: 'off' },
        companyName: { widget: 'text', autocomplete: 'organization' },
        changeItems: { widget: 'checkbox', hint: '可多选', hintEn: 'Choose all that apply' },
        newValues: { widget: 'textarea' },
        resolutionDate: { widget: 'date' },
        legalRepName: { widget: 'text', autocomplete: 'off' },
        legalRepIdNumber: { widget: 'id-number', autocomplete: 'off' },
        contactMobile: { widget: 'phone', autocomplete: 'tel' },
      },
    },
  },
  materials: [
    { code: 'business-licence', name: '营业执照', nameEn: 'Business licence', required: true, certificateType: 'business-licence', accept: UPLOAD_TYPES, maxBytes: TEN_MB },
    { code: 'change-resolution', name: '变更决议', nameEn: 'Resolution on the change', required: true, accept: ['application/pdf'], maxBytes: TEN_MB },
  ],
  signature: { required: true, algorithms: ['SM2-SM3'] },
  guide: {
    summary: '企业登记事项（名称、住所、法定代表人、注册资本、经营范围）发生变更的，自作出变更决议之日起 30 日内申请变更登记；核准后换发新的营业执照，原执照作废。',
    summaryEn: 'A company whose registered particulars change (name, address, legal representative, registered capital, business scope) applies within 30 days of the resolution; on approval a new business licence is issued and the old one is revoked.',
    eligibility: ['已在浙江省登记的企业', '已作出变更决议'],
    eligibilityEn: ['A company registered in Zhejiang', 'The change has been resolved'],
    timeLimitDays: 3,
    fee: '免费',
    feeEn: 'Free of charge',
    contact: '浙江省市场监督管理局登记注册处 0571-12315',
    contactEn: 'Zhejiang Administration for Market Regulation, registration office 0571-12315',
  },
  issues: {
    type: { code: 'business-licence', name: '营业执照' },
    validYears: 20,
    data: { companyName: '/companyName', creditCode: '/creditCode', legalRepresentative: '/legalRepName', changeItems: '/changeItems', newParticulars: '/newValues' },
    replaces: 'business-licence',
  },
};

export const RESIDENCE_PERMIT: ServiceDefinition = {
  code: 'residence-permit',
  name: '居住证申领',
  nameEn: 'Residence permit application',
  agency: { code: '330000-GA', name: '浙江省公安厅' },
  legalBasis: '《居住证暂行条例》第二条、第九条；《浙江省公共数据和电子政务管理办法》第三十条',
  description: '离开常住户口所在地，在本省居住半年以上的公民申领居住证。',
  descriptionEn: 'For citizens who have lived in the province for six months or more away from their registered household.',
  applicantKinds: ['citizen'],
  form: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { ...personName('姓名', 'Full name'), 'x-egov-subject': 'name' },
        idNumber: { ...idNumber('公民身份号码', 'ID number'), 'x-egov-subject': 'idNumber' },
        mobile: mobile('手机号码', 'Mobile number'),
        residenceAddress: text('居住地址', 'Address where you live', 200),
        postcode: postcode(),
        residenceSince: date('居住起始日期', 'Living there since', PAST),
        residenceReason: choice('居住事由', 'Reason for living here', {
          employment: { 'zh-CN': '就业', en: 'Employment' },
          business: { 'zh-CN': '经商', en: 'Running a business' },
          study: { 'zh-CN': '就读', en: 'Study' },
          family: { 'zh-CN': '投靠亲属', en: 'Living with family' },
          other: { 'zh-CN': '其他', en: 'Other' },
        }),
        employer: text('工作单位', 'Employer', 100),
        reasonDetail: text('事由说明', 'Details', 500),
      },
      required: ['name', 'idNumber', 'mobile', 'residenceAddress', 'postcode', 'residenceSince', 'residenceReason'],
      allOf: [
        { if: { properties: { residenceReason: { const: 'employment' } }, required: ['residenceReason'] }, then: { required: ['employer'] } },
        { if: { properties: { residenceReason: { const: 'other' } }, required: ['residenceReason'] }, then: { required: ['reasonDetail'] } },
      ],
    },
    ui: {
      sections: [
        { id: 'applicant', title: '申请人信息', titleEn: 'About you', fields: ['name', 'idNumber', 'mobile'] },
        { id: 'residence', title: '居住情况', titleEn: 'Where you live', fields: ['residenceAddress', 'postcode', 'residenceSince', 'residenceReason', 'employer', 'reasonDetail'] },
      ],
      fields: {
        name: { widget: 'text', autocomplete: 'name' },
        idNumber: { widget: 'id-number', autocomplete: 'off' },
        mobile: { widget: 'phone', autocomplete: 'tel' },
        residenceAddress: { widget: 'textarea', autocomplete: 'street-address' },
        postcode: { widget: 'postcode', autocomplete: 'postal-code' },
        residenceSince: { widget: 'date' },
        residenceReason: { widget: 'select' },
        employer: { widget: 'text', autocomplete: 'organization', visibleWhen: { field: 'residenceReason', equals: 'employment' } },
        reasonDetail: { widget: 'textarea', visibleWhen: { field: 'residenceReason', equals: 'other' } },
      },
    },
  },
  materials: [
    { code: 'id-card', name: '居民身份证', nameEn: 'Resident identity card', required: true, certificateType: 'id-card', accept: UPLOAD_TYPES, maxBytes: TEN_MB },
    { code: 'residence-proof', name: '居住证明（租赁合同或房产证明）', nameEn: 'Proof of residence (tenancy or title)', required: true, accept: UPLOAD_TYPES, maxBytes: TEN_MB },
    { code: 'photo', name: '近期免冠证件照', nameEn: 'Recent passport-style photo', required: true, accept: PHOTO_TYPES, maxBytes: TWO_MB },
  ],
  signature: { required: true, algorithms: ['SM2-SM3'] },
  guide: {
    summary: '在居住地连续居住半年以上，并有合法稳定就业、合法稳定住所或连续就读之一的，可申领居住证。',
    summaryEn: 'People who have lived in a place for six months or more and have lawful stable work, a lawful stable home or are studying there may apply for a residence permit.',
    eligibility: ['离开常住户口所在地在居住地居住半年以上', '有合法稳定就业、合法稳定住所或连续就读之一'],
    eligibilityEn: ['Living away from the place of household registration for six months or more', 'Lawful stable work, a lawful stable home, or continuous study'],
    timeLimitDays: 10,
    fee: '首次申领免费',
    feeEn: 'Free for a first permit',
    contact: '浙江省公安厅户政服务热线 0571-110',
    contactEn: 'Zhejiang Public Security Department, household registration line 0571-110',
  },
};

export const SENIOR_CARD: ServiceDefinition = {
  code: 'senior-card',
  name: '老年人优待证申领',
  nameEn: 'Senior citizen preferential card',
  agency: { code: '330000-MZ', name: '浙江省民政厅' },
  legalBasis: '《中华人民共和国老年人权益保障法》第五十七条；《浙江省公共数据和电子政务管理办法》第三十条',
  description: '年满六十周岁的老年人申领优待证，享受公共交通、景区等优待服务。',
  descriptionEn: 'For people aged sixty or over: a card for concessions on public transport, at sights and elsewhere.',
  applicantKinds: ['citizen'],
  form: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { ...personName('姓名', 'Full name'), 'x-egov-subject': 'name' },
        idNumber: { ...idNumber('公民身份号码', 'ID number'), 'x-egov-subject': 'idNumber' },
        mobile: mobile('手机号码', 'Mobile number'),
        email: { type: 'string', title: '电子邮箱（选填）', 'x-egov-en': { title: 'Email (optional)' }, format: 'email', maxLength: 254 },
        deliveryMethod: choice('领取方式', 'How to receive the card', {
          pickup: { 'zh-CN': '窗口自取', en: 'Collect at the service desk' },
          post: { 'zh-CN': '邮寄到家', en: 'Post it to me' },
        }),
        deliveryAddress: text('邮寄地址', 'Postal address', 200),
        postcode: postcode(),
      },
      required: ['name', 'idNumber', 'mobile', 'deliveryMethod'],
      allOf: [
        { if: { properties: { deliveryMethod: { const: 'post' } }, required: ['deliveryMethod'] }, then: { required: ['deliveryAddress', 'postcode'] } },
      ],
    },
    ui: {
      sections: [
        { id: 'applicant', title: '申请人信息', titleEn: 'About you', fields: ['name', 'idNumber', 'mobile', 'email'] },
        { id: 'delivery', title: '领取方式', titleEn: 'Receiving the card', fields: ['deliveryMethod', 'deliveryAddress', 'postcode'] },
      ],
      fields: {
        name: { widget: 'text', autocomplete: 'name' },
        idNumber: { widget: 'id-number', autocomplete: 'off' },
        mobile: { widget: 'phone', autocomplete: 'tel' },
        email: { widget: 'email', autocomplete: 'email' },
        deliveryMethod: { widget: 'radio' },
        deliveryAddress: { widget: 'textarea', autocomplete: 'street-address', visibleWhen: { field: 'deliveryMethod', equals: 'post' } },
        postcode: { widget: 'postcode', autocomplete: 'postal-code', visibleWhen: { field: 'deliveryMethod', equals: 'post' } },
      },
    },
  },
  materials: [
    { code: 'id-card', name: '居民身份证', nameEn: 'Resident identity card', required: true, certificateType: 'id-card', accept: UPLOAD_TYPES, maxBytes: TEN_MB },
    { code: 'photo', name: '近期免冠证件照', nameEn: 'Recent passport-style photo', required: true, accept: PHOTO_TYPES, maxBytes: TWO_MB },
  ],
  signature: { required: true, algorithms: ['SM2-SM3', 'ECDSA-P256-SHA256'] },
  guide: {
    summary: '年满 60 周岁的浙江省户籍老年人可申领老年人优待证，凭证享受公共交通、景区等优待。',
    summaryEn: 'Residents of Zhejiang aged 60 or over may apply for a senior card, which gives concessions on public transport, at scenic sites and elsewhere.',
    eligibility: ['年满 60 周岁', '户籍在浙江省'],
    eligibilityEn: ['Aged 60 or over', 'Registered in Zhejiang'],
    timeLimitDays: 7,
    fee: '免费',
    feeEn: 'Free of charge',
    contact: '浙江省民政厅 0571-12345',
    contactEn: 'Zhejiang Department of Civil Affairs 0571-12345',
  },
};

export const FLEXIBLE_EMPLOYMENT_INSURANCE: ServiceDefinition = {
  code: 'flexible-employment-insurance',
  name: '灵活就业人员社会保险登记',
  nameEn: 'Social insurance registration for the self-employed',
  agency: { code: '330000-RS', name: '浙江省人力资源和社会保障厅' },
  legalBasis: '《中华人民共和国社会保险法》第十条、第二十三条；《浙江省公共数据和电子政务管理办法》第三十条',
  description: '无雇工的个体工商户、非全日制从业人员及其他灵活就业人员参加基本养老和医疗保险。',
  descriptionEn: 'Basic pension and medical insurance for the self-employed, part-time workers and others in flexible employment.',
  applicantKinds: ['citizen'],
  form: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { ...personName('姓名', 'Full name'), 'x-egov-subject': 'name' },
        idNumber: { ...idNumber('公民身份号码', 'ID number'), 'x-egov-subject': 'idNumber' },
        mobile: mobile('手机号码', 'Mobile number'),
        address: text('联系地址', 'Address', 200),
        postcode: postcode(),
        insuranceTypes: {
          type: 'array',
          title: '参保险种',
          'x-egov-en': { title: 'Insurance to join' },
          minItems: 1,
          maxItems: 2,
          items: {
            type: 'string',
            enum: ['pension', 'medical'],
            'x-egov-enum-labels': { pension: { 'zh-CN': '基本养老保险', en: 'Basic pension' }, medical: { 'zh-CN': '基本医疗保险', en: 'Basic medical insurance' } },
          },
        },
        contributionBase: { type: 'integer', title: '月缴费基数（元）', 'x-egov-en': { title: 'Monthly contribution base (yuan)' }, minimum: 4462, maximum: 22311 },
        startDate: date('参保起始日期', 'Insured from'),
      },
      required: ['name', 'idNumber', 'mobile', 'address', 'postcode', 'insuranceTypes', 'contributionBase', 'startDate'],
    },
    ui: {
      sections: [
        { id: 'applicant', title: '申请人信息', titleEn: 'About you', fields: ['name', 'idNumber', 'mobile', 'address', 'postcode'] },
        { id: 'insurance', title: '参保信息', titleEn: 'Insurance', fields: ['insuranceTypes', 'contributionBase', 'startDate'] },
      ],
      fields: {
        name: { widget: 'text', autocomplete: 'name' },
        idNumber: { widget: 'id-number', autocomplete: 'off' },
        mobile: { widget: 'phone', autocomplete: 'tel' },
        address: { widget: 'textarea', autocomplete: 'street-address' },
        postcode: { widget: 'postcode', autocomplete: 'postal-code' },
        insuranceTypes: { widget: 'checkbox' },
        contributionBase: { widget: 'number', hint: '在全省缴费基数上下限之间', hintEn: 'Between the provincial lower and upper limits' },
        startDate: { widget: 'date' },
      },
    },
  },
  materials: [
    { code: 'id-card', name: '居民身份证', nameEn: 'Resident identity card', required: true, certificateType: 'id-card', accept: UPLOAD_TYPES, maxBytes: TEN_MB },
  ],
  signature: { required: true, algorithms: ['SM2-SM3'] },
  guide: {
    summary: '无雇工的个体工商户、未在用人单位参保的非全日制从业人员及其他灵活就业人员，可以个人身份参加职工基本养老保险和基本医疗保险。',
    summaryEn: 'Self-employed people without employees, part-time workers not insured by an employer and other flexible workers may join the basic pension and medical insurance in their own name.',
    eligibility: ['年满 16 周岁、未达法定退休年龄', '灵活就业，未在用人单位参保'],
    eligibilityEn: ['Aged 16 or over and below the statutory retirement age', 'In flexible employment and not insured through an employer'],
    timeLimitDays: 5,
    fee: '免费（按月缴纳社会保险费）',
    feeEn: 'Free (contributions are paid monthly)',
    contact: '浙江省人力资源和社会保障厅 12333',
    contactEn: 'Zhejiang Department of Human Resources and Social Security 12333',
  },
};

/** Every seeded service, in the order the catalogue lists them. */
export const SERVICES: readonly ServiceDefinition[] = [BIRTH_REGISTRATION, BUSINESS_LICENCE_CHANGE, RESIDENCE_PERMIT, SENIOR_CARD, FLEXIBLE_EMPLOYMENT_INSURANCE];

/**
 * Date answers that cannot lie in the future (a birth, a resolution already passed, the
 * day one moved in), checked on submission against the calendar day in China.
 */
export const NOT_AFTER_TODAY: Readonly<Record<string, readonly string[]>> = Object.fromEntries(SERVICES.map((s) => [
  s.code,
  Object.entries(s.form.schema.properties ?? {}).filter(([, p]) => p['x-egov-not-after'] === 'today').map(([name]) => name),
]));

/**
 * One complete, valid set of answers per service (for the demo subjects: 张三, 李四 and
 * 杭州示例科技有限公司), for stories, demos and tests.
 */
export const EXAMPLE_ANSWERS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'birth-registration': {
    childName: '张小明',
    childSex: 'male',
    childBirthDate: '2026-11-01',
    birthPlace: '浙江大学医学院附属妇产科医院',
    fatherName: '张三',
    fatherIdNumber: '33010619900101123X',
    motherName: '李四',
    motherIdNumber: '330102199203150021',
    parentsMarried: true,
    contactMobile: '13800138000',
    address: '浙江省杭州市西湖区文三路 100 号',
    postcode: '310012',
  },
  'business-licence-change': {
    creditCode: '91330100MA27XL0A19',
    companyName: '杭州示例科技有限公司',
    changeItems: ['address', 'business-scope'],
    newValues: '住所：杭州市滨江区网商路 699 号；经营范围增加：数据处理服务',
    resolutionDate: '2026-11-20',
    legalRepName: '王大伟',
    legalRepIdNumber: '33010619900101123X',
    contactMobile: '13912345678',
  },
  'residence-permit': {
    name: '张三',
    idNumber: '33010619900101123X',
    mobile: '13800138000',
    residenceAddress: '浙江省宁波市鄞州区天童南路 588 号',
    postcode: '315100',
    residenceSince: '2025-03-01',
    residenceReason: 'employment',
    employer: '宁波示例制造有限公司',
  },
  'senior-card': {
    name: '李四',
    idNumber: '330102199203150021',
    mobile: '13900139000',
    deliveryMethod: 'post',
    deliveryAddress: '浙江省杭州市上城区解放路 1 号',
    postcode: '310002',
  },
  'flexible-employment-insurance': {
    name: '张三',
    idNumber: '33010619900101123X',
    mobile: '13800138000',
    address: '浙江省杭州市西湖区文三路 100 号',
    postcode: '310012',
    insuranceTypes: ['pension', 'medical'],
    contributionBase: 6000,
    startDate: '2026-12-01',
  },
};
