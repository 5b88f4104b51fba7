import type { CatalogField, CatalogItem } from '../../src/core/catalog-types';
import { cnIdCheckDigit, cnUsccCheckCharacter } from '../../src/core/validation/cn-formats';
import { prng } from '../seed/data/catalog';
import { maskName } from './desensitize';
import { fieldKind } from './sensitivity';

/**
 * The rows behind the seeded catalog entries (SPEC §7): realistic, fixed values generated
 * from a seeded PRNG per entry, matching each entry's fields — Chinese names, ID numbers with
 * their GB 11643 check digit, mobile numbers, Zhejiang addresses, credit codes with their
 * GB 32100 check character, codes, dates and measurements. Same entry, same rows. Pure.
 */

export type CellValue = string | number | null;

/** The open entry with 100,000 rows: hourly readings of the province's air-quality stations. */
export const LARGE_DATA_SET = { name: '城市空气质量实时监测数据', rows: 100_000 } as const;

/** Rows of an ordinary entry: mostly a few hundred, some up to 5,000 (SPEC §7: 20 to 5,000). */
export function rowCountFor(itemId: string): number {
  const rng = prng(hashText(itemId) ^ 0x0a11ce);
  const r = rng();
  return r < 0.93 ? 20 + Math.floor(rng() * 380) : 400 + Math.floor(rng() * 4601);
}

/** The seeded entry that holds the large data set: the first open one of LARGE_DATA_SET.name. */
export function largeEntryId(items: readonly CatalogItem[]): string | undefined {
  return items.find((i) => i.open === 'open' && i.name === LARGE_DATA_SET.name)?.id;
}

export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆范汪廖石金韦贾夏傅方邹熊白孟秦邱侯江尹薛阎段雷龙黎史陶贺毛郝顾龚邵万钱严覃洪'.split('');
const COMPOUND = ['欧阳', '司马', '诸葛', '上官', '慕容'];
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建红波宁晨阳浩宇轩子涵欣怡梓萱佳琪雨桐博文思远嘉怡俊杰志强海燕丹凤春梅晓东文斌天佑一诺若曦'.split('');
const CITIES: Array<[string, string, string[]]> = [
  ['330100', '杭州市', ['上城区', '拱墅区', '西湖区', '滨江区', '萧山区', '余杭区', '临平区', '钱塘区', '富阳区', '临安区', '桐庐县', '淳安县', '建德市']],
  ['330200', '宁波市', ['海曙区', '江北区', '北仑区', '镇海区', '鄞州区', '奉化区', '象山县', '宁海县', '余姚市', '慈溪市']],
  ['330300', '温州市', ['鹿城区', '龙湾区', '瓯海区', '洞头区', '永嘉县', '平阳县', '苍南县', '文成县', '泰顺县', '瑞安市', '乐清市']],
  ['330400', '嘉兴市', ['南湖区', '秀洲区', '嘉善县', '海盐县', '海宁市', '平湖市', '桐乡市']],
  ['330500', '湖州市', ['吴兴区', '南浔区', '德清县', '长兴县', '安吉县']],
  ['330600', '绍兴市', ['越城区', '柯桥区', '上虞区', '新昌县', '诸暨市', '嵊州市']],
  ['330700', '金华市', ['婺城区', '金东区', '武义县', '浦江县', '磐安县', '兰溪市', '义乌市', '东阳市', '永康市']],
  ['330800', '衢州市', ['柯城区', '衢江区', '常山县', '开化县', '龙游县', '江山市']],
  ['330900', '舟山市', ['定海区', '普陀区', '岱山县', '嵊泗县']],
  ['331000', '台州市', ['椒江区', '黄岩区', '路桥区', '三门县', '天台县', '仙居县', '温岭市', '临海市', '玉环市']],
  ['331100', '丽水市', ['莲都区', '青田县', '缙云县', '遂昌县', '松阳县', '云和县', '庆元县', '景宁畲族自治县', '龙泉市']],
];
const AREA_CODES: Record<string, string> = { '330100': '0571', '330200': '0574', '330300': '0577', '330400': '0573', '330500': '0572', '330600': '0575', '330700': '0579', '330800': '0570', '330900': '0580', '331000': '0576', '331100': '0578' };
const ROADS = ['人民路', '解放路', '中山路', '建设路', '文化路', '和平路', '新华路', '环城北路', '学院路', '江南大道', '文三路', '世纪大道', '长安路', '府前路', '湖滨路', '东风路'];
const ESTATES = ['阳光花园', '金色家园', '翠苑', '新城公寓', '绿城桂花园', '锦绣华庭', '滨江花苑', '东方明珠苑', '御景湾', '紫金港小区'];
const COMPANY_WORDS = ['华信', '中天', '恒达', '博远', '新安', '嘉禾', '瑞丰', '宏图', '天成', '鼎盛', '汇通', '永盛', '明德', '海纳', '正泰', '同创'];
const INDUSTRIES = ['科技', '贸易', '建设', '实业', '电子', '食品', '物流', '医药', '环保', '纺织', '机械', '文化传媒'];
const PLACE_WORDS = ['城关', '东城', '西城', '新安', '北山', '南门', '江滨', '文昌', '青山', '湖畔'];
const POLLUTANTS = ['PM2.5', 'PM10', 'O3', 'NO2', '—'];

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}
function int(rng: () => number, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}
function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}
function digits(rng: () => number, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += Math.floor(rng() * 10);
  return out;
}
function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
const DAY = 86_400_000;
const START = Date.UTC(2016, 0, 1);
const END = Date.UTC(2026, 9, 31);

