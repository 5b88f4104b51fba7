import type { ApplicationsTables } from './applications';
import type { CasesTables } from './cases';
import type { CatalogTables } from './catalog';
import type { CataloguingTables } from './cataloguing';
import type { CertificatesTables } from './certificates';
import type { CoreTables } from './core';
import type { DataTables } from './data';
import type { SignaturesTables } from './signatures';

/**
 * Every table the server keeps, as Kysely sees it: one interface per area, in the area's
 * own file, so each area's tables are described beside each other and nowhere else.
 */
export interface Schema extends CoreTables, CatalogTables, CertificatesTables, SignaturesTables, ApplicationsTables, CasesTables, DataTables, CataloguingTables {}
