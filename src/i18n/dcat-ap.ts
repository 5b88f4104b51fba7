import { defineMessages } from '../core/i18n';
import { defineDomainThemes } from '../core/eu-vocabularies';

/**
 * Texts of the DCAT-AP export (src/core/dcat-ap.ts, which each side's caller registers by
 * importing this table): written in both languages into the
 * metadata a portal harvests, so a national portal reads the Chinese and an EU one the
 * English. The EU data-theme labels in English are those of the authority table.
 */
export const dcatMsg = defineMessages(
  {
    'dcat.catalog.title': '浙江省公共数据开放目录',
    'dcat.catalog.description': '依《浙江省公共数据和电子政务管理办法》第二十七条开放的公共数据目录，每个数据集附有数据接口和（无条件开放的）下载地址。',
    'dcat.service.title': '公共数据接口',
    'dcat.service.description': '按条件查询数据集记录的请求—响应接口（第二十三条）；无条件开放的数据任何人可调用，其他数据凭授权调用。',
    'dcat.distribution.rows': '数据接口（JSON，分页，可按字段精确查询）',
    'dcat.distribution.csv': '完整数据集下载（CSV）',
    'dcat.distribution.json': '完整数据集下载（JSON）',
    'dcat.distribution.declared': ({ format }) => `${format} 格式（经数据目录申请获取）`,
    'dcat.distribution.format': ({ format }) => `${format} 格式`,
    'dcat.theme.AGRI': '农业、渔业、林业和食品',
    'dcat.theme.ECON': '经济和金融',
    'dcat.theme.EDUC': '教育、文化和体育',
    'dcat.theme.ENER': '能源',
    'dcat.theme.ENVI': '环境',
    'dcat.theme.GOVE': '政府和公共部门',
    'dcat.theme.HEAL': '卫生',
    'dcat.theme.INTR': '国际事务',
    'dcat.theme.JUST': '司法、法律体系和公共安全',
    'dcat.theme.REGI': '地区和城市',
    'dcat.theme.SOCI': '人口和社会',
    'dcat.theme.TECH': '科学和技术',
    'dcat.theme.TRAN': '交通',
  },
  {
    'dcat.catalog.title': 'Zhejiang Province open public data catalogue',
    'dcat.catalog.description': 'The public data opened under Art. 27 of the Zhejiang Province Public Data and E-Government Management Measures; every dataset has its data API and, when open to all, its downloads.',
    'dcat.service.title': 'Public data API',
    'dcat.service.description': 'Request-response API returning a dataset\u2019s records page by page, with exact-match filters on its fields (Art. 23): anyone may call it for data open to all, a grant holder for other data.',
    'dcat.distribution.rows': 'Data API (JSON, paged, exact-match filters on fields)',
    'dcat.distribution.csv': 'Whole dataset download (CSV)',
    'dcat.distribution.json': 'Whole dataset download (JSON)',
    'dcat.distribution.declared': ({ format }) => `${format} format (requested through the catalogue)`,
    'dcat.distribution.format': ({ format }) => `${format} format`,
    'dcat.theme.AGRI': 'Agriculture, fisheries, forestry and food',
    'dcat.theme.ECON': 'Economy and finance',
    'dcat.theme.EDUC': 'Education, culture and sport',
    'dcat.theme.ENER': 'Energy',
    'dcat.theme.ENVI': 'Environment',
    'dcat.theme.GOVE': 'Government and public sector',
    'dcat.theme.HEAL': 'Health',
    'dcat.theme.INTR': 'International issues',
    'dcat.theme.JUST': 'Justice, legal system and public safety',
    'dcat.theme.REGI': 'Regions and cities',
    'dcat.theme.SOCI': 'Population and society',
    'dcat.theme.TECH': 'Science and technology',
    'dcat.theme.TRAN': 'Transport',
  },
);

/**
 * The catalog's domains (数据领域) and the EU data theme each belongs to. A domain not
 * listed gets no EU theme; its own concept still names it.
 */
defineDomainThemes({
  统计: 'ECON', 税务: 'ECON', 信用: 'ECON', 市场监管: 'ECON',
  人口: 'SOCI', 社会救助: 'SOCI', 人才: 'SOCI', 民政: 'SOCI', 就业: 'SOCI', 社会保障: 'SOCI', 劳动关系: 'SOCI', 养老服务: 'SOCI',
  社会治安: 'JUST', 法律服务: 'JUST', 安全生产: 'JUST', 司法行政: 'JUST',
  数字政府: 'GOVE', 数据资源: 'GOVE', 政务服务: 'GOVE',
  生态环境: 'ENVI', 防灾减灾: 'ENVI', 水利: 'ENVI', 自然资源: 'ENVI', 水资源: 'ENVI',
  医疗保障: 'HEAL', 卫生健康: 'HEAL', 疾病防控: 'HEAL',
  交通: 'TRAN',
  农业: 'AGRI', 畜牧兽医: 'AGRI',
  文化市场: 'EDUC', 教育: 'EDUC', 文化旅游: 'EDUC', 公共文化: 'EDUC',
  住房: 'REGI', 建设: 'REGI',
});