/** A person of one row: fields about the same person agree (ID number, sex, birth date). */
interface Person {
  name: string;
  sex: 1 | 2;
  birth: number;
  idNumber: string;
  city: (typeof CITIES)[number];
  district: string;
}

function person(rng: () => number): Person {
  const surname = rng() < 0.03 ? pick(rng, COMPOUND) : pick(rng, SURNAMES);
  const given = pick(rng, GIVEN) + (rng() < 0.7 ? pick(rng, GIVEN) : '');
  const city = pick(rng, CITIES);
  const districtIndex = Math.floor(rng() * city[2].length);
  const sex = rng() < 0.5 ? 1 : 2;
  const birth = Date.UTC(1950, 0, 1) + Math.floor(rng() * 23_000) * DAY;
  const d = new Date(birth);
  const region = city[0].slice(0, 4) + pad(districtIndex + 2);
  const seq = pad(int(rng, 0, 99)) + String(int(rng, 0, 4) * 2 + (sex === 1 ? 1 : 0));
  const first17 = region + d.getUTCFullYear() + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate()) + seq;
  return { name: surname + given, sex, birth, idNumber: first17 + cnIdCheckDigit(first17), city, district: city[2][districtIndex]! };
}

function mobile(rng: () => number): string {
  return pick(rng, ['13', '15', '17', '18', '19']) + digits(rng, 9);
}
function address(rng: () => number, city: Person['city'], district: string, home: boolean): string {
  const base = `浙江省${city[1]}${district}${pick(rng, ROADS)}${int(rng, 1, 999)}号`;
  return home ? `${base}${pick(rng, ESTATES)}${int(rng, 1, 30)}幢${int(rng, 1, 28)}0${int(rng, 1, 6)}室` : base;
}
function uscc(rng: () => number, city: Person['city']): string {
  const CH = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '9133' + city[0].slice(2, 4) + '00';
  for (let i = 0; i < 9; i++) body += CH[Math.floor(rng() * 31)];
  body = body.slice(0, 17);
  return body + cnUsccCheckCharacter(body);
}
function company(rng: () => number, city: Person['city']): string {
  return `${city[1].slice(0, 2)}${pick(rng, COMPANY_WORDS)}${pick(rng, INDUSTRIES)}有限公司`;
}

type ValueGenerator = (rng: () => number, row: number, ctx: RowContext) => CellValue;

interface RowContext {
  person: () => Person;
  place: () => { city: Person['city']; district: string };
}

