// The bundle's and each element's download (gzip and brotli; zh-CN and en pages), with the
// issue's goals beside them. Run after `node scripts/build.mjs`.
import { printSizes } from '../scripts/sizes.mjs';

printSizes();
