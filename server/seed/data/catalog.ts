import type { CatalogField, CatalogItem, OpenClass, SharingClass, UpdateFrequency } from '../../../src/core/catalog-types';
import { AGENCIES, type AgencySeed } from './agencies';

/**
 * The unified public data catalog (Art. 16) of the demo: a pure, deterministic generator,
 * so the reference backend, the benchmark (100,000 entries) and the Storybook mocks all
 * see the same entries. No node imports here.
 */

/** Entries tests and stories may rely on; they are the first entries of every generated catalog. */
export const SEED_IDS = {
  /** 浙江省统计局 — unconditional, open, monthly. */
  openUnconditional: '330000-TJ-000001',
  /** 浙江省公安厅 — restricted, closed (only in the sharing catalog); reviewer-001 decides on it. */
  restrictedGA: '330000-GA-000002',
  /** 浙江省公安厅 — non-shared, closed; a request needs `desensitized: true`. */
  noneGA: '330000-GA-000003',
  /** 浙江省公安厅 — unconditional, open. */
  unconditionalGA: '330000-GA-000004',
  /** Unconditionally shared among agencies but closed to the public: 404 in the open scope. */
  closedItem: '330000-SJ-000005',
  /** Unconditional, conditionally open, real-time. */
  conditionalOpen: '330000-ST-000006',
  /** Restricted entry of another agency (浙江省医疗保障局): reviewer-001 may not decide on it. */
  restrictedOther: '330000-YB-000007',
  /** Non-shared but open-conditional entry of 浙江省公安厅 (desensitised statistics). */
  noneGAConditional: '330000-GA-000008',
  /** An entry withdrawn from the catalog: stored, but every lookup answers 404 (a stale link). */
  withdrawn: '330000-MZ-999999',
} as const;

/** Number of fixed entries at the head of the catalog. */
export const FIXED_ENTRY_COUNT = 8;

/** Seed of the demo catalog. */
export const DEFAULT_CATALOG_SEED = 20170301;

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 0 public statistics, 1 administrative records without personal data, 2 personal or sensitive, 3 highly sensitive. */
type Level = 0 | 1 | 2 | 3;

interface Topic {
  name: string;
  domain: string;
  level: Level;
  freq: UpdateFrequency;
  tags: string[];
  /** `name:label:type` separated by `;` — label in Chinese. */
  fields: string;
  legal?: string;
  condition?: string;
}

const PERSON = 'xm:姓名:string;xb:性别:code;gmsfhm:公民身份号码:string;csrq:出生日期:date';
const ORG = 'tyshxydm:统一社会信用代码:string;jgmc:机构名称:string;fddbr:法定代表人:string;zs:住所:string';
const REGION = 'xzqhdm:行政区划代码:code;xzqhmc:行政区划名称:string';

const L = {
  pipl: '《中华人民共和国个人信息保护法》第十三条、第三十四条',
  dsl: '《中华人民共和国数据安全法》第三十八条',
  csl: '《中华人民共和国网络安全法》第四十二条',
  zj354: '《浙江省公共数据和电子政务管理办法》（省政府令第354号）第二十二条',
  zjData: '《浙江省公共数据条例》第二十六条、第二十七条',
  gf51: '《政务信息资源共享管理暂行办法》（国发〔2016〕51号）第十条',
  hukou: '《中华人民共和国户口登记条例》第四条；《中华人民共和国居民身份证法》第六条',
  idcard: '《中华人民共和国居民身份证法》第六条、第十三条',
  traffic: '《中华人民共和国道路交通安全法》第八条、第十九条',
  exit: '《中华人民共和国出境入境管理法》第八十五条',
  crime: '《中华人民共和国刑事诉讼法》第二百八十六条；《公安机关办理刑事案件程序规定》',
  marriage: '《婚姻登记条例》第二条、第八条',
  stats: '《中华人民共和国统计法》第九条、第三十九条',
  tax: '《中华人民共和国税收征收管理法》第八条；《纳税人涉税保密信息管理暂行办法》',
  social: '《中华人民共和国社会保险法》第八十一条',
  health: '《中华人民共和国基本医疗卫生与健康促进法》第九十二条',
  vaccine: '《中华人民共和国疫苗管理法》第四十七条',
  estate: '《不动产登记暂行条例》第二十七条、第二十八条',
  survey: '《中华人民共和国测绘法》第三十四条；《中华人民共和国测绘成果管理条例》',
  edu: '《中华人民共和国教育法》；《中小学生学籍管理办法》第十九条',
  medicalFund: '《医疗保障基金使用监督管理条例》第二十三条',
  fund: '《住房公积金管理条例》第三十六条',
  corrections: '《中华人民共和国社区矫正法》第四条',
  legalAid: '《中华人民共和国法律援助法》第二十一条',
  enterprise: '《企业信息公示暂行条例》第十三条',
  minLiving: '《社会救助暂行办法》第十二条',
  ride: '《网络预约出租汽车经营服务管理暂行办法》第二十七条',
} as const;

const CONDITIONS = [
  '仅限依法履行法定职责需要，经提供部门审核同意后按最小必要原则使用',
  '仅限办理政务服务事项时的核验比对使用，不得留存原始数据',
  '仅提供接口核验结果（一致/不一致），不提供明细批量下载',
  '需签订数据安全保护承诺书，仅限申请事由所述用途',
  '仅限本省行政区域内政务部门使用，使用情况每季度报送提供部门',
];

