import { defineMessages, type MessageParams } from '../core/i18n';

/** The subject of a message: the field's label when known. */
const zhWho = (p: MessageParams) => (p.label ? String(p.label) : '此项');
const enWho = (p: MessageParams) => (p.label ? String(p.label) : 'This answer');
/** A label inside a sentence: "Child's name" reads "child's name", "ID number" stays. */
const enMid = (label: unknown) => String(label).replace(/^(\p{Lu})(?=\p{Ll})/u, (c) => c.toLowerCase());

const zhTypes: Record<string, string> = { string: '文字', number: '数字', integer: '整数', boolean: '是或否', object: '一组信息', array: '列表', null: '空值' };
const enTypes: Record<string, string> = { string: 'text', number: 'a number', integer: 'a whole number', boolean: 'yes or no', object: 'a group of answers', array: 'a list', null: 'empty' };

/** Validation messages (GOV.UK style: say what is wrong and how to put it right). */
export const validationMsg = defineMessages(
  {
    'validation.required': (p) => (p.label ? `请填写${p.label}` : '此项为必填项'),
    'validation.requiredChoice': (p) => (p.label ? `请选择${p.label}` : '请选择一项'),
    'validation.type': (p) => `${zhWho(p)}应为${zhTypes[String(p.expected)] ?? p.expected}`,
    'validation.enum': (p) => `${zhWho(p)}请从给出的选项中选择`,
    'validation.const': (p) => `${zhWho(p)}的值不正确`,
    'validation.constTrue': '请勾选此项以确认',
    'validation.pattern': (p) => `${zhWho(p)}的格式不正确`,
    'validation.minLength': (p) => `${zhWho(p)}至少需要 ${p.limit} 个字`,
    'validation.maxLength': (p) => `${zhWho(p)}不能超过 ${p.limit} 个字`,
    'validation.characters': (p) => `${zhWho(p)}含有不可见的控制字符或文字方向控制符，请删除后重新输入`,
    'validation.nfc': (p) => `${zhWho(p)}的字符编码形式不规范（应为 Unicode NFC），请重新输入`,
    'validation.minimum': (p) => `${zhWho(p)}不能小于 ${p.limit}`,
    'validation.maximum': (p) => `${zhWho(p)}不能大于 ${p.limit}`,
    'validation.exclusiveMinimum': (p) => `${zhWho(p)}必须大于 ${p.limit}`,
    'validation.exclusiveMaximum': (p) => `${zhWho(p)}必须小于 ${p.limit}`,
    'validation.minItems': (p) => `${zhWho(p)}至少需要 ${p.limit} 项`,
    'validation.maxItems': (p) => `${zhWho(p)}最多 ${p.limit} 项`,
    'validation.additionalProperties': '表单中没有“{property}”这一项',
    'validation.format.date': (p) => `${zhWho(p)}不是有效的日期，请按“年-月-日”填写，如 2026-01-31`,
    'validation.format.email': '请输入有效的电子邮箱地址，如 name@example.com',
    'validation.cnId.length': '居民身份证号码应为 18 位',
    'validation.cnId.characters': '居民身份证号码前 17 位应为数字，最后一位为数字或 X',
    'validation.cnId.region': '居民身份证号码前 6 位的地区码不正确',
    'validation.cnId.birthDate': '居民身份证号码中的出生日期（第 7 至 14 位）不正确',
    'validation.cnId.checkDigit': '居民身份证号码的校验位不正确，请核对是否输错',
    'validation.cnUscc.length': '统一社会信用代码应为 18 位',
    'validation.cnUscc.characters': '统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）',
    'validation.cnUscc.checkCharacter': '统一社会信用代码的校验码不正确，请核对是否输错',
    'validation.cnMobile': '请输入 11 位手机号码，如 13812345678',
    'validation.cnPostcode': '邮政编码应为 6 位数字',
    'validation.schema': '此表单的定义有误，暂时无法检查这一项，请联系办理部门',
    'validation.depth': '提交的内容嵌套层级过深',
    'validation.summary': (p) => `有 ${p.count} 处需要修改`,
  },
  {
    'validation.required': (p) => (p.label ? `Enter ${enMid(p.label)}` : 'Enter an answer'),
    'validation.requiredChoice': (p) => (p.label ? `Select ${enMid(p.label)}` : 'Select an option'),
    'validation.type': (p) => `${enWho(p)} must be ${enTypes[String(p.expected)] ?? p.expected}`,
    'validation.enum': (p) => `${enWho(p)}: choose one of the options given`,
    'validation.const': (p) => `${enWho(p)} does not have the expected value`,
    'validation.constTrue': 'Tick this box to confirm',
    'validation.pattern': (p) => `${enWho(p)} is not in the right format`,
    'validation.minLength': (p) => `${enWho(p)} must be ${p.limit} characters or more`,
    'validation.maxLength': (p) => `${enWho(p)} must be ${p.limit} characters or fewer`,
    'validation.characters': (p) => `${enWho(p)} contains invisible control or text-direction characters; remove them and type it again`,
    'validation.nfc': (p) => `${enWho(p)} is not in Unicode normal form NFC; type it again`,
    'validation.minimum': (p) => `${enWho(p)} must be ${p.limit} or more`,
    'validation.maximum': (p) => `${enWho(p)} must be ${p.limit} or less`,
    'validation.exclusiveMinimum': (p) => `${enWho(p)} must be more than ${p.limit}`,
    'validation.exclusiveMaximum': (p) => `${enWho(p)} must be less than ${p.limit}`,
    'validation.minItems': (p) => `${enWho(p)} needs at least ${p.limit} ${Number(p.limit) === 1 ? 'item' : 'items'}`,
    'validation.maxItems': (p) => `${enWho(p)} can have at most ${p.limit} ${Number(p.limit) === 1 ? 'item' : 'items'}`,
    'validation.additionalProperties': 'The form has no answer called “{property}”',
    'validation.format.date': (p) => `${enWho(p)} must be a real date, as year-month-day, for example 2026-01-31`,
    'validation.format.email': 'Enter an email address in the correct format, like name@example.com',
    'validation.cnId.length': 'A resident ID number has 18 characters',
    'validation.cnId.characters': 'A resident ID number is 17 digits followed by a digit or X',
    'validation.cnId.region': 'The region code (the first 6 digits) of the ID number is not valid',
    'validation.cnId.birthDate': 'The date of birth in the ID number (digits 7 to 14) is not valid',
    'validation.cnId.checkDigit': 'The check digit of the ID number does not match; check for a typing error',
    'validation.cnUscc.length': 'A unified social credit code has 18 characters',
    'validation.cnUscc.characters': 'A unified social credit code has only digits and capital letters (no I, O, S, V or Z)',
    'validation.cnUscc.checkCharacter': 'The check character of the unified social credit code does not match; check for a typing error',
    'validation.cnMobile': 'Enter an 11-digit mobile number, like 13812345678',
    'validation.cnPostcode': 'A postcode is 6 digits',
    'validation.schema': 'This form is set up wrongly and this answer cannot be checked; please contact the service',
    'validation.depth': 'The answers are nested too deeply',
    'validation.summary': (p) => `There ${Number(p.count) === 1 ? 'is 1 problem' : `are ${p.count} problems`} to fix`,
  },
);
