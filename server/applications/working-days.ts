// One rule for the browser's receipt and the server's due dates: the pure module in src/core.
export { addWorkingDays, workingDaysBetween } from '../../src/core/working-days';