/** Topics each agency catalogues; one topic gives many entries (by city and year). */
const TOPICS: Record<string, Topic[]> = {
  '330000-SJ': [
    { name: '政务服务事项办件量统计', domain: '政务服务', level: 0, freq: 'monthly', tags: ['一网通办', '办件'], fields: `${REGION};sxmc:事项名称:string;bjl:办件量:integer;tjyf:统计月份:date` },
    { name: '公共数据目录编制情况', domain: '数据资源', level: 0, freq: 'quarterly', tags: ['数据目录', '数据治理'], fields: 'bmmc:部门名称:string;mlsl:目录数量:integer;sjxsl:数据项数量:integer;gxl:共享率:decimal' },
    { name: '公共数据共享调用日志', domain: '数据资源', level: 2, freq: 'realtime', tags: ['共享交换', '日志'], fields: 'dyf:调用方:string;jkmc:接口名称:string;dysj:调用时间:datetime;fhzt:返回状态:code', legal: L.csl },
    { name: '电子证照目录', domain: '政务服务', level: 1, freq: 'weekly', tags: ['电子证照', '证照'], fields: 'zzlxdm:证照类型代码:code;zzmc:证照名称:string;qfjg:签发机构:string;sjzd:数据字段数:integer' },
    { name: '政务云资源使用情况', domain: '数字政府', level: 1, freq: 'monthly', tags: ['政务云', '资源'], fields: 'bmmc:部门名称:string;cpu:计算资源(核):integer;cc:存储容量(TB):decimal;tjyf:统计月份:date' },
    { name: '一网通办用户访问统计', domain: '政务服务', level: 0, freq: 'daily', tags: ['浙里办', '访问量'], fields: 'tjrq:统计日期:date;fwcs:访问次数:integer;dlyhs:登录用户数:integer;pjxysj:平均响应时间(毫秒):integer' },
  ],
  '330000-GA': [
    { name: '居民户籍登记信息', domain: '人口', level: 2, freq: 'daily', tags: ['户籍', '人口'], fields: `${PERSON};hjdz:户籍地址:string;hzxm:户主姓名:string;yhzgx:与户主关系:code`, legal: L.hukou, condition: '仅限办理户籍、社会保障、教育入学相关政务服务事项核验使用，不得用于其他用途' },
    { name: '居民身份证签发信息', domain: '人口', level: 2, freq: 'daily', tags: ['身份证', '证件'], fields: `${PERSON};qfjg:签发机关:string;yxqx:有效期限:date;zjzt:证件状态:code`, legal: L.idcard },
    { name: '流动人口居住登记信息', domain: '人口', level: 2, freq: 'daily', tags: ['居住证', '流动人口'], fields: `${PERSON};jzdz:居住地址:string;djrq:登记日期:date;jzsy:居住事由:code`, legal: L.hukou },
    { name: '机动车登记信息', domain: '交通', level: 2, freq: 'daily', tags: ['机动车', '车辆'], fields: 'hphm:号牌号码:string;cllx:车辆类型:code;syr:所有人:string;ccdjrq:初次登记日期:date;clzt:车辆状态:code', legal: L.traffic },
    { name: '机动车驾驶人信息', domain: '交通', level: 2, freq: 'daily', tags: ['驾驶证', '驾驶人'], fields: `${PERSON};zjcx:准驾车型:code;ljjf:累积记分:integer;jszzt:驾驶证状态:code`, legal: L.traffic },
    { name: '出入境证件办理信息', domain: '人口', level: 3, freq: 'realtime', tags: ['出入境', '护照'], fields: `${PERSON};zjzl:证件种类:code;zjhm:证件号码:string;qfrq:签发日期:date`, legal: L.exit },
    { name: '违法犯罪人员信息', domain: '社会治安', level: 3, freq: 'realtime', tags: ['治安', '刑事'], fields: `${PERSON};ajlb:案件类别:code;clrq:处理日期:date;cljg:处理结果:string`, legal: L.crime },
    { name: '户籍人口统计', domain: '人口', level: 0, freq: 'yearly', tags: ['人口', '统计'], fields: `${REGION};hs:户数:integer;rks:人口数:integer;tjnd:统计年度:integer` },
    { name: '道路交通事故统计', domain: '交通', level: 0, freq: 'quarterly', tags: ['交通事故', '统计'], fields: `${REGION};sgqs:事故起数:integer;swrs:死亡人数:integer;ssrs:受伤人数:integer;tjjd:统计季度:string` },
    { name: '公安派出所名录', domain: '社会治安', level: 0, freq: 'yearly', tags: ['派出所', '名录'], fields: 'pcsmc:派出所名称:string;dz:地址:string;lxdh:联系电话:string;bgsj:办公时间:string' },
    { name: '养犬登记信息', domain: '社会治安', level: 1, freq: 'weekly', tags: ['养犬', '登记'], fields: 'djzh:登记证号:string;qz:犬种:string;djrq:登记日期:date;sqdz:所在社区:string' },
  ],
  '330000-MZ': [
    { name: '婚姻登记信息', domain: '民政', level: 2, freq: 'daily', tags: ['婚姻', '结婚登记'], fields: 'nfxm:男方姓名:string;nfsfhm:男方公民身份号码:string;vfxm:女方姓名:string;vfsfhm:女方公民身份号码:string;djrq:登记日期:date;djlx:登记类型:code', legal: L.marriage },
    { name: '社会组织登记信息', domain: '民政', level: 1, freq: 'weekly', tags: ['社会组织', '社团'], fields: `${ORG};zzlx:组织类型:code;djrq:登记日期:date` },
    { name: '最低生活保障对象信息', domain: '社会救助', level: 2, freq: 'monthly', tags: ['低保', '救助'], fields: `${PERSON};bzrs:保障人数:integer;bzje:保障金额(元):decimal;xsyf:享受月份:date`, legal: L.minLiving },
    { name: '养老机构名录', domain: '养老服务', level: 0, freq: 'semiannual', tags: ['养老', '机构'], fields: `jgmc:机构名称:string;dz:地址:string;cws:床位数:integer;lxdh:联系电话:string` },
    { name: '行政区划代码', domain: '民政', level: 0, freq: 'yearly', tags: ['行政区划', '代码'], fields: `${REGION};sjdm:上级代码:code;jb:级别:code` },
    { name: '残疾人两项补贴发放信息', domain: '社会救助', level: 2, freq: 'monthly', tags: ['残疾人', '补贴'], fields: `${PERSON};btlx:补贴类型:code;ffje:发放金额(元):decimal;ffyf:发放月份:date`, legal: L.minLiving },
  ],
  '330000-SC': [
    { name: '企业登记注册信息', domain: '市场监管', level: 1, freq: 'daily', tags: ['企业', '营业执照'], fields: `${ORG};qylx:企业类型:code;zczb:注册资本(万元):decimal;clrq:成立日期:date;djzt:登记状态:code` },
    { name: '个体工商户登记信息', domain: '市场监管', level: 1, freq: 'daily', tags: ['个体户', '营业执照'], fields: 'tyshxydm:统一社会信用代码:string;zhmc:字号名称:string;jyz:经营者:string;jycs:经营场所:string;clrq:成立日期:date' },
    { name: '市场监管行政处罚信息', domain: '信用', level: 1, freq: 'weekly', tags: ['行政处罚', '信用'], fields: 'cfjdswh:处罚决定书文号:string;dsrmc:当事人名称:string;wfxw:违法行为:string;cfnr:处罚内容:string;cfrq:处罚日期:date', legal: L.enterprise },
    { name: '食品生产许可证信息', domain: '市场监管', level: 1, freq: 'weekly', tags: ['食品安全', '许可证'], fields: 'xkzbh:许可证编号:string;scz:生产者名称:string;splb:食品类别:code;yxq:有效期至:date' },
    { name: '经营异常名录', domain: '信用', level: 0, freq: 'daily', tags: ['经营异常', '信用'], fields: 'tyshxydm:统一社会信用代码:string;qymc:企业名称:string;lryy:列入原因:string;lrrq:列入日期:date' },
    { name: '特种设备使用登记信息', domain: '安全生产', level: 1, freq: 'monthly', tags: ['特种设备', '电梯'], fields: 'sbdm:设备代码:string;sblb:设备类别:code;sydw:使用单位:string;xcjyrq:下次检验日期:date' },
  ],
  '330000-RS': [
    { name: '社会保险参保信息', domain: '社会保障', level: 2, freq: 'daily', tags: ['社保', '参保'], fields: `${PERSON};xzlx:险种类型:code;cbzt:参保状态:code;cbdw:参保单位:string;jfys:缴费月数:integer`, legal: L.social, condition: '仅限办理社会保障、就业、人才相关政务服务事项核验使用' },
    { name: '就业失业登记信息', domain: '就业', level: 2, freq: 'daily', tags: ['就业', '失业登记'], fields: `${PERSON};djlx:登记类型:code;djrq:登记日期:date;jyzt:就业状态:code`, legal: L.social },
    { name: '职业技能等级证书信息', domain: '人才', level: 1, freq: 'weekly', tags: ['职业技能', '证书'], fields: 'zsbh:证书编号:string;xm:姓名:string;zyjn:职业(工种):string;dj:等级:code;fzrq:发证日期:date' },
    { name: '人力资源服务机构名录', domain: '就业', level: 0, freq: 'semiannual', tags: ['人力资源', '机构'], fields: `${ORG};xkzh:许可证号:string` },
    { name: '最低工资标准', domain: '劳动关系', level: 0, freq: 'irregular', tags: ['最低工资', '工资'], fields: `${REGION};ydzdgz:月最低工资(元):decimal;xszdgz:小时最低工资(元):decimal;zxrq:执行日期:date` },
    { name: '企业职工基本养老金发放信息', domain: '社会保障', level: 3, freq: 'monthly', tags: ['养老金', '待遇'], fields: `${PERSON};ffje:发放金额(元):decimal;ffyf:发放月份:date;ffyh:发放银行:string`, legal: L.social },
  ],
  '330000-WJ': [
    { name: '出生医学证明信息', domain: '卫生健康', level: 2, freq: 'daily', tags: ['出生', '出生医学证明'], fields: 'zmbh:证明编号:string;xsexm:新生儿姓名:string;csrq:出生日期:datetime;mqxm:母亲姓名:string;fqxm:父亲姓名:string;csdd:出生地点:string', legal: L.health, condition: '仅限办理出生登记、户口登记、社会保障卡申领等“出生一件事”核验使用' },
    { name: '医疗机构执业登记信息', domain: '卫生健康', level: 0, freq: 'weekly', tags: ['医院', '医疗机构'], fields: `jgmc:机构名称:string;dj:等级:code;zlkm:诊疗科目:string;dz:地址:string` },
    { name: '医师执业注册信息', domain: '卫生健康', level: 1, freq: 'weekly', tags: ['医师', '执业'], fields: 'xm:姓名:string;zyfw:执业范围:string;zydd:执业地点:string;zczsbh:注册证书编号:string' },
    { name: '居民死亡医学证明信息', domain: '卫生健康', level: 2, freq: 'daily', tags: ['死亡', '殡葬'], fields: `${PERSON};swrq:死亡日期:date;swdd:死亡地点:string;gbsy:根本死因:string`, legal: L.health },
    { name: '预防接种记录', domain: '卫生健康', level: 3, freq: 'realtime', tags: ['疫苗', '接种'], fields: `${PERSON};ymmc:疫苗名称:string;jzrq:接种日期:date;jzdw:接种单位:string`, legal: L.vaccine },
    { name: '法定传染病疫情统计', domain: '疾病防控', level: 0, freq: 'monthly', tags: ['传染病', '疫情'], fields: `${REGION};bz:病种:string;fbs:发病数:integer;sws:死亡数:integer` },
  ],
  '330000-JY': [
    { name: '各级各类学校名录', domain: '教育', level: 0, freq: 'yearly', tags: ['学校', '名录'], fields: 'xxdm:学校代码:code;xxmc:学校名称:string;bxlx:办学类型:code;dz:地址:string' },
    { name: '中小学生学籍信息', domain: '教育', level: 2, freq: 'monthly', tags: ['学籍', '学生'], fields: `${PERSON};xjh:学籍号:string;xxmc:学校名称:string;nj:年级:code`, legal: L.edu },
    { name: '高校毕业生就业信息', domain: '教育', level: 2, freq: 'yearly', tags: ['毕业生', '就业'], fields: 'xm:姓名:string;byxx:毕业学校:string;zy:专业:string;jydw:就业单位:string;bynf:毕业年份:integer', legal: L.pipl },
    { name: '教师资格证书信息', domain: '教育', level: 1, freq: 'monthly', tags: ['教师', '资格证'], fields: 'zsbh:证书编号:string;xm:姓名:string;zgzl:资格种类:code;rjxk:任教学科:string' },
    { name: '普通高校招生计划', domain: '教育', level: 0, freq: 'yearly', tags: ['招生', '高考'], fields: 'yxmc:院校名称:string;zymc:专业名称:string;jhs:计划数:integer;xz:学制:integer' },
  ],
  '330000-ZJ': [
    { name: '商品房预售许可信息', domain: '住房', level: 0, freq: 'weekly', tags: ['商品房', '预售'], fields: 'xkzh:许可证号:string;xmmc:项目名称:string;kfqy:开发企业:string;ysts:预售套数:integer;fzrq:发证日期:date' },
    { name: '建筑业企业资质信息', domain: '建设', level: 1, freq: 'weekly', tags: ['建筑业', '资质'], fields: `${ORG};zzlb:资质类别:code;zzdj:资质等级:code` },
    { name: '存量房网签备案信息', domain: '住房', level: 2, freq: 'daily', tags: ['二手房', '网签'], fields: 'htbh:合同编号:string;fwzl:房屋坐落:string;jzmj:建筑面积(平方米):decimal;cjjg:成交价格(万元):decimal;wqrq:网签日期:date', legal: L.pipl },
    { name: '住房公积金缴存信息', domain: '住房', level: 3, freq: 'monthly', tags: ['公积金', '缴存'], fields: `${PERSON};jcjs:缴存基数(元):decimal;jcbl:缴存比例:decimal;zhye:账户余额(元):decimal`, legal: L.fund },
    { name: '物业服务企业名录', domain: '住房', level: 0, freq: 'semiannual', tags: ['物业', '名录'], fields: `${ORG};fwxms:服务项目数:integer` },
  ],
  '330000-ZR': [
    { name: '不动产登记信息', domain: '自然资源', level: 2, freq: 'daily', tags: ['不动产', '房产证'], fields: 'bdcdyh:不动产单元号:string;qlr:权利人:string;zl:坐落:string;qllx:权利类型:code;djsj:登记时间:datetime', legal: L.estate, condition: '仅限依据《不动产登记资料查询暂行办法》规定的情形查询，按不动产单元核验' },
    { name: '国有建设用地使用权出让信息', domain: '自然资源', level: 0, freq: 'weekly', tags: ['土地出让', '供地'], fields: 'dkbh:地块编号:string;dkwz:地块位置:string;mj:面积(平方米):decimal;cjjg:成交价格(万元):decimal;tdyt:土地用途:code' },
    { name: '基础地理信息数据', domain: '自然资源', level: 2, freq: 'yearly', tags: ['测绘', '地理信息'], fields: 'tfh:图幅号:string;blc:比例尺:code;sjgs:数据格式:string;gxrq:更新日期:date', legal: L.survey },
    { name: '地质灾害隐患点信息', domain: '防灾减灾', level: 1, freq: 'monthly', tags: ['地质灾害', '隐患'], fields: 'yhdbh:隐患点编号:string;zhlx:灾害类型:code;wz:位置:string;wxrs:威胁人数:integer' },
    { name: '矿业权出让登记信息', domain: '自然资源', level: 0, freq: 'monthly', tags: ['矿业权', '采矿'], fields: 'xkzh:许可证号:string;ksmc:矿山名称:string;kz:矿种:string;yxq:有效期至:date' },
  ],
  '330000-ST': [
    { name: '城市空气质量实时监测数据', domain: '生态环境', level: 0, freq: 'realtime', tags: ['空气质量', 'AQI'], fields: 'zdmc:站点名称:string;jcsj:监测时间:datetime;aqi:空气质量指数:integer;pm25:PM2.5浓度:decimal;sywrw:首要污染物:string' },
    { name: '地表水水质监测数据', domain: '生态环境', level: 0, freq: 'weekly', tags: ['水质', '断面'], fields: 'dmmc:断面名称:string;szlb:水质类别:code;rjy:溶解氧:decimal;adan:氨氮:decimal;jcrq:监测日期:date' },
    { name: '排污许可证信息', domain: '生态环境', level: 1, freq: 'weekly', tags: ['排污许可', '许可证'], fields: `${ORG};xkzbh:许可证编号:string;hylb:行业类别:code;yxq:有效期至:date` },
    { name: '建设项目环境影响评价审批信息', domain: '生态环境', level: 0, freq: 'weekly', tags: ['环评', '审批'], fields: 'xmmc:项目名称:string;jsdw:建设单位:string;spwh:审批文号:string;sprq:审批日期:date' },
    { name: '重点排污单位自动监测数据', domain: '生态环境', level: 1, freq: 'realtime', tags: ['在线监测', '排污'], fields: 'dwmc:单位名称:string;pfk:排放口:string;wrw:污染物:string;nd:浓度:decimal;jcsj:监测时间:datetime' },
  ],
  '330000-JT': [
    { name: '公交线路及站点信息', domain: '交通', level: 0, freq: 'monthly', tags: ['公交', '站点'], fields: 'xlbh:线路编号:string;xlmc:线路名称:string;zdmc:站点名称:string;sfsj:首发时间:string;mbsj:末班时间:string' },
    { name: '道路运输经营许可信息', domain: '交通', level: 1, freq: 'weekly', tags: ['道路运输', '许可'], fields: `${ORG};xkzh:许可证号:string;jyfw:经营范围:string` },
    { name: '高速公路实时路况', domain: '交通', level: 0, freq: 'realtime', tags: ['高速公路', '路况'], fields: 'ldmc:路段名称:string;fx:方向:code;yd:拥堵等级:code;sj:时间:datetime' },
    { name: '网约车驾驶员证信息', domain: '交通', level: 2, freq: 'daily', tags: ['网约车', '驾驶员'], fields: `${PERSON};zsbh:证书编号:string;fzrq:发证日期:date;zszt:证书状态:code`, legal: L.ride },
    { name: '营运车辆卫星定位轨迹', domain: '交通', level: 3, freq: 'realtime', tags: ['卫星定位', '轨迹'], fields: 'hphm:号牌号码:string;jd:经度:decimal;wd:纬度:decimal;sd:速度:decimal;dwsj:定位时间:datetime', legal: L.dsl },
  ],
  '330000-SW': [
    { name: '纳税信用A级纳税人名单', domain: '税务', level: 0, freq: 'yearly', tags: ['纳税信用', '信用'], fields: 'nsrsbh:纳税人识别号:string;nsrmc:纳税人名称:string;pdnd:评定年度:integer' },
    { name: '税务登记信息', domain: '税务', level: 1, freq: 'daily', tags: ['税务登记', '纳税人'], fields: 'nsrsbh:纳税人识别号:string;nsrmc:纳税人名称:string;zgswjg:主管税务机关:string;djrq:登记日期:date' },
    { name: '欠税公告信息', domain: '税务', level: 0, freq: 'quarterly', tags: ['欠税', '公告'], fields: 'nsrmc:纳税人名称:string;qssz:欠税税种:string;qsje:欠税金额(元):decimal;ggrq:公告日期:date' },
    { name: '纳税人申报信息', domain: '税务', level: 3, freq: 'monthly', tags: ['纳税申报', '税收'], fields: 'nsrsbh:纳税人识别号:string;sz:税种:code;sbje:申报金额(元):decimal;sbrq:申报日期:date', legal: L.tax },
    { name: '个人所得税纳税记录', domain: '税务', level: 3, freq: 'monthly', tags: ['个人所得税', '完税证明'], fields: `${PERSON};sdxm:所得项目:code;ynse:已缴税额(元):decimal;ssqj:税款所属期:string`, legal: L.tax },
    { name: '增值税发票开具汇总信息', domain: '税务', level: 2, freq: 'monthly', tags: ['发票', '增值税'], fields: 'nsrsbh:纳税人识别号:string;fpfs:发票份数:integer;kpje:开票金额(元):decimal;tjyf:统计月份:date', legal: L.tax },
  ],
  '330000-TJ': [
    { name: '国民经济主要指标', domain: '统计', level: 0, freq: 'monthly', tags: ['GDP', '经济'], fields: 'zbmc:指标名称:string;zbz:指标值:decimal;dw:单位:string;tjyf:统计月份:date;tbzz:同比增长(%):decimal' },
    { name: '人口抽样调查主要数据', domain: '统计', level: 0, freq: 'yearly', tags: ['人口', '抽样调查'], fields: `${REGION};czrk:常住人口(万人):decimal;csh:城镇化率(%):decimal;tjnd:统计年度:integer` },
    { name: '居民消费价格指数', domain: '统计', level: 0, freq: 'monthly', tags: ['CPI', '价格'], fields: 'lb:类别:string;tbzs:同比指数:decimal;hbzs:环比指数:decimal;tjyf:统计月份:date' },
    { name: '规模以上工业生产情况', domain: '统计', level: 0, freq: 'quarterly', tags: ['工业', '增加值'], fields: 'hy:行业:string;zjz:增加值(亿元):decimal;zzl:增长率(%):decimal;tjjd:统计季度:string' },
    { name: '统计调查单位名录', domain: '统计', level: 1, freq: 'yearly', tags: ['名录库', '调查单位'], fields: `${ORG};hydm:行业代码:code;gm:规模:code` },
    { name: '经济普查单位微观数据', domain: '统计', level: 3, freq: 'irregular', tags: ['经济普查', '普查'], fields: `${ORG};yysr:营业收入(万元):decimal;cyrs:从业人数:integer`, legal: L.stats },
  ],
  '330000-NY': [
    { name: '主要农产品批发价格', domain: '农业', level: 0, freq: 'daily', tags: ['农产品', '价格'], fields: 'pz:品种:string;scmc:市场名称:string;pjj:平均价(元/公斤):decimal;rq:日期:date' },
    { name: '家庭农场名录', domain: '农业', level: 0, freq: 'semiannual', tags: ['家庭农场', '新型经营主体'], fields: 'ncmc:农场名称:string;jyz:经营者:string;jymj:经营面积(亩):decimal;zycy:主营产业:string' },
    { name: '耕地地力保护补贴发放信息', domain: '农业', level: 2, freq: 'yearly', tags: ['补贴', '耕地'], fields: `${PERSON};btmj:补贴面积(亩):decimal;btje:补贴金额(元):decimal;ffnd:发放年度:integer`, legal: L.pipl },
    { name: '动物防疫条件合格证信息', domain: '畜牧兽医', level: 1, freq: 'monthly', tags: ['动物防疫', '许可'], fields: 'zsbh:证书编号:string;dwmc:单位名称:string;jyfw:经营范围:string;fzrq:发证日期:date' },
    { name: '农药经营许可信息', domain: '农业', level: 1, freq: 'monthly', tags: ['农药', '许可'], fields: `${ORG};xkzh:许可证号:string;yxq:有效期至:date` },
  ],
  '330000-SL': [
    { name: '实时雨水情信息', domain: '水利', level: 0, freq: 'realtime', tags: ['雨情', '水情', '防汛'], fields: 'czmc:测站名称:string;sw:水位(米):decimal;yl:雨量(毫米):decimal;sj:时间:datetime' },
    { name: '水库基本信息', domain: '水利', level: 0, freq: 'yearly', tags: ['水库', '名录'], fields: 'skmc:水库名称:string;zkr:总库容(万立方米):decimal;gm:规模:code;szd:所在地:string' },
    { name: '取水许可信息', domain: '水资源', level: 1, freq: 'monthly', tags: ['取水许可', '水资源'], fields: `${ORG};qsl:年取水量(万立方米):decimal;qsyt:取水用途:code;yxq:有效期至:date` },
    { name: '河湖长制公示信息', domain: '水利', level: 0, freq: 'semiannual', tags: ['河长制', '河湖'], fields: 'hhmc:河湖名称:string;hzxm:河长姓名:string;zw:职务:string;jdzdh:监督电话:string' },
    { name: '水利工程安全鉴定信息', domain: '水利', level: 1, freq: 'irregular', tags: ['水利工程', '安全'], fields: 'gcmc:工程名称:string;jdjl:鉴定结论:code;jdrq:鉴定日期:date' },
  ],
  '330000-WH': [
    { name: 'A级旅游景区名录', domain: '文化旅游', level: 0, freq: 'quarterly', tags: ['景区', '旅游'], fields: 'jqmc:景区名称:string;dj:等级:code;dz:地址:string;kfsj:开放时间:string' },
    { name: '文物保护单位名录', domain: '文化旅游', level: 0, freq: 'irregular', tags: ['文物', '文保单位'], fields: 'mc:名称:string;jb:保护级别:code;nd:年代:string;dz:地址:string' },
    { name: '旅行社名录', domain: '文化旅游', level: 0, freq: 'monthly', tags: ['旅行社', '名录'], fields: `${ORG};xkzh:经营许可证号:string` },
    { name: '公共文化场馆信息', domain: '公共文化', level: 0, freq: 'semiannual', tags: ['图书馆', '博物馆'], fields: 'cgmc:场馆名称:string;cglx:场馆类型:code;kfsj:开放时间:string;dz:地址:string' },
    { name: '互联网上网服务营业场所许可信息', domain: '文化市场', level: 1, freq: 'monthly', tags: ['网吧', '许可'], fields: `${ORG};xkzh:许可证号:string;zdsl:终端数量:integer` },
    { name: '营业性演出许可信息', domain: '文化市场', level: 1, freq: 'weekly', tags: ['演出', '许可'], fields: 'pzwh:批准文号:string;ycmc:演出名称:string;ycdd:演出地点:string;ycrq:演出日期:date' },
  ],
  '330000-SF': [
    { name: '律师执业信息', domain: '法律服务', level: 0, freq: 'monthly', tags: ['律师', '执业证'], fields: 'xm:姓名:string;zyzh:执业证号:string;lsswsmc:律师事务所:string;zyzt:执业状态:code' },
    { name: '公证机构名录', domain: '法律服务', level: 0, freq: 'yearly', tags: ['公证', '名录'], fields: 'jgmc:机构名称:string;dz:地址:string;lxdh:联系电话:string' },
    { name: '法律援助案件信息', domain: '法律服务', level: 2, freq: 'monthly', tags: ['法律援助', '案件'], fields: 'ajbh:案件编号:string;sqr:申请人:string;ajlx:案件类型:code;slrq:受理日期:date', legal: L.legalAid },
    { name: '社区矫正对象信息', domain: '司法行政', level: 3, freq: 'daily', tags: ['社区矫正'], fields: `${PERSON};jzlb:矫正类别:code;jzqx:矫正期限:string;jzjg:矫正机构:string`, legal: L.corrections },
    { name: '人民调解组织名录', domain: '司法行政', level: 0, freq: 'semiannual', tags: ['人民调解', '调解'], fields: 'zzmc:组织名称:string;zzlx:组织类型:code;tjys:调解员数:integer' },
    { name: '司法鉴定机构名录', domain: '法律服务', level: 0, freq: 'yearly', tags: ['司法鉴定', '名录'], fields: 'jgmc:机构名称:string;jdlb:鉴定类别:string;xkzh:许可证号:string' },
  ],
  '330000-YB': [
    { name: '基本医疗保险参保登记信息', domain: '医疗保障', level: 2, freq: 'daily', tags: ['医保', '参保'], fields: `${PERSON};xzlx:险种类型:code;cbzt:参保状态:code;cbd:参保地:string`, legal: L.social, condition: '仅限办理医疗保障、社会救助相关政务服务事项核验使用' },
    { name: '医保定点医药机构名录', domain: '医疗保障', level: 0, freq: 'monthly', tags: ['定点医院', '定点药店'], fields: 'jgbm:机构编码:string;jgmc:机构名称:string;jglx:机构类型:code;dz:地址:string' },
    { name: '医保结算明细', domain: '医疗保障', level: 3, freq: 'realtime', tags: ['医保结算', '费用'], fields: `${PERSON};jsrq:结算日期:datetime;zfy:总费用(元):decimal;tczf:统筹支付(元):decimal`, legal: L.medicalFund },
    { name: '药品挂网价格信息', domain: '医疗保障', level: 0, freq: 'weekly', tags: ['药品', '集中采购'], fields: 'ypbm:药品编码:string;tym:通用名:string;gg:规格:string;gwjg:挂网价格(元):decimal' },
    { name: '门诊慢特病待遇认定信息', domain: '医疗保障', level: 2, freq: 'monthly', tags: ['慢特病', '待遇'], fields: `${PERSON};bz:病种:string;rdrq:认定日期:date;yxq:有效期至:date`, legal: L.medicalFund },
  ],
};