/** A generator for one field, from its kind, label and type (what a value of it looks like). */
function generatorFor(field: CatalogField, open: boolean, totalRows: number): ValueGenerator {
  const label = field.label;
  const kind = fieldKind(field);
  // Open data holds no personal data (Art. 25): names appear as surnames only.
  if (kind === 'name') return (rng, _row, ctx) => {
    const name = label === '姓名' || label === '户主姓名' ? ctx.person().name : person(rng).name;
    return open ? maskName(name) : name;
  };
  if (kind === 'id-number') return (rng, _row, ctx) => (label === '公民身份号码' ? ctx.person() : person(rng)).idNumber;
  if (kind === 'phone') return (rng, _row, ctx) => (open || !/手机/.test(label) && rng() < 0.5 ? `${AREA_CODES[ctx.place().city[0]]}-8${digits(rng, 7)}` : mobile(rng));
  if (kind === 'address') return (rng, _row, ctx) => {
    const p = ctx.place();
    return address(rng, p.city, p.district, !open && /户籍|居住|住址/.test(label));
  };
  if (label === '性别') return (_rng, _row, ctx) => String(ctx.person().sex);
  if (label === '出生日期') return (rng, _row, ctx) => (field.type === 'datetime' ? new Date(Date.UTC(2024, 0, 1) + int(rng, 0, 1000) * DAY + int(rng, 0, 86_399) * 1000).toISOString().slice(0, 19) + '+08:00' : dateOf(ctx.person().birth));
  if (label === '行政区划代码') return (_rng, _row, ctx) => { const p = ctx.place(); return p.city[0].slice(0, 4) + pad(p.city[2].indexOf(p.district) + 2); };
  if (label === '行政区划名称') return (_rng, _row, ctx) => ctx.place().district;
  const vocabulary = VOCABULARY[label];
  if (vocabulary) return (rng) => pick(rng, vocabulary);
  if (/统一社会信用代码|纳税人识别号/.test(label)) return (rng, _row, ctx) => uscc(rng, ctx.place().city);
  if (/(机构|企业|单位|纳税人|当事人|生产者|开发企业|参保单位|就业单位|使用单位)(名称)?$/.test(label) && field.type === 'string') return (rng, _row, ctx) => company(rng, ctx.place().city);
  if (label === '站点名称' || label === '测站名称' || label === '断面名称') {
    const suffix = label === '站点名称' ? '监测站' : label === '测站名称' ? '水文站' : '断面';
    return (_rng, row) => { const c = CITIES[row % CITIES.length]!; const d = c[2][Math.floor(row / CITIES.length) % c[2].length]!; return `${c[1]}${d}${suffix}`; };
  }
  if (label === '首要污染物') return (rng) => pick(rng, POLLUTANTS);
  if (label === '号牌号码') return (rng) => '浙' + pick(rng, 'ABCDEFGHJKL'.split('')) + pick(rng, 'DF0123456789'.split('')) + digits(rng, 4);
  if (/(编号|证号|文号|许可证号|代码|单元号|图幅号|登记证号)$/.test(label) && field.type !== 'code') return (rng, row) => `ZJ${2016 + (row % 10)}${digits(rng, 8)}`;
  if (/(统计季度|税款所属期)$/.test(label)) return (rng) => `${int(rng, 2019, 2026)}年第${int(rng, 1, 4)}季度`;
  if (/时间$/.test(label) && field.type === 'string') return (rng) => `${pad(int(rng, 5, 9))}:${pick(rng, ['00', '30'])}`;
  if (/期限$/.test(label) && field.type === 'string') return (rng) => `${int(rng, 6, 36)}个月`;
  switch (field.type) {
    case 'code': {
      const width = /等级|级别|类别|类型|状态|性别|结论|方向/.test(label) ? 1 : 2;
      const max = width === 1 ? 5 : 12;
      return (rng) => pad(int(rng, 1, max), width);
    }
    case 'date': return (rng) => dateOf(START + Math.floor(rng() * ((END - START) / DAY)) * DAY);
    case 'datetime': {
      // Readings and events in time order, ending at the end of the seed period.
      const step = totalRows > 10_000 ? 300_000 : 600_000;
      return (_rng, row) => new Date(END - (totalRows - row) * step).toISOString().slice(0, 19) + '+08:00';
    }
    case 'integer': {
      if (/年度|年份/.test(label)) return (rng) => int(rng, 2016, 2025);
      if (/指数/.test(label)) return (rng) => int(rng, 15, 260);
      return (rng) => int(rng, 0, /人数|起数|死亡|受伤/.test(label) ? 500 : 20_000);
    }
    case 'decimal': {
      const max = /\(%\)|率/.test(label) ? 100 : /经度/.test(label) ? 123 : /纬度/.test(label) ? 31 : /浓度|氨氮|溶解氧/.test(label) ? 150 : 100_000;
      const min = /经度/.test(label) ? 118 : /纬度/.test(label) ? 27 : 0;
      return (rng) => Math.round((min + rng() * (max - min)) * 100) / 100;
    }
    default: {
      const named = /^(.{1,6})名称$/.exec(label);
      if (named) return (rng, _row, ctx) => `${ctx.place().district}${pick(rng, PLACE_WORDS)}${named[1]}`;
      return (rng, _row, ctx) => `${ctx.place().district}${label}${int(rng, 1, 99)}`;
    }
  }
}

