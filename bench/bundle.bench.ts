import { existsSync, readdirSync } from 'node:fs';
import { gzippedKb } from './support';

console.log('Gzipped sizes of the built files (npm run build):');
for (const file of ['dist/egov-elements.js', ...readdirSync('dist').filter((f) => f.endsWith('.js') && f !== 'egov-elements.js').map((f) => 'dist/' + f)]) {
  if (existsSync(file)) console.log(`  ${file.padEnd(40)} ${gzippedKb(file)}`);
}
for (const file of readdirSync('dist/chunks')) console.log(`  ${('dist/chunks/' + file).padEnd(40)} ${gzippedKb('dist/chunks/' + file)}`);