/** Default legal basis of restricted and non-shared entries, where a topic names none. */
const AGENCY_LEGAL: Record<string, string> = {
  '330000-GA': L.hukou,
  '330000-SW': L.tax,
  '330000-TJ': L.stats,
  '330000-RS': L.social,
  '330000-WJ': L.health,
  '330000-YB': L.medicalFund,
};
const GENERIC_LEGAL = [L.zj354, L.zjData, L.gf51, L.pipl, L.dsl];

const CITIES = ['杭州市', '宁波市', '温州市', '嘉兴市', '湖州市', '绍兴市', '金华市', '衢州市', '舟山市', '台州市', '丽水市'];
const FORMATS = ['JSON', 'CSV', 'XLSX', 'XML', 'API', 'SHP', 'PDF'];
const FREQ_WORDS: Record<UpdateFrequency, string> = {
  realtime: '实时更新', daily: '每日更新', weekly: '每周更新', monthly: '每月更新', quarterly: '每季度更新',
  semiannual: '每半年更新', yearly: '每年更新', irregular: '不定期更新',
};
const TYPE_WORDS: Record<string, string> = {
  string: '文本', code: '代码，取值见相应国家或行业标准', date: '日期，格式 YYYY-MM-DD', datetime: '日期时间，ISO 8601',
  integer: '整数', decimal: '数值',
};
const ALL_FREQUENCIES: UpdateFrequency[] = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'semiannual', 'yearly', 'irregular'];

