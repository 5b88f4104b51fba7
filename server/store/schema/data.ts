/** Tables of the data area (see server/store/migrations). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DataTables {}
