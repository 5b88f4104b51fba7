/** Provincial agencies of Zhejiang that provide data, issue certificates or run services. */
export interface AgencySeed {
  code: string;
  name: string;
  nameEn: string;
}

export const AGENCIES: readonly AgencySeed[] = [
  { code: '330000-SJ', name: '浙江省大数据发展管理局', nameEn: 'Zhejiang Big Data Development Administration' },
  { code: '330000-GA', name: '浙江省公安厅', nameEn: 'Zhejiang Public Security Department' },
  { code: '330000-MZ', name: '浙江省民政厅', nameEn: 'Zhejiang Civil Affairs Department' },
  { code: '330000-SC', name: '浙江省市场监督管理局', nameEn: 'Zhejiang Administration for Market Regulation' },
  { code: '330000-RS', name: '浙江省人力资源和社会保障厅', nameEn: 'Zhejiang Human Resources and Social Security Department' },
  { code: '330000-WJ', name: '浙江省卫生健康委员会', nameEn: 'Zhejiang Health Commission' },
  { code: '330000-JY', name: '浙江省教育厅', nameEn: 'Zhejiang Education Department' },
  { code: '330000-ZJ', name: '浙江省住房和城乡建设厅', nameEn: 'Zhejiang Housing and Urban-Rural Development Department' },
  { code: '330000-ZR', name: '浙江省自然资源厅', nameEn: 'Zhejiang Natural Resources Department' },
  { code: '330000-ST', name: '浙江省生态环境厅', nameEn: 'Zhejiang Ecology and Environment Department' },
  { code: '330000-JT', name: '浙江省交通运输厅', nameEn: 'Zhejiang Transport Department' },
  { code: '330000-SW', name: '国家税务总局浙江省税务局', nameEn: 'Zhejiang Provincial Tax Service' },
  { code: '330000-TJ', name: '浙江省统计局', nameEn: 'Zhejiang Statistics Bureau' },
  { code: '330000-NY', name: '浙江省农业农村厅', nameEn: 'Zhejiang Agriculture and Rural Affairs Department' },
  { code: '330000-SL', name: '浙江省水利厅', nameEn: 'Zhejiang Water Resources Department' },
  { code: '330000-WH', name: '浙江省文化广电和旅游厅', nameEn: 'Zhejiang Culture, Radio, Television and Tourism Department' },
  { code: '330000-SF', name: '浙江省司法厅', nameEn: 'Zhejiang Justice Department' },
  { code: '330000-YB', name: '浙江省医疗保障局', nameEn: 'Zhejiang Healthcare Security Administration' },
];