function parseFields(spec: string): CatalogField[] {
  return spec.split(';').map((part) => {
    const [name = '', label = '', type = 'string'] = part.split(':');
    return { name, label, type, description: `${label}（${TYPE_WORDS[type] ?? type}）` };
  });
}

function agency(code: string): AgencySeed {
  const found = AGENCIES.find((a) => a.code === code);
  if (!found) throw new Error('unknown agency ' + code);
  return found;
}

function topic(agencyCode: string, name: string): Topic {
  const found = TOPICS[agencyCode]?.find((t) => t.name === name);
  if (!found) throw new Error('unknown topic ' + name);
  return found;
}

const START = Date.UTC(2018, 0, 1);
const END = Date.UTC(2026, 9, 31);

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

interface Shape {
  sharing: SharingClass;
  open: OpenClass;
  frequency: UpdateFrequency;
  variant?: string;
  condition?: string;
}

function buildItem(seq: number, agencyCode: string, t: Topic, shape: Shape, rng: () => number): CatalogItem {
  const a = agency(agencyCode);
  const name = shape.variant ? shape.variant.replace('{}', t.name) : t.name;
  const fields = parseFields(t.fields);
  const labels = fields.slice(0, 4).map((f) => f.label).join('、');
  const use = shape.sharing === 'unconditional'
    ? '可供各级政务部门直接共享使用。'
    : shape.sharing === 'restricted'
      ? '按受限共享方式提供，经提供部门审核同意后使用。'
      : '依法不予共享，确有需要的仅可申请脱敏后的数据。';
  const summary = `${a.name}归集的${name}，包含${labels}等${fields.length}项数据，${FREQ_WORDS[shape.frequency]}。${use}`;
  const published = START + Math.floor(rng() * (END - START) * 0.8);
  const updated = published + Math.floor(rng() * (END - published));
  const formatCount = 1 + Math.floor(rng() * 3);
  const formats: string[] = [];
  for (let i = 0; formats.length < formatCount && i < 10; i++) {
    const f = pick(rng, FORMATS);
    if (!formats.includes(f)) formats.push(f);
  }
  const item: CatalogItem = {
    id: `${a.code}-${String(seq).padStart(6, '0')}`,
    name,
    summary,
    agency: { code: a.code, name: a.name },
    sharing: shape.sharing,
    open: shape.open,
    updateFrequency: shape.frequency,
    formats,
    domain: t.domain,
    tags: [...new Set([...t.tags, t.domain])],
    publishedAt: iso(published),
    updatedAt: iso(updated),
    fields,
  };
  if (shape.sharing !== 'unconditional') {
    item.legalBasis = t.legal ?? AGENCY_LEGAL[a.code] ?? pick(rng, GENERIC_LEGAL);
    if (!item.legalBasis.includes('354')) item.legalBasis += `；${L.zj354}`;
  }
  if (shape.sharing === 'restricted') item.sharingCondition = shape.condition ?? t.condition ?? pick(rng, CONDITIONS);
  return item;
}