const VOCABULARY: Record<string, string[]> = {
  单位: ['亿元', '万元', '%', '万人', '万吨'],
  指标名称: ['地区生产总值', '一般公共预算收入', '社会消费品零售总额', '固定资产投资', '进出口总额', '城镇居民人均可支配收入', '农村居民人均可支配收入', '规模以上工业增加值'],
  类别: ['食品烟酒', '衣着', '居住', '生活用品及服务', '交通通信', '教育文化娱乐', '医疗保健', '其他用品及服务'],
  行业: ['制造业', '电力、热力、燃气及水生产和供应业', '采矿业', '计算机、通信和其他电子设备制造业', '纺织业', '化学原料和化学制品制造业'],
  病种: ['流行性感冒', '手足口病', '其他感染性腹泻病', '肺结核', '病毒性肝炎', '梅毒'],
  品种: ['大白菜', '青菜', '番茄', '黄瓜', '土豆', '猪肉', '鸡蛋', '草鱼', '带鱼', '大米'],
  污染物: ['化学需氧量', '氨氮', '二氧化硫', '氮氧化物', '颗粒物'],
  欠税税种: ['增值税', '企业所得税', '城市维护建设税', '房产税', '城镇土地使用税'],
  疫苗名称: ['乙肝疫苗', '卡介苗', '脊灰疫苗', '百白破疫苗', '麻腮风疫苗', '乙脑减毒活疫苗'],
  办公时间: ['周一至周五 8:30-12:00, 13:30-17:00', '周一至周日 9:00-17:00', '24小时'],
  处理结果: ['行政拘留', '罚款', '警告', '取保候审', '移送审查起诉', '不予处罚'],
  事项名称: ['企业开办', '不动产登记', '出生一件事', '社保卡申领', '个体工商户注册', '医保转移接续', '公积金提取'],
  开放时间: ['09:00-17:00（周一闭馆）', '08:30-17:30', '全天开放'],
};

/** The rows of an entry: `count` arrays of values in field order. */
export function* generateRows(item: Pick<CatalogItem, 'id' | 'open'> & { fields: CatalogField[] }, count: number): Generator<CellValue[]> {
  const open = item.open !== 'closed';
  const generators = item.fields.map((f) => generatorFor(f, open, count));
  const rng = prng(hashText(item.id));
  for (let row = 0; row < count; row++) {
    let p: Person | undefined;
    let place: { city: Person['city']; district: string } | undefined;
    const ctx: RowContext = {
      person: () => (p ??= person(rng)),
      place: () => (place ??= p ? { city: p.city, district: p.district } : (() => { const city = pick(rng, CITIES); return { city, district: pick(rng, city[2]) }; })()),
    };
    yield generators.map((g) => g(rng, row, ctx));
  }
}
