/** Tables of the applications area (see server/store/migrations). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ApplicationsTables {}