/** The hand-picked head of the catalog (see SEED_IDS). */
function fixedEntries(rng: () => number): CatalogItem[] {
  const spec: Array<[string, string, Shape]> = [
    ['330000-TJ', '国民经济主要指标', { sharing: 'unconditional', open: 'open', frequency: 'monthly' }],
    ['330000-GA', '居民户籍登记信息', { sharing: 'restricted', open: 'closed', frequency: 'daily' }],
    ['330000-GA', '违法犯罪人员信息', { sharing: 'none', open: 'closed', frequency: 'realtime' }],
    ['330000-GA', '公安派出所名录', { sharing: 'unconditional', open: 'open', frequency: 'yearly' }],
    ['330000-SJ', '政务云资源使用情况', { sharing: 'unconditional', open: 'closed', frequency: 'monthly' }],
    ['330000-ST', '重点排污单位自动监测数据', { sharing: 'unconditional', open: 'conditional', frequency: 'realtime' }],
    ['330000-YB', '基本医疗保险参保登记信息', { sharing: 'restricted', open: 'closed', frequency: 'daily' }],
    ['330000-GA', '道路交通事故统计', { sharing: 'none', open: 'conditional', frequency: 'semiannual', variant: '{}（分路段明细）' }],
  ];
  return spec.map(([code, name, shape], i) => buildItem(i + 1, code, topic(code, name), shape, rng));
}

