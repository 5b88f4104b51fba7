import { printSizes } from '../scripts/sizes.mjs';

printSizes(['index', 'provider', 'shared', 'fields', 'catalog-browser', 'certificate-lookup', 'signature', 'application-form']);
