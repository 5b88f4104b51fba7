import type { CatalogField, CatalogItem } from '../../../src/core/catalog-types';
import { cnIdCheckDigit, cnUsccCheckCharacter } from '../../../src/core/validation/cn-formats';
import { maskName } from '../../data/desensitize';
import type { CellValue } from '../../data/rows-store';
import { fieldKind } from '../../../src/core/personal-data';
import { prng } from './catalog';

/**
 * The rows behind the seeded catalog entries (SPEC §7): realistic, fixed values generated
 * from a seeded PRNG per entry, matching each entry's fields — Chinese names, ID numbers with
 * their GB 11643 check digit, mobile numbers, Zhejiang addresses, credit codes with their
 * GB 32100 check character, codes, dates and measurements. Same entry, same rows. Pure.
 */

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
const days = new Map<number, string>();
/** YYYY-MM-DD of a UTC time (day strings are few and repeat, so each is made once). */
function dateOf(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  let text = days.get(day);
  if (text === undefined) days.set(day, (text = new Date(day * 86_400_000).toISOString().slice(0, 10)));
  return text;
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
      const [min, max] = rangeFor(INTEGER_RANGES, label, [0, 1000]);
      return (rng) => int(rng, min, max);
    }
    case 'decimal': {
      const [min, max] = rangeFor(DECIMAL_RANGES, label, [0, 10_000]);
      const places = max - min < 5 ? 3 : 2;
      return (rng) => Math.round((min + rng() * (max - min)) * 10 ** places) / 10 ** places;
    }
    default: {
      const named = /^(.{1,6})名称$/.exec(label);
      if (named) return (rng, _row, ctx) => `${ctx.place().district}${pick(rng, PLACE_WORDS)}${named[1]}`;
      return (rng, _row, ctx) => `${ctx.place().district}${label}${int(rng, 1, 99)}`;
    }
  }
}

/** Plausible ranges of measurements and counts, by what the label says (first match wins). */
const INTEGER_RANGES: Array<[RegExp, number, number]> = [
  [/年度|年份/, 2016, 2025], [/空气质量指数/, 15, 260], [/记分/, 0, 12], [/学制/, 2, 5], [/计划数/, 5, 300], [/床位数/, 20, 800],
  [/终端数量/, 20, 300], [/服务项目数/, 1, 60], [/缴费月数/, 1, 360], [/保障人数/, 1, 6], [/^户数/, 1000, 300_000], [/人口数/, 3000, 1_200_000],
  [/访问次数/, 1000, 500_000], [/登录用户数/, 100, 100_000], [/响应时间/, 50, 2000], [/发病数/, 0, 3000], [/死亡数|死亡人数/, 0, 50],
  [/受伤人数/, 0, 200], [/事故起数/, 0, 500], [/威胁人数/, 5, 500], [/从业人数/, 5, 3000], [/预售套数/, 50, 1500], [/办件量/, 10, 20_000],
  [/目录数量/, 10, 800], [/数据项数量/, 100, 20_000], [/计算资源/, 8, 4000], [/发票份数/, 1, 5000],
];
const DECIMAL_RANGES: Array<[RegExp, number, number]> = [
  [/增长|同比增长/, -5, 15], [/指数/, 95, 110], [/城镇化率/, 50, 80], [/共享率/, 0.5, 1], [/率/, 30, 95], [/经度/, 118, 123], [/纬度/, 27, 31],
  [/PM2\.5|浓度/, 5, 150], [/氨氮/, 0.05, 2], [/溶解氧/, 2, 12], [/速度/, 0, 120], [/水位/, 1, 50], [/雨量/, 0, 120],
  [/平均价/, 2, 80], [/挂网价格/, 1, 500], [/欠税金额/, 1000, 5_000_000], [/申报金额|开票金额/, 1000, 10_000_000], [/总费用/, 50, 50_000],
  [/统筹支付/, 30, 40_000], [/月最低工资/, 1900, 2700], [/小时最低工资/, 17, 25], [/建筑面积/, 40, 300], [/面积\(平方米\)/, 1000, 200_000],
  [/经营面积/, 10, 2000], [/补贴面积/, 1, 50], [/成交价格/, 50, 50_000], [/常住人口/, 10, 1300], [/增加值/, 10, 3000],
  [/注册资本|营业收入/, 10, 100_000], [/存储容量/, 1, 500], [/库容/, 100, 100_000], [/取水量/, 1, 5000], [/缴存基数/, 2000, 35_000],
  [/缴存比例/, 0.05, 0.12], [/账户余额/, 0, 300_000], [/金额|保障金额|补贴金额|发放金额/, 100, 5000], [/已缴税额/, 100, 50_000], [/指标值/, 1, 80_000],
];
function rangeFor(table: Array<[RegExp, number, number]>, label: string, fallback: [number, number]): [number, number] {
  const found = table.find(([pattern]) => pattern.test(label));
  return found ? [found[1], found[2]] : fallback;
}