function shapeFor(t: Topic, rng: () => number): Shape {
  const r = rng();
  let sharing: SharingClass;
  if (t.level === 0) sharing = r < 0.95 ? 'unconditional' : 'restricted';
  else if (t.level === 1) sharing = r < 0.75 ? 'unconditional' : 'restricted';
  else if (t.level === 2) sharing = r < 0.85 ? 'restricted' : 'none';
  else sharing = r < 0.8 ? 'none' : 'restricted';
  // Personal and sensitive data (levels 2, 3) is never opened to the public (Art. 25).
  const o = rng();
  let open: OpenClass;
  if (t.level >= 2) open = 'closed';
  else if (sharing === 'unconditional') open = t.level === 0 ? (o < 0.7 ? 'open' : o < 0.95 ? 'conditional' : 'closed') : o < 0.45 ? 'open' : o < 0.8 ? 'conditional' : 'closed';
  else open = o < 0.4 ? 'conditional' : 'closed';
  const frequency = rng() < 0.8 ? t.freq : pick(rng, ALL_FREQUENCIES);
  const v = rng();
  const variant = v < 0.3 ? undefined : v < 0.8 ? `${pick(rng, CITIES)}{}` : `{}（${2019 + Math.floor(rng() * 7)}年）`;
  return variant ? { sharing, open, frequency, variant } : { sharing, open, frequency };
}

/**
 * `count` catalog entries from the seed: the fixed entries of SEED_IDS first, then entries
 * spread round-robin over every agency (so 200+ entries cover all 18 agencies). Same
 * arguments, same entries.
 */
export function generateCatalog(count: number, seed = DEFAULT_CATALOG_SEED): CatalogItem[] {
  const rng = prng(seed);
  const items = fixedEntries(prng(seed ^ 0x5eed)).slice(0, Math.max(0, count));
  const codes = AGENCIES.map((a) => a.code).filter((code) => TOPICS[code]?.length);
  for (let seq = items.length + 1; items.length < count; seq++) {
    const code = codes[(seq - 1) % codes.length]!;
    const t = pick(rng, TOPICS[code]!);
    items.push(buildItem(seq, code, t, shapeFor(t, rng), rng));
  }
  return items;
}

/** The catalog of the demo backend (SPEC §5): 240 entries by default. */
export function catalogSeed(count = 240): CatalogItem[] {
  return generateCatalog(count, DEFAULT_CATALOG_SEED);
}

/** The withdrawn entry of SEED_IDS.withdrawn: stored with a deletion time, never listed or shown. */
export function withdrawnSeedItem(): CatalogItem {
  const rng = prng(DEFAULT_CATALOG_SEED ^ 0xdead);
  return { ...buildItem(999999, '330000-MZ', topic('330000-MZ', '养老机构名录'), { sharing: 'unconditional', open: 'open', frequency: 'semiannual', variant: '{}（已撤销）' }, rng), id: SEED_IDS.withdrawn };
}