const VOCABULARY: Record<string, string[]> = {
  诊疗科目: ['内科;外科;妇产科;儿科', '内科;中医科', '口腔科', '全科医疗科;预防保健科', '眼科;耳鼻咽喉科', '康复医学科'],
  列入原因: ['未按规定期限公示年度报告', '通过登记的住所或者经营场所无法联系', '公示企业信息隐瞒真实情况、弄虚作假', '未在责令的期限内公示有关企业信息'],
  违法行为: ['销售不符合食品安全标准的食品', '发布虚假广告', '未按规定明码标价', '无照经营', '销售侵犯注册商标专用权的商品', '未经许可从事食品经营'],
  处罚内容: ['警告', '罚款5000元', '罚款2万元，没收违法所得', '责令改正，罚款1万元', '没收违法所得，罚款5万元'],
  排放口: ['DW001', 'DW002', 'DA001', 'DA002', 'DW003'],
  专业: ['计算机科学与技术', '临床医学', '会计学', '机械设计制造及其自动化', '汉语言文学', '电子商务', '护理学', '土木工程'],
  毕业学校: ['浙江大学', '浙江工业大学', '宁波大学', '杭州电子科技大学', '浙江师范大学', '温州医科大学', '浙江工商大学', '中国计量大学'],
  矿种: ['建筑用花岗岩', '萤石', '建筑用凝灰岩', '叶蜡石', '水泥用石灰岩'],
  通用名: ['阿莫西林胶囊', '二甲双胍片', '阿托伐他汀钙片', '氨氯地平片', '布洛芬缓释胶囊', '奥美拉唑肠溶胶囊'],
  规格: ['0.25g*24粒', '0.5g*20片', '10mg*7片', '5mg*28片', '0.3g*20粒', '20mg*14粒'],
  犬种: ['中华田园犬', '泰迪', '金毛寻回犬', '拉布拉多', '柯基', '比熊'],
  '职业(工种)': ['电工', '焊工', '育婴员', '保育员', '养老护理员', '中式烹调师', '美发师', '汽车维修工'],
  任教学科: ['语文', '数学', '英语', '物理', '化学', '生物', '历史', '体育', '音乐', '美术'],
  主营产业: ['粮食', '蔬菜', '水果', '茶叶', '畜禽养殖', '水产养殖', '中药材'],
  发放银行: ['中国工商银行', '中国农业银行', '中国银行', '中国建设银行', '浙江农商银行', '中国邮政储蓄银行'],
  年代: ['宋', '明', '清', '民国', '新石器时代', '唐', '元'],
  数据格式: ['DLG', 'DOM', 'DEM', 'DRG'],
  经营范围: ['道路普通货物运输', '道路旅客运输', '危险货物运输（3类）', '机动车维修', '货运站（场）经营'],
  鉴定类别: ['法医临床鉴定', '法医病理鉴定', '文书鉴定', '痕迹鉴定', '声像资料鉴定', '环境损害鉴定'],
  签发机关: ['杭州市公安局西湖分局', '宁波市公安局鄞州分局', '温州市公安局鹿城分局', '绍兴市公安局越城分局', '金华市公安局婺城分局'],
  接口名称: ['居民身份信息核验', '户籍信息查询', '企业登记信息查询', '社保参保信息核验', '不动产登记信息查询', '婚姻登记信息核验'],

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
/** The person and place of the row being generated, made on first use and shared by its fields. */
class Row implements RowContext {
  #person: Person | undefined;
  #place: { city: Person['city']; district: string } | undefined;
  constructor(private readonly rng: () => number) {}
  next(): void {
    this.#person = undefined;
    this.#place = undefined;
  }
  person(): Person {
    return (this.#person ??= person(this.rng));
  }
  place(): { city: Person['city']; district: string } {
    if (!this.#place) {
      if (this.#person) this.#place = { city: this.#person.city, district: this.#person.district };
      else {
        const city = pick(this.rng, CITIES);
        this.#place = { city, district: pick(this.rng, city[2]) };
      }
    }
    return this.#place;
  }
}

/** The rows of an entry: `count` arrays of values in field order. */
export function* generateRows(item: Pick<CatalogItem, 'id' | 'open'> & { fields: CatalogField[] }, count: number): Generator<CellValue[]> {
  const open = item.open !== 'closed';
  const generators = item.fields.map((f) => generatorFor(f, open, count));
  const rng = prng(hashText(item.id));
  const ctx = new Row(rng);
  for (let row = 0; row < count; row++) {
    ctx.next();
    const values: CellValue[] = new Array(generators.length);
    for (let i = 0; i < generators.length; i++) values[i] = generators[i]!(rng, row, ctx);
    yield values;
  }
}
